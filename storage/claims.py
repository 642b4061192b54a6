"""Claims as stored. Tagging arrives with the claim-tagging issue; reading is here already."""

from __future__ import annotations
from gegenlesen.storage.db import Store


CLAIM_FIELDS = (
    "id", "start", "end", "quote", "prefix", "suffix", "type", "verdict", "worthiness",
    "note", "status", "orphaned", "annotator", "created", "modified",
)


def claims_of(db: Store, article_id: int) -> list[dict]:
    """The accepted claims of one article, in text order, with every field."""
    columns = ", ".join(f'"{name}"' for name in CLAIM_FIELDS)
    rows = db.execute(
        f"SELECT {columns} FROM claims WHERE article_id = ? AND status = 'claim' ORDER BY start, end, id",
        [article_id],
    )
    return [dict(zip(CLAIM_FIELDS, row)) for row in rows]
