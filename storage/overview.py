"""Views over the whole corpus: which article mentions which entity, and every date in order.

Both read plain rows from the store and hand back plain rows; the screens that draw them
live in `tui/screens/` (matrix, timeline).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain, repeat

from gegenlesen.corpus.entities import FIGURE_LABELS, EntityGroup, group_mentions
from gegenlesen.storage import articles, corrections
from gegenlesen.storage.claims import Claim, list_claims
from gegenlesen.storage.db import Store

NAMES, FIGURES, ALL = "names", "figures", "all"
"""Which rows of the matrix to show: names only, figures and dates only, or both."""


@dataclass(frozen=True)
class ArticleColumn:
    """An article as the overviews name it: its number (id) and title."""

    id: int
    title: str
    source: str


@dataclass(frozen=True)
class EntityMatrix:
    """Every entity of some articles (most mentioned first), with mentions per article."""

    articles: list[ArticleColumn]
    groups: list[EntityGroup]


def is_figure(group: EntityGroup) -> bool:
    """Whether a group is a figure or date (met by its normalised value), not a name."""
    return group.label in FIGURE_LABELS and group.value is not None


def of_kind(groups: list[EntityGroup], kind: str) -> list[EntityGroup]:
    """The groups to show for a filter: NAMES, FIGURES or ALL."""
    if kind == NAMES:
        return [group for group in groups if not is_figure(group)]
    if kind == FIGURES:
        return [group for group in groups if is_figure(group)]
    return list(groups)


def article_columns(db: Store, article_ids: list[int] | None = None) -> list[ArticleColumn]:
    """The articles (the current versions, in import order, or the given ones) as overview columns."""
    from gegenlesen.storage.articles import current_ids

    wanted = set(article_ids) if article_ids is not None else set(current_ids(db))
    from gegenlesen.storage.pending import visible

    rows = db.execute(f"SELECT id, title, source FROM articles WHERE {visible()} ORDER BY id")
    return [ArticleColumn(*row) for row in rows if row[0] in wanted]


def entity_matrix(db: Store, article_ids: list[int] | None = None) -> EntityMatrix:
    """Entities grouped over the articles as the entities pane groups them (names by their
    folded text, figures and dates by their value, corrections applied), with how often
    each article mentions each.

    The mentions are counted by SQLite (one row per article, entity and surface); only
    the articles a correction may touch are read mention by mention, with the
    corrections applied, so that 10,000 articles take a second, not a minute."""
    columns = article_columns(db, article_ids)
    wanted = {column.id for column in columns}
    touched = touched_by_corrections(db) & wanted
    counted = db.execute(
        "SELECT article_id, key, label, text, count(*) FROM entities GROUP BY article_id, key, label, text"
    )
    mentions = chain(
        (mention for article_id, key, label, text, times in counted
         if article_id in wanted and article_id not in touched
         for mention in repeat((article_id, key, label, text), times)),
        ((m.article_id, m.key, m.label, m.text) for m in articles.entities(db, sorted(touched))),
    )
    return EntityMatrix(columns, group_mentions(mentions))


def touched_by_corrections(db: Store) -> set[int]:
    """The articles that may hold a form the user corrected (found by the FTS index): only
    their mentions differ from what analysis stored."""
    found: set[int] = set()
    for rule in corrections.corrections(db):
        words = re.findall(r"\w+", rule.surface)
        if words:
            phrase = '"' + " ".join(words).replace('"', '""') + '"*'  # "*": with a genitive ending too
            found |= {row[0] for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [phrase])}
    return found


@dataclass(frozen=True)
class DatedRow:
    """A date mentioned in an article, with the sentence (or claim) it is in."""

    iso: str
    """The normalised date: '2025', '2025-01', '2025-01-28', or '--01-30' without a year."""
    granularity: str
    """'year', 'month' or 'day'."""
    qualifier: str | None
    """'early', 'mid' or 'late' ("Ende Januar"), if the text says so."""
    year_assumed: bool
    """The text gave no year; the article's own year was taken."""
    article_id: int
    start: int
    end: int
    """Where the date is in the article's text."""
    surface: str
    """The date as the text words it."""
    context: str
    """The claim's quote when the date is inside a claim, else the sentence."""
    context_start: int
    """Where `context` begins in the article's text."""
    claim_id: int | None = None
    """The claim holding the date, if any."""

    @property
    def has_year(self) -> bool:
        """Whether the date is placed in a year ('2025-01', '2023-Q4'); not '--01-30' or a
        weekday of an unknown week ('-W-1')."""
        return self.iso[:1].isdigit()


def date_order(row: DatedRow) -> tuple:
    """Dates in calendar order, coarser first ('2025' before '2025-01' before '2025-01-28');
    dates without a year last (by month and day, then weekdays of an unknown week)."""
    return (not row.has_year, row.iso, row.article_id, row.start)


def timeline(db: Store, article_ids: list[int] | None = None) -> list[DatedRow]:
    """Every DATE mention with a value that is a point in time (no duration), in date
    order; a date inside a claim comes with the claim's quote, any other with its
    sentence. One row per date and sentence.

    SQLite finds each date's sentence and cuts its text out (no article's whole text is
    read); articles a correction may touch are read through `articles.entities`."""
    ids = {column.id for column in article_columns(db, article_ids)}
    touched = touched_by_corrections(db) & ids
    claims_by_article: dict[int, list[Claim]] = {}
    for claim in list_claims(db, sorted(ids)):
        claims_by_article.setdefault(claim.article_id, []).append(claim)
    found = [
        (article_id, start, end, surface, json.loads(value), sentence_start, sentence_end, sentence)
        for article_id, start, end, surface, value, sentence_start, sentence_end, sentence in db.execute(
            "SELECT e.article_id, e.start, e.end, e.text, e.value, s.start, s.end, "
            "substr(a.text, s.start + 1, s.end - s.start) FROM entities e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.start <= e.start AND e.start < s.end "
            "WHERE e.label = 'DATE' AND e.value IS NOT NULL ORDER BY e.article_id, e.start, e.end"
        )
        if article_id in ids and article_id not in touched
    ]
    found += [
        (m.article_id, m.start, m.end, m.text, m.value, None, None, None)
        for m in articles.entities(db, sorted(touched)) if m.label == "DATE"
    ]
    rows: list[DatedRow] = []
    seen: set[tuple] = set()
    for article_id, start, end, surface, value, sentence_start, sentence_end, sentence in found:
        if not value or not value.get("iso") or value.get("granularity") == "duration":
            continue  # a duration ("zwei Wochen") is no point in time
        claim = next((c for c in claims_by_article.get(article_id, []) if c.start <= start and end <= c.end), None)
        context = None
        if claim is not None:
            context_start, context_end = claim.start, claim.end
        elif sentence_start is not None:
            context_start, context_end, context = sentence_start, sentence_end, sentence
        else:  # in no sentence (between them, or none stored): as the reader would place it
            spans = articles.sentences(db, article_id)
            length = db.execute("SELECT length(text) FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            context_start, context_end = _sentence_of(spans, [s for s, _ in spans], start, length)
        identity = (article_id, context_start, value["iso"], value.get("qualifier"))
        if identity in seen:
            continue
        seen.add(identity)
        rows.append(DatedRow(
            iso=str(value["iso"]), granularity=str(value.get("granularity", "")), qualifier=value.get("qualifier"),
            year_assumed=bool(value.get("year_assumed")), article_id=article_id, start=start, end=end,
            surface=surface, context=context if context is not None else _cut(db, article_id, context_start, context_end),
            context_start=context_start, claim_id=claim.id if claim else None,
        ))
    return sorted(rows, key=date_order)


def _cut(db: Store, article_id: int, start: int, end: int) -> str:
    """text[start:end] of an article, cut out by SQLite (its substr counts characters, as
    Python's offsets do)."""
    row = db.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?", [start + 1, end - start, article_id]).fetchone()
    return row[0] if row else ""


def _sentence_of(spans: list[tuple[int, int]], starts: list[int], offset: int, length: int) -> tuple[int, int]:
    """The sentence holding `offset` (the whole text when there are no sentences)."""
    if not spans:
        return 0, length
    index = max(0, bisect_right(starts, offset) - 1)
    return spans[index]
