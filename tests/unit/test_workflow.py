"""The shared steps (tui.workflow): prepare the database, import then analyse, analyse what
is pending and spread names after it. Analyses are made by hand, so no model is loaded."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles, names
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import seed_demo_corpus
from gegenlesen.storage.meta import DEMO_SEEDED, get_meta
from gegenlesen.tui import workflow

TEXTS = {
    "hafen.txt": "Die Reederei Nordlicht meldet mehr Fracht. Der Hafen in Kiel wächst.\n",
    "bahn.txt": "Die Bahn fährt ab Montag öfter nach Lübeck. Nordlicht lobt den Plan.\n",
}


def hand_made(text: str, published=None) -> Analysis:
    """Sentences at '. ', and the first capitalised word after the first as an ORG."""
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] in " \n"):
            sentences.append((start, index + 1))
            start = index + 2
    words = text.split(" ")
    word = next(w for w in words[1:] if w[:1].isupper())
    at = text.index(word)
    return Analysis(sentences=sentences, entities=[Entity(at, at + len(word), "ORG", word, MODEL)],
                    pipeline="hand-1.0")


class Recorder:
    """An analyser that records what it was asked, in order, with the other events."""

    def __init__(self, events: list) -> None:
        self.events = events

    def __call__(self, text, published):
        self.events.append(("analysed", text.split(" ")[1]))
        return hand_made(text, published)


@pytest.fixture
def spreads(monkeypatch) -> list:
    """Each call of names.spread_names, recorded (and done)."""
    calls: list = []
    real = names.spread_names

    def spread(db, *args, **kwargs):
        calls.append(db)
        return real(db, *args, **kwargs)

    monkeypatch.setattr(names, "spread_names", spread)
    return calls


def write_texts(folder):
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_new_database_is_prepared_with_the_demo_corpus_once(tmp_path):
    first = workflow.prepare_database(tmp_path / "neu.db")
    assert (first.seeded_before, first.demo_added, articles.count(first.db)) == (False, 5, 5)
    first.db.close()
    again = workflow.prepare_database(tmp_path / "neu.db")
    assert (again.seeded_before, again.demo_added, articles.count(again.db)) == (True, 0, 5)
    again.db.close()


def test_empty_prepares_a_new_database_without_the_demo_corpus(tmp_path):
    prepared = workflow.prepare_database(tmp_path / "leer.db", empty=True)
    assert articles.count(prepared.db) == 0
    assert get_meta(prepared.db, DEMO_SEEDED) == "skipped"
    prepared.db.close()


def test_a_missing_directory_is_made_only_when_allowed(tmp_path):
    from gegenlesen.storage.errors import StoreError

    with pytest.raises(StoreError):
        workflow.prepare_database(tmp_path / "fehlt" / "a.db")
    prepared = workflow.prepare_database(tmp_path / "fehlt" / "a.db", create_parent=True, empty=True)
    assert (tmp_path / "fehlt" / "a.db").exists()
    prepared.db.close()


def test_articles_of_another_pipeline_are_marked_for_analysis(tmp_path):
    from gegenlesen.corpus.nlp.resolve import expected_pipeline_name

    if expected_pipeline_name(None) is None:
        pytest.skip("the default pipeline's name cannot be told without loading it")
    db = open_database(tmp_path / "alt.db")
    seed_demo_corpus(db, empty=True)
    article_id, _ = articles.add_article(db, Article("hafen.txt", TEXTS["hafen.txt"]))
    articles.store_analysis(db, article_id, hand_made(TEXTS["hafen.txt"]))
    db.close()
    prepared = workflow.prepare_database(tmp_path / "alt.db")
    assert prepared.to_reanalyse == 1
    assert articles.unanalysed(prepared.db) == [article_id]
    prepared.db.close()


def test_analyse_pending_reports_the_start_analyses_each_then_spreads_once(tmp_path, spreads):
    db = open_database(tmp_path / "a.db")
    seed_demo_corpus(db, empty=True)
    for name, text in TEXTS.items():
        articles.add_article(db, Article(name, text))
    events: list = []
    analysed = workflow.analyse_pending(db, Recorder(events), progress=lambda *seen: events.append(seen))
    assert analysed == 2
    assert events == [
        (0, 2, ""), ("analysed", "Reederei"), (1, 2, "hafen.txt"), ("analysed", "Bahn"), (2, 2, "bahn.txt"),
    ]
    assert articles.unanalysed(db) == []
    assert spreads == [db]
    db.close()


def test_with_nothing_pending_the_analyser_is_never_called(tmp_path, spreads):
    db = open_database(tmp_path / "a.db")
    seed_demo_corpus(db, empty=True)

    def must_not_run(text, published):
        raise AssertionError("nothing was pending")

    assert workflow.analyse_pending(db, must_not_run, progress=lambda *seen: pytest.fail("no progress")) == 0
    assert spreads == []
    db.close()


def test_import_then_analyse_says_what_was_imported_before_it_analyses(tmp_path, spreads):
    db = open_database(tmp_path / "a.db")
    seed_demo_corpus(db, empty=True)
    events: list = []
    done = workflow.import_then_analyse(
        db, [write_texts(tmp_path / "in")], Recorder(events),
        imported=lambda report: events.append(("imported", report.added)),
    )
    assert (done.report.added, done.analysed) == (2, 2)
    assert events[0] == ("imported", 2) and sorted(events[1:]) == [("analysed", "Bahn"), ("analysed", "Reederei")]
    assert articles.unanalysed(db) == [] and len(spreads) == 1
    db.close()


def test_import_without_an_analyser_leaves_the_articles_pending(tmp_path, spreads):
    db = open_database(tmp_path / "a.db")
    seed_demo_corpus(db, empty=True)
    done = workflow.import_then_analyse(db, [write_texts(tmp_path / "in")])
    assert (done.report.added, done.analysed) == (2, 0)
    assert len(articles.unanalysed(db)) == 2 and spreads == []
    db.close()


def test_an_interrupted_import_is_not_analysed(tmp_path):
    db = open_database(tmp_path / "a.db")
    seed_demo_corpus(db, empty=True)
    events: list = []
    files: list = []
    asked: list = []

    def stop_once() -> bool:  # after the first file, then never again: the analysis is not stopped by it
        if files and not asked:
            asked.append(True)
            return True
        return False

    done = workflow.import_then_analyse(
        db, [write_texts(tmp_path / "in")], Recorder(events), progress=lambda *seen: files.append(seen),
        should_stop=stop_once,
    )
    assert done.report.interrupted and done.report.added == 1 and done.analysed == 0
    assert events == [] and len(articles.unanalysed(db)) == 1
    db.close()


def test_create_app_prepares_a_database_it_is_not_given(tmp_path):
    from gegenlesen.tui.app import create_app

    seeded = create_app(tmp_path / "neu.db")
    assert articles.count(seeded.db) == 5
    empty = create_app(tmp_path / "leer.db", empty=True)
    assert articles.count(empty.db) == 0 and get_meta(empty.db, DEMO_SEEDED) == "skipped"
    for app in (seeded, empty):
        app.db.close()
