"""Money, percentages, dates, durations and counts in German news prose, found by rules
and normalised.

Pure functions over text: `find_figures(text)` returns character-offset records whose
`value` is plain JSON-able data ("6 Millionen Dollar" -> amount 6000000, currency USD).
The rules live by kind: numbers (`numbers`), dates (`dates`), durations (`durations`);
this module holds money, percentages and counts, and the order in which all are tried.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from gegenlesen.corpus.nlp.dates import DATE_RULES, RANGE_RULES, YEAR_RULE
from gegenlesen.corpus.nlp.durations import DURATION_RULE, UNITS as DURATION_UNITS
from gegenlesen.corpus.nlp.numbers import (
    FRACTIONS, MAGNITUDES, NUMBER, NUMBER_WORD, SCALE, VAGUE, parse_number, quantity, quantity_pattern,
    scale_of, tidy, word_value,
)
from gegenlesen.corpus.nlp.rules import (
    DIGITS, NUMBER_WORDS, SYMBOLS, Context, Figure, alternatives, apply_rules, in_score, qualifier_before, rule,
    sentence_start, word_heads,
)

__all__ = ["Figure", "find_figures", "parse_number"]

CURRENCIES = {
    "us-dollar": "USD", "dollar": "USD", "usd": "USD", "$": "USD", "euro": "EUR",
    "eur": "EUR", "€": "EUR", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "pfund": "GBP", "£": "GBP", "franken": "CHF", "chf": "CHF", "yen": "JPY",
}
CURRENCY = rf"{alternatives(k for k in CURRENCIES if k[0].isalpha())}|[$€£]"
PERCENT_UNIT = r"Prozentpunkte|Prozent|%"
ONE_HEADS = {"ein", "eine", "einer", "einem", "einen"}
NUMBER_HEADS = {DIGITS, NUMBER_WORDS, *ONE_HEADS}
PER = r"(?:\s+pro\s+(?P<per>(?:(?:eine\s+)?(?:Million|Milliarde)\s+|Tausend\s+)?(?-i:[A-ZÄÖÜ])[\w-]+))?"
# After a number word, what shows that it counts something: a noun, maybe after an
# adjective ("zehn neue Stellen"), or a partitive ("drei der Verletzten", "zwei von fünf").
COUNTED = re.compile(r"\s+(?:(?P<adjective>[a-zäöüß]+(?:e|en|er|es|em))\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)|\s+(?:der|von|davon|des|aus)(?!\w)")
NOT_COUNTED = {"Uhr", "Augen", "Mal", "Dutzend"}
NOT_ADJECTIVES = {
    "werden", "wurden", "haben", "hatten", "sind", "waren", "seien", "können", "müssen", "sollen", "wollen",
    "dürfen", "lassen", "gehen", "kommen", "stehen", "machen", "geben", "nehmen", "sehen", "liegen", "bleiben",
    "sagen", "gegen", "unter", "über", "wieder", "immer", "oder", "aber", "sowie", "jeder", "einer",
}
NUMERATOR_BEFORE = re.compile(
    rf"(?:(?<![\w-])(?P<num>ein(?:e[mnrs]?)?|{NUMBER_WORD}|\d+)|(?<![\w-])(?P<det>die|der|zur|um\s+die))\s+\Z", re.IGNORECASE
)
DOZEN_BEFORE = re.compile(rf"(?<![\w-])(?P<num>ein(?:e[mnrs]?)?|{NUMBER_WORD}|\d+)(?P<half>\s+halbes)?\s+\Z", re.IGNORECASE)


def _qualified(match: re.Match, context: Context, label: str, value: dict | None, required: bool = False) -> list[Figure] | None:
    """The figure with the qualifier written before it ("mehr als", "rund"), if any."""
    if value is None:
        return None
    qualifier, start = qualifier_before(context.text, match.start())
    if required and not qualifier:
        return None
    if qualifier:
        value["qualifier"] = qualifier
    return [Figure(start, match.end(), label, value)]


def _amount(match: re.Match, tag: str = "", scale: int | None = None) -> int | float | None:
    number = quantity(match, tag, scale)
    return None if number is None else tidy(number)


def money(match: re.Match, context: Context) -> list[Figure] | None:
    amount = _amount(match)
    if amount is None:
        return None
    value = {"amount": amount, "currency": CURRENCIES[match.group("currency").lower()]}
    if match.groupdict().get("per"):
        value["per"] = " ".join(match.group("per").split())
    return _qualified(match, context, "MONEY", value)


def percent(match: re.Match, context: Context) -> list[Figure] | None:
    amount = _amount(match)
    if amount is None:
        return None
    points = match.group("unit").lower() == "prozentpunkte"
    return _qualified(match, context, "PERCENT", {"percentage_points" if points else "percent": amount})


def _magnitude(match: re.Match) -> int:
    first = MAGNITUDES.get(match.group("mag1").lower(), 12)
    second = match.groupdict().get("mag2")
    return first * (MAGNITUDES[second.lower()] if second else 1)


def vague_money(match: re.Match, context: Context) -> dict:
    """ "Milliarden Yuan": at least a billion, shown as "billions of CNY"."""
    size = _magnitude(match)
    return {"amount": size, "currency": CURRENCIES[match.group("currency").lower()], "qualifier": "more than",
            "magnitude": size}


def vague_count(match: re.Match, context: Context) -> list[Figure] | None:
    """ "Hunderte Menschen", "Tausende", "zwei Dutzend" (24), "Dutzende Verletzte"."""
    if match.group("mag1").lower() == "dutzend":
        before = DOZEN_BEFORE.search(context.text, max(0, match.start() - 30), match.start())
        if not before or match.group("vague"):
            return None
        count = Decimal(1) if before.group("num").lower().startswith("ein") else (
            parse_number(before.group("num")) if before.group("num")[0].isdigit() else word_value(before.group("num")))
        if count is None:
            return None
        count = count / 2 if before.group("half") else count
        return [Figure(before.start(), match.end(), "CARDINAL", {"number": tidy(count * 12)})]
    size = _magnitude(match)
    return [Figure(match.start(), match.end(), "CARDINAL", {"number": size, "qualifier": "more than", "magnitude": size})]


def fraction(match: re.Match, context: Context) -> list[Figure] | None:
    """ "ein Fünftel" = 0.2, "die Hälfte" = 0.5, "drei Viertel" = 0.75."""
    before = NUMERATOR_BEFORE.search(context.text, max(0, match.start() - 30), match.start())
    if not before:
        return None
    denominator = FRACTIONS[match.group("noun").lower()]
    if before.group("det"):
        if denominator != 2:
            return None
        numerator = Decimal(1)
    else:
        word = before.group("num")
        numerator = Decimal(1) if word.lower().startswith("ein") else (
            parse_number(word) if word[0].isdigit() else word_value(word))
        if numerator is None or denominator == 2:
            return None
        if word[0].isupper() and not sentence_start(context.text, before.start()):
            return None
    value = {"number": round(float(numerator / denominator), 6), "fraction": f"{numerator}/{denominator}"}
    qualifier, start = qualifier_before(context.text, before.start())
    if qualifier:
        value["qualifier"] = qualifier
    return [Figure(start, match.end(), "CARDINAL", value)]


def number_range(match: re.Match, context: Context) -> list[Figure] | None:
    """ "zwischen 27,50 und 270 Euro", "3 bis 5 Millionen Menschen": both ends, each with
    the unit (and the scale, when the first end is smaller without it)."""
    unit = match.group("unit")
    if match.group("a_unit") and (not unit or _kind(match.group("a_unit")) != _kind(unit)):
        return None
    b_scale = scale_of(match, "b_")
    a_bare = quantity(match, "a_")
    b_bare = quantity(match, "b_", 1)
    if a_bare is None or b_bare is None:
        return None
    inherit = b_scale if scale_of(match, "a_") is None and b_scale and a_bare < b_bare / b_scale else None
    low, high = _amount(match, "a_", inherit), _amount(match, "b_")
    change = match.group("sep") == "auf"  # "von 25 auf 18 Prozent": a change, either way
    if low is None or high is None or (low >= high and not change) or (change and unit is None):
        return None
    if unit is None:
        following = COUNTED.match(context.text, match.end())
        noun = following.group("noun") if following else None
        years = all(re.fullmatch(r"(?:1[89]|20)\d\d", match.group(t) or "") for t in ("a_number", "b_number"))
        if not (match.group("between") or b_scale or noun) or years or noun in NOT_COUNTED or (
                noun and noun.lower() in DURATION_UNITS):
            return None
        label, ends = "CARDINAL", ({"number": low}, {"number": high})
    elif _kind(unit) == "PERCENT":
        key = "percentage_points" if unit.lower() == "prozentpunkte" else "percent"
        label, ends = "PERCENT", ({key: low}, {key: high})
    else:
        currency = CURRENCIES[unit.lower()]
        label, ends = "MONEY", ({"amount": low, "currency": currency}, {"amount": high, "currency": currency})
    return [Figure(match.start("a"), match.end("a_unit") if match.group("a_unit") else match.end("a"), label,
                   {**ends[0], "range": "from"}),
            Figure(match.start("b"), match.end(), label, {**ends[1], "range": "to"})]


def _kind(unit: str) -> str:
    return "PERCENT" if unit.lower() in ("prozent", "prozentpunkte", "%") else "MONEY"


# A rank, not a count: "wurde 13., die ...", "auf dem 27. Platz", "der 1. FC Köln".
ORDINAL_AFTER = re.compile(r"\.(?:,|\s+(?:Platz|Rang|Runde|Stelle|Etappe|Liga|Klasse|Mal|FC|Tag)(?!\w))")
# A number that belongs to a name written in capitals: "ORF 2", "Sat 1"? only the capitals.
NAME_BEFORE = re.compile(r"(?<![\w-])[A-ZÄÖÜ]{2,}\s\Z")


def count(match: re.Match, context: Context, required: bool = False) -> list[Figure] | None:
    """A number that counts: not a score or time ("3:2", "1:42,647"), not "04" of "Schalke 04"."""
    text, number = context.text, match.groupdict().get("number")
    if number and (in_score(text, match.start(), match.end()) or (number[0] == "0" and number[1:2].isdigit())
                   or ORDINAL_AFTER.match(text, match.end()) or NAME_BEFORE.search(text, max(0, match.start() - 8), match.start())):
        return None
    amount = _amount(match)
    return None if amount is None else _qualified(match, context, "CARDINAL", {"number": amount}, required)


def qualified_count(match: re.Match, context: Context) -> list[Figure] | None:
    """ "rund 2000 Menschen": a qualified number before a bare year can claim it."""
    return count(match, context, required=True)


def word_count(match: re.Match, context: Context) -> list[Figure] | None:
    """A number written as a word, where it counts something ("zehn Menschen", "drei der
    Verletzten", "mehr als zehn"); not "um zehn Uhr", not "die Elf" mid-sentence."""
    word = match.group("word") or match.group("one")
    if word[0].isupper() and not sentence_start(context.text, match.start()):
        return None
    if not match.group("scale"):
        qualifier, _ = qualifier_before(context.text, match.start())
        following = COUNTED.match(context.text, match.end())
        if following and following.group("noun") in NOT_COUNTED:
            return None
        if not qualifier and (not following or (following.group("adjective") or "") in NOT_ADJECTIVES):
            return None
    return count(match, context)


QUANTITY = quantity_pattern()
RULES = [
    rule("MONEY", rf"(?:(?P<between>zwischen)\s+|(?P<von>von)\s+)?(?P<a>{quantity_pattern('a_')})"
                  rf"(?:\s*(?P<a_unit>{CURRENCY}|{PERCENT_UNIT})(?!\w))?"
                  rf"\s*(?(between)und|(?P<sep>bis(?:\s+zu)?|–|-|(?(von)auf|(?!))))\s*(?P<b>{quantity_pattern('b_')})"
                  rf"(?:\s*(?P<unit>{CURRENCY}|{PERCENT_UNIT})(?!\w))?",
         number_range, {"zwischen", "von", DIGITS, NUMBER_WORDS}),
    *RANGE_RULES,
    rule("MONEY", rf"{QUANTITY}\s*(?P<currency>{CURRENCY})(?!\w){PER}", money, NUMBER_HEADS),
    rule("MONEY", rf"(?P<currency>[$€£])\s?(?P<number>{NUMBER})(?:\s+(?P<scale>{SCALE})(?!\w))?", money, {SYMBOLS}),
    rule("PERCENT", rf"{QUANTITY}\s*(?P<unit>{PERCENT_UNIT})(?!\w)", percent, NUMBER_HEADS),
    rule("MONEY", rf"(?:(?P<vague>{alternatives(VAGUE)})\s+)?(?P<mag1>{alternatives(MAGNITUDES)})"
                  rf"(?:\s+(?P<mag2>Millionen|Milliarden|Billionen))?\s+(?P<currency>{CURRENCY})(?!\w)",
         vague_money, {*VAGUE, *MAGNITUDES}),
    *DATE_RULES,
    DURATION_RULE,
    rule("CARDINAL", rf"(?P<number>{NUMBER})(?:\s+(?P<scale>{SCALE}))?(?!\w)", qualified_count, {DIGITS}),
    YEAR_RULE,
    rule("CARDINAL", rf"(?P<noun>{alternatives(word.capitalize() for word in FRACTIONS)})(?!\w)", fraction,
         set(FRACTIONS), flags=0),
    rule("CARDINAL", rf"(?:(?P<word>{NUMBER_WORD})|(?P<one>ein(?:e[mnrs]?)?)(?=\s+(?:{SCALE})(?!\w)))"
                     rf"(?:\s+(?P<scale>{SCALE}))?(?!\w)", word_count, NUMBER_HEADS - {DIGITS}),
    rule("CARDINAL", rf"(?P<number>{NUMBER})(?:\s+(?P<scale>{SCALE}))?(?!\w)", count, {DIGITS}),
    rule("CARDINAL", rf"(?:(?P<vague>{alternatives(VAGUE)})\s+)?(?P<mag1>{alternatives(MAGNITUDES)}|Dutzend)"
                     rf"(?:\s+(?P<mag2>Millionen|Milliarden))?(?!\w)",
         vague_count, {*VAGUE, *MAGNITUDES, "dutzend"}),
]
HEADS = word_heads(RULES)


def find_figures(text: str, default_year: int | None = None, published: datetime.date | None = None) -> list[Figure]:
    """Every money amount, percentage, date, duration and count in `text`, without overlaps.

    Rules are tried most specific first; a later match that overlaps an earlier one is
    dropped. `published` (the article's date) resolves "am Montag", "gestern", "vergangene
    Woche", "seit 20 Jahren"; `default_year` (else the published year) completes dates
    given without a year ("am 30. Januar").
    """
    if published is not None and not 1 < published.year < 9999:
        published = None  # no date arithmetic at the ends of the calendar
    if default_year is None and published is not None:
        default_year = published.year
    return apply_rules(Context(text, default_year, published), RULES, HEADS)
