"""What every export format shares: choosing articles, loading them in batches, their IRIs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from gegenlesen.corpus.display import plural  # noqa: F401 - the exports' modules take it from here
from gegenlesen.storage import articles
from gegenlesen.storage.claims import Claim, list_claims
from gegenlesen.storage.clock import now
from gegenlesen.storage.db import Store
from gegenlesen.storage.errors import StoreError
from gegenlesen.storage.records import StoredEntity

BATCH = 500  # articles loaded per round of queries
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


class ExportError(StoreError):
    """An export or import that cannot be done; the command line shows it as one line."""


@dataclass(frozen=True)
class ArticleRow:
    """An article with the fields exports use."""

    id: int
    source: str
    title: str
    sha256: str
    text: str
    url: str | None
    published: str | None
    pipeline: str | None
    analysed_at: str | None

    @property
    def iri(self) -> str:
        """A stable IRI: the article's URL where one is stored, else its text's hash."""
        if self.url and ABSOLUTE_IRI.match(self.url):
            return self.url
        return sha256_iri(self.sha256)


@dataclass
class Bundle:
    """One article with its (corrected) entities, accepted claims and, if asked, sentences."""

    article: ArticleRow
    entities: list[StoredEntity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def sha256_iri(sha256: str) -> str:
    return f"urn:sha256:{sha256}"


def utc(stamp: str | None) -> str | None:
    """An ISO time stamp in UTC with a `Z`, as the Web Annotation model prefers."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    text = moment.astimezone(timezone.utc).isoformat(timespec="milliseconds" if moment.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def now_utc() -> str:
    return utc(now())


def select_articles(db: Store, wanted: Iterable[str] | None) -> list[int]:
    """Article ids for `--articles` (ids or source names), in import order; all when None.

    Raises:
        ExportError: naming what matched no article.
    """
    everything = articles.article_ids(db)
    if not wanted:
        return everything
    known = set(everything)
    by_source = articles.ids_by_source(db)
    chosen, missing = set(), []
    for item in wanted:
        if item in by_source:
            chosen.add(by_source[item])
        elif item.isdigit() and int(item) in known:
            chosen.add(int(item))
        else:
            missing.append(item)
    if missing:
        raise ExportError(f"no article with id or source {', '.join(missing[:5])} in the database")
    return [article_id for article_id in everything if article_id in chosen]


def load_rows(db: Store, ids: list[int]) -> dict[int, ArticleRow]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    cursor = db.execute(
        f"SELECT id, source, title, sha256, text, url, published, pipeline, analysed_at FROM articles WHERE id IN ({marks})",
        ids,
    )
    return {row[0]: ArticleRow(*row) for row in cursor}


def bundles(
    db: Store, ids: list[int], *, entities: bool = True, claims: bool = True, sentences: bool = False
) -> Iterator[Bundle]:
    """The articles of `ids` in that order, loaded BATCH at a time."""
    for offset in range(0, len(ids), BATCH):
        chunk = ids[offset : offset + BATCH]
        rows = load_rows(db, chunk)
        found = {article_id: Bundle(row) for article_id, row in rows.items()}
        if entities:
            for entity in articles.entities(db, list(found)):
                found[entity.article_id].entities.append(entity)
        if claims:
            for claim in list_claims(db, list(found)):
                found[claim.article_id].claims.append(claim)
        if sentences and found:
            marks = ",".join("?" * len(found))
            for article_id, start, end in db.execute(
                f"SELECT article_id, start, end FROM sentences WHERE article_id IN ({marks}) ORDER BY article_id, idx",
                list(found),
            ):
                found[article_id].sentences.append((start, end))
        for article_id in chunk:
            if article_id in found:
                yield found[article_id]


