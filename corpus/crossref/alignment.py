"""How close two passages' words are in meaning by their word vectors: a soft alignment.

Each content word of one passage meets its nearest word of the other (by cosine, the same
lemma counting as 1), a cosine below `FLOOR` counts as nothing, and the words are weighed
by their rarity (as `meaning.Word.weight`, squared, as in a tf-idf cosine). The two
directions are combined by their geometric mean, so a long passage does not cover a short
one by its length alone. Without word vectors (a missing table) the similarity is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gegenlesen.corpus.crossref import vectors as table
from gegenlesen.corpus.crossref.meaning import Meaning, Word

FLOOR = 0.45
"""A cosine at or below this is taken for chance (unrelated words of small vectors often reach 0.3)."""
SHOWN = 0.6
"""A pair of words is named in the reasons when its cosine is at least this."""
SHOWN_PAIRS = 2


@dataclass(frozen=True)
class Alignment:
    """How much the two passages' words meet by their vectors (0 to 1), and the closest
    pairs of different words (as written) for the reasons, closest first."""

    similarity: float
    pairs: tuple[tuple[str, str], ...] = ()


NOTHING = Alignment(0.0)


def forms(word: Word) -> tuple[str, ...]:
    """The forms whose vector may stand for `word`, best first: its lemma, the word as
    written, its compound head (the longest of its parts that ends the lemma)."""
    heads = sorted((k for k in word.keys if k != word.lemma and word.lemma.endswith(k)), key=len, reverse=True)
    return (word.lemma, word.surface.casefold(), *heads[:1])


@dataclass(frozen=True)
class _Side:
    words: tuple[Word, ...]
    lemmas: tuple[str, ...]
    weights: np.ndarray
    """The words' squared weights."""
    rows: np.ndarray
    """One unit vector a word; zeros for a word without one (it meets only its own lemma)."""
    ids: np.ndarray
    """Each word's lemma as a number (its hash), to find equal lemmas fast."""


def _side(meaning: Meaning) -> _Side | None:
    """The words of a meaning with their vectors, kept on the meaning (computed once for
    the vectors in use); None when no word of it has a vector."""
    current = table.vectors()
    kept = meaning.cache.get("alignment")
    if kept is None or kept[0] is not current:
        words = tuple(w for w in meaning.words if w.keys)  # multi-word entries have no vector of their own
        found, have = table.word_rows(tuple(forms(w) for w in words))
        side = None
        if have.any():
            rows = np.zeros((len(words), found.shape[1]), dtype=np.float32)
            rows[have] = found
            weights = np.array([w.weight ** 2 for w in words], dtype=np.float32)
            ids = np.array([hash(w.lemma) for w in words], dtype=np.int64)
            side = _Side(words, tuple(w.lemma for w in words), weights, rows, ids)
        kept = meaning.cache["alignment"] = (current, side)
    return kept[1]


def _credit(cosine: np.ndarray) -> np.ndarray:
    return np.clip((cosine - FLOOR) / (1.0 - FLOOR), 0.0, 1.0)


def similarities(own: Meaning, others: Sequence[Meaning]) -> np.ndarray:
    """`align(own, other).similarity` for each of `others` at once (one matrix product for
    all: what ranking hundreds of candidates needs)."""
    result = np.zeros(len(others), dtype=np.float64)
    a = _side(own)
    if a is None:
        return result
    sides = [(number, side) for number, other in enumerate(others) if (side := _side(other)) is not None]
    if not sides:
        return result
    cosine = a.rows @ np.concatenate([side.rows for _, side in sides]).T
    cosine[np.equal.outer(a.ids, np.concatenate([side.ids for _, side in sides]))] = 1.0
    credit = _credit(cosine)
    starts = np.cumsum([0] + [len(side.lemmas) for _, side in sides[:-1]])
    forward = a.weights @ np.maximum.reduceat(credit, starts, axis=1) / a.weights.sum()
    their_weights = np.concatenate([side.weights for _, side in sides])
    backward = np.add.reduceat(their_weights * credit.max(axis=0), starts) / np.add.reduceat(their_weights, starts)
    result[[number for number, _ in sides]] = np.sqrt(forward * backward)
    return result


def align(own: Meaning, theirs: Meaning) -> Alignment:
    """The soft alignment of two passages' words (see the module's docstring), with the
    closest pairs of different words."""
    a, b = _side(own), _side(theirs)
    if a is None or b is None:
        return NOTHING
    cosine = a.rows @ b.rows.T
    same = np.equal.outer(a.ids, b.ids)
    cosine[same] = 1.0
    credit = _credit(cosine)
    forward = float(a.weights @ credit.max(axis=1)) / float(a.weights.sum())
    backward = float(b.weights @ credit.max(axis=0)) / float(b.weights.sum())
    similarity = (forward * backward) ** 0.5
    if not similarity:
        return NOTHING
    nearest = cosine.argmax(axis=1)
    best = cosine[np.arange(len(a.words)), nearest]
    pairs = []
    for i in np.argsort(-(a.weights * best), kind="stable"):
        j = nearest[i]
        if best[i] >= SHOWN and not same[i, j]:
            pair = (a.words[i].surface, b.words[j].surface)
            if pair not in pairs:
                pairs.append(pair)
        if len(pairs) == SHOWN_PAIRS:
            break
    return Alignment(round(similarity, 6), tuple(pairs))
