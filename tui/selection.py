"""Moving the ends of a text selection by word, sentence or character: pure functions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# A word keeps its inner hyphens, apostrophes and decimal marks: "US-Dollar", "2,2".
WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")

Span = tuple[int, int]


def first_word(text: str, start: int, limit: int) -> Span:
    """The first word at or after `start` (not past `limit`) as a span."""
    match = WORD.search(text, start, limit)
    return (match.start(), match.end()) if match else (start, min(limit, start + 1))


def _word_ends(text: str, start: int, end: int) -> list[int]:
    return [match.end() for match in WORD.finditer(text, start, end)]


def move_end(text: str, sentences: list[Span], selection: Span, how: str) -> Span:
    """The selection with its end moved: 'word+', 'word-', 'sentence+', 'sentence-', 'char+', 'char-'.

    The end never crosses the start: a selection keeps at least one character.
    """
    start, end = selection
    if how == "word+":
        match = WORD.search(text, end)
        end = match.end() if match else len(text)
    elif how == "word-":
        ends = [e for e in _word_ends(text, start, end) if e < end]
        end = ends[-1] if ends else end
    elif how == "sentence+":
        ends = [e for _, e in sentences]
        index = bisect_right(ends, end)
        end = ends[index] if index < len(ends) else len(text)
    elif how == "sentence-":
        ends = [e for _, e in sentences]
        index = bisect_left(ends, end) - 1
        end = ends[index] if index >= 0 and ends[index] > start else end
    elif how == "char+":
        end = min(len(text), end + 1)
    elif how == "char-":
        end = max(start + 1, end - 1)
    else:
        raise ValueError(how)
    return (start, end) if end > start else selection


def move_start(text: str, selection: Span, how: str) -> Span:
    """The selection with its start moved by a word: 'word-' takes in the word before,
    'word+' lets go of the first word (the selection keeps its last one)."""
    start, end = selection
    if how == "word-":
        starts = [m.start() for m in WORD.finditer(text, max(0, start - 200), start)]
        start = starts[-1] if starts else start
    elif how == "word+":
        # The start of the word after the one the selection begins in (or at).
        later = [m.start() for m in WORD.finditer(text, start, end) if m.start() > start]
        start = later[0] if later else start
    elif how == "char-":
        start = max(0, start - 1)
    elif how == "char+":
        start = min(end - 1, start + 1)
    else:
        raise ValueError(how)
    return start, end
