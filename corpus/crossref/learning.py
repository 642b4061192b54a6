"""Weights learnt from the links a user made, removed and passed over: a small logistic model.

Each decided pair of passages is an example. A link the user keeps is a yes; a link the
user removed is a no, and so is a proposal the user passed over: one the link dialog
showed (all its proposals at once) for a claim the user linked, and the user did not link
(`passed_over`; clicks read as implicit judgements, as in Joachims' learning to rank
from clickthrough data). What a ranking needs is the order within one claim's proposals, so the model is
a pairwise logistic regression (as RankNet): for each yes and no of the same claim, the
difference of their features (`suggest.FEATURES`) should score above 0. It is pulled
towards the shipped weights (a Gaussian prior), so that a handful of links nudges the
ranking and many links steer it.

Enough evidence (`enough_evidence`): at least `MIN_KEPT` kept links and `MIN_REJECTED`
removed or passed-over pairs that can be set against a kept link of the same claim; with
less, the shipped weights stay.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, FEATURES, Weights
from gegenlesen.corpus.crossref.units import Passage

MIN_KEPT = 5
"""Fewer kept links than this teach nothing yet."""
MIN_REJECTED = 5
"""Fewer removed links and passed-over proposals than this teach nothing yet."""
SHOWN = 8
"""How many proposals the link dialog shows: a user can pass over only these."""
PRIOR = 1.0
"""How strongly the weights are held to the shipped ones (the Gaussian prior's precision):
with `MIN_KEPT` kept links as strongly as the evidence pulls, with ten times as many a
tenth of that."""
STEPS = 400
RATE = 0.1


@dataclass(frozen=True)
class Example:
    """The features of one decided pair (in `FEATURES` order) and whether the user linked it."""

    features: tuple[float, ...]
    linked: bool
    group: int | None = None
    """The claim whose proposals the pair was among: only examples of one group are compared."""


def _ordered_pairs(examples: Sequence[Example]) -> tuple[list[tuple[Example, Example]], int, int]:
    """(linked, not linked) example pairs of one group; how many of each took part."""
    groups: dict[int | None, tuple[list[Example], list[Example]]] = {}
    for example in examples:
        groups.setdefault(example.group, ([], []))[0 if example.linked else 1].append(example)
    pairs = [(yes, no) for kept, rejected in groups.values() for yes in kept for no in rejected]
    kept = sum(len(k) for k, r in groups.values() if r)
    rejected = sum(len(r) for k, r in groups.values() if k)
    return pairs, kept, rejected


def enough_evidence(examples: Sequence[Example]) -> bool:
    """Whether `examples` hold at least `MIN_KEPT` links and `MIN_REJECTED` rejections that
    can be compared (a kept and a rejected example of one claim's proposals)."""
    _, kept, rejected = _ordered_pairs(examples)
    return kept >= MIN_KEPT and rejected >= MIN_REJECTED


def passed_over(shown: Sequence[Passage], linked: Collection[Passage]) -> list[Passage]:
    """The proposals a user passed over: those `shown` (best first; the dialog shows its
    first `SHOWN` at once, so each was seen) that the user did not link."""
    return [p for p in shown[:SHOWN] if p not in linked]


def fit_weights(examples: Sequence[Example], prior: Weights = DEFAULT_WEIGHTS) -> Weights:
    """Weights for ranking learnt from `examples` (gradient descent on the penalised
    pairwise log-loss); `prior` itself when there is not `enough_evidence`.

    A feature the evidence never tells apart (the same in every pair) keeps its shipped
    weight; no weight goes below 0, so a shared name or figure never counts against a
    proposal.
    """
    if not enough_evidence(examples):
        return prior
    pairs, kept, _ = _ordered_pairs(examples)
    start = np.array(prior.as_tuple(), dtype=float)
    scale = float(start.sum()) or 1.0
    # the model works on weights relative to the prior's total, so the prior pulls towards it
    centre = start / scale
    weights = centre.copy()
    differences = np.array([yes.features for yes, _ in pairs], dtype=float) - np.array(
        [no.features for _, no in pairs], dtype=float)
    count = len(pairs)
    for _ in range(STEPS):
        margins = np.clip(differences @ weights, -30.0, 30.0)
        missed = 1.0 / (1.0 + np.exp(margins))  # how far each pair is from being in order
        gradient = PRIOR * MIN_KEPT / kept * (weights - centre) - differences.T @ missed / count
        weights = np.maximum(0.0, weights - RATE * gradient)
    return Weights(**{name: round(float(w) * scale, 4) for name, w in zip(FEATURES, weights)})


__all__ = ["Example", "MIN_KEPT", "MIN_REJECTED", "SHOWN", "enough_evidence", "fit_weights", "passed_over"]
