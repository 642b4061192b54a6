"""Which files `--db` refuses without opening or taking them over (issue 17, items 8b and 8c)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gegenlesen.storage.db import APPLICATION_ID, open_database
from gegenlesen.storage.errors import StoreError
from gegenlesen.storage.version import SCHEMA_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_fifo_as_db_is_refused_in_one_line_without_opening_it(tmp_path):
    fifo = tmp_path / "rohr.db"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "articles", "--db", str(fifo)],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"gegenlesen: {fifo} is not a regular file (a FIFO, device or socket); nothing was opened\n"


@pytest.mark.parametrize("command", ["articles", "backup"])
def test_a_device_as_db_is_refused(tmp_path, command):
    argv = [command, "--db", "/dev/zero"] + ([str(tmp_path / "copy.db")] if command == "backup" else [])
    done = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", *argv], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr


def sqlite_file(path: Path, *pragmas: str) -> Path:
    conn = sqlite3.connect(path)
    for pragma in pragmas:
        conn.execute(pragma)
    conn.commit()
    conn.close()
    return path


FOREIGN = {
    "user_version only (sqlite3 x.db 'PRAGMA user_version=3')": ("PRAGMA user_version = 3",),
    "another application id, no tables": ("PRAGMA application_id = 1179403647",),
    "another application id and a user_version": ("PRAGMA application_id = 42", "PRAGMA user_version = 7"),
    "a view and nothing else": ("CREATE VIEW v AS SELECT 1",),
    "an index-less table dropped again, user_version left": ("CREATE TABLE t (x)", "DROP TABLE t",
                                                              "PRAGMA user_version = 1"),
}


@pytest.mark.parametrize("pragmas", list(FOREIGN.values()), ids=list(FOREIGN))
def test_another_programs_empty_sqlite_file_is_refused_and_untouched(tmp_path, pragmas):
    path = sqlite_file(tmp_path / "fremd.db", *pragmas)
    before = digest(path)
    with pytest.raises(StoreError, match="belongs to another program") as caught:
        open_database(path)
    assert "\n" not in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fremd.db"]


def test_the_sqlite3_shell_file_of_user_version_3_is_refused(tmp_path):
    path = tmp_path / "x.db"
    subprocess.run(["sqlite3", str(path), "PRAGMA user_version=3"], check=True, timeout=30)
    before = digest(path)
    with pytest.raises(StoreError, match="belongs to another program"):
        open_database(path)
    assert digest(path) == before


@pytest.mark.parametrize("pragmas", [(), ("PRAGMA journal_mode = WAL",), ("VACUUM",)],
                         ids=["an empty SQLite file", "new, in WAL mode", "vacuumed"])
def test_a_brand_new_empty_sqlite_file_is_still_opened(tmp_path, pragmas):
    path = sqlite_file(tmp_path / "neu.db", *pragmas)
    db = open_database(path)
    try:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()
    open_database(path).close()  # and ours from now on


def test_a_zero_byte_file_and_a_missing_one_are_opened(tmp_path):
    (tmp_path / "leer.db").touch()
    open_database(tmp_path / "leer.db").close()
    open_database(tmp_path / "fehlt.db").close()
