"""A command run beside the open reader never takes its WAL away (issue 12).

Closing any descriptor of a database file drops every POSIX lock the process holds on it.
gegenlesen once opened the file with Python's `open()` to check its header each time it
made a connection; another process then took itself for the last user, checkpointed and
deleted the WAL, and the reader's later commits went into an unlinked file. These tests
use real processes, as the failure needs them.
"""

from __future__ import annotations

import builtins
import io
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gegenlesen.storage.db import connect, open_database, write
from gegenlesen.tui.app import create_app

from .helpers import screen_text, wait_until

CLI = [sys.executable, "-m", "gegenlesen.tui.cli"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def count_from_another_process(path: Path, sql: str) -> int:
    """What a fresh process sees: a commit that only the writer can see was lost."""
    script = f"import sqlite3; print(sqlite3.connect({str(path)!r}).execute({sql!r}).fetchone()[0])"
    return int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_opening_never_touches_the_file_outside_sqlite(demo_db_path, monkeypatch):
    opened: list[str] = []
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def record(real):
        def wrapper(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)):
                opened.append(os.fsdecode(file))
            return real(file, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "open", record(real_open))
    monkeypatch.setattr(io, "open", record(real_io_open))
    monkeypatch.setattr(os, "open", record(real_os_open))
    first = open_database(demo_db_path)
    open_database(demo_db_path).close()
    connect(demo_db_path).close()
    first.close()
    monkeypatch.undo()
    assert [name for name in opened if Path(name).name.startswith(demo_db_path.name)] == []


@pytest.mark.parametrize("second", ["open_database", "connect"])
def test_a_second_connection_and_a_command_beside_it_lose_no_commit(demo_db_path, second):
    """The reader's connection and a worker's second one in one process, a command in another."""
    script = textwrap.dedent(f"""
        import subprocess, sys
        from gegenlesen.storage.db import connect, open_database, write
        db = open_database({str(demo_db_path)!r})
        db.execute("SELECT count(*) FROM articles").fetchone()
        {second}({str(demo_db_path)!r}).close()
        subprocess.run({[*CLI, "articles", "--db", str(demo_db_path)]!r}, check=True, capture_output=True)
        with write(db):
            db.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')")
        print("committed", flush=True)
        sys.stdin.read()  # stays open, like the reader, until the test has looked
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "committed"
        assert wal_of(demo_db_path).exists()
        assert count_from_another_process(demo_db_path, "SELECT count(*) FROM meta WHERE key = 'probe'") == 1
    finally:
        holder.kill()
        holder.wait()
    assert count_from_another_process(demo_db_path, "SELECT count(*) FROM meta WHERE key = 'probe'") == 1


async def test_the_three_step_reproduction_keeps_the_claim(tmp_path):
    """Import without analysis; the reader analyses in the background; `articles` beside it; tag."""
    path = tmp_path / "neu.db"
    article = tmp_path / "artikel.txt"
    article.write_text(
        "Die Stadt Bremen hat im Jahr 2024 rund 12 Millionen Euro für neue Radwege ausgegeben. "
        "Der Senat will die Summe im kommenden Jahr verdoppeln.\n",
        encoding="utf-8",
    )
    assert run_cli("import", "--db", str(path), str(article)).returncode == 0
    app = create_app(path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "Analysed 1 article" in "\n".join(n.message for n in app._notifications), 60)
        assert run_cli("articles", "--db", str(path)).returncode == 0
        assert wal_of(path).exists()
        await pilot.press("c")
        await wait_until(pilot, lambda: "1 claim in view" in screen_text(app))
        assert count_from_another_process(path, "SELECT count(*) FROM claims") == 1
    assert count_from_another_process(path, "SELECT count(*) FROM claims") == 1


SCREENS = {
    # Each opens a connection of its own in a worker, then closes it.
    "library": ("L", "escape"),
    "matrix": ("M", "escape"),
    "timeline": ("T", "escape"),
    "conflicts": ("X", "escape"),
    "links": ("c", "l", "escape"),
    "candidates": ("S",),
}


@pytest.mark.parametrize("screen", sorted(SCREENS))
async def test_every_worker_connection_then_a_command_beside_the_reader_loses_nothing(demo_db_path, screen):
    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
        assert run_cli("articles", "--db", str(demo_db_path)).returncode == 0
        before = count_from_another_process(demo_db_path, "SELECT count(*) FROM claims")
        await pilot.press("j", "j", "j", "c")
        await wait_until(pilot, lambda: "tagged" in "\n".join(n.message for n in app._notifications))
        assert count_from_another_process(demo_db_path, "SELECT count(*) FROM claims") == before + 1


async def test_the_import_dialog_then_a_command_beside_the_reader_loses_nothing(demo_db_path, tmp_path):
    article = tmp_path / "bericht.txt"
    article.write_text("Der Landtag in Kiel beschloss am Dienstag ein neues Schulgesetz mit 40 Stimmen.\n",
                       encoding="utf-8")
    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("Input").value = str(article)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "added" in screen_text(app).lower(), 30)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert run_cli("articles", "--db", str(demo_db_path)).returncode == 0
        await pilot.press("c")
        await wait_until(pilot, lambda: "tagged" in "\n".join(n.message for n in app._notifications))
        assert count_from_another_process(demo_db_path, "SELECT count(*) FROM claims") == 1
        assert count_from_another_process(demo_db_path, "SELECT count(*) FROM articles WHERE source = 'bericht.txt'") == 1
