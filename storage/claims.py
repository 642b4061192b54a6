"""Claims: tag, change and delete, each one transaction with its history row."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from gegenlesen.corpus.anchoring import quote_selector, trim_span
from gegenlesen.storage import history
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.links import links_of

EDITABLE = {"type", "verdict", "worthiness", "note"}
CANDIDATE, DISMISSED, CLAIM = "candidate", "dismissed", "claim"
"""Values of `status`: a proposed sentence, a dismissed proposal, a claim."""
ORPHANED, TEXT_CHANGED = 1, 2
"""Values of `orphaned`: left on an old version (not found in the new one), or moved to
the new version by a fuzzy match, so its words changed and its verdict needs a second look."""


class ClaimError(Exception):
    """An action on claims that cannot be done; the message says why, for the user."""


@dataclass(frozen=True)
class Claim:
    """A tagged claim: offsets into its article's text, its quote selector and judgement."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    type: str | None
    verdict: str
    worthiness: int
    note: str
    status: str
    orphaned: int
    annotator: str
    created: str
    modified: str
    modified_by: str

    def as_row(self) -> dict:
        return asdict(self)


COLUMNS = [field.name for field in fields(Claim)]
SELECT = "SELECT " + ", ".join(f'"{name}"' for name in COLUMNS) + " FROM claims"


def get_claim(db: Store, claim_id: int) -> Claim | None:
    row = db.execute(f"{SELECT} WHERE id = ?", [claim_id]).fetchone()
    return Claim(*row) if row else None


def claim_at(
    db: Store, article_id: int, start: int, end: int, status: str = "claim", annotator: str | None = None
) -> int | None:
    """The id of the claim (or candidate, with `status`) on exactly this span, if any.

    Args:
        annotator: only this annotator's claim; None: anyone's (the oldest).
    """
    sql = 'SELECT id FROM claims WHERE article_id = ? AND start = ? AND "end" = ? AND status = ?'
    values: list = [article_id, start, end, status]
    if annotator is not None:
        sql += " AND annotator = ?"
        values.append(annotator)
    row = db.execute(sql + " ORDER BY id LIMIT 1", values).fetchone()
    return row[0] if row else None


def claims_on(db: Store, article_id: int, start: int, end: int) -> list[int]:
    """The ids of the accepted claims sitting on a span (a sentence, say): those starting
    inside it and those covering all of it. The claim on exactly the span comes first, then
    those starting where it starts, then by how much of the span they cover."""
    rows = db.execute(
        'SELECT id FROM claims WHERE article_id = ? AND status = ? '
        'AND ((start >= ? AND start < ?) OR (start <= ? AND "end" >= ?)) '
        'ORDER BY (start = ? AND "end" = ?) DESC, start = ? DESC, min("end", ?) - max(start, ?) DESC, id',
        [article_id, CLAIM, start, end, start, end, start, end, start, end, start],
    )
    return [row[0] for row in rows]


def add_claim(
    db: Store, article_id: int, start: int, end: int, annotator: str, type: str | None = None, verdict: str = "unchecked"
) -> Claim:
    """Tag text[start:end] of an article as `annotator`'s claim (white space around it is dropped).

    Claims are per annotator: another annotator's claim on the same span stays theirs, and
    this one is a claim of its own beside it, so that both can judge the passage.

    Raises:
        ClaimError: for an empty span, a span outside the text, or a span this annotator
            tagged already (tagging twice is refused, not merged: say which claim it is).
    """
    with write(db):
        row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise ClaimError("That article is no longer in the database.")
        text = row[0]
        start, end = trim_span(text, start, end)
        if start >= end:
            raise ClaimError("Nothing to tag: the selection is empty.")
        same = claim_at(db, article_id, start, end, annotator=annotator)
        if same:
            raise ClaimError(f"That span is already claim #{same}.")
        proposed = claim_at(db, article_id, start, end, CANDIDATE)
        if proposed:  # tagging a candidate accepts it
            return decide_candidate(db, proposed, True, annotator)
        selector = quote_selector(text, start, end)
        stamp = history.now()
        cursor = db.execute(
            "INSERT INTO claims (article_id, start, \"end\", quote, prefix, suffix, type, verdict, annotator, "
            "created, modified, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, start, end, selector.exact, selector.prefix, selector.suffix, type, verdict,
             annotator, stamp, stamp, annotator],
        )
        claim = get_claim(db, cursor.lastrowid)
        history.record(db, "add", "claims", claim.id, None, claim.as_row(), annotator)
    return claim


def update_claim(db: Store, claim_id: int, annotator: str, **changes) -> Claim:
    """Change type, verdict, check-worthiness or note of a claim."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with write(db):
        claim = get_claim(db, claim_id)
        if claim is None:
            raise ClaimError(f"Claim #{claim_id} is gone (deleted, perhaps in another window).")
        history.update_row(db, "claims", claim_id, claim.as_row(), changes, annotator)
        return get_claim(db, claim_id)


def delete_claim(db: Store, claim_id: int, annotator: str) -> Claim:
    """Delete a claim and its links; undo brings both back, with their ids."""
    with write(db):
        claim = get_claim(db, claim_id)
        if claim is None:
            raise ClaimError(f"Claim #{claim_id} is already gone.")
        before = claim.as_row()
        linked = [link.as_row() for link in links_of(db, [claim_id])]
        if linked:
            before[history.DEPENDENTS] = {"links": linked}  # they go with it, and come back with it
        db.execute("DELETE FROM claims WHERE id = ?", [claim_id])
        history.record(db, "delete", "claims", claim_id, before, None, annotator)
    return claim


def list_claims(db: Store, article_ids: list[int] | None = None) -> list[Claim]:
    """Accepted claims, of some articles or all, by article and position."""
    if article_ids is None:
        rows = db.execute(f"{SELECT} WHERE status = 'claim' ORDER BY article_id, start, \"end\", id")
    else:
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = db.execute(
            f"{SELECT} WHERE status = 'claim' AND article_id IN ({marks}) ORDER BY article_id, start, \"end\", id",
            article_ids,
        )
    return [Claim(*row) for row in rows]


def claims_of(db: Store, article_id: int) -> list[dict]:
    """The accepted claims of one article with every field, for exports."""
    return [claim.as_row() for claim in list_claims(db, [article_id])]


def annotators(db: Store) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT annotator FROM claims ORDER BY annotator")]


# -- candidates: sentences proposed as claims, not claims until accepted --------------------

def mark_candidates(db: Store, spans: list[tuple[int, int, int]], annotator: str) -> int:
    """Store (article_id, start, end) spans as candidates, skipping any span that is a
    claim, a candidate or a dismissed candidate already; one batch, undone as one."""
    added = 0
    with history.batch(db):
        for article_id, start, end in spans:
            taken = db.execute(
                "SELECT 1 FROM claims WHERE article_id = ? AND start = ? AND \"end\" = ?", [article_id, start, end]
            ).fetchone()
            if taken:
                continue
            text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            if text is None:
                continue
            selector = quote_selector(text[0], start, end)
            stamp = history.now()
            cursor = db.execute(
                "INSERT INTO claims (article_id, start, \"end\", quote, prefix, suffix, status, annotator, "
                "created, modified, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, start, end, selector.exact, selector.prefix, selector.suffix, CANDIDATE,
                 annotator, stamp, stamp, annotator],
            )
            row = get_claim(db, cursor.lastrowid)
            history.record(db, "add", "claims", row.id, None, row.as_row(), annotator)
            added += 1
    return added


def list_candidates(db: Store, article_ids: list[int]) -> list[Claim]:
    """Open candidates of some articles, by article and position."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = db.execute(
        f"{SELECT} WHERE status = ? AND article_id IN ({marks}) ORDER BY article_id, start, \"end\", id",
        [CANDIDATE, *article_ids],
    )
    return [Claim(*row) for row in rows]


def decide_candidate(db: Store, claim_id: int, accept: bool, annotator: str) -> Claim:
    """Accept a candidate as a claim, or dismiss it (it is not proposed again). Undoable.

    An accepted candidate becomes the claim of the one who accepted it (whoever proposed it)."""
    with write(db):
        claim = get_claim(db, claim_id)
        if claim is None or claim.status != CANDIDATE:
            raise ClaimError(f"Candidate #{claim_id} is no longer open (decided, perhaps in another window).")
        changes: dict = {"status": CLAIM if accept else DISMISSED}
        if accept and claim.annotator != annotator:
            changes["annotator"] = annotator
        history.update_row(db, "claims", claim_id, claim.as_row(), changes, annotator)
        return get_claim(db, claim_id)
