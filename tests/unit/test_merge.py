"""`gegenlesen merge`: another person's work comes in once, undoes as one batch, and bad files change nothing."""

from __future__ import annotations

import sqlite3

import pytest

from gegenlesen.storage import corrections, history
from gegenlesen.storage.db import open_database
from gegenlesen.storage.links import add_link
from gegenlesen.storage.merge import MergeError, merge
from gegenlesen.storage.schema import migrations
from gegenlesen.tui.cli import main

from .team import add_text, counts, new_db, put_claim, sha256


@pytest.fixture
def pair(tmp_path):
    """Anna's database (werk.txt) and Ben's (werk.txt and hafen.txt), each with claims."""
    mine = new_db(tmp_path / "anna.db", ["werk.txt"])
    put_claim(mine, 1, 0, "anna", "event", "true")
    corrections.correct(mine, "Nordlicht", "ORG", "anna")
    theirs = new_db(tmp_path / "ben.db", ["hafen.txt", "werk.txt"])
    werk = 2
    first = put_claim(theirs, werk, 0, "ben", "event", "false", note="Baujahr 2022?")
    second = put_claim(theirs, 1, 1, "ben", "quote", "true")
    add_link(theirs, first, second, "related", "ben")
    corrections.correct(theirs, "Nordlicht", None, "ben")  # contradicts anna's
    corrections.correct(theirs, "Emden", "LOC", "ben")
    theirs.close()
    yield mine, tmp_path / "ben.db"
    mine.close()


def test_merge_brings_articles_with_analysis_claims_links_and_corrections(pair):
    mine, other = pair
    report = merge(mine, other, "lead")
    assert (report.articles_added, report.articles_known, report.claims_added, report.links_added,
            report.corrections_added) == (1, 1, 2, 1, 1)
    hafen = mine.execute("SELECT id FROM articles WHERE source = 'hafen.txt'").fetchone()[0]
    assert mine.execute("SELECT count(*) FROM sentences WHERE article_id = ?", [hafen]).fetchone()[0] == 2
    assert mine.execute("SELECT text FROM entities WHERE article_id = ?", [hafen]).fetchall() == [("von",)]
    # Two annotators' claims on one span stay two claims, each with its own annotator, verdict and note.
    on_span = mine.execute('SELECT annotator, verdict, note FROM claims WHERE article_id = 1 AND start = 0 '
                           "ORDER BY annotator").fetchall()
    assert on_span == [("anna", "true", ""), ("ben", "false", "Baujahr 2022?")]
    assert mine.execute("SELECT relation, annotator FROM links").fetchall() == [("related", "ben")]
    assert corrections.label_of(mine, "Nordlicht") == (True, "ORG")  # contradicting: not applied
    assert corrections.label_of(mine, "Emden") == (True, "LOC")
    assert len(report.contradictions) == 1 and "Nordlicht" in report.contradictions[0]


def test_merging_twice_adds_nothing(pair):
    mine, other = pair
    merge(mine, other, "lead")
    before = counts(mine)
    again = merge(mine, other, "lead")
    assert not again.changed and counts(mine) == before


def test_undo_takes_the_merge_back_as_one_batch(pair):
    mine, other = pair
    before = counts(mine)
    report = merge(mine, other, "lead")
    step = history.undo(mine, "lead")
    added = report.articles_added + report.claims_added + report.links_added + report.corrections_added
    assert step.more == added - 1
    after = counts(mine)
    assert after["history"] == before["history"] + added  # the rows stay, undone
    for table in ("articles", "sentences", "entities", "claims", "links", "entity_corrections"):
        assert after[table] == before[table], table
    assert corrections.label_of(mine, "Emden") == (False, None)
    assert history.undo(mine, "lead") is None  # the whole merge was one step
    history.redo(mine, "lead")
    assert counts(mine)["claims"] == before["claims"] + report.claims_added


def test_a_newer_copy_of_the_same_claim_brings_its_verdict_an_older_one_does_not(tmp_path):
    mine = new_db(tmp_path / "a.db", ["werk.txt"])
    theirs = new_db(tmp_path / "b.db", ["werk.txt"])
    put_claim(mine, 1, 0, "anna", verdict="true", stamp="2026-01-02T00:00:00.000+00:00")
    put_claim(theirs, 1, 0, "anna", verdict="false", stamp="2026-01-03T00:00:00.000+00:00")
    put_claim(theirs, 1, 1, "anna", verdict="true", stamp="2026-01-01T00:00:00.000+00:00")
    theirs.close()
    report = merge(mine, tmp_path / "b.db", "lead")
    assert (report.claims_added, report.claims_updated) == (1, 1)
    assert mine.execute("SELECT verdict FROM claims WHERE start = 0").fetchall() == [("false",)]
    older = new_db(tmp_path / "c.db", ["werk.txt"])
    put_claim(older, 1, 0, "anna", verdict="misleading", stamp="2025-01-01T00:00:00.000+00:00")
    older.close()
    assert merge(mine, tmp_path / "c.db", "lead").claims_updated == 0
    assert mine.execute("SELECT verdict FROM claims WHERE start = 0").fetchall() == [("false",)]


def old_schema_db(path, stop_before="m014_curated_verdicts", version=13):
    """A database as gegenlesen of schema 13 left it, with one article and a claim."""
    db = new_db(path, ["hafen.txt"])
    put_claim(db, 1, 0, "ben", "figure", "true")
    db.close()
    raw = sqlite3.connect(path)
    raw.executescript("ALTER TABLE claims DROP COLUMN curated; ALTER TABLE claims DROP COLUMN curated_by; "
                      "ALTER TABLE claims DROP COLUMN curated_at; "
                      "DELETE FROM _sqlite_migrations WHERE name = 'm014_curated_verdicts';"
                      f"PRAGMA user_version = {version}; PRAGMA journal_mode = DELETE;")
    raw.close()
    return path


def test_an_older_schema_is_read_from_a_migrated_copy_and_left_unchanged(tmp_path):
    other = old_schema_db(tmp_path / "old.db")
    before = sha256(other)
    mine = new_db(tmp_path / "mine.db", [])
    report = merge(mine, other, "lead")
    assert report.migrated_from == 13 and report.claims_added == 1 and report.articles_added == 1
    assert sha256(other) == before
    check = sqlite3.connect(other)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 13
    check.close()
    assert list(migrations.pending(mine.utils)) == []


def run(capsys, *argv):
    code = main([*argv, "--annotator", "lead"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_merge_says_what_came_in_and_what_contradicts(pair, capsys):
    mine, other = pair
    code, out, err = run(capsys, "merge", str(other), "--db", str(mine.path))
    assert code == 0 and err == ""
    assert "1 new article" in out and "2 claims added" in out and "Nordlicht" in out and "u in the reader" in out


def damaged_copy(source, target):
    data = bytearray(source.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page)):
        data[offset] = 0x5A
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("kind", ["missing", "itself", "text", "other_program", "newer", "damaged", "directory"])
def test_cli_merge_refuses_bad_files_in_one_line_and_changes_nothing(pair, tmp_path, capsys, kind):
    mine, other = pair
    if kind == "missing":
        target = tmp_path / "nowhere.db"
    elif kind == "itself":
        target = mine.path
    elif kind == "text":
        target = tmp_path / "notes.db"
        target.write_text("Das ist keine Datenbank, nur ein Text. " * 40, encoding="utf-8")
    elif kind == "other_program":
        target = tmp_path / "other.sqlite"
        raw = sqlite3.connect(target)
        raw.executescript("CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO articles VALUES (1, 'x');")
        raw.close()
    elif kind == "newer":
        target = old_schema_db(tmp_path / "newer.db", version=99)
    elif kind == "directory":
        target = tmp_path
    else:
        target = damaged_copy(other, tmp_path / "damaged.db")
    before = counts(mine)
    unchanged = sha256(target) if target.is_file() and kind != "itself" else None
    code, out, err = run(capsys, "merge", str(target), "--db", str(mine.path))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("gegenlesen: ") and "Traceback" not in err
    assert counts(mine) == before
    if unchanged:
        assert sha256(target) == unchanged


def test_merge_error_names_the_newer_schema(pair, tmp_path):
    mine, _ = pair
    with pytest.raises(MergeError, match="newer gegenlesen"):
        merge(mine, old_schema_db(tmp_path / "newer.db", version=99), "lead")


def test_a_new_version_of_an_article_keeps_pointing_at_its_old_one(tmp_path):
    theirs = new_db(tmp_path / "b.db", ["werk.txt"])
    newer = add_text(theirs, "werk.txt", "Die Firma Nordlicht baute 2022 ein Werk in Kassel.")
    with theirs.conn:
        theirs.execute("UPDATE articles SET version_of = 1 WHERE id = ?", [newer])
    theirs.close()
    mine = open_database(tmp_path / "a.db")
    merge(mine, tmp_path / "b.db", "lead")
    rows = mine.execute("SELECT id, version_of FROM articles ORDER BY id").fetchall()
    assert rows == [(1, None), (2, 1)]
