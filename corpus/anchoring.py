"""Quote selectors: a span's exact text with some context, so it can be found again."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 32


@dataclass(frozen=True)
class QuoteSelector:
    """The W3C TextQuoteSelector: exact text with the characters just before and after."""

    exact: str
    prefix: str
    suffix: str


def quote_selector(text: str, start: int, end: int, context: int = CONTEXT) -> QuoteSelector:
    """The quote of text[start:end] with up to `context` characters either side."""
    return QuoteSelector(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space (may become empty)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Re-anchoring: finding a claim again in a new version of its article's text.

FUZZY_THRESHOLD = 85.0
"""The least rapidfuzz `ratio` (0-100) between a claim's quote and the passage it is moved to."""
FUZZY_MIN_LENGTH = 8
"""Shorter quotes are moved only where they occur exactly: a fuzzy match of a few letters means nothing."""
SLACK = 24
"""How far (characters) a fuzzy match's ends may move to the nearest word boundaries."""
LOCATE_CUTOFF = 60.0
"""The least partial ratio for a window to be looked at more closely."""


@dataclass(frozen=True)
class Anchor:
    """Where a quote was found again: offsets into the new text and how well it matched."""

    start: int
    end: int
    score: float
    """100 for an exact match, else the rapidfuzz ratio of quote and passage."""

    @property
    def fuzzy(self) -> bool:
        return self.score < 100.0


def reanchor(selector: QuoteSelector, text: str, hint: int | None = None) -> Anchor | None:
    """Find a quote in a (new version of a) text, or None when it is not there any more.

    Exact occurrences come first; among several, the one whose surroundings agree most
    with the selector's prefix and suffix wins, then the one nearest `hint` (the old
    start). Without an exact occurrence, a quote of at least FUZZY_MIN_LENGTH characters
    is matched fuzzily (rapidfuzz), its passage found with the help of prefix and suffix
    and its ends moved to word boundaries; it is placed only if the ratio reaches
    FUZZY_THRESHOLD.
    """
    exact = selector.exact
    if not exact.strip():
        return None
    starts = _occurrences(text, exact)
    if starts:
        def rank(start: int) -> tuple[int, int]:
            return _context_agreement(text, start, start + len(exact), selector), -abs(start - (hint if hint is not None else start))

        best = max(starts, key=rank)
        return Anchor(best, best + len(exact), 100.0)
    if len(exact.strip()) < FUZZY_MIN_LENGTH:
        return None
    return _fuzzy_anchor(selector, text)


def _occurrences(text: str, exact: str) -> list[int]:
    starts, at = [], text.find(exact)
    while at != -1:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def _context_agreement(text: str, start: int, end: int, selector: QuoteSelector) -> int:
    """How many characters just before and after text[start:end] agree with prefix and suffix."""
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    agree = 0
    for mine, theirs in zip(reversed(before), reversed(selector.prefix)):
        if mine != theirs:
            break
        agree += 1
    for mine, theirs in zip(after, selector.suffix):
        if mine != theirs:
            break
        agree += 1
    return agree


def _fuzzy_anchor(selector: QuoteSelector, text: str) -> Anchor | None:
    from rapidfuzz import fuzz

    exact = selector.exact
    regions = [(0, len(text))]
    if selector.prefix or selector.suffix:
        # Look where the quote's context is first, so a repeated phrase is placed where it was.
        passage = fuzz.partial_ratio_alignment(selector.prefix + exact + selector.suffix, text)
        if passage is not None:
            regions.insert(0, (max(0, passage.dest_start - SLACK), min(len(text), passage.dest_end + SLACK)))
    for low, high in regions:
        # partial_ratio compares windows as long as the quote: it locates, the word-boundary
        # search then measures the passage (longer or shorter) against the threshold.
        found = fuzz.partial_ratio_alignment(exact, text[low:high], score_cutoff=LOCATE_CUTOFF)
        if found is not None:
            anchor = _best_at_word_boundaries(exact, text, low + found.dest_start, low + found.dest_end)
            if anchor is not None:
                return anchor
    return None


def _best_at_word_boundaries(exact: str, text: str, start: int, end: int) -> Anchor | None:
    """The passage between word boundaries near start and end that is most like `exact`."""
    from rapidfuzz import fuzz

    starts = [i for i in range(max(0, start - SLACK), min(len(text), start + SLACK) + 1) if _word_starts(text, i)]
    ends = [i for i in range(max(0, end - SLACK), min(len(text), end + SLACK) + 1) if _word_ends(text, i)]
    best: Anchor | None = None
    for low in starts or [start]:
        for high in ends or [end]:
            if high <= low:
                continue
            low_t, high_t = trim_span(text, low, high)
            if low_t >= high_t:
                continue
            score = fuzz.ratio(exact.strip(), text[low_t:high_t])
            closeness = abs(low_t - start) + abs(high_t - end)
            if best is None or (score, -closeness) > (best.score, -(abs(best.start - start) + abs(best.end - end))):
                best = Anchor(low_t, high_t, min(score, 99.99))
    return best if best is not None and best.score >= FUZZY_THRESHOLD else None


def _word_starts(text: str, i: int) -> bool:
    """Whether a word (or a run of punctuation) starts at text[i]."""
    if i >= len(text) or text[i].isspace():
        return False
    return i == 0 or text[i - 1].isspace() or text[i - 1].isalnum() != text[i].isalnum()


def _word_ends(text: str, i: int) -> bool:
    """Whether a word (or a run of punctuation) ends just before text[i]."""
    if i <= 0 or text[i - 1].isspace():
        return False
    return i == len(text) or text[i].isspace() or text[i - 1].isalnum() != text[i].isalnum()
