"""Names across the corpus: sure in some articles, found in all."""

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.names import CORPUS, spread_names, sure_corpus_names

TEXTS = [
    "Acme baut Chips. Acme wächst.",
    "Das Werk von Acme steht in Posemuckel.",
    "Heute meldet Acme Zahlen, und die Acme-Aktie steigt.",
    "Die KI von KI-Firmen.",
]


def build(tmp_path, tagged):
    db = open_database(tmp_path / "n.db")
    for number, text in enumerate(TEXTS):
        article_id, _ = articles.add_article(db, Article(f"{number}.txt", text))
        found = [Entity(s, s + len(w), label, w, MODEL) for w, label, s in tagged.get(number, [])]
        articles.store_analysis(db, article_id, Analysis([(0, len(text))], found, "test"))
    return db


def test_a_name_tagged_in_two_articles_is_found_in_every_article_that_has_it(tmp_path):
    db = build(tmp_path, {0: [("Acme", "ORG", 0), ("Acme", "ORG", 17)], 1: [("Acme", "ORG", 13)],
                          3: [("KI", "ORG", 4)]})
    assert sure_corpus_names(db) == {"Acme": "ORG"}  # KI: a common noun, and only once
    assert spread_names(db) == 2  # article 3: "Acme" and the "Acme" of "Acme-Aktie"
    third = [e for e in articles.entities(db, [3]) if e.origin == CORPUS]
    assert [(TEXTS[2][e.start:e.end], e.label) for e in third] == [("Acme", "ORG"), ("Acme", "ORG")]
    assert spread_names(db) == 2  # made again from scratch, never twice
    db.close()


def test_one_article_alone_teaches_nothing(tmp_path):
    db = build(tmp_path, {0: [("Acme", "ORG", 0), ("Acme", "ORG", 17)]})
    assert sure_corpus_names(db) == {} and spread_names(db) == 0
    db.close()
