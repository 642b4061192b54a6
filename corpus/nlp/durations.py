"""Durations as DATE figures with an ISO 8601 duration: "zwei Wochen" -> P2W, "seit 20
Jahren" -> P20Y since 2005 (in an article of 2025), "vor drei Monaten", "anderthalb Jahre"."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from gegenlesen.corpus.nlp.calendar_math import article_year, shift_month
from gegenlesen.corpus.nlp.numbers import NUMBER, NUMBER_WORD, ONE, parse_number, tidy, word_value
from gegenlesen.corpus.nlp.rules import DIGITS, NUMBER_WORDS, Context, Figure, alternatives, in_score, qualifier_before, rule

# unit word -> (ISO designator, how many of it, whether it is a time of day unit)
UNITS = {
    "sekunde": ("S", 1, True), "sekunden": ("S", 1, True), "minute": ("M", 1, True), "minuten": ("M", 1, True),
    "stunde": ("H", 1, True), "stunden": ("H", 1, True), "tag": ("D", 1, False), "tage": ("D", 1, False),
    "tagen": ("D", 1, False), "woche": ("W", 1, False), "wochen": ("W", 1, False), "monat": ("M", 1, False),
    "monate": ("M", 1, False), "monaten": ("M", 1, False), "jahr": ("Y", 1, False), "jahre": ("Y", 1, False),
    "jahren": ("Y", 1, False), "jahrzehnt": ("Y", 10, False), "jahrzehnte": ("Y", 10, False),
    "jahrzehnten": ("Y", 10, False), "jahrhundert": ("Y", 100, False), "jahrhunderte": ("Y", 100, False),
    "jahrhunderten": ("Y", 100, False),
}
RELATIONS = {"seit": "since", "vor": "ago", "in": "in", "binnen": "within", "innerhalb": "within",
             "innerhalb von": "within", "nach": "after"}
RELATION_BEFORE = re.compile(rf"(?<![\w-])(?P<relation>{alternatives(RELATIONS)})\s+\Z", re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?<![\w-])Alter\s+von\s+\Z")
AGE_AFTER = re.compile(r"\s+alte?[nmrs]?(?!\w)")
NAMES = {"S": "second", "M": "minute", "H": "hour", "D": "day", "W": "week", "Y": "year"}


def duration(match: re.Match, context: Context) -> list[Figure] | None:
    """A length of time; with "seit", "vor" or "in" and a known publication date, also the
    date it reaches ("seit 20 Jahren" in 2025: since 2005)."""
    text = context.text
    if AGE_AFTER.match(text, match.end()) or AGE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return None  # "45 Jahre alt", "im Alter von 45 Jahren" are ages
    g = match.groupdict()
    if g["number"] and in_score(text, match.start(), match.start() + len(g["number"])):
        return None
    if g["number"]:
        amount = parse_number(g["number"])
    elif g["word"]:
        amount = word_value(g["word"])
    else:
        amount = Decimal(1)
    if amount is None or amount <= 0:
        return None
    if g["half"]:
        one = g["one"] or g["word"].lower() in ("ein", "eins")
        amount = amount / 2 if one else amount + Decimal("0.5")
    designator, factor, clock = UNITS[g["unit"].lower()]
    amount *= factor
    if designator == "Y" and amount != amount.to_integral_value() and (amount * 12) == (amount * 12).to_integral_value():
        amount, designator = amount * 12, "M"
    if designator == "W" and amount != amount.to_integral_value():
        amount, designator = amount * 7, "D"
    shown = tidy(amount)
    if shown is None:
        return None
    iso = f"PT{shown}{designator}" if clock else f"P{shown}{designator}"
    value: dict = {"iso": iso, "granularity": "duration"}
    qualifier, start = qualifier_before(text, match.start())
    found = RELATION_BEFORE.search(text, max(0, start - 20), start)
    if found:
        relation = RELATIONS[" ".join(found.group("relation").lower().split())]
        value["relation"] = relation
        start = found.start()
        reached = _reached(context, relation, amount, designator, clock)
        if reached:
            value["resolved"] = reached
    if qualifier:
        value["qualifier"] = qualifier
    return [Figure(start, match.end(), "DATE", value)]


def _reached(context: Context, relation: str, amount: Decimal, designator: str, clock: bool) -> str | None:
    """The date a "seit", "vor" or "in" duration reaches from the publication date."""
    sign = {"since": -1, "ago": -1, "in": 1}.get(relation)
    if sign is None or clock or amount != amount.to_integral_value():
        return None
    count = int(amount) * sign
    if designator == "Y":
        year = article_year(context)
        return f"{year + count:04d}" if year is not None and 1 <= year + count <= 9999 else None
    published = context.published
    if published is None:
        return None
    try:
        if designator == "M":
            return "{:04d}-{:02d}".format(*shift_month(published.year, published.month, count))
        days = count * (7 if designator == "W" else 1)
        return (published + datetime.timedelta(days=days)).isoformat()
    except (OverflowError, ValueError):
        return None


DURATION_RULE = rule(
    "DATE",
    rf"(?:(?P<number>{NUMBER})|(?P<word>{NUMBER_WORD})|(?P<one>{ONE}))(?P<half>\s+halbe[nrs]?)?"
    rf"\s+(?P<unit>{alternatives(word.capitalize() for word in UNITS)})(?!\w)",
    duration, {DIGITS, NUMBER_WORDS, "ein", "eine", "einem", "einen", "einer"},
)
