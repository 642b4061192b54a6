"""Curated verdicts: where annotators judged one passage differently, the verdict a lead chose.

A curated verdict is kept on every claim of the passage (the claims overlapping each other,
as agreement groups them), with who chose it and when, in one batch with history: one `u`
takes it back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from gegenlesen.corpus.agreement import ClaimRecord, units
from gegenlesen.storage import history
from gegenlesen.storage.db import Store

MAX_VERDICT = 80
UNCHECKED = "unchecked"


class CurationError(Exception):
    """A curation that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class Curated:
    """A curated verdict, who chose it and when."""

    verdict: str
    by: str
    at: str

    def as_dict(self) -> dict:
        return {"verdict": self.verdict, "by": self.by, "at": self.at}


def curated_of(db: Store, claim_ids: list[int] | None = None) -> dict[int, Curated]:
    """The curated verdicts of some claims (of all when None), by claim id; uncurated ones are absent."""
    select = "SELECT id, curated, curated_by, curated_at FROM claims WHERE curated IS NOT NULL"
    if claim_ids is None:
        rows = list(db.execute(select))
    else:
        rows = []
        for offset in range(0, len(claim_ids), 500):
            chunk = claim_ids[offset : offset + 500]
            rows += db.execute(f"{select} AND id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    return {row[0]: Curated(row[1], row[2] or "", row[3] or "") for row in rows}


def passage_of(db: Store, claim_id: int) -> list[int]:
    """The ids of the accepted claims overlapping `claim_id` (itself included), as agreement groups them.

    Raises:
        CurationError: when the claim is gone or is no accepted claim.
    """
    row = db.execute("SELECT article_id, status FROM claims WHERE id = ?", [claim_id]).fetchone()
    if row is None or row[1] != "claim":
        raise CurationError(f"claim #{claim_id} does not exist (or is only a proposed sentence)")
    records = [ClaimRecord(annotator, row[0], start, end, id=found) for found, annotator, start, end in db.execute(
        "SELECT id, annotator, start, \"end\" FROM claims WHERE article_id = ? AND status = 'claim'", [row[0]])]
    for unit in units(records):
        group = [record.id for record in records if unit.start <= record.start < unit.end]
        if claim_id in group:
            return sorted(group)
    return [claim_id]


def check_verdict(verdict: str) -> str:
    """The verdict as stored: stripped; one line of printable text.

    Raises:
        CurationError: for an empty, overlong or multi-line verdict, control characters, or "unchecked".
    """
    verdict = " ".join(verdict.split())
    if not verdict:
        raise CurationError("the curated verdict is empty")
    if verdict.casefold() == UNCHECKED:
        raise CurationError("'unchecked' is no verdict to curate; undo (u) takes a curation back")
    if len(verdict) > MAX_VERDICT:
        raise CurationError(f"a verdict is at most {MAX_VERDICT} characters")
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in verdict):
        raise CurationError("a verdict cannot hold control or format characters")
    return verdict


def curate(db: Store, claim_id: int, verdict: str, annotator: str) -> list[int]:
    """Make `verdict` the curated verdict of the claim's passage; returns the claims it settles.

    Raises:
        CurationError: for a claim that is gone or a verdict `check_verdict` refuses.
    """
    verdict = check_verdict(verdict)
    with history.batch(db):
        settled = passage_of(db, claim_id)
        stamp = history.now()
        for found in settled:
            cursor = db.execute("SELECT * FROM claims WHERE id = ?", [found])
            current = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
            if current["curated"] == verdict:
                continue
            history.update_row(db, "claims", found, current,
                               {"curated": verdict, "curated_by": annotator, "curated_at": stamp}, annotator)
    return settled
