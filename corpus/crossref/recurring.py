"""Figures and dates several articles give: the same amount, percentage or date, by value."""

from __future__ import annotations

from dataclasses import dataclass

from gegenlesen.corpus.crossref.passages import Passages
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.corpus.entities import describe_value

RECURRING_LABELS = ("MONEY", "PERCENT", "DATE")


@dataclass(frozen=True)
class Recurring:
    """One figure or date given by several articles, with the first sentence giving it in each."""

    key: str
    label: str
    value: str
    passages: tuple[Passage, ...]

    @property
    def article_ids(self) -> list[int]:
        return [p.article_id for p in self.passages]


def recurring_figures(corpus: Passages) -> list[Recurring]:
    """Amounts, percentages and dates that two or more articles give (in the corpus's
    sentences), most articles first."""
    first: dict[str, dict[int, Passage]] = {}
    shown: dict[str, tuple[str, str]] = {}
    for passage in corpus.sentences:
        for figure in passage.figures:
            if figure.label not in RECURRING_LABELS:
                continue
            key = figure.identity
            first.setdefault(key, {}).setdefault(passage.article_id, passage)
            if key not in shown:
                value = {k: v for k, v in figure.value.items() if k not in ("qualifier", "year_assumed")}
                shown[key] = (figure.label, describe_value(figure.label, value) or figure.text)
    found = [
        Recurring(key, shown[key][0], shown[key][1], tuple(by_article[a] for a in sorted(by_article)))
        for key, by_article in first.items() if len(by_article) >= 2
    ]
    return sorted(found, key=lambda r: (-len(r.passages), RECURRING_LABELS.index(r.label), r.value))


__all__ = ["RECURRING_LABELS", "Recurring", "recurring_figures"]
