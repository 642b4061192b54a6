"""The engine behind the figure rules: one pass finds where a figure can start, each rule is
tried only there.

A rule's pattern is matched forward from a *head*: a number, a currency symbol, or one of
the rule's words ("Quartal", "Montag", "gestern"). What may stand before the head ("mehr
als", "am vergangenen", "seit") is read backwards by the rule itself. Running twenty
patterns over a whole article took longer than the spaCy pipeline; finding the heads once
and matching at them keeps the rules a small part of the analysis.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gegenlesen.corpus.nlp.numbers import is_number_word

# No figure starts inside a word or a number ("R1", "2.5", the "000" of "30 000").
NOT_MID_WORD = r"(?<![\w-])(?<!\d[.,])(?<!\d[ \u00a0\u202f])"
HEAD = re.compile(rf"{NOT_MID_WORD}(?P<code>[QH][1-4])(?!\w)|{NOT_MID_WORD}\d+|[$€£]|[^\W\d_]+")
CONTINUED_NUMBER = re.compile(r"[.,]\d")
DIGITS, SYMBOLS, NUMBER_WORDS = "<digits>", "<symbol>", "<number word>"
"""Head kinds besides words: a run of digits, a currency symbol, a number written as a word."""

QUALIFIERS = {
    "mehr als": "more than", "über": "more than", "weniger als": "less than",
    "unter": "less than", "rund": "about", "etwa": "about", "ungefähr": "about",
    "circa": "about", "ca.": "about", "fast": "almost", "knapp": "almost",
    "bis zu": "at most", "mindestens": "at least", "lediglich": "only", "nur": "only",
}


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


QUALIFIER = alternatives(QUALIFIERS)
QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<qualifier>{QUALIFIER})\s+\Z", re.IGNORECASE)
LOOK_BACK = 60
"""How many characters before a head a rule reads for its prefix."""

# "über" is "more than" unless a word that takes "über" as its object comes first in the
# clause ("berichtet über 69 Fälle": reports on 69 cases) or "hinweg"/"hinaus" follows
# ("über zwei Jahre hinweg"). Ambiguous cases lose the qualifier: a missing "more than"
# leaves the bare number, a wrong one changes the claim.
TAKES_UEBER = re.compile(
    r"\b(?:bericht|sprech|sprich|sprach|gesproch|rede|redet|redete|diskutier|debattier|informier|klag|"
    r"beklag|streit|stritt|gestritten|verhandel|verhandl|entscheid|entschied|schreib|schrieb|geschrieben|"
    r"berat|berät|beriet|urteil|beschwer|freu|ärger|wunder|verfüg|spekulier|erzähl|aufgeklärt|aufklär|"
    r"Auskunft|Informationen|Kontrolle|Verfügung)\w*"
)
CLAUSE_START = re.compile(r"[.,;:!?()„“”\"«»–]")
UEBER_SPAN = re.compile(r"[^.;:!?]{0,40}?\b(?:hinweg|hinaus)\b")


@dataclass(frozen=True)
class Figure:
    """A figure or date found by rules: offsets into the text, a label, a normalised value."""

    start: int
    end: int
    label: str
    value: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Context:
    """What a rule may need besides its match: the whole text and what is known of its date."""

    text: str
    default_year: int | None = None
    published: datetime.date | None = None


Made = dict | list[Figure] | None
"""A rule's result: a value for the whole match, figures of its own making, or nothing."""


@dataclass(frozen=True)
class Rule:
    """A pattern tried at its heads: numbers, currency symbols and/or lower-case words.

    `make` turns a match into the value of one figure (its span is the match's), into
    figures of its own (a range gives two, a prefix widens the span), or into None.
    """

    label: str
    pattern: re.Pattern
    make: Callable[[re.Match, Context], Made]
    heads: frozenset[str]


def rule(label: str, pattern: str, make: Callable[[re.Match, Context], Made], heads: Iterable[str],
         flags: int = re.IGNORECASE) -> Rule:
    """A Rule whose pattern never starts inside a word or number."""
    return Rule(label, re.compile(NOT_MID_WORD + pattern, flags), make, frozenset(heads))


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier written just before `start` ("mehr als", "rund") and where it begins."""
    found = QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if not found:
        return None, start
    word = found.group("qualifier").lower()
    if word == "über" and _ueber_is_not_more_than(text, found.start(), start):
        return None, start
    return QUALIFIERS[word], found.start()


def _ueber_is_not_more_than(text: str, at: int, after: int) -> bool:
    clause_start = max(0, at - LOOK_BACK)
    for mark in CLAUSE_START.finditer(text, clause_start, at):
        clause_start = mark.end()
    return bool(TAKES_UEBER.search(text, clause_start, at) or UEBER_SPAN.match(text, after))


SCORE_AFTER = re.compile(r"\s?:\s?\d")
SCORE_BEFORE = re.compile(r"\d\s?:\s?\Z")


def in_score(text: str, start: int, end: int) -> bool:
    """Whether the number at start:end is part of a score or a time ("3:2", "1:42,5")."""
    return bool(SCORE_AFTER.match(text, end) or SCORE_BEFORE.search(text, max(0, start - 3), start))


def sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens a sentence (or the text, a line, a quotation)."""
    before = text[max(0, start - 3) : start].rstrip(" „\"'»«(")
    return not before or before[-1] in ".!?:\n"


def heads_of(text: str, rules: list[Rule], word_heads: dict[str, list[int]]) -> list[list[int]]:
    """For each rule, the offsets of its heads in `text`, in order."""
    found: list[list[int]] = [[] for _ in rules]
    digit_rules = word_heads.get(DIGITS, [])
    symbol_rules = word_heads.get(SYMBOLS, [])
    for match in HEAD.finditer(text):
        token = match.group()
        if token[0].isdigit():
            wanted = digit_rules
        elif token in "$€£":
            wanted = symbol_rules
        else:
            lower = token.lower()
            wanted = word_heads.get(lower)
            if wanted is None:
                if not is_number_word(lower):
                    continue
                wanted = word_heads.get(NUMBER_WORDS, [])
        start = match.start()
        for index in wanted:
            found[index].append(start)
    return found


def word_heads(rules: list[Rule]) -> dict[str, list[int]]:
    """Head word -> the indexes of the rules it starts."""
    table: dict[str, list[int]] = {}
    for index, each in enumerate(rules):
        for head in each.heads:
            table.setdefault(head, []).append(index)
    return table


def apply_rules(context: Context, rules: list[Rule], heads: dict[str, list[int]]) -> list[Figure]:
    """Every figure the rules find, without overlaps: rules are tried in order, and a later
    figure overlapping an earlier one is dropped."""
    text = context.text
    positions = heads_of(text, rules, heads)
    taken: list[Figure] = []
    occupied = bytearray(len(text))
    for index, each in enumerate(rules):
        for at in sorted(set(positions[index])):
            if occupied[at]:
                continue
            match = each.pattern.match(text, at)
            if match is None or not _ends_cleanly(text, match.end(), each.label):
                continue
            made = each.make(match, context)
            if made is None:
                continue
            figures = made if isinstance(made, list) else [Figure(match.start(), match.end(), each.label, made)]
            if any(any(occupied[f.start : f.end]) for f in figures):
                continue
            for figure in figures:
                taken.append(figure)
                occupied[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
    return sorted(taken, key=lambda figure: figure.start)


def _ends_cleanly(text: str, end: int, label: str) -> bool:
    if end < len(text) and (text[end].isalnum() or (label != "DATE" and text[end] == "-")):
        return False
    return not CONTINUED_NUMBER.match(text, end)  # a version such as "Qwen 2.5" or "3.0"
