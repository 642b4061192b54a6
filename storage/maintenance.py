"""Keeping the one file safe: checkpoint, backup and integrity check, all through SQLite."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gegenlesen.storage.db import BUSY_TIMEOUT_MS, Store, connect
from gegenlesen.storage.errors import StoreError, translate

WAIT_MS = 1000
"""How long a checkpoint waits for other processes' readers and writers."""


def checkpoint(db: Store) -> bool:
    """Copy everything in the WAL into the database file and empty the WAL.

    True when all of it went in, so that a copy of the `.db` file alone is complete; False
    when another process was still reading an older state (it checkpoints when it ends).
    """

    try:
        db.conn.execute(f"PRAGMA busy_timeout = {WAIT_MS}")  # on the way out: a reader may hold on for long
        busy, logged, done = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:
        return False
    return busy == 0 and logged == done


@dataclass(frozen=True)
class Backup:
    """A finished backup."""

    target: Path
    articles: int
    claims: int
    size: int


def backup(db: Store, target: Path) -> Backup:
    """A complete copy of the database at `target`, made with SQLite's online backup API.

    Safe while readers and other gegenlesen processes use the database: SQLite copies a
    consistent state. The copy is written beside `target` and renamed into place only
    once it is checked, so a killed backup never leaves half a file under that name.

    Raises:
        StoreError: when `target` is the database itself, its folder is missing or
            unwritable, or the copy fails its integrity check.
    """
    target = Path(target)
    if db.owns(target):  # by inode: a link or another name of the same file too
        raise StoreError(f"{target} is the database itself; choose another file for the backup")
    if target.is_dir():
        raise StoreError(f"{target} is a directory; name the backup file (e.g. {target / db.path.name})")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise StoreError(f"{target} is a link, FIFO or device, which a backup never replaces; name a file")
    if not target.parent.is_dir():
        raise StoreError(f"cannot write the backup: directory {target.parent} does not exist")
    handle, staging = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)  # a new empty file of our own, never the database: SQLite writes it from here
    try:
        copy = sqlite3.connect(staging)
        try:
            db.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise StoreError(f"the backup failed its integrity check ({problems[0]}); {target} was not written")
            articles = copy.execute("SELECT count(*) FROM articles").fetchone()[0]
            claims = copy.execute("SELECT count(*) FROM claims WHERE status = 'claim'").fetchone()[0]
        finally:
            copy.close()
        os.replace(staging, target)
    except sqlite3.Error as error:
        ours = translate(error, db.path)
        raise (ours if isinstance(ours, StoreError) else StoreError(f"the backup failed: {error}")) from None
    except OSError as error:
        raise StoreError(f"cannot write the backup {target}: {error.strerror or error}") from None
    finally:
        if os.path.exists(staging):
            os.unlink(staging)
    return Backup(target, articles, claims, target.stat().st_size)


def integrity(path: Path) -> list[str]:
    """What SQLite's integrity and foreign-key checks find wrong in the file; empty when it is sound.

    Reads only: the file is opened through SQLite and nothing is written to it.

    Raises:
        StoreError: when the file cannot be opened at all.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path} is no database file: it does not exist or is not a file")
    db = connect(path, read_only=True)
    try:
        found = [row[0] for row in db.conn.execute("PRAGMA integrity_check(20)")]
        problems = [] if found == ["ok"] else found
        if not problems:
            problems += [f"a {table} row (rowid {rowid}) refers to a missing {parent} row"
                         for table, rowid, parent, _ in db.conn.execute("PRAGMA foreign_key_check").fetchmany(20)]
    except sqlite3.DatabaseError as error:
        problems = [f"SQLite cannot read it: {error}"]
    finally:
        db.close()
    return problems
