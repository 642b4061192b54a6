"""Rules for dates: calendar dates in words and digits, ranges, quarters and halves,
decades, weekdays and relative dates ("gestern", "vergangene Woche", "Februar dieses
Jahres", "Anfang des Jahres"), resolved against the publication date when it is known.

Values are JSON-able dicts with an "iso" form (ISO 8601 where it has one: "2025-01-27",
"2023-Q4", "2025-W05", "199X" for a decade as in EDTF, "-W-1" for a Monday of no known
week, "-P1D" for "yesterday" of no known day) and a "granularity".
"""

from __future__ import annotations

import datetime
import re

from gegenlesen.corpus.nlp.calendar_math import (
    MONTHS, PERIOD_QUALIFIERS, RELATIVE, RELATIVE_NAMES, WEEKDAY_NAMES, WEEKDAYS, article_year,
    complete_year, iso_of, iso_week, real_day, relative_offset, shift_month, weekday_date,
)
from gegenlesen.corpus.nlp.rules import DIGITS, Context, Figure, alternatives, rule

YEAR = r"(?:1[89]|20)\d{2}"
DAY = r"[0-3]?\d"
MONTH = alternatives(MONTHS)
REL_WORD = r"(?:vergangen|letzt|vorig|dies|laufend|kommend|nächst)e[nmrs]?"
REL_YEAR = rf"(?:des\s+)?(?:(?P<rel>{REL_WORD})\s+Jahres|(?P<rel_prev>Vorjahres))(?!\w)"
MONTH_HEADS = {word.rstrip(".") for word in MONTHS}
RELATIVE_HEADS = {stem + ending for stem in RELATIVE if stem != "vorjahr" for ending in ("e", "en", "er", "es", "em")}
DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "dreissiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
                "siebziger": 7, "achtziger": 8, "neunziger": 9}
PARTS_OF_DAY = ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")

PERIOD_BEFORE = re.compile(r"(?:(?<![\w-])(?P<period>Anfang|Mitte|Ende)\s+)?\Z", re.IGNORECASE)
YEAR_BEFORE = re.compile(
    r"(?:(?<![\w-])(?P<period>Anfang|Mitte|Ende)\s+)?(?:(?<![\w-])(?P<prefix>im\s+Jahre?)\s+)?\Z", re.IGNORECASE
)
DECADE_BEFORE = re.compile(r"(?:(?<![\w-])(?P<period>Anfang|Mitte|Ende)\s+der\s+|(?<![\w-])(?P<article>den|die|der)\s+)?\Z",
                           re.IGNORECASE)
DAY_BEFORE = re.compile(r"\d\.\s*\Z")
WEEKDAY_BEFORE = re.compile(
    r"(?:(?<![\w-])(?P<prep>am|seit|bis|ab|vom|von|zum)\s+)?"
    r"(?:(?<![\w-])(?P<dir>vergangenen|letzten|vorigen|kommenden|nächsten|diesen|diesem)\s+)?\Z",
    re.IGNORECASE,
)


def _back(pattern: re.Pattern, text: str, start: int, reach: int = 40) -> re.Match:
    """What `pattern` (which ends in \\Z and may match nothing) finds just before `start`."""
    return pattern.search(text, max(0, start - reach), start)


def _period(match: re.Match, context: Context) -> tuple[str | None, int]:
    before = _back(PERIOD_BEFORE, context.text, match.start())
    period = before.group("period")
    return (PERIOD_QUALIFIERS[period.lower()], before.start()) if period else (None, match.start())


def _relative_year(match: re.Match) -> int | None:
    if match.groupdict().get("rel_prev"):
        return -1
    rel = match.groupdict().get("rel")
    return relative_offset(rel) if rel else None


def _dated(value: dict, year: int | None, offset: int | None, context: Context, month: int | None,
           day: int | None) -> dict | None:
    """Complete a date's year (written, relative to the article's year, or assumed)."""
    if year is None and offset is not None:
        base = article_year(context)
        if base is None:
            value["unresolved"] = True
        else:
            year = base + offset
        value["relative"] = f"{RELATIVE_NAMES[offset]} year"
    elif year is None and month is not None:
        year = complete_year(month, day, context)
        if year is not None:
            value["year_assumed"] = True
    if day is not None and not real_day(year, month, day):
        return None
    if year is None and month is None:
        return None
    value["iso"], value["granularity"] = iso_of(year, month, day)
    return dict(sorted(value.items(), key=lambda item: item[0] != "iso" and item[0] != "granularity"))


def calendar_date(match: re.Match, context: Context) -> list[Figure] | None:
    """ "30. Januar 2025", "Ende Januar", "Februar dieses Jahres"."""
    groups = match.groupdict()
    if not groups["day"] and DAY_BEFORE.search(context.text, max(0, match.start() - 6), match.start()):
        return None  # the month of an impossible day ("32. Januar")
    month = MONTHS[groups["month"].lower()]
    day = int(groups["day"]) if groups["day"] else None
    qualifier, start = _period(match, context)
    offset = _relative_year(match)
    if month == 5 and not (day or groups["year"] or qualifier or offset is not None):
        return None  # "Mai" alone is too often not a date worth a highlight
    value = {"qualifier": qualifier} if qualifier else {}
    value = _dated(value, int(groups["year"]) if groups["year"] else None, offset, context, month, day)
    return [Figure(start, match.end(), "DATE", value)] if value else None


def numeric_date(match: re.Match, context: Context) -> dict | None:
    """ "27.01.2025", "15. 06. 2012", "2025-01-27"."""
    month, day = int(match.group("monthnum")), int(match.group("day"))
    if not 1 <= month <= 12:
        return None
    return _dated({}, int(match.group("year")), None, context, month, day)


def date_range(match: re.Match, context: Context) -> list[Figure] | None:
    """ "16. bis 18. Juni", "Juni bis August 2025", "zwischen dem 3. und 5. Mai": both ends."""
    g = match.groupdict()
    if not (g["d1"] or g["m1"]) or (g["d1"] and not g["d2"]) or (g["m1"] and not g["d1"] and g["d2"]):
        return None
    m2 = MONTHS[g["m2"].lower()]
    m1 = MONTHS[g["m1"].lower()] if g["m1"] else m2
    d1, d2 = (int(g["d1"]) if g["d1"] else None), (int(g["d2"]) if g["d2"] else None)
    y2 = int(g["y2"]) if g["y2"] else None
    y1 = int(g["y1"]) if g["y1"] else (y2 - 1 if y2 and (m1, d1 or 0) > (m2, d2 or 0) else y2)
    second = _dated({"range": "to"}, y2, None, context, m2, d2)
    assumed = y1 is None and bool(second and second.get("year_assumed"))
    if y1 is None and second and not second.get("iso", "").startswith("--"):
        y1 = int(second["iso"][:4]) - ((m1, d1 or 0) > (m2, d2 or 0))
    first = _dated({"range": "from"}, y1, None, context, m1, d1)
    if not first or not second:
        return None
    if assumed:
        first["year_assumed"] = True
    first_end = match.end("y1") if g["y1"] else match.end("m1") if g["m1"] else match.end("d1") + 1
    return [Figure(match.start("d1") if g["d1"] else match.start("m1"), first_end, "DATE", first),
            Figure(match.start("d2") if g["d2"] else match.start("m2"), match.end(), "DATE", second)]


def year_range(match: re.Match, context: Context) -> list[Figure] | None:
    """ "2020 bis 2022", "zwischen 2020 und 2022", "2020–2022"."""
    first, second = int(match.group("y1")), int(match.group("y2"))
    if first >= second:
        return None
    return [Figure(match.start("y1"), match.end("y1"), "DATE", {"iso": str(first), "granularity": "year", "range": "from"}),
            Figure(match.start("y2"), match.end("y2"), "DATE", {"iso": str(second), "granularity": "year", "range": "to"})]


def quarter(match: re.Match, context: Context) -> dict | None:
    """ "im vierten Quartal 2023" -> 2023-Q4, "erste Jahreshälfte 2024" -> 2024-H1, "Q3/2024"."""
    g = match.groupdict()
    if g.get("code"):
        kind, number = g["code"][0], int(g["code"][1])
    else:
        number = int(g["ordnum"]) if g["ordnum"] else ("erst", "zweit", "dritt", "viert").index(g["ord"].lower()) + 1
        kind = "Q" if g["quarter"] else "H"
        if kind == "H" and g["half"].lower() == "hälfte" and not (g["year"] or g["rel"] or g["rel_prev"] or g["of_year"]):
            return None  # "die erste Hälfte" of a match or a book
    if kind == "H" and number > 2:
        return None
    year = int(g["year"]) if g.get("year") else None
    offset = _relative_year(match)
    value: dict = {}
    if year is None and offset is not None:
        base = article_year(context)
        value["relative"] = f"{RELATIVE_NAMES[offset]} year"
        year = base + offset if base is not None else None
    elif year is None:
        year = article_year(context)
        value["year_assumed"] = year is not None
    if year is None:
        value["unresolved"] = True
    iso = f"{year:04d}-{kind}{number}" if year is not None else f"--{kind}{number}"
    return {"iso": iso, "granularity": "quarter" if kind == "Q" else "half",
            **{key: flag for key, flag in value.items() if flag}}


def decade(match: re.Match, context: Context) -> list[Figure] | None:
    """ "1990er Jahre" -> 199X, "in den 90er-Jahren", "Neunzigerjahre", "Anfang der 1980er"."""
    g = match.groupdict()
    before = _back(DECADE_BEFORE, context.text, match.start())
    if g["digits"]:
        digits = g["digits"]
        if len(digits) == 2 and not (g["years"] or g["ern"] or before.group("article") or before.group("period")):
            return None
        if len(digits) == 2:
            century = 20 if digits in ("00", "10") or (digits == "20" and (article_year(context) or 0) >= 2030) else 19
            digits = f"{century}{digits}"
    else:
        if not (g["years"] or g["ern"]):
            return None  # "ein Neunziger" is a person in their nineties
        digits = f"19{DECADE_WORDS[g['word'].lower() + 'er']}0"
    value = {"iso": digits[:3] + "X", "granularity": "decade"}
    start = match.start()
    if before.group("period"):
        value["qualifier"] = PERIOD_QUALIFIERS[before.group("period").lower()]
        start = before.start()
    return [Figure(start, match.end(), "DATE", value)]


def period_of(match: re.Match, context: Context) -> dict | None:
    """ "Anfang des Jahres" (the article's year), "Ende vergangenen Jahres", "Mitte des Monats"."""
    g = match.groupdict()
    value: dict = {"qualifier": PERIOD_QUALIFIERS[g["period"].lower()]}
    if g["year"]:
        return {"iso": g["year"], "granularity": "year", **value}
    offset = relative_offset(g["rel"] or g["rel2"]) if (g["rel"] or g["rel2"]) else 0
    value["relative"] = f"{RELATIVE_NAMES[offset]} {'year' if g['unit'].lower() == 'jahres' else 'month'}"
    if g["unit"].lower() == "jahres":
        base = article_year(context)
        iso = f"{base + offset:04d}" if base is not None else None
        granularity = "year"
    else:
        published = context.published
        iso = "{:04d}-{:02d}".format(*shift_month(published.year, published.month, offset)) if published else None
        granularity = "month"
    if iso is None:
        return {"iso": ("XXXX" if granularity == "year" else "XXXX-XX"), "granularity": granularity, **value,
                "unresolved": True}
    return {"iso": iso, "granularity": granularity, **value}


def weekday(match: re.Match, context: Context) -> list[Figure] | None:
    """ "am Montag" in an article of Wednesday 2025-01-29 is 2025-01-27; "kommenden Freitag"."""
    before = _back(WEEKDAY_BEFORE, context.text, match.start())
    prep, direction = before.group("prep"), (before.group("dir") or "").lower()
    if not prep and not direction:
        return None
    day = WEEKDAYS[match.group("weekday").lower()]
    way = ("last" if direction.startswith(("vergangen", "letzt", "vorig")) else
           "next" if direction.startswith(("kommend", "nächst")) else
           "from" if prep and prep.lower() in ("bis", "ab") else "")
    value: dict = {"weekday": WEEKDAY_NAMES[day]}
    if way in ("last", "next"):
        value["relative"] = way
    if context.published:
        value = {"iso": weekday_date(context.published, day, way).isoformat(), "granularity": "day", **value}
    else:
        value = {"iso": f"-W-{day + 1}", "granularity": "weekday", **value, "unresolved": True}
    start = before.start("dir") if direction else match.start()
    return [Figure(start, match.end(), "DATE", value)]


RELATIVE_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
DAY_NAMES = {-2: "the day before yesterday", -1: "yesterday", 0: "today", 1: "tomorrow", 2: "the day after tomorrow"}


def relative_day(match: re.Match, context: Context) -> dict | None:
    """ "gestern" -> the day before publication; "heute" only with a time of day ("heute Abend"),
    since alone it mostly means "nowadays"."""
    word = match.group("rel").lower()
    if word == "heute" and not match.group("part"):
        return None
    offset = RELATIVE_DAYS[word]
    if context.published is None:
        return {"iso": f"-P{-offset}D" if offset < 0 else f"P{offset}D", "granularity": "day",
                "relative": DAY_NAMES[offset], "unresolved": True}
    day = context.published + datetime.timedelta(days=offset)
    return {"iso": day.isoformat(), "granularity": "day", "relative": DAY_NAMES[offset]}


def relative_unit(match: re.Match, context: Context) -> dict | None:
    """ "vergangene Woche" -> the ISO week before publication, "im vergangenen Jahr", "diesen Monat"."""
    offset = relative_offset(match.group("dir"))
    unit = match.group("unit").lower().rstrip("s")
    unit = {"jahre": "jahr", "monat": "monat"}.get(unit, unit)
    name = {"woche": "week", "monat": "month", "jahr": "year"}[unit]
    value = {"relative": f"{RELATIVE_NAMES[offset]} {name}"}
    published = context.published
    if unit == "jahr" and article_year(context) is not None:
        return {"iso": f"{article_year(context) + offset:04d}", "granularity": "year", **value}
    if published is None:
        iso = f"-P1{name[0].upper()}" if offset < 0 else f"P{offset}{name[0].upper()}"
        return {"iso": iso, "granularity": name, **value, "unresolved": True}
    if unit == "woche":
        return {"iso": iso_week(published + datetime.timedelta(weeks=offset)), "granularity": "week", **value}
    return {"iso": "{:04d}-{:02d}".format(*shift_month(published.year, published.month, offset)),
            "granularity": "month", **value}


def year(match: re.Match, context: Context) -> list[Figure]:
    """A year on its own, "im Jahr 2023", "Ende 2025"."""
    before = _back(YEAR_BEFORE, context.text, match.start(), 30)
    value = {"iso": match.group("year"), "granularity": "year"}
    if before.group("period"):
        value["qualifier"] = PERIOD_QUALIFIERS[before.group("period").lower()]
    return [Figure(before.start() if before.group(0) else match.start(), match.end(), "DATE", value)]


_SEP = r"(?(between)und(?:\s+dem)?|(?:bis(?:\s+(?:zum|einschließlich))?|–|-))"
_REL_YEAR_OR_YEAR = rf"(?:\s+(?P<year>{YEAR})(?!\d)|\s+{REL_YEAR})"

RANGE_RULES = [
    rule("DATE", rf"(?:(?P<between>zwischen)\s+(?:dem\s+)?)?(?:(?P<d1>{DAY})\.\s*)?(?:(?P<m1>{MONTH})(?!\w)\s*"
                 rf"(?:(?P<y1>{YEAR})\s*)?)?{_SEP}\s*(?:(?P<d2>{DAY})\.\s*)?(?P<m2>{MONTH})(?!\w)(?:\s+(?P<y2>{YEAR})(?!\d))?",
         date_range, {"zwischen", DIGITS, *MONTH_HEADS}),
    rule("DATE", rf"(?:(?P<between>zwischen)\s+)?(?P<y1>{YEAR})\s*{_SEP}\s*(?P<y2>{YEAR})(?![\d,.]\d)",
         year_range, {"zwischen", DIGITS}),
]
DATE_RULES = [
    rule("DATE", rf"(?:(?P<ord>erst|zweit|dritt|viert)e[nrs]?\s+|(?P<ordnum>[1-4])\.\s*)"
                 rf"(?:(?P<quarter>Quartal|Vierteljahr)|(?P<half>Halbjahr|Jahreshälfte|Hälfte))(?!\w)"
                 rf"(?:\s+(?:des\s+Jahres\s+)?(?P<year>{YEAR})(?!\d)|\s+{REL_YEAR}|(?P<of_year>\s+des\s+Jahres(?!\s*\d)))?",
         quarter, {DIGITS, *(f"{o}{e}" for o in ("erst", "zweit", "dritt", "viert") for e in ("e", "en", "er", "es"))}),
    rule("DATE", rf"(?P<code>[QH][1-4])(?:\s*/?\s*(?P<year>{YEAR})(?!\d))?", quarter,
         {"q1", "q2", "q3", "q4", "h1", "h2"}, flags=0),
    rule("DATE", rf"(?:(?P<digits>(?:1[89]|20)?\d0)er|(?P<word>{alternatives(w[:-2] for w in DECADE_WORDS)})er)"
                 rf"(?:(?P<ern>n)|\s*-?\s*(?P<years>[Jj]ahren?))?(?!\w)",
         decade, {DIGITS, *(w + e for w in DECADE_WORDS for e in ("", "n", "jahre", "jahren"))}),
    rule("DATE", rf"(?:(?P<day>{DAY})\.\s*)?(?P<month>{MONTH})(?!\w){_REL_YEAR_OR_YEAR}?", calendar_date,
         {DIGITS, *MONTH_HEADS}),
    rule("DATE", rf"(?P<day>{DAY})\.\s?(?P<monthnum>[01]?\d)\.\s?(?P<year>{YEAR})(?!\d)", numeric_date, {DIGITS}),
    rule("DATE", rf"(?P<year>{YEAR})-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)", numeric_date, {DIGITS}),
    rule("DATE", rf"(?P<period>Anfang|Mitte|Ende|Beginn)\s+(?:des\s+(?:(?P<rel>{REL_WORD})\s+)?|(?P<rel2>{REL_WORD})\s+)"
                 rf"(?P<unit>Jahres|Monats)(?!\w)(?:\s+(?P<year>{YEAR})(?!\d))?",
         period_of, {"anfang", "mitte", "ende", "beginn"}),
    rule("DATE", rf"(?P<weekday>{alternatives(w.capitalize() for w in WEEKDAYS)})"
                 rf"(?P<part>{alternatives(PARTS_OF_DAY)})?(?!\w)",
         weekday, {w + p for w in WEEKDAYS for p in ("", *PARTS_OF_DAY)}, flags=0),
    rule("DATE", r"(?P<rel>[Vv]orgestern|[Gg]estern|[Üü]bermorgen|morgen|[Hh]eute)"
                 r"(?:\s+(?P<part>Morgen|früh|Vormittag|Mittag|Nachmittag|Abend|Nacht))?(?!\w)",
         relative_day, set(RELATIVE_DAYS), flags=0),
    rule("DATE", rf"(?P<dir>{REL_WORD})\s+(?P<unit>Woche|Monats?|Jahr|Jahres)(?!\w)", relative_unit, RELATIVE_HEADS),
]
YEAR_RULE = rule("DATE", rf"(?P<year>{YEAR})(?![\d,.]\d)", year, {DIGITS})
