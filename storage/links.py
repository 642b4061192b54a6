"""Links between claims, and decisions on flagged conflicts: each one transaction with history."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, fields

from gegenlesen.storage import history
from gegenlesen.storage.db import Store, write

RELATIONS = ("same", "supports", "contradicts", "related")
RELATION_WORDS = {"same": "the same claim as", "supports": "supports", "contradicts": "contradicts", "related": "is related to"}


class LinkError(Exception):
    """A link that cannot be made or changed; the message says why, for the user."""


@dataclass(frozen=True)
class Link:
    """Two claims and how they relate; undirected except in how it reads ("a supports b")."""

    id: int
    claim_a: int
    claim_b: int
    relation: str
    annotator: str
    created: str
    modified: str
    modified_by: str

    def other(self, claim_id: int) -> int:
        return self.claim_b if claim_id == self.claim_a else self.claim_a

    def as_row(self) -> dict:
        return asdict(self)


COLUMNS = [field.name for field in fields(Link)]
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM links"


def get_link(db: Store, link_id: int) -> Link | None:
    row = db.execute(f"{SELECT} WHERE id = ?", [link_id]).fetchone()
    return Link(*row) if row else None


def link_between(db: Store, a: int, b: int) -> Link | None:
    row = db.execute(
        f"{SELECT} WHERE min(claim_a, claim_b) = min(?, ?) AND max(claim_a, claim_b) = max(?, ?)", [a, b, a, b]
    ).fetchone()
    return Link(*row) if row else None


def add_link(db: Store, a: int, b: int, relation: str, annotator: str) -> Link:
    """Link claim `a` to claim `b`.

    Raises:
        LinkError: for a claim linked to itself, a claim that is gone, an unknown relation,
            or two claims already linked (change the relation instead).
    """
    if relation not in RELATIONS:
        raise LinkError(f"Unknown relation {relation!r}: use one of {', '.join(RELATIONS)}.")
    if a == b:
        raise LinkError("A claim cannot be linked to itself.")
    with write(db):
        found = {row[0] for row in db.execute("SELECT id FROM claims WHERE id IN (?, ?) AND status = 'claim'", [a, b])}
        for claim_id in (a, b):
            if claim_id not in found:
                raise LinkError(f"Claim #{claim_id} is gone (deleted, perhaps in another window).")
        existing = link_between(db, a, b)
        if existing:
            raise LinkError(f"Claims #{a} and #{b} are already linked ({existing.relation}); r changes the relation.")
        stamp = history.now()
        try:
            cursor = db.execute(
                "INSERT INTO links (claim_a, claim_b, relation, annotator, created, modified, modified_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [a, b, relation, annotator, stamp, stamp, annotator],
            )
        except sqlite3.IntegrityError as error:  # a race with another window
            raise LinkError(f"Claims #{a} and #{b} cannot be linked: {error}.") from None
        link = get_link(db, cursor.lastrowid)
        history.record(db, "add", "links", link.id, None, link.as_row(), annotator)
    return link


def set_relation(db: Store, link_id: int, relation: str, annotator: str) -> Link:
    if relation not in RELATIONS:
        raise LinkError(f"Unknown relation {relation!r}: use one of {', '.join(RELATIONS)}.")
    with write(db):
        link = get_link(db, link_id)
        if link is None:
            raise LinkError(f"Link #{link_id} is gone (deleted, perhaps in another window).")
        if link.relation == relation:
            raise LinkError(f"Link #{link_id} is already '{relation}'.")
        history.update_row(db, "links", link_id, link.as_row(), {"relation": relation}, annotator)
        return get_link(db, link_id)


def delete_link(db: Store, link_id: int, annotator: str) -> Link:
    with write(db):
        link = get_link(db, link_id)
        if link is None:
            raise LinkError(f"Link #{link_id} is already gone.")
        db.execute("DELETE FROM links WHERE id = ?", [link_id])
        history.record(db, "delete", "links", link_id, link.as_row(), None, annotator)
    return link


def links_of(db: Store, claim_ids: list[int] | None = None) -> list[Link]:
    """Links touching any of the claims (all links when None), oldest first."""
    if claim_ids is None:
        return [Link(*row) for row in db.execute(f"{SELECT} ORDER BY id")]
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    rows = db.execute(f"{SELECT} WHERE claim_a IN ({marks}) OR claim_b IN ({marks}) ORDER BY id", [*claim_ids, *claim_ids])
    return [Link(*row) for row in rows]


def link_counts(db: Store, claim_ids: list[int]) -> dict[int, int]:
    """How many links each of the claims has (one pass over the links: no long IN list)."""
    counts = {claim_id: 0 for claim_id in claim_ids}
    for pair in db.execute("SELECT claim_a, claim_b FROM links"):
        for claim_id in pair:
            if claim_id in counts:
                counts[claim_id] += 1
    return counts


# -- decisions on flagged conflicts ---------------------------------------------------------

def decisions(db: Store) -> dict[str, str]:
    """Conflict key -> 'confirmed' or 'dismissed'."""
    return dict(db.execute("SELECT key, decision FROM conflict_decisions"))


def decisions_in_order(db: Store) -> list[tuple[str, str]]:
    """(conflict key, decision) pairs, oldest decision first, so a later one can stand over
    an earlier one made on another form of the same contradiction."""
    return [(key, decision) for key, decision in db.execute("SELECT key, decision FROM conflict_decisions ORDER BY at, id")]


def decide_conflict(db: Store, key: str, decision: str, annotator: str) -> None:
    """Record that a flagged conflict was confirmed or dismissed (undoable)."""
    if decision not in ("confirmed", "dismissed"):
        raise LinkError(f"Unknown decision {decision!r}.")
    with write(db):
        row = db.execute("SELECT id, decision, at, annotator FROM conflict_decisions WHERE key = ?", [key]).fetchone()
        stamp = history.now()
        if row is None:
            cursor = db.execute(
                "INSERT INTO conflict_decisions (key, decision, annotator, at) VALUES (?, ?, ?, ?)",
                [key, decision, annotator, stamp],
            )
            after = {"id": cursor.lastrowid, "key": key, "decision": decision, "annotator": annotator, "at": stamp}
            history.record(db, "add", "conflict_decisions", cursor.lastrowid, None, after, annotator)
            return
        decision_id, old, at, who = row
        if old == decision:
            return
        db.execute("UPDATE conflict_decisions SET decision = ?, annotator = ?, at = ? WHERE id = ?",
                   [decision, annotator, stamp, decision_id])
        history.record(db, "update", "conflict_decisions", decision_id,
                       {"decision": old, "annotator": who, "at": at}, {"decision": decision, "annotator": annotator, "at": stamp},
                       annotator)
