"""Articles of a file still being imported: stored batch by batch, hidden until the file is whole.

A large file (a JSONL file of 100,000 articles) is stored in short write transactions of at
most BATCH articles or BATCH_SECONDS, so that another process (a reader tagging) never
waits long for the write lock. So that a file is still imported whole or not at all, its
articles carry the import's id in `articles.pending` while a row in `imports` stands for
that import: every query that lists, counts or searches articles leaves them out
(`visible`, `HIDDEN_IDS`). The last transaction deletes the `imports` row, and with it the
whole file appears at once. The mark stays on the articles (it says which import brought
them); without its `imports` row it hides nothing.

An import that dies (kill -9, a power cut) leaves its `imports` row: its articles stay
hidden, and the next import removes them, batch by batch, once the process that wrote
them is gone (same host, pid not running) or the row was not touched for STALE_SECONDS.
Each batch checks its own row first, so an import taken for dead (a process stopped for
longer than that) finds out and gives up instead of showing half a file.
"""

from __future__ import annotations

import os
import socket
import time

from gegenlesen.storage.db import Store, write
from gegenlesen.storage.errors import StoreError

BATCH = 2000
"""At most this many articles per write transaction (about 0.3 s of short ones)."""
BATCH_SECONDS = 0.25
"""...and at most about this long."""
PAUSE_SECONDS = 0.1
"""The lock is left free this long between two batches. Another process waiting for it
polls (SQLite's busy handler sleeps, at most 100 ms at a time) rather than queueing: without
a pause the next batch takes the lock again before the waiter wakes, and it waits until the
whole file is stored."""
STALE_SECONDS = 600
"""An import whose row was not touched this long is dead, whatever its pid says."""

HIDDEN_IDS = "SELECT a.id FROM imports i JOIN articles a ON a.pending = i.id"
"""The ids of the articles whose file is still being imported (or whose import died)."""


def visible(alias: str = "") -> str:
    """An SQL condition that leaves out the hidden articles, for `articles` (or its `alias`)."""
    column = f"{alias}.id" if alias else "id"
    return f"{column} NOT IN ({HIDDEN_IDS})"


class ImportGone(StoreError):
    """This import's row was removed by another process, which took it for dead."""


def begin(db: Store, name: str) -> str:
    """Register an import of one file; returns its id (the mark its articles carry)."""
    import secrets  # (reading articles, which every start does, needs only `visible`)

    import_id = secrets.token_hex(8)
    with write(db):
        db.execute(
            "INSERT INTO imports (id, pid, host, file, touched) VALUES (?, ?, ?, ?, ?)",
            [import_id, os.getpid(), socket.gethostname(), name, time.time()],
        )
    return import_id


def touch(db: Store, import_id: str) -> None:
    """Inside a batch's transaction: say this import lives, or raise ImportGone."""
    cursor = db.execute("UPDATE imports SET touched = ? WHERE id = ? AND touched >= 0", [time.time(), import_id])
    if cursor.rowcount != 1:
        raise ImportGone("another gegenlesen took this import for dead and removed what it had stored; "
                         "import the file again")


def publish(db: Store, import_id: str) -> None:
    """Inside the file's last transaction: make all its articles visible at once."""
    touch(db, import_id)
    db.execute("DELETE FROM imports WHERE id = ?", [import_id])


def pause() -> None:
    """Between two of our transactions: let a waiting writer have the lock (PAUSE_SECONDS)."""
    time.sleep(PAUSE_SECONDS)


def discard(db: Store, import_id: str) -> int:
    """Remove an unfinished import's articles, in short transactions, then its row; how many.

    The first transaction marks the row (touched -1), so that the import, should it still
    run, fails its next `touch` rather than publishing what is left of its file."""
    removed = 0
    while True:
        with write(db):
            if db.execute("SELECT 1 FROM imports WHERE id = ?", [import_id]).fetchone() is None:
                # published meanwhile, or discarded by another process: nothing hidden is left to us
                return removed
            db.execute("UPDATE imports SET touched = -1 WHERE id = ?", [import_id])
            cursor = db.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM articles WHERE pending = ? LIMIT ?)",
                [import_id, BATCH])
            removed += cursor.rowcount
            if cursor.rowcount < BATCH:
                db.execute("DELETE FROM imports WHERE id = ?", [import_id])
                return removed
        pause()


def discard_dead(db: Store) -> int:
    """Remove what imports that died left hidden; how many articles. Imports that run are left alone."""
    host, now = socket.gethostname(), time.time()
    dead = [import_id for import_id, pid, its_host, touched in db.execute("SELECT id, pid, host, touched FROM imports")
            if touched < 0 or now - touched > STALE_SECONDS or (its_host == host and not _alive(pid))]
    return sum(discard(db, import_id) for import_id in dead)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process: an import of ours that failed without cleaning up is left to time
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:
        return True
    return True
