"""Money, percentages, dates and counts in German news prose, found by rules and normalised.

Pure functions over text: `find_figures(text)` returns character-offset records whose
`value` is plain JSON-able data ("6 Millionen Dollar" -> amount 6000000, currency USD).
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

MONTHS = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feb.": 2, "märz": 3, "april": 4,
    "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9,
    "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11,
    "dezember": 12, "dez.": 12,
}
NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90, "hundert": 100, "tausend": 1000,
}
SCALES = {
    "tausend": 10**3, "tsd.": 10**3, "million": 10**6, "millionen": 10**6, "mio.": 10**6,
    "mio": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9, "mrd": 10**9,
    "billion": 10**12, "billionen": 10**12,
}
CURRENCIES = {
    "us-dollar": "USD", "dollar": "USD", "usd": "USD", "$": "USD", "euro": "EUR",
    "eur": "EUR", "€": "EUR", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "pfund": "GBP", "£": "GBP", "franken": "CHF", "chf": "CHF", "yen": "JPY",
}
QUALIFIERS = {
    "mehr als": "more than", "über": "more than", "weniger als": "less than",
    "unter": "less than", "rund": "about", "etwa": "about", "ungefähr": "about",
    "circa": "about", "ca.": "about", "fast": "almost", "knapp": "almost",
    "bis zu": "at most", "mindestens": "at least", "lediglich": "only", "nur": "only",
}
PERIOD_QUALIFIERS = {"anfang": "early", "mitte": "mid", "ende": "late"}


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# 1.000.000 / 30 000 (space or narrow no-break space between thousands) / 2,2 / 600
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?"
ONE = r"eine[rms]?|ein"
NUMBER_WORD = _alternatives(NUMBER_WORDS)
SCALE = _alternatives(SCALES)
CURRENCY_WORD = _alternatives(k for k in CURRENCIES if k[0].isalpha())
CURRENCY_SYMBOL = r"[$€£]"
QUALIFIER = _alternatives(QUALIFIERS)
MONTH = _alternatives(MONTHS)
YEAR = r"(?:1[89]|20)\d{2}"

# "ein(e)" only counts when a scale follows: "eine Milliarde Dollar".
QUANTITY = (
    rf"(?:(?P<number>{NUMBER})|(?P<word>{NUMBER_WORD})|(?P<one>{ONE})(?=\s+(?:{SCALE})(?!\w)))"
    rf"(?:\s+(?P<scale>{SCALE})(?!\w))?"
)
CARDINAL = (
    rf"(?:(?P<number>{NUMBER})(?:\s+(?P<scale>{SCALE}))?"
    rf"|(?:(?P<word>{NUMBER_WORD})|(?P<one>{ONE}))\s+(?P<scale_w>{SCALE}))(?!\w)"
)
PATTERNS = [  # each is compiled with a leading (?<![\w-]) so no match starts mid-word
    ("MONEY", re.compile(
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?:{QUANTITY})\s*(?P<currency>{CURRENCY_WORD}|{CURRENCY_SYMBOL})(?!\w)"
        rf"(?:\s+pro\s+(?P<per>(?:(?:eine\s+)?(?:Million|Milliarde)\s+|Tausend\s+)?(?-i:[A-ZÄÖÜ])[\w-]+))?", re.IGNORECASE)),
    ("MONEY", re.compile(
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<currency>{CURRENCY_SYMBOL})\s?(?P<number>{NUMBER})(?:\s+(?P<scale>{SCALE})(?!\w))?",
        re.IGNORECASE)),
    ("PERCENT", re.compile(
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?:{QUANTITY})\s*(?P<unit>Prozentpunkte|Prozent|%)(?!\w)", re.IGNORECASE)),
    ("DATE", re.compile(
        rf"(?:(?P<period>Anfang|Mitte|Ende)\s+)?(?:(?P<day>[0-3]?\d)\.\s*)?(?P<month>{MONTH})(?!\w)(?:\s+(?P<year>{YEAR}))?",
        re.IGNORECASE)),
    ("DATE", re.compile(rf"(?P<day>[0-3]?\d)\.(?P<monthnum>[01]?\d)\.(?P<year>{YEAR})(?!\d)")),
    # A qualified count ("rund 2000 Menschen") before a bare year can claim it.
    ("CARDINAL", re.compile(rf"(?P<qualifier>{QUALIFIER})\s+{CARDINAL}", re.IGNORECASE)),
    ("DATE", re.compile(rf"(?:(?P<period>Anfang|Mitte|Ende)\s+)?(?P<prefix>(?:im\s+Jahr(?:e)?\s+)?)(?P<year>{YEAR})(?![\d,.]\d)", re.IGNORECASE)),
    ("CARDINAL", re.compile(CARDINAL, re.IGNORECASE)),
]


# No match starts inside a word or a number ("R1", "2.5", the "000" of "30 000").
PATTERNS = [
    (label, re.compile(r"(?<![\w-])(?<!\d[.,])(?<!\d[ \u00a0\u202f])" + pattern.pattern, pattern.flags))
    for label, pattern in PATTERNS
]


CONTINUED_NUMBER = re.compile(r"[.,]\d")


@dataclass(frozen=True)
class Figure:
    """A figure or date found by rules: offsets into the text, a label, a normalised value."""

    start: int
    end: int
    label: str
    value: dict = field(default_factory=dict, compare=False, hash=False)


def parse_number(digits: str) -> Decimal:
    """German digits to a number: '1.000.000' -> 1000000, '2,2' -> 2.2, '30 000' -> 30000."""
    plain = re.sub(r"[.\s\u00a0\u202f]", "", digits).replace(",", ".")
    return Decimal(plain)


def _tidy(number: Decimal) -> int | float | None:
    """An int when whole, else a float; None when it is no usable number."""
    if number == number.to_integral_value():
        return int(number)
    as_float = float(number)
    return as_float if math.isfinite(as_float) else None


def _quantity(match: re.Match) -> int | float | None:
    groups = match.groupdict()
    if groups.get("number"):
        base = parse_number(groups["number"])
    elif groups.get("word"):
        base = Decimal(NUMBER_WORDS[groups["word"].lower()])
    elif groups.get("one"):
        base = Decimal(1)
    else:
        return None
    scale = groups.get("scale") or groups.get("scale_w")
    if scale:
        base *= SCALES[scale.lower()]
    return _tidy(base)


def _qualifier(match: re.Match) -> str | None:
    word = match.groupdict().get("qualifier")
    return QUALIFIERS[word.lower()] if word else None


def _date_value(match: re.Match, default_year: int | None) -> dict | None:
    groups = match.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower()) or (
        int(groups["monthnum"]) if groups.get("monthnum") else None
    )
    if month is not None and not 1 <= month <= 12:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if day is not None and not _is_real_day(year, month, day):
        return None
    if groups.get("month") and groups["month"].lower() == "mai" and not (day or year or groups.get("period")):
        return None  # "Mai" alone is too often not a date worth a highlight
    value: dict = {}
    year_assumed = False
    if year is None and month is not None and default_year is not None:
        if day is None or _is_real_day(default_year, month, day):
            year, year_assumed = default_year, True
    if month is None:
        value["iso"], value["granularity"] = f"{year:04d}", "year"
    elif day is None:
        value["iso"] = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
        value["granularity"] = "month"
    else:
        value["iso"] = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        value["granularity"] = "day"
    if groups.get("period"):
        value["qualifier"] = PERIOD_QUALIFIERS[groups["period"].lower()]
    if year_assumed:
        value["year_assumed"] = True
    return value


def _is_real_day(year: int | None, month: int | None, day: int) -> bool:
    """Whether the day exists (in a leap year, when the year is not known)."""
    try:
        datetime.date(year or 2024, month or 1, day)
    except ValueError:
        return False
    return True


def _value(label: str, match: re.Match, default_year: int | None) -> dict | None:
    if label == "DATE":
        return _date_value(match, default_year)
    amount = _quantity(match)
    if amount is None:
        return None
    qualifier = _qualifier(match)
    if label == "MONEY":
        value = {"amount": amount, "currency": CURRENCIES[match.group("currency").lower()]}
        if match.groupdict().get("per"):
            value["per"] = " ".join(match.group("per").split())
    elif label == "PERCENT":
        unit = match.group("unit").lower()
        value = {"percent": amount} if unit != "prozentpunkte" else {"percentage_points": amount}
    else:
        value = {"number": amount}
    if qualifier:
        value["qualifier"] = qualifier
    return value


def find_figures(text: str, default_year: int | None = None) -> list[Figure]:
    """Every money amount, percentage, date and scaled count in `text`, without overlaps.

    Patterns are tried most specific first; a later match that overlaps an earlier one is
    dropped. `default_year` completes dates given without a year ("am 30. Januar").
    """
    taken: list[Figure] = []
    occupied = bytearray(len(text))
    for label, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(occupied[start:end]):
                continue
            if end < len(text) and (text[end].isalnum() or (label != "DATE" and text[end] == "-")):
                continue
            if CONTINUED_NUMBER.match(text, end):  # a version such as "Qwen 2.5" or "3.0"
                continue
            value = _value(label, match, default_year)
            if value is None:
                continue
            taken.append(Figure(start, end, label, value))
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(taken, key=lambda figure: figure.start)
