"""Names across the corpus: sure in some articles, found in all, where they are names."""

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.names import CORPUS, spread_names, sure_corpus_names

TEXTS = [
    "Acme baut Chips. Heute wächst Acme.",
    "Das Werk von Acme steht in Posemuckel.",
    "Heute meldet Acme Zahlen, und die Acme-Aktie steigt.",
    "Die KI von KI-Firmen.",
]


def build(tmp_path, tagged, texts=TEXTS):
    db = open_database(tmp_path / "n.db")
    for number, text in enumerate(texts):
        article_id, _ = articles.add_article(db, Article(f"{number}.txt", text))
        found = [Entity(s, s + len(w), label, w, MODEL) for w, label, s in tagged.get(number, [])]
        sentences = [(0, len(text))] if ". " not in text else [(0, text.index(". ") + 1), (text.index(". ") + 2, len(text))]
        articles.store_analysis(db, article_id, Analysis(sentences, found, "test"))
    return db


def corpus_mentions(db, texts):
    return [(e.article_id, texts[e.article_id - 1][e.start:e.end], e.label)
            for e in articles.entities(db, range(1, len(texts) + 1)) if e.origin == CORPUS]


def test_a_name_tagged_in_two_articles_is_found_where_it_stands_alone(tmp_path):
    db = build(tmp_path, {0: [("Acme", "ORG", 0), ("Acme", "ORG", 30)], 1: [("Acme", "ORG", 13)],
                          3: [("KI", "ORG", 4)]})
    assert set(sure_corpus_names(db)) == {"Acme"}  # KI: a common noun, and only once
    assert spread_names(db) == 1  # the compound "Acme-Aktie" is left to the article's own names
    assert corpus_mentions(db, TEXTS) == [(3, "Acme", "ORG")]
    assert spread_names(db) == 1  # made again from scratch, never twice
    db.close()


def test_one_article_alone_teaches_nothing(tmp_path):
    db = build(tmp_path, {0: [("Acme", "ORG", 0), ("Acme", "ORG", 30)]})
    assert sure_corpus_names(db) == {} and spread_names(db) == 0
    db.close()


def test_a_common_word_the_model_mostly_left_alone_is_not_spread(tmp_path):
    # "Richter" is a surname three times and the judge four times, where the model left it alone
    texts = [
        "Dann sprach Anna Richter. Später kam Richter.",
        "Der Richter sprach. Dann ging Richter heim.",
        "Ein Richter fehlte. Kein Richter kam.",
        "Sie fragte den Richter. Er wies den Richter ab.",
    ]
    db = build(tmp_path, {0: [("Anna Richter", "PER", 12), ("Richter", "PER", 37)], 1: [("Richter", "PER", 30)]}, texts)
    assert spread_names(db) == 0
    db.close()


def test_each_article_keeps_its_own_label_for_a_name(tmp_path):
    texts = [
        "Wir sahen Zalando. Dann kam Zalando.",
        "Auch Zalando wuchs. Heute Zalando.",
        "Bei Zalando arbeitet sie. Zalando zahlt gut.",
    ]
    tagged = {0: [("Zalando", "ORG", 10), ("Zalando", "ORG", 28)], 1: [("Zalando", "ORG", 5)],
              2: [("Zalando", "LOC", 4)]}
    db = build(tmp_path, tagged, texts)
    assert spread_names(db) == 2
    assert corpus_mentions(db, texts) == [(2, "Zalando", "ORG"), (3, "Zalando", "LOC")]
    db.close()
