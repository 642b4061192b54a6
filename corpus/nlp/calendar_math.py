"""Calendar arithmetic for dates in news text: completing a year, resolving "am Montag",
"gestern" or "vergangene Woche" against the publication date, and reading that date."""

from __future__ import annotations

import datetime
import re

from gegenlesen.corpus.nlp.rules import Context

MONTHS = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feb.": 2, "märz": 3, "april": 4,
    "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9,
    "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11,
    "dezember": 12, "dez.": 12,
}
WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIOD_QUALIFIERS = {"anfang": "early", "beginn": "early", "mitte": "mid", "ende": "late"}
# "vergangenen Jahres" -> -1; the words that say which week, month or year of the article's.
RELATIVE = {
    "vergangen": -1, "letzt": -1, "vorig": -1, "vorjahr": -1, "dies": 0, "laufend": 0,
    "kommend": 1, "nächst": 1,
}
RELATIVE_NAMES = {-1: "last", 0: "this", 1: "next"}
ISO_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
GERMAN_DATE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")


def publication_date(stored: str | None) -> datetime.date | None:
    """An article's stored publication date as a date: ISO ("2025-01-29", also with a
    time after it) or German ("29.01.2025"); None when missing or not a real date."""
    if not stored or not isinstance(stored, str):
        return None
    stored = stored.strip()
    found = ISO_DATE_PREFIX.match(stored)
    if found:
        year, month, day = (int(part) for part in found.groups())
    else:
        found = GERMAN_DATE.match(stored)
        if not found:
            return None
        day, month, year = (int(part) for part in found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def relative_offset(word: str) -> int:
    """-1, 0 or 1 for "vergangenen", "dieses", "nächsten" and their other endings."""
    lower = word.lower()
    return next(offset for stem, offset in RELATIVE.items() if lower.startswith(stem))


def real_day(year: int | None, month: int | None, day: int) -> bool:
    """Whether the day exists (in a leap year, when the year is not known)."""
    try:
        datetime.date(year or 2024, month or 1, day)
    except ValueError:
        return False
    return True


def article_year(context: Context) -> int | None:
    """The year the article was written in, when known."""
    return context.published.year if context.published else context.default_year


def complete_year(month: int, day: int | None, context: Context) -> int | None:
    """The year of a date written without one: of the years around the publication date the
    one that puts the date nearest to it ("30. Dezember" in January is last December);
    without a publication date the default year; None when neither is known."""
    published = context.published
    if published is None:
        year = context.default_year
        return year if year is not None and (day is None or real_day(year, month, day)) else None
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        if day is not None and not real_day(year, month, day):
            continue
        when = datetime.date(year, month, day or 15)
        distance = abs((when - published).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def iso_of(year: int | None, month: int | None, day: int | None) -> tuple[str, str]:
    """(ISO form, granularity) of a date known to the year, month or day; "--01-30" when the
    year is not known."""
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}"), "month"
    return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), "day"


def weekday_date(published: datetime.date, weekday: int, direction: str) -> datetime.date:
    """The day a weekday named in an article of `published` means.

    `direction` is "last" (strictly before: "vergangenen Montag"), "next" (strictly after:
    "kommenden Montag"), "from" (that day or the next such: "ab Montag") or "" (that day or
    the last such: "am Montag" in news mostly reports what happened).
    """
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction == "last":
        return published - datetime.timedelta(days=back or 7)
    if direction == "next":
        return published + datetime.timedelta(days=ahead or 7)
    if direction == "from":
        return published + datetime.timedelta(days=ahead)
    return published - datetime.timedelta(days=back)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by a number of months."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def iso_week(day: datetime.date) -> str:
    """The ISO week of a day: "2025-W05"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
