"""Finding words, and moving the ends of a text selection by word, sentence or character:
pure functions."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# A word keeps its inner hyphens, apostrophes and decimal marks: "US-Dollar", "2,2".
WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")

Span = tuple[int, int]


def first_word(text: str, start: int, limit: int) -> Span:
    """The first word at or after `start` (not past `limit`) as a span."""
    match = WORD.search(text, start, limit)
    return (match.start(), match.end()) if match else (start, min(limit, start + 1))


def word_span(text: str, start: int, end: int) -> Span:
    """The span widened to whole words: a find of "meister" selects "Meisterwerk"."""
    words = list(WORD.finditer(text, max(0, start - 100), min(len(text), end + 100)))
    first = next((m.start() for m in words if m.start() <= start < m.end()), start)
    last = next((m.end() for m in words if m.start() < end <= m.end()), end)
    return first, max(end, last)


@dataclass(frozen=True)
class FoldedText:
    """A text folded for finding (case and diacritics ignored), with the way back."""

    folded: str
    origin: list[int] | None
    """For each character of `folded`, the offset in the text it came from; None when
    folding kept every offset (one character for one)."""
    length: int
    """The length of the text."""

    def span(self, start: int, end: int) -> Span:
        """The text span of folded span (start, end): whole characters of the text, with
        the accents folding dropped ("ß" for either "s" of "ss")."""
        if self.origin is None:
            return start, end
        last = self.origin[end - 1]
        following = self.origin[end] if end < len(self.origin) else self.length
        return self.origin[start], following if following != last else last + 1


def fold(character: str) -> str:
    """A character case-folded and stripped of its accents: "Ä" -> "a", "ß" -> "ss"."""
    decomposed = unicodedata.normalize("NFKD", character.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_text(text: str) -> FoldedText:
    """Fold a text once, so that many finds in it are quick (each distinct character is
    folded once: a long article costs a table lookup per character)."""
    table = {character: fold(character) for character in set(text)}
    pieces = [table[character] for character in text]
    folded = "".join(pieces)
    if all(len(piece) == 1 for piece in table.values()):
        return FoldedText(folded, None, len(text))
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return FoldedText(folded, origin, len(text))


def find_all(text: FoldedText, query: str) -> list[Span]:
    """Every place `query` occurs in the text, as spans of the text, in order, never
    overlapping. Case and diacritics are ignored; white space in the query matches any
    run of white space (a line break too)."""
    words = "".join(fold(character) for character in query).split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    spans: list[Span] = []
    for match in pattern.finditer(text.folded):
        span = text.span(match.start(), match.end())
        if not spans or span[0] >= spans[-1][1]:  # "s" twice in one "ß" is one match
            spans.append(span)
    return spans


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
