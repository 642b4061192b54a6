"""Weights learnt from the links a user made and removed: a small logistic model.

Each decided pair of passages is an example: a link the user keeps is a yes, a link the
user removed is a no. The model is a logistic regression over the pair's features
(`suggest.FEATURES`), pulled towards the shipped weights (a Gaussian prior), so that a
handful of links nudges the ranking and many links steer it. With too few examples of
either kind the shipped weights stay.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, FEATURES, Weights

MIN_EACH = 3
"""Fewer kept or fewer removed links than this teach nothing yet."""
PRIOR = 1.0
"""How strongly the weights are held to the shipped ones (the Gaussian prior's precision)."""
STEPS = 400
RATE = 0.1


@dataclass(frozen=True)
class Example:
    """The features of one decided pair (in `FEATURES` order) and whether the user linked it."""

    features: tuple[float, ...]
    linked: bool


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    if value > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-value))


def fit_weights(examples: Sequence[Example], prior: Weights = DEFAULT_WEIGHTS) -> Weights:
    """Weights for ranking learnt from `examples` (gradient descent on the penalised log-loss).

    The scale of the shipped weights is kept (the learnt ones are rescaled to the same
    total), since only their proportions matter for a ranking; no weight goes below 0, so
    a shared name or figure never counts against a proposal.
    """
    kept = sum(e.linked for e in examples)
    if kept < MIN_EACH or len(examples) - kept < MIN_EACH:
        return prior
    start = prior.as_tuple()
    scale = sum(start) or 1.0
    # the model works on weights relative to the prior's total, so the prior pulls towards it
    weights = [w / scale for w in start]
    centre = list(weights)
    bias = 0.0
    count = len(examples)
    for _ in range(STEPS):
        gradient = [PRIOR * (w - c) / count for w, c in zip(weights, centre)]
        bias_gradient = 0.0
        for example in examples:
            error = _sigmoid(bias + sum(w * f for w, f in zip(weights, example.features))) - example.linked
            bias_gradient += error / count
            for i, value in enumerate(example.features):
                gradient[i] += error * value / count
        weights = [max(0.0, w - RATE * g) for w, g in zip(weights, gradient)]
        bias -= RATE * bias_gradient
    total = sum(weights) or 1.0
    return Weights(**{name: round(w * scale / total, 4) for name, w in zip(FEATURES, weights)})
