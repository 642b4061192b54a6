"""Small facts about the database itself, kept in the `meta` table."""

from __future__ import annotations


from gegenlesen.storage.db import Store, write

DEMO_SEEDED = "demo_seeded"


def get_meta(db: Store, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(db: Store, key: str, value: str) -> None:
    with write(db):
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
