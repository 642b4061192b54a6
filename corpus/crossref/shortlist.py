"""A short list of the passages worth ranking for a claim, chosen by a cheap score.

The ranking (`suggest`) reads each passage's meaning (lemmas, compound parts, synonym sets:
about a millisecond a sentence the first time), so ranking every sentence of forty articles
for one claim took over a second. The short list keeps the passages that share the most
with the claim in what a passage already holds: its names (rarer names count more), its
figures and dates by normalised value, and its word stems (rarer in the pool count more).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from gegenlesen.corpus.crossref.units import Passage

SHORTLIST = 60
NAME_WEIGHT = 0.25
"""Passages handed to the ranking for one claim."""
FIGURE_WEIGHT = 4.5
"""A shared figure or date counts as much as a name few passages hold."""
WORD_WEIGHT = 2.0
"""A shared word stem counts less than a shared name of the same rarity."""


def _idf(total: int, holding: int) -> float:
    return math.log((total + 1) / (holding + 1)) + 0.1


def cheap_score(passage: Passage, candidate: Passage, name_idf: Callable[[str], float],
                word_idf: Callable[[str], float]) -> float:
    """How much `candidate` shares with `passage` in names, figures and word stems."""
    score = NAME_WEIGHT * sum(name_idf(key) for key in passage.all_name_keys & candidate.all_name_keys)
    own_figures = {figure.identity for figure in passage.figures}
    score += FIGURE_WEIGHT * len(own_figures & {figure.identity for figure in candidate.figures})
    score += WORD_WEIGHT * sum(word_idf(word) for word in passage.words & candidate.words)
    return score


def shortlist(passage: Passage, pool: Sequence[Passage], limit: int = SHORTLIST,
              name_articles: Callable[[str], int] | None = None, articles: int = 0) -> list[Passage]:
    """The `limit` passages of `pool` sharing the most with `passage` (see `cheap_score`),
    best first, ties by article and position; passages sharing nothing are left out.

    Args:
        name_articles: how many articles of the corpus mention a name (rarer names count
            more); without it, names are counted in the pool.
        articles: how many articles the corpus has (with `name_articles`).
    """
    if not pool or limit <= 0:
        return []
    if name_articles is None:
        in_pool = Counter(key for candidate in pool for key in candidate.all_name_keys)
        name_idf = lambda key: _idf(len(pool), in_pool[key])  # noqa: E731
    else:
        name_idf = lambda key: _idf(articles, name_articles(key))  # noqa: E731
    wanted = passage.words
    words = Counter(word for candidate in pool for word in candidate.words & wanted)
    word_idf = lambda word: _idf(len(pool), words[word])  # noqa: E731
    scored = []
    for candidate in pool:
        score = cheap_score(passage, candidate, name_idf, word_idf)
        if score > 0:
            scored.append((-score, candidate.article_id, candidate.start, candidate.end, candidate))
    scored.sort(key=lambda item: item[:4])
    return [item[4] for item in scored[:limit]]
