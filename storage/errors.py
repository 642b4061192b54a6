"""Errors the store raises with a message fit to show a user as it is.

The rooms above storage catch these, never `sqlite3`'s own: `translate` turns SQLite's
errors into them where a write fails.
"""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


class StoreBusy(StoreError):
    """Another process held the write lock for longer than the busy timeout; nothing was changed."""


class StoreLost(StoreError):
    """The database file this connection writes to is gone: deleted, replaced, or failing with I/O errors.

    Nothing written through this connection from now on reaches the file at its path.
    """


class StoreDamaged(StoreError):
    """The database file is damaged (SQLite reads it as malformed)."""


UNTRANSLATED = (sqlite3.Error,)
"""What a read may still raise after `Store.execute` returned (rows are fetched lazily):
only for a command's last guard, which shows `translate(error, path)` and stops."""


RESTORE = ("restore a backup (`gegenlesen backup` makes one) or recover what is left into a new file with "
           "`sqlite3 FILE .recover | sqlite3 NEW.db`")
RECOVERY = (f"quit every gegenlesen that has it open and run `gegenlesen check` (a file in use can look damaged "
            f"to another process); if it is damaged, {RESTORE}")


def damaged(path: object) -> StoreDamaged:
    return StoreDamaged(f"{path} is damaged (SQLite reads it as malformed); gegenlesen stopped without writing to it. To recover: {RECOVERY}")


def translate(error: sqlite3.Error, path: object) -> StoreError | sqlite3.Error:
    """SQLite's error as one of ours where it means one of ours; else the error itself."""
    text = str(error)
    lower = text.lower()
    if isinstance(error, sqlite3.OperationalError) and ("locked" in lower or "busy" in lower):
        return StoreBusy(f"the database {path} is busy: another program has been writing to it for too long; "
                         "nothing was changed, try again")
    if "malformed" in lower or "not a database" in lower or "could not decode" in lower:
        return damaged(path)
    if "disk i/o error" in lower or "unable to open" in lower:
        return StoreLost(f"the database {path} cannot be written any more ({text}): it was deleted, replaced or its "
                         "disk failed")
    if "readonly" in lower or "read-only" in lower or "disk is full" in lower or "database or disk is full" in lower:
        return StoreError(f"the database {path} cannot be written ({text}); nothing was changed")
    return error
