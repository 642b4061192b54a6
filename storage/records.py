"""Plain rows the store hands out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the article list."""

    id: int
    source: str
    title: str
    words: int
    entities: int
    claims: int
    sha256: str
    pipeline: str | None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    superseded_by: int | None = None
    """The id of the newer version of this article, if it was imported again, changed."""


@dataclass(frozen=True)
class ArticleText:
    """An article with its text, for reading."""

    id: int
    source: str
    title: str
    text: str
    words: int
    sha256: str


@dataclass(frozen=True)
class StoredEntity:
    """An entity mention as stored: offsets into its article's text."""

    id: int
    article_id: int
    start: int
    end: int
    label: str
    text: str
    key: str
    origin: str
    value: dict | None
