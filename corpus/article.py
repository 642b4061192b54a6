"""The facts about an article's text that never change: its hash, words and title."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:(?:[-'’.]|(?<=\d),(?=\d))\w+)*")
# A sentence ends at . ! ? … (and a closing quote) before a space and a capital or an
# opening quote; not after a number ("27. Januar") or a common abbreviation ("Dr.").
SENTENCE_END = re.compile(r"(?P<end>[.!?…][\"'“”‚‘’»«]?)\s+(?=[A-ZÄÖÜ„\"“‚»«])")
ABBREVIATIONS = {
    "dr", "prof", "nr", "st", "ca", "bzw", "vgl", "z.b", "u.a", "d.h", "mio", "mrd",
    "inkl", "evtl", "ggf", "sog", "usw", "etc", "jh", "abs", "art", "hr", "fr", "mr", "mrs",
}
TITLE_MAX = 80
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class Article:
    """An article as read: its source name and its text, never rewritten."""

    source: str
    text: str
    given_title: str | None = None
    """A title found with the text (an HTML page's, a JSONL record's); else one is derived."""
    url: str | None = None
    published: str | None = None
    """The publication date as found (an ISO date string), if any."""
    author: str | None = None

    @property
    def sha256(self) -> str:
        return sha256_of(self.text)

    @property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def title(self) -> str:
        given = clean_title(self.given_title or "")
        return given or derive_title(self.text, fallback=self.source)


def sha256_of(text: str) -> str:
    """The hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits, hyphenated compounds as one."""
    return sum(1 for _ in WORD.finditer(text))


def first_sentence(line: str) -> str:
    """The line up to the end of its first sentence, closing quote included."""
    for match in SENTENCE_END.finditer(line):
        before = line[: match.start()].rsplit(None, 1)
        last_word = before[-1].casefold() if before else ""
        if match.group("end").startswith(".") and (last_word.isdigit() or last_word in ABBREVIATIONS):
            continue
        return line[: match.end("end")]
    return line


def clean_title(title: str, limit: int = TITLE_MAX) -> str:
    """A title on one line, white space collapsed, cut at a word boundary with an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def derive_title(text: str, fallback: str = "untitled", limit: int = TITLE_MAX) -> str:
    """A title from the first sentence of the first non-empty line, cut at a word boundary.

    A Markdown heading's leading `#` marks are not part of it.
    """
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first_line = MARKDOWN_HEADING.sub("", first_line)
    if not first_line:
        return fallback
    return clean_title(first_sentence(first_line), limit)
