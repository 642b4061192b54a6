"""Tokens for the token-based formats (spaCy DocBin, CoNLL): spaCy's blank German
tokenizer, with a token split further where an entity or claim starts or ends inside it
("DeepSeek-Modell" becomes "DeepSeek" + "-Modell" when "DeepSeek" is an entity), so that
every stored span falls on token boundaries.

spaCy is imported only when one of these formats is written.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache


@cache
def blank_german():
    """spaCy's blank German pipeline: the tokenizer alone, no model."""
    import spacy

    return spacy.blank("de")


def tokenized(text: str, cuts: Iterable[int] = ()):
    """(the tokenizer's Doc, or None when a cut falls inside one of its tokens; the tokens
    as (start, end, followed by a space), split at the cuts)."""
    from spacy.attrs import IDX, LENGTH, SPACY

    doc = blank_german().tokenizer(text)
    rows = doc.to_array([IDX, LENGTH, SPACY]).tolist() if len(doc) else []
    found = [(start, start + length, bool(space)) for start, length, space in rows]
    edges = {start for start, _, _ in found} | {end for _, end, _ in found}
    inside = sorted(cut for cut in set(cuts) if cut not in edges)
    if not inside:
        return doc, found
    split: list[tuple[int, int, bool]] = []
    for start, end, space in found:
        first = bisect_right(inside, start)
        while first < len(inside) and inside[first] < end:
            split.append((start, inside[first], False))
            start = inside[first]
            first += 1
        split.append((start, end, space))
    return None, split


def tokens(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, followed by a space) per token; `text` is exactly the tokens and spaces."""
    return tokenized(text, cuts)[1]
