"""What agreement reads: the accepted claims of some annotators and their articles' sentences."""

from __future__ import annotations

from collections import defaultdict

from gegenlesen.corpus.agreement import ClaimRecord
from gegenlesen.storage.db import Store
from gegenlesen.storage.pending import visible


def claim_annotators(db: Store) -> list[str]:
    """Everyone who has an accepted claim in a visible article, by name."""
    return [row[0] for row in db.execute(
        f"SELECT DISTINCT annotator FROM claims WHERE status = 'claim' AND article_id IN "
        f"(SELECT id FROM articles WHERE {visible()}) ORDER BY annotator"
    )]


def claim_records(db: Store, annotators: list[str]) -> list[ClaimRecord]:
    """The accepted claims of `annotators` in visible articles."""
    marks = ",".join("?" * len(annotators))
    cursor = db.execute(
        f'SELECT annotator, article_id, start, "end", type, verdict, id, curated FROM claims '
        f"WHERE status = 'claim' AND annotator IN ({marks}) "
        f"AND article_id IN (SELECT id FROM articles WHERE {visible()})",
        annotators,
    )
    return [ClaimRecord(*row) for row in cursor]


def sentence_spans(db: Store, article_ids: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Each article's sentences as (start, end), in order."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in db.execute('SELECT article_id, start, "end" FROM sentences ORDER BY article_id, idx'):
        if article_id in article_ids:
            found[article_id].append((start, end))
    return dict(found)
