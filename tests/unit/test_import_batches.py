"""A large file is imported in short transactions, whole or not at all (issue 17, item 6).

Real processes where it matters: an import runs in one while this one writes, and an
import is killed with SIGKILL half-way and run again.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles, importer, pending, search
from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports.jsonl import export_jsonl
from gegenlesen.storage.importer import import_paths
from gegenlesen.storage.library import seed_demo_corpus

CLI = [sys.executable, "-m", "gegenlesen.tui.cli"]


def feed(path: Path, lines: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(start, start + lines):
            out.write(json.dumps({"text": f"Meldung {number} über Haushalt und Energie in Europa.",
                                  "title": f"Meldung {number}"}) + "\n")
    return path


def empty_db(path: Path) -> Path:
    db = open_database(path)
    seed_demo_corpus(db, empty=True)
    db.close()
    return path


def seen_by_a_reader(path: Path) -> dict[str, int]:
    """What another process would see: the list, the count, a search, a jsonl export, the analysis queue."""
    db = open_database(path)
    try:
        out = io.StringIO()
        export_jsonl(db, out)
        return {"listed": len(articles.list_articles(db)), "counted": articles.count(db),
                "ids": len(articles.article_ids(db)), "current": len(articles.current_ids(db)),
                "found": search.find(db, "Meldung").total, "exported": len(out.getvalue().splitlines()),
                "to analyse": len(articles.unanalysed(db)), "sources": len(articles.ids_by_source(db))}
    finally:
        db.close()


def raw_counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path, timeout=10)
    try:
        return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                conn.execute("SELECT count(*) FROM imports").fetchone()[0])
    finally:
        conn.close()


def test_another_writer_never_waits_long_while_a_big_file_is_imported(tmp_path):
    """Before, the file was one transaction of several seconds and these writes (with a busy
    timeout of 2 s) failed with "database is locked"."""
    db_path = empty_db(tmp_path / "x.db")
    big = feed(tmp_path / "big.jsonl", 30_000)
    probe = sqlite3.connect(db_path, timeout=2, isolation_level=None)
    probe.execute("CREATE TABLE probe (at REAL)")
    child = subprocess.Popen([*CLI, "import", "--db", str(db_path), str(big)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    waits = []
    try:
        while child.poll() is None:
            asked = time.monotonic()
            probe.execute("BEGIN IMMEDIATE")
            waits.append(time.monotonic() - asked)
            probe.execute("INSERT INTO probe VALUES (?)", [asked])
            probe.execute("COMMIT")
            time.sleep(0.01)
    finally:
        out, err = child.communicate(timeout=120)
        probe.close()
    assert child.returncode == 0, err
    assert "30000 articles added" in out
    assert len(waits) > 20
    assert max(waits) < 1.5, sorted(waits)[-5:]


def test_a_files_articles_stay_hidden_until_its_last_batch(tmp_path, monkeypatch):
    db_path = empty_db(tmp_path / "x.db")
    monkeypatch.setattr(pending, "BATCH", 50)
    seen = []
    monkeypatch.setattr(pending, "pause", lambda: seen.append((seen_by_a_reader(db_path), raw_counts(db_path))))
    db = open_database(db_path)
    report = import_paths(db, [feed(tmp_path / "a.jsonl", 230)])
    db.close()
    assert report.added == 230
    assert len(seen) == 5  # four batches of 50 (then the rest), a pause after each but the last
    for reader, (stored, running) in seen:
        assert set(reader.values()) == {0}, reader
        assert running == 1 and stored > 0
    assert seen[-1][1][0] == 230  # all stored, none shown: the next transaction shows them
    after = seen_by_a_reader(db_path)
    assert after["listed"] == after["found"] == after["exported"] == after["to analyse"] == 230
    assert raw_counts(db_path) == (230, 0)


def test_a_killed_import_shows_nothing_and_running_it_again_completes_it(tmp_path):
    db_path = empty_db(tmp_path / "x.db")
    small = feed(tmp_path / "a.jsonl", 5)
    big = feed(tmp_path / "b.jsonl", 40_000, start=100)
    child = subprocess.Popen([*CLI, "import", "--db", str(db_path), str(small), str(big)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        stored, running = raw_counts(db_path)
        if stored > 5 + pending.BATCH and running:
            break
        time.sleep(0.01)
    else:
        pytest.fail("the import never got half-way")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored, running = raw_counts(db_path)
    assert running == 1 and 5 < stored < 40_005  # half of b.jsonl is in the file, hidden
    reader = seen_by_a_reader(db_path)
    assert reader["listed"] == reader["counted"] == reader["exported"] == reader["found"] == 5, reader
    assert reader["to analyse"] == reader["sources"] == 5
    done = subprocess.run([*CLI, "import", "--db", str(db_path), str(small), str(big)], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "40000 articles added, 5 already there" in done.stdout
    assert raw_counts(db_path) == (40_005, 0)
    assert seen_by_a_reader(db_path)["listed"] == 40_005


def test_an_interrupted_file_is_removed_and_the_files_before_it_stay(tmp_path, monkeypatch):
    db_path = empty_db(tmp_path / "x.db")
    monkeypatch.setattr(pending, "BATCH", 20)
    calls = []

    def interrupt():
        calls.append(1)
        if len(calls) == 3:  # the second file's second batch: a second ctrl+c
            raise KeyboardInterrupt

    monkeypatch.setattr(pending, "pause", interrupt)
    db = open_database(db_path)
    report = import_paths(db, [feed(tmp_path / "a.jsonl", 30), feed(tmp_path / "b.jsonl", 100, start=50)])
    assert report.interrupted and report.added == 30
    assert raw_counts(db_path) == (30, 0)
    db.close()


def test_an_import_taken_for_dead_gives_up_instead_of_showing_half_a_file(tmp_path, monkeypatch):
    db_path = empty_db(tmp_path / "x.db")
    monkeypatch.setattr(pending, "BATCH", 20)
    other = open_database(db_path)

    def another_process_cleans_up():
        other.execute("UPDATE imports SET touched = 0")  # as if stopped (ctrl+z) for an hour
        pending.discard_dead(other)

    monkeypatch.setattr(pending, "pause", another_process_cleans_up)
    db = open_database(db_path)
    with pytest.raises(pending.ImportGone):
        import_paths(db, [feed(tmp_path / "a.jsonl", 100)])
    db.close()
    other.close()
    assert raw_counts(db_path) == (0, 0)


def test_a_running_import_of_another_process_is_left_alone(tmp_path):
    db_path = empty_db(tmp_path / "x.db")
    db = open_database(db_path)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        db.execute("INSERT INTO imports (id, pid, host, file, touched) VALUES ('live', ?, ?, 'x', ?)",
                   [sleeper.pid, __import__("socket").gethostname(), time.time()])
        articles.add_article(db, Article("x.txt", "Noch nicht fertig."), pending="live")
        assert pending.discard_dead(db) == 0
        assert articles.count(db) == 0 and raw_counts(db_path) == (1, 1)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert pending.discard_dead(db) == 1
    assert raw_counts(db_path) == (0, 0)
    db.close()


def test_a_database_of_schema_11_gets_the_pending_column_and_keeps_its_articles(tmp_path):
    from gegenlesen.storage import schema
    from gegenlesen.storage.db import APPLICATION_ID, connect

    path = tmp_path / "alt.db"
    old = connect(path, create=True)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    schema.migrations.apply(old.utils, stop_before="m012_imports_in_batches")
    old.execute("INSERT INTO articles (source, title, sha256, text, words, imported_at) "
                "VALUES ('a.txt', 'A', 'ab', 'Ein Text.', 2, '2025-01-01')")
    old.execute("PRAGMA user_version = 11")
    old.close()
    db = open_database(path)
    assert articles.count(db) == 1
    assert db.execute("SELECT pending FROM articles").fetchall() == [(None,)]
    db.close()


def test_an_import_being_discarded_can_no_longer_publish(tmp_path, monkeypatch):
    """Another process removes a file it took for dead, batch by batch; the import wakes up
    meanwhile and tries to publish: it must fail, not show the half that is left."""
    from gegenlesen.storage.db import write

    db = open_database(empty_db(tmp_path / "x.db"))
    import_id = pending.begin(db, "a.jsonl")
    for number in range(5):
        articles.add_article(db, Article("a.jsonl", f"Text {number}."), pending=import_id)
    monkeypatch.setattr(pending, "BATCH", 2)
    woke = []

    def the_import_wakes_up():
        with pytest.raises(pending.ImportGone):
            with write(db):
                pending.publish(db, import_id)
        woke.append(articles.count(db))

    monkeypatch.setattr(pending, "pause", the_import_wakes_up)
    assert pending.discard(db, import_id) == 5
    assert woke == [0, 0]
    assert raw_counts(tmp_path / "x.db") == (0, 0)
    db.close()
