"""Filling a database: demo seeding once, analysis of what is pending, idempotent import."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.demo import demo_articles
from gegenlesen.corpus.nlp.records import MODEL, RULE, USER, Analysis, Entity
from gegenlesen.storage import articles, corrections
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.library import analyse_pending, seed_demo_corpus
from gegenlesen.storage.meta import DEMO_SEEDED, get_meta


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "lib.db")
    yield database
    database.close()


def fake_analysis(text: str) -> Analysis:
    """Sentences split at '. ', the first word as an ORG, and a rule figure when there is a '6'."""
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            sentences.append((start, index + 1))
            start = index + 2
    first = text.split(" ", 1)[0]
    entities = [Entity(0, len(first), "ORG", first, MODEL)]
    if "6" in text:
        at = text.index("6")
        entities.append(Entity(at, at + 1, "CARDINAL", "6", RULE, {"number": 6}))
    return Analysis(sentences=sentences, entities=entities, pipeline="fake-1.0")


def test_seed_adds_the_demo_corpus_once(db):
    assert seed_demo_corpus(db) == 5
    assert articles.count(db) == 5
    assert seed_demo_corpus(db) == 0
    assert articles.count(db) == 5
    assert get_meta(db, DEMO_SEEDED) == "5"
    stored = [(row.source, row.sha256) for row in articles.list_articles(db)]
    assert stored == [(a.source, a.sha256) for a in demo_articles()]


def test_seed_empty_adds_nothing_now_or_later(db):
    assert seed_demo_corpus(db, empty=True) == 0
    assert articles.count(db) == 0
    assert get_meta(db, DEMO_SEEDED) == "skipped"
    assert seed_demo_corpus(db) == 0
    assert articles.count(db) == 0


def test_seed_on_reopen_does_not_duplicate(tmp_path):
    path = tmp_path / "re.db"
    first = open_database(path)
    seed_demo_corpus(first)
    first.close()
    again = open_database(path)
    assert seed_demo_corpus(again) == 0
    assert articles.count(again) == 5
    again.close()


def test_seed_does_not_add_demo_to_a_database_with_articles(db):
    articles.add_article(db, Article("eigen.txt", "Mein eigener Artikel."))
    assert seed_demo_corpus(db) == 0
    assert articles.count(db) == 1


def test_add_article_is_idempotent_by_sha256(db):
    text = "DeepSeek veröffentlicht R1. Die Börsen reagieren."
    first_id, added = articles.add_article(db, Article("a.txt", text))
    assert added
    same_id, added_again = articles.add_article(db, Article("anderer-name.txt", text))
    assert (same_id, added_again) == (first_id, False)
    assert articles.count(db) == 1
    other_id, added_other = articles.add_article(db, Article("b.txt", text + " "))
    assert added_other and other_id != first_id
    stored = articles.get_article(db, first_id)
    assert (stored.source, stored.text, stored.title, stored.words) == ("a.txt", text, "DeepSeek veröffentlicht R1.", 6)


def test_analyse_pending_stores_sentences_entities_and_pipeline(db):
    ids = [articles.add_article(db, Article(f"{n}.txt", f"Firma{n} zahlt 6 Euro. Dann mehr.")) for n in range(3)]
    seen = []
    calls = []

    def analyse(text, published):
        calls.append(text)
        return fake_analysis(text)

    done = analyse_pending(db, analyse, progress=lambda d, total, source: seen.append((d, total, source)))
    assert done == 3 and len(calls) == 3
    assert seen == [(1, 3, "0.txt"), (2, 3, "1.txt"), (3, 3, "2.txt")]
    assert articles.unanalysed(db) == []
    for article_id, _ in ids:
        article = articles.get_article(db, article_id)
        assert articles.sentences(db, article_id) == [(0, 20), (21, 31)]
        stored = articles.entities(db, [article_id])
        assert [(e.start, e.end, e.label, e.text, e.origin, e.value) for e in stored] == [
            (0, len(article.text.split()[0]), "ORG", article.text.split()[0], MODEL, None),
            (article.text.index("6"), article.text.index("6") + 1, "CARDINAL", "6", RULE, {"number": 6}),
        ]
        assert stored[0].key == f"name:{article.text.split()[0].casefold()}"
    assert {row.pipeline for row in articles.list_articles(db)} == {"fake-1.0"}
    assert [row.entities for row in articles.list_articles(db)] == [2, 2, 2]
    assert analyse_pending(db, analyse) == 0
    assert len(calls) == 3  # nothing analysed twice


def test_analyse_pending_stops_when_asked(db):
    for n in range(4):
        articles.add_article(db, Article(f"{n}.txt", f"Text {n}."))
    calls = []
    done = analyse_pending(db, lambda text, published: calls.append(text) or fake_analysis(text), should_stop=lambda: len(calls) >= 2)
    assert done == 2
    assert len(articles.unanalysed(db)) == 2
    assert analyse_pending(db, lambda text, published: fake_analysis(text)) == 2
    assert articles.unanalysed(db) == []


def test_reanalysis_replaces_model_and_rule_entities_but_keeps_user_ones(db):
    article_id, _ = articles.add_article(db, Article("u.txt", "Nvidia verliert 6 Prozent. Mehr."))
    articles.store_analysis(db, article_id, fake_analysis("Nvidia verliert 6 Prozent. Mehr."))
    with write(db):
        db.execute(
            "INSERT INTO entities (article_id, start, end, label, text, key, origin) VALUES (?, 16, 26, 'PERCENT', '6 Prozent', 'PERCENT:6 prozent', ?)",
            [article_id, USER],
        )
    articles.store_analysis(db, article_id, Analysis([(0, 26)], [Entity(0, 6, "ORG", "Nvidia")], "fake-2.0"))
    stored = articles.entities(db, [article_id])
    assert sorted((e.text, e.origin) for e in stored) == [("6 Prozent", USER), ("Nvidia", MODEL)]
    assert articles.sentences(db, article_id) == [(0, 26)]
    assert articles.list_articles(db)[0].pipeline == "fake-2.0"


def test_entities_of_no_articles_is_empty(db):
    assert articles.entities(db, []) == []


def test_list_articles_counts_entities_as_corrected(db):
    text = "Nvidia liefert. Nvidia baut. Horst Seehofer spricht."
    article_id, _ = articles.add_article(db, Article("a.txt", text))
    other_id, _ = articles.add_article(db, Article("b.txt", "Nichts von Chips hier. Horst Seehofer spricht."))
    found = [Entity(0, 6, "ORG", "Nvidia", MODEL), Entity(16, 22, "ORG", "Nvidia", MODEL),
             Entity(29, 43, "PER", "Horst Seehofer", MODEL)]
    articles.store_analysis(db, article_id, Analysis([(0, len(text))], found, "fake-1.0"))
    assert [row.entities for row in articles.list_articles(db)] == [3, 0]
    corrections.correct(db, "Nvidia", None, "ana")  # not an entity: no longer counts
    assert [row.entities for row in articles.list_articles(db)] == [1, 0]
    corrections.correct(db, "Horst Seehofer", "ORG", "ana")  # relabelled: still counts, and where untagged too
    assert [row.entities for row in articles.list_articles(db)] == [1, 1]
    assert [row.entities for row in articles.list_articles(db)] == [
        len(articles.entities(db, [i])) for i in (article_id, other_id)
    ]
