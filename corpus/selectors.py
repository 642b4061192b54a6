"""Finding an imported annotation's span in an article's text by its W3C selectors.

The TextPositionSelector wins when the text there is the quote; otherwise the quote is
found as a new version's claims are (`anchoring.reanchor`): exactly, the occurrence
whose surroundings best match prefix and suffix (then the one nearest the old position),
else fuzzily when the text changed a little.
"""

from __future__ import annotations

from dataclasses import dataclass

from gegenlesen.corpus.anchoring import QuoteSelector, reanchor

POSITION, QUOTE, FUZZY = "position", "quote", "fuzzy"


@dataclass(frozen=True)
class Located:
    """Where a span was found, and how."""

    start: int
    end: int
    how: str


def anchor(text: str, start: int | None, end: int | None, exact: str | None,
           prefix: str = "", suffix: str = "") -> Located | None:
    """The span in `text` the selectors describe, or None when it cannot be found."""
    fits = start is not None and end is not None and 0 <= start < end <= len(text)
    if exact is None:
        return Located(start, end, POSITION) if fits else None
    if not exact:
        return None
    if fits and text[start:end] == exact:
        return Located(start, end, POSITION)
    found = reanchor(QuoteSelector(exact, prefix or "", suffix or ""), text, hint=start)
    if found is None:
        return None
    return Located(found.start, found.end, FUZZY if found.fuzzy else QUOTE)
