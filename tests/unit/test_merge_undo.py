"""Undo of a merge takes its articles back too (with everything on them), redo brings them back,
and neither happens while someone else's later work on those articles would go with them."""

from __future__ import annotations

import json

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles, history
from gegenlesen.storage.claims import add_claim, delete_claim, update_claim
from gegenlesen.storage.corrections import correct
from gegenlesen.storage.db import Store
from gegenlesen.storage.links import add_link
from gegenlesen.storage.merge import merge

from .team import TEXTS, new_db, put_claim

NOT_COMPARED = {
    "history": "its rows stay, marked undone or done",
    "sqlite_sequence": "claim, link and correction ids are never used twice (AUTOINCREMENT)",
    "crossref_counter": "moves on, so that the cross-reading index sees the change",
    "crossref_stamps": "the articles that lost or regained claims are stamped anew",
    "_sqlite_migrations": "written once",
}
"""Tables whose content a merge and its undo leave changed on purpose; the FTS index's shadow
tables are checked with FTS5's own integrity check instead."""


def snapshot(db: Store) -> dict[str, list[tuple]]:
    """Every row of every table that holds the user's data, in a fixed order."""
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' ORDER BY name")]
    return {table: sorted(db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables if table not in NOT_COMPARED}


def fts_intact(db: Store) -> bool:
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")  # raises when not
    return True


def found(db: Store, word: str) -> list[int]:
    return [row[0] for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [word])]


@pytest.fixture
def pair(tmp_path):
    """Anna's database (werk.txt) and Ben's (hafen.txt and werk.txt) with his claims, a link
    between them and an entity correction."""
    mine = new_db(tmp_path / "anna.db", ["werk.txt"])
    put_claim(mine, 1, 0, "anna", "event", "true")
    theirs = new_db(tmp_path / "ben.db", ["hafen.txt", "werk.txt"])
    on_hafen = put_claim(theirs, 1, 0, "ben", "figure", "false", note="vier oder fünf?")
    on_werk = put_claim(theirs, 2, 1, "ben", "figure", "true")
    add_link(theirs, on_hafen, on_werk, "related", "ben")
    correct(theirs, "Emden", "LOC", "ben")
    theirs.close()
    yield mine, tmp_path / "ben.db"
    mine.close()


def hafen(db: Store) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE source = 'hafen.txt'").fetchone()
    return row[0] if row else None


def test_undo_of_a_merge_leaves_the_database_as_it_was_and_redo_as_merged(pair):
    mine, other = pair
    before = snapshot(mine)
    merge(mine, other, "lead")
    merged = snapshot(mine)
    added = hafen(mine)
    assert found(mine, "Reederei") == [added]

    step = history.undo(mine, "lead")
    assert step.describe() == "Undid: add 1 article with its analysis, 2 claims, 1 link, 1 correction"
    assert step.changed and step.kind == "articles" and step.target == added
    assert snapshot(mine) == before
    assert hafen(mine) is None and found(mine, "Reederei") == [] and fts_intact(mine)
    assert mine.execute("SELECT count(*) FROM crossref_stamps WHERE article_id = ?", [added]).fetchone()[0] == 0
    assert history.undo(mine, "lead") is None  # it was one step

    step = history.redo(mine, "lead")
    assert step.describe() == "Redid: add 1 article with its analysis, 2 claims, 1 link, 1 correction"
    assert snapshot(mine) == merged  # the same ids, entities' too
    assert found(mine, "Reederei") == [added] and fts_intact(mine)
    history.undo(mine, "lead")
    assert snapshot(mine) == before


def test_the_articles_are_kept_in_history_only_while_they_can_be_redone(pair):
    mine, other = pair
    merge(mine, other, "lead")
    added = hafen(mine)

    def kept() -> dict:
        return json.loads(mine.execute("SELECT after FROM history WHERE kind = 'articles'").fetchone()[0])

    assert kept() == {"id": added}
    history.undo(mine, "lead")
    assert kept()["article"]["text"] == TEXTS["hafen.txt"] and len(kept()["sentences"]) == 2
    history.redo(mine, "lead")
    assert kept() == {"id": added}
    history.undo(mine, "lead")
    add_claim(mine, 1, 0, 9, "lead")  # a new action: the merge can no longer be redone
    assert kept() == {"id": added}
    assert history.redo(mine, "lead") is None


def test_someone_elses_claim_on_a_merged_article_stops_the_undo_until_it_is_gone(pair):
    mine, other = pair
    merge(mine, other, "lead")
    added = hafen(mine)
    theirs = add_claim(mine, added, 0, 9, "anna")
    unchanged = snapshot(mine)
    step = history.undo(mine, "lead")
    assert step.refused and not step.changed
    assert step.describe() == ("Cannot undo the merge: 1 claim (1 by anna) was made on its articles since and "
                               "would go with them. Nothing changed.")
    assert snapshot(mine) == unchanged
    assert mine.execute("SELECT DISTINCT state FROM history WHERE annotator = 'lead'").fetchall() == [("done",)]
    delete_claim(mine, theirs.id, "anna")
    assert history.undo(mine, "lead").changed and hafen(mine) is None


def test_own_later_work_on_a_merged_article_is_undone_first(pair):
    mine, other = pair
    before = snapshot(mine)
    merge(mine, other, "lead")
    add_claim(mine, hafen(mine), 0, 9, "lead")
    assert history.undo(mine, "lead").kind == "claims"  # the newest first, as always
    assert history.undo(mine, "lead").kind == "articles"
    assert snapshot(mine) == before


def test_a_changed_claim_of_the_merge_stops_the_undo(pair):
    mine, other = pair
    merge(mine, other, "lead")
    bens = mine.execute("SELECT id FROM claims WHERE annotator = 'ben' AND article_id = ?", [hafen(mine)]).fetchone()[0]
    update_claim(mine, bens, "ben", verdict="true")
    step = history.undo(mine, "lead")
    assert step.describe() == "Cannot undo the merge: ben changed claims it brought since. Nothing changed."
    assert hafen(mine) is not None
    history.undo(mine, "ben")
    assert history.undo(mine, "lead").changed and hafen(mine) is None


def test_a_link_to_a_claim_on_a_merged_article_stops_the_undo(pair):
    mine, other = pair
    merge(mine, other, "lead")
    bens = mine.execute("SELECT id FROM claims WHERE annotator = 'ben' AND article_id = ?", [hafen(mine)]).fetchone()[0]
    annas = mine.execute("SELECT id FROM claims WHERE annotator = 'anna'").fetchone()[0]
    add_link(mine, annas, bens, "supports", "anna")
    assert "1 link to claims on its articles was made since" in history.undo(mine, "lead").describe()


def test_a_new_version_of_a_merged_article_stops_the_undo(pair):
    mine, other = pair
    merge(mine, other, "lead")
    articles.add_article(mine, Article("hafen.txt", TEXTS["hafen.txt"] + " Nachtrag."), version_of=hafen(mine))
    assert "is a new version of one of its articles" in history.undo(mine, "lead").refused


def test_a_claim_on_a_taken_back_article_comes_back_as_nothing(pair):
    mine, other = pair
    merge(mine, other, "lead")
    add_claim(mine, hafen(mine), 0, 9, "anna")
    history.undo(mine, "anna")  # anna's claim is undone: nothing stands on the article
    history.undo(mine, "lead")
    before = snapshot(mine)
    step = history.redo(mine, "anna")  # its article is gone: nothing to bring back, and no error
    assert step is not None and not step.changed
    assert snapshot(mine) == before


def test_redo_is_refused_when_the_article_was_imported_again(pair):
    mine, other = pair
    merge(mine, other, "lead")
    history.undo(mine, "lead")
    again, _ = articles.add_article(mine, Article("hafen.txt", TEXTS["hafen.txt"]))
    before = snapshot(mine)
    step = history.redo(mine, "lead")
    assert step.refused.endswith(f"imported again since (as #{again}); merge the file again instead")
    assert snapshot(mine) == before
    assert merge(mine, other, "lead").claims_added == 2  # the way the step suggests


def test_redo_is_refused_when_another_article_took_the_id(pair):
    mine, other = pair
    merge(mine, other, "lead")
    added = hafen(mine)
    history.undo(mine, "lead")
    taken, _ = articles.add_article(mine, Article("neu.txt", "Ein ganz anderer Text über Kassel."))
    assert taken == added  # SQLite gives the free id out again
    step = history.redo(mine, "lead")
    assert step.refused == f"article #{added} is another article now, imported since; merge the file again instead"
    assert articles.get_article(mine, added).source == "neu.txt"


def test_a_merge_of_known_articles_only_undoes_as_before(pair, tmp_path):
    mine, other = pair
    copy = new_db(tmp_path / "copy.db", ["werk.txt"])
    put_claim(copy, 1, 2, "ben", "quote")
    copy.close()
    before = snapshot(mine)
    merge(mine, tmp_path / "copy.db", "lead")
    step = history.undo(mine, "lead")
    assert step.describe().startswith("Undid: add claim #") and not step.counts
    assert snapshot(mine) == before


def test_the_cross_reading_index_drops_and_regains_the_articles(pair):
    from gegenlesen.storage import crossindex

    mine, other = pair
    merge(mine, other, "lead")
    added = hafen(mine)
    assert added in crossindex.current(mine).entries
    history.undo(mine, "lead")
    index = crossindex.current(mine)
    assert added not in index.entries and all(passage.article_id != added for passage in index.sentences())
    history.redo(mine, "lead")
    assert added in crossindex.current(mine).entries
