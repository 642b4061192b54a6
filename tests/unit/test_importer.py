"""Importing into the database: idempotence, new versions and their claims, transactions, interruption."""

from __future__ import annotations

import json
import sqlite3

import pytest

from gegenlesen.storage import articles, claims
from gegenlesen.storage.db import APPLICATION_ID, connect, open_database
from gegenlesen.storage.errors import StoreError
from gegenlesen.storage.importer import import_paths
from gegenlesen.storage.schema import migrations

OLD = (
    "DeepSeek spart beim Training.\n\n"
    "DeepSeek hat nach eigenen Angaben nur 6 Millionen Dollar für das Training ausgegeben. "
    "Die Börsen reagierten heftig. Nvidia verlor an einem Tag 17 Prozent. "
    "Ein Analyst sprach von einem Sputnik-Moment.\n"
)
NEW = (
    "DeepSeek spart beim Training (aktualisiert).\n\n"
    "Nach eigenen Angaben hat DeepSeek nur 5,6 Millionen Dollar für das Training ausgegeben. "
    "Die Börsen reagierten heftig. Nvidia verlor an einem Tag 17 Prozent.\n"
)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "import.db")
    yield database
    database.close()


def write_files(folder, count: int, prefix: str = "artikel") -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{prefix}{n:02}.txt"
        path.write_text(f"Artikel Nummer {n}. Er handelt von der Zahl {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(db) -> list[tuple]:
    """Everything an import may touch, to compare before and after."""
    return [
        *db.execute("SELECT id, source, sha256, version_of FROM articles ORDER BY id").fetchall(),
        *db.execute('SELECT id, article_id, start, "end", quote, orphaned FROM claims ORDER BY id').fetchall(),
    ]


def tag(db, article_id: int, quote: str) -> claims.Claim:
    text = articles.get_article(db, article_id).text
    start = text.index(quote)
    return claims.add_claim(db, article_id, start, start + len(quote), "anna")


def test_import_twice_adds_nothing_the_second_time(db, tmp_path):
    write_files(tmp_path / "a", 3)
    first = import_paths(db, [tmp_path / "a"])
    assert (first.added, first.already, first.files, first.done, first.refused) == (3, 0, 3, 3, [])
    before = snapshot(db)
    again = import_paths(db, [tmp_path / "a"])
    assert (again.added, again.already, again.new_versions) == (0, 3, [])
    assert "3 already there" in again.summary()
    assert snapshot(db) == before


def test_metadata_and_titles_are_stored(db, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Langer Text. Mit zwei Sätzen.", "title": "Der  Titel", "url": "https://example.org/x",
                                "date": "2025-01-27", "author": "A. Autor"}) + "\n", encoding="utf-8")
    (tmp_path / "notiz.md").write_text("# Überschrift hier\n\nText.\n", encoding="utf-8")
    report = import_paths(db, [path, tmp_path / "notiz.md"])
    assert report.added == 2
    rows = db.execute("SELECT source, title, url, published, author, version_of FROM articles ORDER BY id").fetchall()
    assert rows == [
        ("https://example.org/x", "Der Titel", "https://example.org/x", "2025-01-27", "A. Autor", None),
        ("notiz.md", "Überschrift hier", None, None, None, None),
    ]


def test_new_version_takes_over_claims_and_orphans_the_lost_one(db, tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(OLD, encoding="utf-8")
    (old_id,) = import_paths(db, [path]).added_ids
    exact = tag(db, old_id, "Die Börsen reagierten heftig.")
    fuzzy = tag(db, old_id, "nur 6 Millionen Dollar")
    lost = tag(db, old_id, "Ein Analyst sprach von einem Sputnik-Moment.")
    claims.update_claim(db, exact.id, "anna", verdict="true", note="geprüft")

    path.write_text(NEW, encoding="utf-8")
    report = import_paths(db, [path])
    (new_id,) = report.added_ids
    (version,) = report.new_versions
    assert (version.article_id, version.previous_id, version.source) == (new_id, old_id, "bericht.txt")
    assert (version.reanchored, version.fuzzy, version.orphaned) == (2, 1, ((lost.id, lost.quote),))
    assert "2 claims re-anchored, 1 orphaned" in report.summary()
    assert any(f"#{lost.id}" in line for line in report.detail_lines())

    assert db.execute("SELECT version_of FROM articles WHERE id = ?", [new_id]).fetchone()[0] == old_id
    moved = claims.get_claim(db, exact.id)
    assert (moved.article_id, NEW[moved.start : moved.end], moved.verdict, moved.note) == (
        new_id, "Die Börsen reagierten heftig.", "true", "geprüft")
    refound = claims.get_claim(db, fuzzy.id)
    assert (refound.article_id, refound.quote) == (new_id, "nur 5,6 Millionen Dollar")
    assert NEW[refound.start : refound.end] == refound.quote
    assert refound.prefix == NEW[max(0, refound.start - 32) : refound.start]
    orphan = claims.get_claim(db, lost.id)
    assert (orphan.article_id, orphan.orphaned, orphan.start) == (old_id, 1, lost.start)
    assert articles.get_article(db, old_id).text == OLD  # the old version stays as it was
    # The full-text index follows (m007's triggers).
    hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'aktualisiert'").fetchall()
    assert hits == [(new_id,)]


def test_a_third_version_follows_the_newest_and_leaves_orphans_alone(db, tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(OLD, encoding="utf-8")
    (first,) = import_paths(db, [path]).added_ids
    lost = tag(db, first, "Ein Analyst sprach von einem Sputnik-Moment.")
    path.write_text(NEW, encoding="utf-8")
    (second,) = import_paths(db, [path]).added_ids
    path.write_text(NEW + "Nachtrag.\n", encoding="utf-8")
    report = import_paths(db, [path])
    assert report.new_versions[0].previous_id == second
    assert report.orphaned == 0
    assert claims.get_claim(db, lost.id).article_id == first


def test_the_old_text_again_is_already_there(db, tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(OLD, encoding="utf-8")
    import_paths(db, [path])
    path.write_text(NEW, encoding="utf-8")
    import_paths(db, [path])
    path.write_text(OLD, encoding="utf-8")
    report = import_paths(db, [path])
    assert (report.added, report.already) == (0, 1)


def test_same_url_under_another_source_is_a_new_version(db, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": OLD, "url": "https://example.org/a", "source": "zeitung"}) + "\n", encoding="utf-8")
    (old_id,) = import_paths(db, [feed]).added_ids
    feed.write_text(json.dumps({"text": NEW, "url": "https://example.org/a", "source": "zeitung-online"}) + "\n", encoding="utf-8")
    report = import_paths(db, [feed])
    assert report.new_versions[0].previous_id == old_id


def test_two_claims_never_land_on_one_span(db, tmp_path):
    path = tmp_path / "doppelt.txt"
    text = "Der Preis stieg um fünf Prozent im Jahr. Der Preis stieg um fünf Prozent im Monat.\n"
    path.write_text(text, encoding="utf-8")
    (old_id,) = import_paths(db, [path]).added_ids
    first = tag(db, old_id, "Der Preis stieg um fünf Prozent im Jahr.")
    second = tag(db, old_id, "Der Preis stieg um fünf Prozent im Monat.")
    path.write_text("Der Preis stieg um fünf Prozent im Quartal.\n", encoding="utf-8")
    report = import_paths(db, [path])
    assert report.reanchored == 1 and report.orphaned == 1
    found = (claims.get_claim(db, first.id), claims.get_claim(db, second.id))
    placed = [c for c in found if c.orphaned != claims.ORPHANED]
    assert len(placed) == 1
    assert placed[0].orphaned == claims.TEXT_CHANGED  # found by a fuzzy match: marked to check again


def test_refused_files_are_reported_and_the_rest_imported(db, tmp_path):
    folder = tmp_path / "gemischt"
    write_files(folder, 2)
    (folder / "leer.txt").write_bytes(b"")
    (folder / "kaputt.jsonl").write_text('{"text": "Gut."}\n{"titel": "ohne"}\n', encoding="utf-8")
    report = import_paths(db, [folder, tmp_path / "fehlt"])
    assert report.added == 2
    assert sorted(r.reason for r in report.refused) == sorted(
        ["empty file", 'line 2: no "text" (a non-empty string)', "no such file or directory"])
    assert articles.count(db) == 2  # nothing from the JSONL file, not even its good line


def test_many_refusals_are_listed_up_to_a_limit(db, tmp_path):
    folder = tmp_path / "leer"
    folder.mkdir()
    for n in range(25):
        (folder / f"{n:02}.txt").write_bytes(b"")
    lines = import_paths(db, [folder]).refusal_lines()
    assert len(lines) == 21 and lines[-1] == "and 5 more refused"


def test_a_file_that_fails_leaves_the_database_as_it_was(db, tmp_path, monkeypatch):
    write_files(tmp_path / "a", 1)
    feed = tmp_path / "b.jsonl"
    feed.write_text("".join(json.dumps({"text": f"Text {n}."}) + "\n" for n in range(3)), encoding="utf-8")
    import_paths(db, [tmp_path / "a"])
    before = snapshot(db)
    real_add = articles.add_article
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real_add(*args, **kwargs)

    monkeypatch.setattr(articles, "add_article", failing)
    with pytest.raises(StoreError) as caught:
        import_paths(db, [feed])
    assert "b.jsonl" in str(caught.value) and "run the same command again" in str(caught.value)
    assert snapshot(db) == before  # the file's first line is not there either
    assert not db.conn.in_transaction


def test_interrupted_import_then_rerun_completes_without_duplicates(db, tmp_path):
    write_files(tmp_path / "viele", 6)
    seen = []
    report = import_paths(db, [tmp_path / "viele"], progress=lambda *call: seen.append(call), should_stop=lambda: len(seen) >= 2)
    assert report.interrupted and (report.done, report.files, report.added) == (2, 6, 2)
    assert seen == [(1, 6, "artikel00.txt"), (2, 6, "artikel01.txt")]
    again = import_paths(db, [tmp_path / "viele"])
    assert not again.interrupted and (again.added, again.already) == (4, 2)
    assert articles.count(db) == 6


def test_keyboard_interrupt_rolls_back_the_current_file(db, tmp_path, monkeypatch):
    write_files(tmp_path / "viele", 3)
    real_add = articles.add_article
    calls = []

    def interrupting(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_add(*args, **kwargs)

    monkeypatch.setattr(articles, "add_article", interrupting)
    report = import_paths(db, [tmp_path / "viele"])
    assert report.interrupted and report.done == 1 and articles.count(db) == 1
    assert not db.conn.in_transaction
    monkeypatch.setattr(articles, "add_article", real_add)
    again = import_paths(db, [tmp_path / "viele"])
    assert (again.added, again.already) == (2, 1)


def test_migration_8_on_a_version_7_database(tmp_path):
    path = tmp_path / "v7.db"
    old = connect(path, create=True)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(old.utils, stop_before="m008_article_metadata")
    old.execute("PRAGMA user_version = 7")
    old.execute(
        "INSERT INTO articles (source, title, sha256, text, words, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["bericht.txt", "Alt", "ab" * 32, OLD, 30, "2025-01-30T10:00:00+00:00"],
    )
    old.close()
    db = open_database(path)
    try:
        columns = {column.name for column in db.utils["articles"].columns}
        assert {"url", "published", "author", "version_of"} <= columns
        indexes = {index.name for index in db.utils["articles"].indexes}
        assert "articles_source" in indexes
        (tmp_path / "bericht.txt").write_text(NEW, encoding="utf-8")
        report = import_paths(db, [tmp_path / "bericht.txt"])
        assert report.new_versions[0].previous_id == 1
        assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Sputnik'").fetchone()[0] == 1
    finally:
        db.close()


def test_describe_says_it_all_for_the_import_dialog(db, tmp_path):
    write_files(tmp_path / "a", 2)
    (tmp_path / "a" / "leer.txt").write_bytes(b"")
    report = import_paths(db, [tmp_path / "a"], should_stop=lambda: False)
    lines = report.describe().splitlines()
    assert lines[0] == "3 files read: 2 articles added, 0 already there, 1 refused, 0 skipped"
    assert lines[1] == f"{tmp_path / 'a' / 'leer.txt'}: empty file"
    stopped = import_paths(db, [tmp_path / "a"], should_stop=lambda: True)
    assert "Interrupted after 0 of 3 files" in stopped.describe()


def test_only_the_newest_version_is_current_and_the_old_one_says_what_replaced_it(tmp_path):
    from gegenlesen.storage import articles as article_store

    db = open_database(tmp_path / "v.db")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Erste Fassung des Artikels über Posemuckel.", encoding="utf-8")
    import_paths(db, [folder])
    (folder / "a.txt").write_text("Zweite Fassung des Artikels über Posemuckel.", encoding="utf-8")
    import_paths(db, [folder])
    (folder / "a.txt").write_text("Dritte Fassung des Artikels über Posemuckel.", encoding="utf-8")
    import_paths(db, [folder])
    first, second, third = article_store.article_ids(db)
    assert article_store.current_ids(db) == [third]
    assert article_store.newest_version(db, first) == third
    summaries = {s.id: s for s in article_store.list_articles(db)}
    assert (summaries[first].superseded_by, summaries[second].superseded_by, summaries[third].superseded_by) == (second, third, None)
    db.close()
