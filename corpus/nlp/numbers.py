"""Numbers as German news writes them: digits ("1.000.000", "2,2", "30 000"), words
("zehn", "zweihundertfünfzig", "eineinhalb"), scales ("Millionen", "Mrd."), orders of
magnitude without a number ("Hunderte", "Milliarden") and fractions ("ein Fünftel")."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

# 1.000.000 / 30 000 (space or narrow no-break space between thousands) / 2,2 / 600
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?"

_UNITS = "ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun"
_TEENS = "zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn"
_TENS = "zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig"
_BELOW_100 = rf"(?:(?:{_UNITS})und(?:{_TENS})|{_TENS}|{_TEENS}|{_UNITS})"
_BELOW_1000 = rf"(?:(?:{_UNITS})?hundert(?:und)?{_BELOW_100}?|{_BELOW_100})"
HALVES = {"anderthalb": Decimal("1.5"), "eineinhalb": Decimal("1.5")}
# "zweieinhalb" = 2.5; numbers are matched case-insensitively, so no capitals here.
NUMBER_WORD = (
    rf"(?:(?:{_UNITS})einhalb|anderthalb"
    rf"|(?:{_BELOW_1000})?tausend(?:und)?(?:{_BELOW_1000})?|{_BELOW_1000})"
)
_NUMBER_WORD_ONLY = re.compile(NUMBER_WORD)
_FIRST_LETTERS = tuple({word[:3] for word in re.findall(r"[^|()?:]+", _UNITS + "|" + _TEENS + "|" + _TENS)}
                       | {"hun", "tau", "and"})
NOT_COUNTS = {"ein", "eins"}
"""Words the pattern allows inside a number that are no number on their own."""

SCALES = {
    "tausend": 10**3, "tsd.": 10**3, "million": 10**6, "millionen": 10**6, "mio.": 10**6,
    "mio": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9, "mrd": 10**9,
    "billion": 10**12, "billionen": 10**12,
}
# Orders of magnitude without a number: "Hunderte Menschen", "Milliarden Yuan".
MAGNITUDES = {
    "dutzende": 12, "dutzenden": 12, "hunderte": 100, "hunderten": 100, "tausende": 1000,
    "tausenden": 1000, "zehntausende": 10**4, "zehntausenden": 10**4, "hunderttausende": 10**5,
    "hunderttausenden": 10**5, "millionen": 10**6, "milliarden": 10**9, "billionen": 10**12,
}
VAGUE = ("mehrere", "einige", "einigen", "viele", "vielen", "etliche", "etlichen", "mehreren")
FRACTIONS = {
    "hälfte": 2, "drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7, "achtel": 8,
    "neuntel": 9, "zehntel": 10, "zwanzigstel": 20, "hundertstel": 100, "tausendstel": 1000,
}
ONE = r"ein(?:e[mnrs]?)?"


def is_number_word(lower: str) -> bool:
    """Whether a lower-case word is a number written out ("zehn", "dreihundert"); not "ein"."""
    return lower.startswith(_FIRST_LETTERS) and lower not in NOT_COUNTS and bool(_NUMBER_WORD_ONLY.fullmatch(lower))


def word_value(word: str) -> Decimal | None:
    """A number written as a word: "zehn" -> 10, "zweihundertfünfzig" -> 250, "eineinhalb" -> 1.5."""
    lower = word.lower().replace("ss", "ß")
    if lower in HALVES:
        return HALVES[lower]
    if lower.endswith("einhalb"):
        whole = word_value(lower[: -len("einhalb")])
        return None if whole is None else whole + Decimal("0.5")
    try:
        return Decimal(text2num(lower, "de"))
    except ValueError:
        return None


def parse_number(digits: str) -> Decimal:
    """German digits to a number: '1.000.000' -> 1000000, '2,2' -> 2.2, '30 000' -> 30000."""
    plain = re.sub(r"[.\s\u00a0\u202f]", "", digits).replace(",", ".")
    return Decimal(plain)


def tidy(number: Decimal) -> int | float | None:
    """An int when whole, else a float; None when it is no usable number."""
    try:
        if number == number.to_integral_value():
            return int(number)
    except (InvalidOperation, OverflowError):
        return None
    as_float = float(number)
    return as_float if math.isfinite(as_float) else None


def quantity_pattern(tag: str = "") -> str:
    """A number in digits or words with an optional scale; "ein(e)" only before a scale.

    `tag` prefixes the group names, so that one pattern can hold two quantities (a range).
    """
    return (
        rf"(?:(?P<{tag}number>{NUMBER})|(?P<{tag}word>{NUMBER_WORD})(?!\w)|(?P<{tag}one>{ONE})(?=\s+(?:{SCALE})(?!\w)))"
        rf"(?:\s+(?P<{tag}scale>{SCALE})(?!\w))?"
    )


SCALE = "|".join(re.escape(word) for word in sorted(SCALES, key=len, reverse=True))


def quantity(match: re.Match, tag: str = "", scale: int | None = None) -> Decimal | None:
    """The number a `quantity_pattern` match stands for; `scale` stands in for a missing one."""
    groups = match.groupdict()
    if groups.get(tag + "number"):
        base = parse_number(groups[tag + "number"])
    elif groups.get(tag + "word"):
        if groups[tag + "word"].lower() in NOT_COUNTS:
            return None
        base = word_value(groups[tag + "word"])
        if base is None:
            return None
    elif groups.get(tag + "one"):
        base = Decimal(1)
    else:
        return None
    written = groups.get(tag + "scale")
    factor = SCALES[written.lower()] if written else scale
    return base * factor if factor else base


def scale_of(match: re.Match, tag: str = "") -> int | None:
    written = match.groupdict().get(tag + "scale")
    return SCALES[written.lower()] if written else None
