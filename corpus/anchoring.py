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
