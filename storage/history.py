"""Undo and redo for every annotation action, kept in SQLite so they survive a restart.

Each action writes its change and one history row in the same transaction. A row holds
the state before and after (whole rows for add and delete, the changed fields for an
update). Each annotator has their own undo and redo: undo takes their newest 'done' row
back to its `before`; redo takes their oldest 'undone' row forward to its `after`; a new
action discards what could have been redone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from gegenlesen.storage.db import Store, write

TABLES = {"claims"}  # what history may write to


@dataclass(frozen=True)
class Step:
    """One undone or redone action, for the screen to say what happened."""

    action: str
    kind: str
    target: int
    direction: str  # "undo" or "redo"

    def describe(self) -> str:
        verb = "Undid" if self.direction == "undo" else "Redid"
        return f"{verb}: {self.action} {self.kind.rstrip('s')} #{self.target}"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def record(db: Store, action: str, kind: str, target: int, before: dict | None, after: dict | None, annotator: str) -> None:
    """Add a history row; call inside the action's own write transaction."""
    db.execute("UPDATE history SET state = 'discarded' WHERE annotator = ? AND state = 'undone'", [annotator])
    db.execute(
        "INSERT INTO history (action, kind, target, before, after, annotator, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [action, kind, target, _dump(before), _dump(after), annotator, now()],
    )


def undo(db: Store, annotator: str) -> Step | None:
    """Take back the annotator's newest action; None when there is nothing to undo."""
    with write(db):
        row = db.execute(
            "SELECT seq, action, kind, target, before FROM history WHERE annotator = ? AND state = 'done' "
            "ORDER BY seq DESC LIMIT 1",
            [annotator],
        ).fetchone()
        if row is None:
            return None
        seq, action, kind, target, before = row
        _restore(db, kind, target, _load(before), partial=action == "update")
        db.execute("UPDATE history SET state = 'undone' WHERE seq = ?", [seq])
    return Step(action, kind, target, "undo")


def redo(db: Store, annotator: str) -> Step | None:
    """Do again the annotator's most recently undone action; None when there is none."""
    with write(db):
        row = db.execute(
            "SELECT seq, action, kind, target, after FROM history WHERE annotator = ? AND state = 'undone' "
            "ORDER BY seq ASC LIMIT 1",
            [annotator],
        ).fetchone()
        if row is None:
            return None
        seq, action, kind, target, after = row
        _restore(db, kind, target, _load(after), partial=action == "update")
        db.execute("UPDATE history SET state = 'done' WHERE seq = ?", [seq])
    return Step(action, kind, target, "redo")


def _restore(db: Store, kind: str, target: int, values: dict | None, partial: bool) -> None:
    if kind not in TABLES:
        raise ValueError(f"history cannot restore {kind!r}")
    if values is None:
        db.execute(f"DELETE FROM {kind} WHERE id = ?", [target])
    elif partial:
        assignments = ", ".join(f'"{column}" = ?' for column in values)
        db.execute(f"UPDATE {kind} SET {assignments} WHERE id = ?", [*values.values(), target])
    else:
        columns = ", ".join(f'"{column}"' for column in values)
        marks = ", ".join("?" * len(values))
        db.execute(f"INSERT OR REPLACE INTO {kind} ({columns}) VALUES ({marks})", list(values.values()))


def _dump(values: dict | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
