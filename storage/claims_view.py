"""What the reader shows of some articles' claims, read in one query."""

from __future__ import annotations

from dataclasses import dataclass, field

from gegenlesen.storage.claims import CANDIDATE, CLAIM, COLUMNS, Claim
from gegenlesen.storage.db import Store


@dataclass(frozen=True)
class ClaimsOf:
    """The claims and open candidates of some articles, each by article and position, and
    how many links each claim has."""

    claims: tuple[Claim, ...] = ()
    candidates: tuple[Claim, ...] = ()
    link_counts: dict[int, int] = field(default_factory=dict)


def claims_of_articles(db: Store, article_ids: list[int]) -> ClaimsOf:
    """Claims, open candidates and link counts of the articles, in one statement (one pass
    over the links, as `links.link_counts` makes it)."""
    if not article_ids:
        return ClaimsOf()
    columns = ", ".join(f'claims."{name}"' for name in COLUMNS)
    marks = ",".join("?" * len(article_ids))
    rows = db.execute(
        f"""
        WITH ends(id) AS (SELECT claim_a FROM links UNION ALL SELECT claim_b FROM links),
             counts(id, n) AS (SELECT id, count(*) FROM ends GROUP BY id)
        SELECT {columns}, coalesce(counts.n, 0) FROM claims LEFT JOIN counts ON counts.id = claims.id
        WHERE claims.status IN (?, ?) AND claims.article_id IN ({marks})
        ORDER BY claims.article_id, claims.start, claims."end", claims.id
        """,
        [CLAIM, CANDIDATE, *article_ids],
    )
    claims, candidates, counts = [], [], {}
    for *values, links in rows:
        item = Claim(*values)
        if item.status == CLAIM:
            claims.append(item)
            counts[item.id] = links
        else:
            candidates.append(item)
    return ClaimsOf(tuple(claims), tuple(candidates), counts)
