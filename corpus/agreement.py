"""How far annotators agree, over plain claim records: no database, no screen.

Three questions, each answered with Krippendorff's alpha (nominal) from the `krippendorff`
package and the number of items it rests on:

- Which sentences are claims: every sentence of an article is an item; an annotator's value
  is 1 when one of their claims overlaps the sentence, else 0. An annotator counts for an
  article only when they tagged at least one claim in it (else their values are missing:
  they did not read it), so an article takes part when two annotators tagged in it.
- Claim types and verdicts, on the claims they share: overlapping claims of one article form
  a unit; a unit tagged by two annotators or more is shared, and each annotator's value is
  the type (or verdict) of their first claim in it. No type and "unchecked" are missing.

For exactly two annotators each figure also gives Cohen's kappa (NLTK's `AnnotationTask`),
over the items both gave a value to: kappa estimates chance from each annotator's own
distribution of values, alpha from the pooled one, and alpha takes missing values, which
kappa does not.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

UNCHECKED = "unchecked"
MEASURE = "Krippendorff's alpha (nominal)"
KAPPA = "Cohen's kappa"


@dataclass(frozen=True)
class ClaimRecord:
    """One claim as agreement sees it: who tagged which span, and how they judged it."""

    annotator: str
    article: int
    start: int
    end: int
    type: str | None = None
    verdict: str | None = None
    id: int = 0
    curated: str | None = None


@dataclass(frozen=True)
class Figure:
    """One agreement figure and what it rests on."""

    alpha: float | None
    """None when it cannot be computed; `reason` says why."""
    items: int
    """Items that two annotators or more gave a value to: what alpha rests on."""
    observed: float | None
    """Share of those items on which every annotator who gave a value gave the same."""
    reason: str = ""
    kappa: float | None = None
    """Cohen's kappa, for two annotators only, over the items both gave a value to."""
    kappa_items: int = 0

    def as_dict(self) -> dict:
        return {"measure": MEASURE, "alpha": self.alpha, "items": self.items, "observed": self.observed,
                "reason": self.reason or None, "kappa": self.kappa, "kappa_items": self.kappa_items}


@dataclass(frozen=True)
class Unit:
    """Overlapping claims of one article: the claims of each annotator in it, first first."""

    article: int
    start: int
    end: int
    claims: Mapping[str, ClaimRecord]

    @property
    def shared(self) -> bool:
        return len(self.claims) > 1

    def verdicts(self) -> dict[str, str]:
        return {who: claim.verdict for who, claim in self.claims.items() if claim.verdict and claim.verdict != UNCHECKED}


@dataclass(frozen=True)
class Report:
    """Agreement of some annotators: on claim sentences (overall and per article), types, verdicts."""

    annotators: tuple[str, ...]
    sentences: Figure
    per_article: dict[int, Figure]
    types: Figure
    verdicts: Figure
    shared_claims: int
    claims: dict[str, int]
    """How many claims each annotator tagged in the articles compared."""
    disagreements: tuple[Unit, ...] = field(default_factory=tuple)
    """Shared units whose verdicts differ: what a lead may curate."""


def alpha_figure(rows: Sequence[Sequence[object | None]]) -> Figure:
    """Krippendorff's alpha (nominal) of an annotators x items table; None marks a missing value.

    Args:
        rows: one row per annotator, one column per item, all rows as long.

    Returns:
        The figure; alpha is None with a reason when fewer than two annotators gave a value
        to any item, or when every value given is the same (alpha is then undefined).
    """
    import krippendorff
    import numpy

    width = len(rows[0]) if rows else 0
    columns = [[row[index] for row in rows if row[index] is not None] for index in range(width)]
    pairable = [column for column in columns if len(column) > 1]
    if not pairable:
        return Figure(None, 0, None, "no item has values from two annotators")
    agreeing = sum(1 for column in pairable if len(set(column)) == 1)
    observed = agreeing / len(pairable)
    values = sorted({value for column in pairable for value in column}, key=repr)
    if len(values) < 2:
        return Figure(None, len(pairable), observed, "every value given is the same: alpha is undefined")
    codes = {value: float(index) for index, value in enumerate(values)}
    table = numpy.array([[math.nan if value is None else codes.get(value, math.nan) for value in row] for row in rows])
    alpha = float(krippendorff.alpha(reliability_data=table, level_of_measurement="nominal", value_domain=list(codes.values())))
    kappa, kappa_items = cohens_kappa(rows) if len(rows) == 2 else (None, 0)
    return Figure(alpha, len(pairable), observed, kappa=kappa, kappa_items=kappa_items)


def cohens_kappa(rows: Sequence[Sequence[object | None]]) -> tuple[float | None, int]:
    """Cohen's kappa of two annotators' rows over the items both gave a value to, and how many
    items that is; None where it is undefined (no such item, or one value throughout)."""
    from nltk.metrics.agreement import AnnotationTask

    first, second = rows
    both = [(a, b) for a, b in zip(first, second) if a is not None and b is not None]
    if not both or len({value for pair in both for value in pair}) < 2:
        return None, len(both)
    data = [(coder, index, repr(value)) for index, pair in enumerate(both) for coder, value in enumerate(pair)]
    return float(AnnotationTask(data=data).kappa()), len(both)


def units(claims: Iterable[ClaimRecord]) -> list[Unit]:
    """Group the claims of each article into units of overlapping spans, in text order."""
    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    found: list[Unit] = []
    for article in sorted(by_article):
        group: list[ClaimRecord] = []
        reach = -1
        for claim in sorted(by_article[article], key=lambda c: (c.start, c.end, c.id)):
            if group and claim.start >= reach:
                found.append(_unit(article, group))
                group = []
            group.append(claim)
            reach = max(reach, claim.end) if len(group) > 1 else claim.end
        if group:
            found.append(_unit(article, group))
    return found


def _unit(article: int, group: list[ClaimRecord]) -> Unit:
    first: dict[str, ClaimRecord] = {}
    for claim in group:
        first.setdefault(claim.annotator, claim)
    return Unit(article, min(c.start for c in group), max(c.end for c in group), first)


def sentence_rows(
    annotators: Sequence[str], claims: Iterable[ClaimRecord], sentences: Sequence[tuple[int, int]]
) -> list[list[int | None]]:
    """Annotators x sentences of one article: 1 where their claims overlap the sentence, else
    0; None throughout for an annotator with no claim in the article."""
    starts = [start for start, _ in sentences]
    rows: dict[str, list[int | None]] = {}
    for claim in claims:
        row = rows.setdefault(claim.annotator, [0] * len(sentences))
        index = max(bisect.bisect_right(starts, claim.start) - 1, 0)
        while index < len(sentences) and sentences[index][0] < claim.end:
            if sentences[index][1] > claim.start:
                row[index] = 1
            index += 1
    return [rows.get(who, [None] * len(sentences)) for who in annotators]


def agreement(
    annotators: Sequence[str], claims: Iterable[ClaimRecord], sentences: Mapping[int, Sequence[tuple[int, int]]]
) -> Report:
    """How far `annotators` agree on the `claims` they tagged.

    Args:
        annotators: two or more names; claims by others are left out.
        claims: the claims, any order.
        sentences: each article's sentence spans (start, end), in text order; an article
            without sentences takes part only in the type and verdict figures.

    Raises:
        ValueError: for fewer than two annotators.
    """
    names = tuple(dict.fromkeys(annotators))
    if len(names) < 2:
        raise ValueError("agreement needs at least two annotators")
    wanted = set(names)
    chosen = [claim for claim in claims if claim.annotator in wanted]
    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    for claim in chosen:
        by_article[claim.article].append(claim)
    compared = {article: found for article, found in by_article.items()
                if len({claim.annotator for claim in found}) > 1}
    overall: list[list[int | None]] = [[] for _ in names]
    per_article: dict[int, Figure] = {}
    for article in sorted(compared):
        spans = sorted(sentences.get(article, ()))
        if not spans:
            continue
        rows = sentence_rows(names, compared[article], spans)
        per_article[article] = alpha_figure(rows)
        for total, row in zip(overall, rows):
            total.extend(row)
    shared = [unit for unit in units(claim for found in compared.values() for claim in found) if unit.shared]
    types = [[unit.claims[who].type if who in unit.claims else None for unit in shared] for who in names]
    verdicts = [[unit.verdicts().get(who) for unit in shared] for who in names]
    counts = {who: 0 for who in names}
    for found in compared.values():
        for claim in found:
            counts[claim.annotator] += 1
    differing = tuple(unit for unit in shared if len(set(unit.verdicts().values())) > 1)
    return Report(names, alpha_figure(overall), per_article, alpha_figure(types), alpha_figure(verdicts),
                  len(shared), counts, differing)
