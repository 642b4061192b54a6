"""Possible contradictions: two passages about the same name give different values of the
same kind (dates, amounts of one currency and unit, percentages).

Values are compared as intervals, so granularity and qualifiers are respected: January
2025 holds 28 January 2025; "less than 6,000,000 USD" holds 6,000,000 USD; "late" is shown
but never makes a conflict by itself. A passage with several values of one kind ("between
2023 and 2025", "78 million against 6 million") is read as a range or a comparison: a value
of the other passage inside that range, or equal to one of them, is no conflict.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref.units import FigureMention, NameMention, Passage, content_words
from gegenlesen.corpus.entities import describe_value

CONFLICT_LABELS = ("DATE", "MONEY", "PERCENT")
# How far a qualified amount reaches: "about 6 million" is 5.4 to 6.6 million.
QUALIFIED = {
    "less than": (0.0, 1.0), "at most": (0.0, 1.0), "almost": (0.9, 1.0),
    "more than": (1.0, math.inf), "at least": (1.0, math.inf), "about": (0.9, 1.1),
}
# Amounts further apart than this, with different leading digits, are different
# quantities (a company's budget and a country's), not two reports of one.
MAGNITUDE = 10.0


@dataclass(frozen=True)
class Conflict:
    """Two values of one kind about one name that cannot both be right."""

    entity: str
    label: str
    a: Passage = field(repr=False)
    b: Passage = field(repr=False)
    a_figure: FigureMention
    b_figure: FigureMention

    def describe(self, articles: Mapping[int, str] | None = None) -> str:
        """ "DeepSeek: 2024-01 (article 3) against 2025-01, late (article 4)"; `articles`
        names the articles (by id) when "article N" is not what the reader sees."""
        def where(article_id: int) -> str:
            return (articles or {}).get(article_id) or f"article {article_id}"

        return (
            f"{self.entity}: {_shown(self.a_figure)} ({where(self.a.article_id)}) "
            f"against {_shown(self.b_figure)} ({where(self.b.article_id)})"
        )


def _shown(figure: FigureMention) -> str:
    return describe_value(figure.label, figure.value) or figure.text


def kind(figure: FigureMention) -> tuple | None:
    """What must agree for two values to be comparable; None for values never compared."""
    value = figure.value
    if figure.label == "DATE" and value.get("iso"):
        return ("DATE",)
    if figure.label == "MONEY" and "amount" in value:
        return ("MONEY", value.get("currency"), (value.get("per") or "").casefold())
    if figure.label == "PERCENT":
        return ("PERCENT", "points" if "percentage_points" in value else "percent")
    return None


def _date_interval(value: dict) -> tuple | None:
    """(first day, last day) as ordinals, or ("md", month, day) when the year is unknown."""
    iso = str(value.get("iso", ""))
    year_known = not iso.startswith("--") and not value.get("year_assumed")
    parts = iso.lstrip("-").split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return None
    if not year_known:
        month_day = numbers[-2:] if iso.startswith("--") else numbers[1:]
        return ("md", *month_day, *([None] * (2 - len(month_day))))
    year, month, day = (numbers + [None, None])[:3]
    try:
        if month is None:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif day is None:
            first = datetime.date(year, month, 1)
            last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        else:
            first = last = datetime.date(year, month, day)
    except ValueError:
        return None
    return (first.toordinal(), last.toordinal())


def _amount(value: dict) -> float | None:
    number = value.get("amount", value.get("percent", value.get("percentage_points")))
    return float(number) if isinstance(number, (int, float)) else None


def _amount_interval(value: dict) -> tuple[float, float] | None:
    amount = _amount(value)
    if amount is None:
        return None
    low, high = QUALIFIED.get(value.get("qualifier") or "", (1.0, 1.0))
    return (amount * low, amount * high) if amount >= 0 else (amount * high, amount * low)


def _interval(figure: FigureMention) -> tuple | None:
    return _date_interval(figure.value) if figure.label == "DATE" else _amount_interval(figure.value)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def compatible(a: FigureMention, b: FigureMention) -> bool:
    """Whether two values of one kind can both be right."""
    first, second = _interval(a), _interval(b)
    if first is None or second is None:
        return True
    if first[0] == "md" or second[0] == "md":
        return _month_day_agree(first, second)
    if a.label != "DATE" and _different_quantities(a, b):
        return True
    return _overlap(first, second)


def _month_day_agree(first: tuple, second: tuple) -> bool:
    def month_day(interval: tuple) -> tuple:
        if interval[0] == "md":
            return interval[1], interval[2]
        start, end = (datetime.date.fromordinal(o) for o in interval)
        if (start.month, start.day) == (end.month, end.day):
            return start.month, start.day
        return (start.month, None) if start.month == end.month and start.year == end.year else (None, None)

    (m1, d1), (m2, d2) = month_day(first), month_day(second)
    return None in (m1, m2) or (m1 == m2 and (None in (d1, d2) or d1 == d2))


def _different_quantities(a: FigureMention, b: FigureMention) -> bool:
    x, y = abs(_amount(a.value) or 0), abs(_amount(b.value) or 0)
    if not x or not y or max(x, y) / min(x, y) <= MAGNITUDE:
        return False
    return _leading_digits(x) != _leading_digits(y)


def _leading_digits(number: float) -> str:
    return f"{number:.6e}".split("e")[0].rstrip("0").rstrip(".")


def _in_range(figure: FigureMention, others: list[FigureMention]) -> bool:
    """Whether `figure` lies within the span of several values (a range or comparison)."""
    intervals = [_interval(other) for other in others]
    own = _interval(figure)
    if own is None or own[0] == "md" or any(i is None or i[0] == "md" for i in intervals):
        return False
    return _overlap(own, (min(i[0] for i in intervals), max(i[1] for i in intervals)))


def _name_weights(passage: Passage) -> dict[str, tuple[float, NameMention]]:
    weights: dict[str, tuple[float, NameMention]] = {}
    for name in passage.names:
        weights[name.key] = (1.0 if name.standalone else 0.5, name)
    for name in passage.context:
        weights.setdefault(name.key, (0.5 if name.standalone else 0.25, name))
    return weights


def shared_name(a: Passage, b: Passage) -> str | None:
    """The name both passages are most clearly about, as the first passage writes it.

    A name standing on its own inside the passage counts most; one opening a compound or
    standing just before the passage counts less. None when they share no name, or share
    one only in passing (in compounds or context on both sides).
    """
    first, second = _name_weights(a), _name_weights(b)
    best = None
    for key in sorted(first.keys() & second.keys()):
        weight = first[key][0] + second[key][0]
        if weight >= 1.5 and (best is None or weight > best[0]):
            best = (weight, first[key][1].text)
    return best[1] if best else None


DATE_WORDS = content_words(
    "Jahr Jahre Jahres Jahren Monat Monate Monats Woche Wochen Anfang Mitte Ende Beginn seit zuletzt bereits "
    "damals vergangenen vergangenes kommenden nächsten letzten Frühjahr Sommer Herbst Winter heuer"
)
"""Words that belong to a date's wording, not to what it dates."""
CONTEXT_CHARS = 40
"""How far around a figure the words say what it counts ("kostet", "Umsatz", "Stellen")."""


Near = Callable[[Passage, FigureMention], frozenset]
"""The word stems around a value (`words_near`, or a store's kept copy of it)."""


def _same_quantity(a: Passage, x: FigureMention, b: Passage, y: FigureMention, near: Near) -> bool:
    """Whether two values of one kind could count the same thing.

    A year is not compared with a month or a day (a plan for 2027 and an opening on
    12 March 2024 are two events). Values must share a word near them: amounts what they
    count ("kostet 2 Milliarden" and "kostete 1,8 Milliarden"; not "Umsatz von 700
    Millionen"); a date's neighbouring words say what it dates, and the other passage must
    speak of that too ("das Modell im Januar 2024" and "sein Start Ende Januar 2025 …
    mit seinem Modell"; not an election and a flood in the same country).
    """
    if x.label == "DATE":
        if (x.value.get("granularity") == "year") != (y.value.get("granularity") == "year"):
            return False
        first, second = near(a, x) - DATE_WORDS, near(b, y) - DATE_WORDS
        return bool(first & (b.words or content_words(b.text)) or second & (a.words or content_words(a.text)))
    return bool(near(a, x) & near(b, y))


def words_near(passage: Passage, figure: FigureMention) -> frozenset[str]:
    """The word stems around a value, its own words and the passage's names left out: what
    the value counts or dates ("Start", "kostete", "gegründet")."""
    at = passage.text.find(figure.text)
    if at < 0:
        return passage.words
    window = passage.text[max(0, at - CONTEXT_CHARS) : at + len(figure.text) + CONTEXT_CHARS]
    names = {word for name in passage.names for word in content_words(name.text)}
    return content_words(window) - content_words(figure.text) - names


BYLINE = re.compile(r"\s*\)")


def _byline_date(passage: Passage, figure: FigureMention) -> bool:
    """A date closing a credit line ("(APA, 6.11.2015)", "(Name, 2.1.2016)"): when the report
    was filed, not when anything happened."""
    at = passage.text.find(figure.text)
    return figure.label == "DATE" and at >= 0 and bool(BYLINE.match(passage.text, at + len(figure.text)))


def find_conflicts(a: Passage, b: Passage, near: Near | None = None) -> list[Conflict]:
    """Values of one kind in `a` and `b` that cannot both be right, when both passages are
    about one name. Passages of one article are never compared.

    Args:
        near: the words around a value; `words_near` unless a caller kept them.
    """
    near = near or words_near
    if a.article_id == b.article_id:
        return []
    entity = shared_name(a, b)
    if entity is None:
        return []
    conflicts = []
    for wanted in sorted({kind(f) for f in a.figures if kind(f)} & {kind(f) for f in b.figures if kind(f)}, key=str):
        ours = [f for f in a.figures if kind(f) == wanted and not _byline_date(a, f)]
        theirs = [f for f in b.figures if kind(f) == wanted and not _byline_date(b, f)]
        if not ours or not theirs:
            continue
        pairs = [(x, y) for x in ours for y in theirs if _same_quantity(a, x, b, y, near)]
        if not pairs or any(compatible(x, y) for x, y in pairs):
            continue
        if (len(theirs) > 1 and all(_in_range(x, theirs) for x in ours)) or (
            len(ours) > 1 and all(_in_range(y, ours) for y in theirs)
        ):
            continue
        conflicts.append(Conflict(entity, wanted[0], a, b, ours[0], theirs[0]))
    return conflicts


# -- one contradiction, however it was found ---------------------------------------------

Unit = tuple[int, int]
"""(article id, start of a sentence): where a passage sits, whether it is the sentence
itself or a claim inside it."""


class Sentences:
    """Which sentence of its article an offset falls in, so that a sentence and a claim
    inside it count as one passage."""

    def __init__(self, sentences: Iterable[Passage]) -> None:
        spans: dict[int, list[tuple[int, int]]] = {}
        for sentence in sentences:
            spans.setdefault(sentence.article_id, []).append((sentence.start, sentence.end))
        self._spans = {article_id: sorted(found) for article_id, found in spans.items()}
        """Article id -> its sentences' (start, end), in order."""
        self._starts = {article_id: [start for start, _ in found] for article_id, found in self._spans.items()}
        """Article id -> its sentences' starts, for bisecting."""

    def unit(self, article_id: int, offset: int) -> Unit:
        """The sentence holding `offset` as (article id, its start); (article id, offset)
        where no sentence holds it (an article not yet analysed)."""
        starts = self._starts.get(article_id, [])
        at = bisect.bisect_right(starts, offset) - 1
        if at >= 0 and offset < self._spans[article_id][at][1]:
            return article_id, starts[at]
        return article_id, offset


ConflictPair = tuple[Unit, Unit, str]
"""The two sentences a contradiction is between (in order) and the label of its values."""


def conflict_pair(conflict: Conflict, sentences: Sentences) -> ConflictPair:
    """What makes two findings one contradiction: both sides sit on the same two sentences
    and compare values of one label, whether they were found on the sentences or on claims."""
    first, second = sorted(sentences.unit(side.article_id, side.start) for side in (conflict.a, conflict.b))
    return first, second, conflict.label
