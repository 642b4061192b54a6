"""The links a user kept and removed, as evidence for the ranking's weights (read only)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping

from gegenlesen.corpus.crossref.learning import Example, fit_weights
from gegenlesen.corpus.crossref.suggest import Weights, pair_features, passage_meaning
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.storage.db import Store


def decided_pairs(db: Store) -> list[tuple[int, int, bool]]:
    """(claim, claim, kept) for every pair of claims the user linked: kept is True for a
    link that stands, False for one the user removed (and did not link again or undo).
    Each pair once, smaller claim id first; pairs whose claims are gone are left out."""
    claims = {row[0] for row in db.execute("SELECT id FROM claims WHERE status = 'claim'")}
    kept = {
        (min(a, b), max(a, b)) for a, b in db.execute("SELECT claim_a, claim_b FROM links")
    }
    removed = set()
    rows = db.execute("SELECT before FROM history WHERE kind = 'links' AND action = 'delete' AND state = 'done'")
    for (before,) in rows:
        try:
            row = json.loads(before)
            pair = (min(row["claim_a"], row["claim_b"]), max(row["claim_a"], row["claim_b"]))
        except (TypeError, ValueError, KeyError):
            continue  # a history row this reading does not understand teaches nothing
        removed.add(pair)
    found = [(a, b, True) for a, b in sorted(kept)]
    found += [(a, b, False) for a, b in sorted(removed - kept)]
    return [(a, b, linked) for a, b, linked in found if a in claims and b in claims]


def learned_weights(db: Store, claims: Mapping[int, Passage]) -> Weights:
    """The ranking's weights for this database: the shipped ones, moved by the links the
    user kept and removed (`corpus.crossref.learning`). `claims`: claim id -> its passage
    (names are weighed by their rarity among these)."""
    name_df: Counter = Counter()
    for passage in claims.values():
        name_df.update(passage.name_keys)
    total = len(claims) + 1

    def name_idf(key: str) -> float:
        return math.log((total + 1) / (name_df.get(key, 0) + 1)) + 0.1

    examples = []
    for a, b, kept in decided_pairs(db):
        if a in claims and b in claims:
            first, second = claims[a], claims[b]
            features = pair_features(first, second, passage_meaning(first), passage_meaning(second), name_idf)
            examples.append(Example(features.values, kept))
    return fit_weights(examples)
