"""open_database: pragmas, refusals that leave files untouched, migrations, concurrent writers."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from gegenlesen.storage import articles
from gegenlesen.storage.db import APPLICATION_ID, BUSY_TIMEOUT_MS, connect, open_database, write
from gegenlesen.storage.errors import StoreError
from gegenlesen.storage.schema import migrations
from gegenlesen.storage.version import SCHEMA_VERSION
from gegenlesen.corpus.article import Article


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(error: StoreError) -> str:
    message = str(error)
    assert message and "\n" not in message
    return message


def test_new_database_has_wal_timeout_foreign_keys_and_version(tmp_path):
    db = open_database(tmp_path / "neu.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS >= 1000
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert {"articles", "sentences", "entities", "claims", "meta"} <= set(db.utils.table_names())
    finally:
        db.close()


def test_foreign_keys_are_enforced(tmp_path):
    db = open_database(tmp_path / "fk.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO sentences (article_id, idx, start, end) VALUES (999, 0, 0, 1)")
    db.close()


def test_reopening_keeps_data_and_version(tmp_path):
    path = tmp_path / "wieder.db"
    db = open_database(path)
    articles.add_article(db, Article("a.txt", "Ein Text."))
    db.close()
    db = open_database(path)
    assert articles.count(db) == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [m.name for m in migrations.applied(db.utils)] == ["m001_articles_and_analysis", "m002_claims", "m003_claim_history", "m004_entity_keys", "m005_history_by_target", "m006_entity_corrections", "m007_full_text_search", "m008_article_metadata", "m009_links", "m010_history_batches", "m011_versions_index", "m012_imports_in_batches", "m013_crossref_stamps", "m014_curated_verdicts"]
    db.close()


def test_missing_directory_is_a_one_line_store_error(tmp_path):
    path = tmp_path / "fehlt" / "x.db"
    with pytest.raises(StoreError) as caught:
        open_database(path)
    message = one_line(caught.value)
    assert "does not exist" in message and str(path.parent) in message
    assert not path.parent.exists()


def test_missing_directory_is_created_when_allowed(tmp_path):
    path = tmp_path / "neu" / "tief" / "x.db"
    open_database(path, create_parent=True).close()
    assert path.is_file()


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_database(tmp_path)
    assert "directory" in one_line(caught.value)


def _root_can_write(path: Path) -> bool:
    return os.access(path, os.W_OK)


def test_read_only_directory_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if _root_can_write(folder):
            pytest.skip("running as root: os.access reports a read-only directory as writable")
        with pytest.raises(StoreError) as caught:
            open_database(folder / "x.db")
        assert "writable" in one_line(caught.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_file_is_refused(tmp_path):
    path = tmp_path / "ro.db"
    open_database(path).close()
    before = digest(path)
    path.chmod(stat.S_IRUSR)
    try:
        if _root_can_write(path):
            pytest.skip("running as root: os.access reports a read-only file as writable")
        with pytest.raises(StoreError) as caught:
            open_database(path)
        assert "read-only" in one_line(caught.value)
        assert digest(path) == before
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_file_is_refused_when_access_says_so(tmp_path, monkeypatch):
    """The same check, independent of root: os.access is what open_database consults."""
    path = tmp_path / "ro.db"
    open_database(path).close()
    before = digest(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == path and mode == os.W_OK else real_access(p, mode, **kw))
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert "read-only" in one_line(caught.value)
    assert digest(path) == before


def test_read_only_directory_is_refused_when_access_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder and mode == os.W_OK else real_access(p, mode, **kw))
    with pytest.raises(StoreError) as caught:
        open_database(folder / "x.db")
    assert "writable" in one_line(caught.value)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"Das ist eine Notiz, keine Datenbank.\n", b"SQLite", b"\x00" * 4096, "Grüße 中文".encode()],
)
def test_not_sqlite_file_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "notiz.db"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert "not a SQLite database" in one_line(caught.value)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notiz.db"]


def test_corrupt_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "kaputt.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(path)
    one_line(caught.value)
    assert digest(path) == before


def test_other_programs_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "fremd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO foo (name) VALUES ('bar')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(path)
    message = one_line(caught.value)
    assert "another program" in message and "foo" in message
    assert digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    conn.close()


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "neuer.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(path)
    message = one_line(caught.value)
    assert "newer" in message
    assert digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "leer.db"
    path.touch()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_migration_from_version_1_keeps_articles(tmp_path):
    path = tmp_path / "alt.db"
    db = connect(path, create=True)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # as every gegenlesen database is marked
    migrations.apply(db.utils, stop_before="m002_claims")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO articles (source, title, sha256, text, words, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["alt.txt", "Alter Artikel", "ab" * 32, "Alter Artikel. Text.", 3, "2025-01-30T10:00:00+00:00"],
    )
    assert "claims" not in db.utils.table_names()
    db.close()

    db = open_database(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "claims" in db.utils.table_names()
        assert db.execute("SELECT source, title, text FROM articles").fetchall() == [
            ("alt.txt", "Alter Artikel", "Alter Artikel. Text.")
        ]
        claim_columns = {column.name for column in db.utils["claims"].columns}
        assert {"article_id", "start", "end", "quote", "status", "verdict"} <= claim_columns
        summary = articles.list_articles(db)
        assert [(row.source, row.claims) for row in summary] == [("alt.txt", 0)]
    finally:
        db.close()


def test_write_rolls_back_on_error(tmp_path):
    db = open_database(tmp_path / "rb.db")
    with pytest.raises(RuntimeError):
        with write(db):
            db.execute("INSERT INTO meta (key, value) VALUES ('x', '1')")
            raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone()[0] == 0
    assert not db.conn.in_transaction
    db.close()


def test_nested_write_is_one_transaction(tmp_path):
    db = open_database(tmp_path / "nest.db")
    with pytest.raises(RuntimeError):
        with write(db):
            db.execute("INSERT INTO meta (key, value) VALUES ('outer', '1')")
            with write(db):
                db.execute("INSERT INTO meta (key, value) VALUES ('inner', '1')")
            raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM meta").fetchone()[0] == 0
    db.close()


def test_two_connections_write_without_lock_errors(tmp_path):
    path = tmp_path / "zwei.db"
    first, second = open_database(path), open_database(path)
    errors: list[BaseException] = []

    def writer(db, name):
        try:
            for index in range(40):
                with write(db):
                    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [f"{name}-{index}", name])
                    if index % 10 == 0:
                        time.sleep(0.01)  # hold the lock a moment so the other one must wait
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(db, name)) for db, name in ((first, "a"), (second, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert first.execute("SELECT count(*) FROM meta").fetchone()[0] == 80
    assert second.execute("SELECT count(*) FROM meta WHERE value = 'a'").fetchone()[0] == 40
    first.close()
    second.close()


def test_writer_waits_for_a_held_lock(tmp_path):
    path = tmp_path / "warten.db"
    holder, waiter = open_database(path), open_database(path)
    released = threading.Event()

    def hold():
        with write(holder):
            holder.execute("INSERT INTO meta (key, value) VALUES ('holder', '1')")
            time.sleep(0.4)
        released.set()

    thread = threading.Thread(target=hold)
    thread.start()
    time.sleep(0.1)
    with write(waiter):  # must wait, not fail with "database is locked"
        waiter.execute("INSERT INTO meta (key, value) VALUES ('waiter', '1')")
    assert released.is_set()
    thread.join()
    assert waiter.execute("SELECT key FROM meta ORDER BY key").fetchall() == [("holder",), ("waiter",)]
    holder.close()
    waiter.close()


def test_concurrent_first_opens_migrate_once(tmp_path):
    path = tmp_path / "gleichzeitig.db"
    barrier = threading.Barrier(4)
    results: list[object] = []

    def opener():
        barrier.wait()
        try:
            db = open_database(path)
            results.append(db.execute("PRAGMA user_version").fetchone()[0])
            db.close()
        except BaseException as error:  # noqa: BLE001
            results.append(error)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [SCHEMA_VERSION] * 4


def _open_descriptors(path: Path) -> int:
    count = 0
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}") == str(path):
                count += 1
        except OSError:
            pass
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to count open files")
def test_refused_database_is_closed(tmp_path):
    import gc

    path = tmp_path / "fremd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (x)")
    conn.close()
    gc.disable()
    try:
        with pytest.raises(StoreError):
            open_database(path)
        assert _open_descriptors(path) == 0
    finally:
        gc.enable()
        gc.collect()


def test_schema_version_counts_the_migrations():
    from sqlite_utils import Database

    assert len(migrations.pending(Database(memory=True))) == SCHEMA_VERSION
