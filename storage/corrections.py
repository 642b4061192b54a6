"""Entity corrections: one row per surface form, each change one transaction with history."""

from __future__ import annotations

from dataclasses import dataclass

from gegenlesen.corpus.corrections import NAME_LABELS, Correction, occurrence_pattern
from gegenlesen.corpus.display import plural
from gegenlesen.storage.db import Store, write

# storage.history is imported by the functions that write: reading the corrections (which
# every article's entities do, also for the first frame) needs no history.

COLUMNS = ("id", "surface", "label", "annotator", "created", "modified", "modified_by")
MAX_SURFACE = 200


class CorrectionError(Exception):
    """A correction that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class Reach:
    """How far a correction reaches: occurrences of the form, and in how many articles."""

    occurrences: int
    articles: int

    def describe(self) -> str:
        places = f"{plural(self.occurrences, 'place')}"
        return f"{places} in {plural(self.articles, 'article')}"


def corrections(db: Store) -> list[Correction]:
    return [Correction(surface, label) for surface, label in db.execute("SELECT surface, label FROM entity_corrections")]


def correction_rows(db: Store) -> list[dict]:
    """Every correction with who made it and when, for listing and export."""
    cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM entity_corrections ORDER BY surface")
    return [dict(zip(COLUMNS, row)) for row in cursor]


def label_of(db: Store, surface: str) -> tuple[bool, str | None]:
    """(whether a correction exists for the form, its label)."""
    row = db.execute("SELECT label FROM entity_corrections WHERE surface = ?", [surface]).fetchone()
    return (True, row[0]) if row else (False, None)


def reach(db: Store, surface: str) -> Reach:
    """Count where a correction of `surface` applies, in every stored article."""
    pattern = occurrence_pattern([surface])
    if pattern is None:
        return Reach(0, 0)
    found = articles = 0
    from gegenlesen.storage.pending import visible

    for (text,) in db.execute(f"SELECT text FROM articles WHERE instr(text, ?) > 0 AND {visible()}", [surface]):
        hits = sum(1 for _ in pattern.finditer(text))
        found += hits
        articles += hits > 0
    return Reach(found, articles)


def correct(db: Store, surface: str, label: str | None, annotator: str) -> str:
    """Say that `surface` is a `label` entity everywhere (None: no entity); 'add' or 'update'.

    Raises:
        CorrectionError: for an empty or overlong form, an unknown label, or a form that
            already has exactly this correction.
    """
    surface = surface.strip()
    if not surface:
        raise CorrectionError("Nothing to correct: the selection is empty.")
    if len(surface) > MAX_SURFACE or "\n" in surface:
        raise CorrectionError("An entity is a name of at most one line; select less.")
    if label is not None and label not in NAME_LABELS:
        raise CorrectionError(f"Unknown label {label!r}: use one of {', '.join(NAME_LABELS)}.")
    from gegenlesen.storage import history

    stamp = history.now()
    with write(db):
        row = db.execute("SELECT id, label FROM entity_corrections WHERE surface = ?", [surface]).fetchone()
        if row is None:
            cursor = db.execute(
                "INSERT INTO entity_corrections (surface, label, annotator, created, modified, modified_by) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [surface, label, annotator, stamp, stamp, annotator],
            )
            added = _row(db, cursor.lastrowid)
            history.record(db, "add", "entity_corrections", added["id"], None, added, annotator)
            return "add"
        rule_id, old_label = row
        if old_label == label:
            what = f"a {label}" if label else "no entity"
            raise CorrectionError(f"“{surface}” is already corrected to {what}.")
        history.update_row(db, "entity_corrections", rule_id, _row(db, rule_id), {"label": label}, annotator)
        return "update"


def forget(db: Store, surface: str, annotator: str) -> None:
    """Drop the correction of `surface`: the model's analysis shows again. Undoable."""
    from gegenlesen.storage import history

    with write(db):
        row = db.execute("SELECT id FROM entity_corrections WHERE surface = ?", [surface]).fetchone()
        if row is None:
            raise CorrectionError(f"“{surface}” has no correction to drop.")
        before = _row(db, row[0])
        db.execute("DELETE FROM entity_corrections WHERE id = ?", [row[0]])
        history.record(db, "delete", "entity_corrections", row[0], before, None, annotator)


def _row(db: Store, rule_id: int) -> dict:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM entity_corrections WHERE id = ?", [rule_id]).fetchone()
    return dict(zip(COLUMNS, row))
