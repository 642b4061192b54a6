"""The links a user kept, removed and passed over, as evidence for the ranking's weights
(read only; the model is `corpus.crossref.learning`)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from gegenlesen.corpus.crossref.learning import Example, fit_weights, passed_over
from gegenlesen.corpus.crossref.suggest import Weights, pair_features, passage_meaning
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.storage.db import Store


def decided_links(db: Store) -> list[tuple[int, int, bool]]:
    """(claim, other claim, kept) for every pair of claims the user linked, from the claim
    the link was made on (a link's first end: `l` links the claim at hand to a proposal,
    whose proposals were therefore read): kept is True for a link that stands, False for
    one the user removed (and did not link again or undo). Each pair once; pairs whose
    claims are gone are left out."""
    claims = {row[0] for row in db.execute("SELECT id FROM claims WHERE status = 'claim'")}
    kept = {(a, b) for a, b in db.execute("SELECT claim_a, claim_b FROM links")}
    linked = {frozenset(pair) for pair in kept}
    removed = set()
    rows = db.execute("SELECT before FROM history WHERE kind = 'links' AND action = 'delete' AND state = 'done'")
    for (before,) in rows:
        try:
            row = json.loads(before)
            pair = (int(row["claim_a"]), int(row["claim_b"]))
        except (TypeError, ValueError, KeyError):
            continue  # a history row this reading does not understand teaches nothing
        if frozenset(pair) not in linked:
            removed.add(pair)
    found = [(a, b, True) for a, b in sorted(kept)] + [(a, b, False) for a, b in sorted(removed)]
    return [(a, b, linked) for a, b, linked in found if a in claims and b in claims]


def decided_pairs(db: Store) -> list[tuple[int, int, bool]]:
    """`decided_links` without their direction: (smaller claim id, larger, kept), the
    kept ones first."""
    found = [((min(a, b), max(a, b)), kept) for a, b, kept in decided_links(db)]
    kept = sorted({pair for pair, linked in found if linked})
    removed = sorted({pair for pair, linked in found if not linked} - set(kept))
    return [(a, b, True) for a, b in kept] + [(a, b, False) for a, b in removed]


def evidence_state(db: Store) -> tuple:
    """A value that changes whenever the evidence may have (a link made, removed, undone or
    redone): to know when learnt weights must be learnt again."""
    links = db.execute("SELECT count(*), total(id), max(modified) FROM links").fetchone()
    done = db.execute("SELECT count(*), total(seq) FROM history WHERE kind = 'links' AND state = 'done'").fetchone()
    return tuple(links) + tuple(done)


LOOKED_AT = 20
"""Passed-over proposals are read for the claims most recently linked from, at most this
many: ranking one claim's proposals again takes about 100 ms the first time in a process
(the meanings of its candidates are computed), so learning stays within about 2 s then."""


def examples(db: Store, claims: Mapping[int, Passage],
             shown: Callable[[int], Sequence[Passage]] | None = None) -> list[Example]:
    """The decided pairs as examples for the model: kept links, removed links, and (with
    `shown`) the proposals passed over on the way to a link (`learning.passed_over`).

    Args:
        claims: claim id -> its passage (names are weighed by their rarity among these).
        shown: claim id -> the proposals the link dialog shows for it with the shipped
            weights, best first (asked for the `LOOKED_AT` claims most recently linked from).
    """
    name_df: Counter = Counter()
    for passage in claims.values():
        name_df.update(passage.name_keys)
    total = len(claims) + 1

    def name_idf(key: str) -> float:
        return math.log((total + 1) / (name_df.get(key, 0) + 1)) + 0.1

    def features(first: Passage, second: Passage) -> tuple[float, ...]:
        return pair_features(first, second, passage_meaning(first), passage_meaning(second), name_idf,
                             explain=False).values

    decided = [(a, b, kept) for a, b, kept in decided_links(db) if a in claims and b in claims]
    found = [Example(features(claims[a], claims[b]), kept, a) for a, b, kept in decided]
    if shown is not None:
        recent = [row[0] for row in db.execute(
            "SELECT claim_a FROM links GROUP BY claim_a ORDER BY max(id) DESC LIMIT ?", [LOOKED_AT])]
        partners: dict[int, set[Passage]] = {}
        for a, b, kept in decided:
            if kept and a in recent:
                partners.setdefault(a, set()).add(claims[b])
        for claim_id, linked in sorted(partners.items()):
            own = claims[claim_id]
            found += [Example(features(own, other), False, claim_id) for other in passed_over(shown(claim_id), linked)]
    return found


def learned_weights(db: Store, claims: Mapping[int, Passage],
                    shown: Callable[[int], Sequence[Passage]] | None = None) -> Weights:
    """The ranking's weights for this database: the shipped ones, moved by the links the
    user kept, removed and passed over (`examples`) once there is enough evidence
    (`corpus.crossref.learning.enough_evidence`), else the shipped ones."""
    return fit_weights(examples(db, claims, shown))
