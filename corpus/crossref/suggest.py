"""Rank passages of other articles by how much they speak to a claim.

Three kinds of evidence add up: names both mention (rarer names count more), figures and
dates both give (the same normalised value counts most; the same kind of value about a
shared name counts too, since that is where reports contradict each other), and wording
(a tf-idf cosine over word stems; rapidfuzz's token-set ratio was tried as a second
opinion and made the ranking on the demo gold worse, see tests/data/README.md).
Everything is plain Python over sets; the ranking is deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gegenlesen.corpus.crossref.conflicts import kind, shared_name
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.corpus.entities import describe_value

NAME_WEIGHT = 0.5
CONTEXT_WEIGHT = 0.25
FIGURE_WEIGHT = 3.0
SAME_KIND_WEIGHT = 1.5
WORDING_WEIGHT = 6.0
SHOWN_SIMILARITY = 0.2


@dataclass(frozen=True)
class Suggestion:
    """A passage proposed for a claim, its score and why, in a reader's words."""

    candidate: Passage
    score: float
    reasons: tuple[str, ...]


def _idf(counts: Counter, total: int, key: str) -> float:
    return math.log((total + 1) / (counts.get(key, 0) + 1)) + 0.1


def suggest(passage: Passage, candidates: Sequence[Passage], top: int = 5) -> list[Suggestion]:
    """The `top` passages of other articles that best match `passage`, best first.

    Rarity (idf) of names and words is counted over `candidates`, so pass the whole pool
    (every sentence of the articles in view, say). Ties go to the earlier article and
    position, so the same input always gives the same order.
    """
    pool = [c for c in candidates if c.article_id != passage.article_id]
    if not pool or top <= 0:
        return []
    total = len(candidates) + 1
    word_df: Counter = Counter()
    name_df: Counter = Counter()
    for candidate in candidates:
        word_df.update(candidate.words)
        name_df.update(candidate.name_keys)
    word_df.update(passage.words)
    name_df.update(passage.name_keys)
    idf = {word: _idf(word_df, total, word) for word in word_df}
    own_norm = math.sqrt(sum(idf[w] ** 2 for w in passage.words)) or 1.0
    own_names = {n.key: n for n in passage.names}
    own_context = {n.key for n in passage.context}
    own_figures = {f.identity: f for f in passage.figures}
    own_kinds = {kind(f) for f in passage.figures} - {None}

    scored = []
    for candidate in pool:
        score = 0.0
        shared_shown: list[str] = []
        for name in candidate.names:
            if name.key in own_names:
                score += NAME_WEIGHT * _idf(name_df, total, name.key)
                shared_shown.append(own_names[name.key].text)
            elif name.key in own_context:
                score += CONTEXT_WEIGHT * _idf(name_df, total, name.key)
        for figure in candidate.figures:
            if figure.identity in own_figures:
                score += FIGURE_WEIGHT
                shown = describe_value(figure.label, {k: v for k, v in figure.value.items() if k != "qualifier"})
                if shown not in shared_shown:
                    shared_shown.append(shown or figure.text)
        same_kind = own_kinds & {kind(f) for f in candidate.figures}
        kinds_shown = ""
        if same_kind and not any(f.identity in own_figures for f in candidate.figures):
            entity = shared_name(passage, candidate)
            if entity:
                score += SAME_KIND_WEIGHT
                kinds_shown = f"{entity}: " + ", ".join(sorted({next(iter(k)) for k in same_kind}))
        common = passage.words & candidate.words
        similarity = 0.0
        if common:
            norm = math.sqrt(sum(idf[w] ** 2 for w in candidate.words)) or 1.0
            cosine = sum(idf[w] ** 2 for w in common) / (own_norm * norm)
            similarity = cosine
            score += WORDING_WEIGHT * similarity
        if score <= 0:
            continue
        reasons = []
        if shared_shown:
            reasons.append("shared: " + ", ".join(shared_shown))
        if kinds_shown:
            reasons.append(f"same kind of value about {kinds_shown}")
        if similarity >= SHOWN_SIMILARITY:
            reasons.append(f"similar wording {similarity:.2f}")
        scored.append(Suggestion(candidate, round(score, 6), tuple(reasons)))
    scored.sort(key=lambda s: (-s.score, s.candidate.article_id, s.candidate.start, s.candidate.end))
    return scored[:top]
