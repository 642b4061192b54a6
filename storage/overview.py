"""Views over the whole corpus: which article mentions which entity, and every date in order.

Both read plain rows from the store and hand back plain rows; the screens that draw them
live in `tui/screens/` (matrix, timeline).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from gegenlesen.corpus.entities import FIGURE_LABELS, EntityGroup, group_mentions
from gegenlesen.storage import articles
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
    each article mentions each."""
    columns = article_columns(db, article_ids)
    mentions = articles.entities(db, [column.id for column in columns])
    groups = group_mentions((m.article_id, m.key, m.label, m.text) for m in mentions)
    return EntityMatrix(columns, groups)


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
        return not self.iso.startswith("--")


def date_order(row: DatedRow) -> tuple:
    """Dates in calendar order, coarser first ('2025' before '2025-01' before '2025-01-28');
    dates without a year last, by month and day."""
    return (not row.has_year, row.iso, row.article_id, row.start)


def timeline(db: Store, article_ids: list[int] | None = None) -> list[DatedRow]:
    """Every DATE mention with a value, in date order; a date inside a claim comes with
    the claim's quote, any other with its sentence. One row per date and sentence."""
    ids = [column.id for column in article_columns(db, article_ids)]
    dates = [m for m in articles.entities(db, ids) if m.label == "DATE" and m.value and m.value.get("iso")]
    claims_by_article: dict[int, list[Claim]] = {}
    for claim in list_claims(db, ids):
        claims_by_article.setdefault(claim.article_id, []).append(claim)
    rows: list[DatedRow] = []
    seen: set[tuple] = set()
    texts: dict[int, str] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    starts: dict[int, list[int]] = {}
    for mention in dates:
        article_id = mention.article_id
        if article_id not in texts:
            texts[article_id] = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            spans[article_id] = articles.sentences(db, article_id)
            starts[article_id] = [start for start, _ in spans[article_id]]
        text = texts[article_id]
        claim = next(
            (c for c in claims_by_article.get(article_id, []) if c.start <= mention.start and mention.end <= c.end), None
        )
        if claim is not None:
            context_start, context_end = claim.start, claim.end
        else:
            context_start, context_end = _sentence_of(spans[article_id], starts[article_id], mention.start, len(text))
        value = mention.value
        identity = (article_id, context_start, value["iso"], value.get("qualifier"))
        if identity in seen:
            continue
        seen.add(identity)
        rows.append(DatedRow(
            iso=str(value["iso"]), granularity=str(value.get("granularity", "")), qualifier=value.get("qualifier"),
            year_assumed=bool(value.get("year_assumed")), article_id=article_id, start=mention.start,
            end=mention.end, surface=mention.text, context=text[context_start:context_end],
            context_start=context_start, claim_id=claim.id if claim else None,
        ))
    return sorted(rows, key=date_order)


def _sentence_of(spans: list[tuple[int, int]], starts: list[int], offset: int, length: int) -> tuple[int, int]:
    """The sentence holding `offset` (the whole text when there are no sentences)."""
    if not spans:
        return 0, length
    index = max(0, bisect_right(starts, offset) - 1)
    return spans[index]
