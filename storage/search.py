"""Finding articles: full-text search (FTS5, ranked, with snippets) and entity filters."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from gegenlesen.corpus.entities import NAME_PREFIX
from gegenlesen.storage.db import Store

# Snippet marks: private-use characters that article text does not use for anything.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
SNIPPET_TOKENS = 14
TERM = re.compile(r'@"([^"]+)"|"([^"]+)"|(\S+)')


class SearchError(Exception):
    """A query that cannot be run; the message says why, for the user."""


@dataclass(frozen=True)
class Query:
    """What the user typed, parsed: words and "phrases" to find, @entities to filter by."""

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.entities)

    def fts(self) -> str | None:
        """The FTS5 MATCH expression: every word (as a prefix) and phrase must occur."""
        parts = [_quoted(phrase) for phrase in self.phrases]
        parts += [_quoted(word) + "*" for word in self.words]
        return " AND ".join(parts) or None


def parse_query(typed: str) -> Query:
    """'Nvidia "6 Millionen" @DeepSeek @"Silicon Valley"' → words, phrases, entities.
    Punctuation inside a word splits it, as the index does ("US-Dollar" is the phrase
    "US Dollar")."""
    words: list[str] = []
    phrases: list[str] = []
    entities: list[str] = []
    for entity, phrase, token in TERM.findall(typed):
        if entity.strip():
            entities.append(" ".join(entity.split()))
        elif phrase:
            if _tokens(phrase):
                phrases.append(" ".join(_tokens(phrase)))
        elif token.startswith("@") and len(token) > 1:
            entities.append(token[1:])
        else:
            pieces = _tokens(token)
            if len(pieces) == 1:
                words.append(pieces[0])
            elif pieces:
                phrases.append(" ".join(pieces))
    return Query(tuple(words), tuple(phrases), tuple(entities))


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Hit:
    """One article found: its id, and a snippet whose matches lie between the marks."""

    article_id: int
    snippet: str
    rank: float


def search(db: Store, typed: str, limit: int = 100) -> list[Hit]:
    """Articles matching what the user typed, best first (bm25, titles weighing more).

    Only @entities: every article that mentions them, in import order.
    Raises:
        SearchError: for a query FTS5 cannot run (the message says why).
    """
    query = parse_query(typed)
    if query.empty:
        return []
    allowed = articles_mentioning(db, query.entities) if query.entities else None
    if allowed is not None and not allowed:
        return []
    match = query.fts()
    if match is None:
        return [Hit(article_id, "", 0.0) for article_id in sorted(allowed or ())][:limit]
    try:
        if allowed is None:
            rows = db.execute(
                f"{SNIPPETS} WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", [*SNIPPET_ARGS, match, limit]
            ).fetchall()
        else:
            rows = _filtered(db, match, allowed, limit)
    except sqlite3.OperationalError as error:
        raise SearchError(f"cannot search for {typed!r}: {error}") from None
    return [Hit(article_id, snippet, rank) for article_id, snippet, rank in rows]


SNIPPETS = (
    "SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', ?), bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts"
)
SNIPPET_ARGS = (MARK_OPEN, MARK_CLOSE, SNIPPET_TOKENS)


def _filtered(db: Store, match: str, allowed: set[int], limit: int) -> list[tuple]:
    # FTS5 evaluates a MATCH row by row when asked for rowid IN (...): ranking every match
    # first and taking snippets for the best allowed ones only is ~15 times faster.
    ranked = db.execute(
        "SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank",
        [match],
    )
    best = [(rowid, rank) for rowid, rank in ranked if rowid in allowed][:limit]
    if not best:
        return []
    marks = ",".join("?" * len(best))
    snippets = dict(db.execute(
        f"SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? "
        f"AND rowid IN ({marks})",
        [*SNIPPET_ARGS, match, *[rowid for rowid, _ in best]],
    ))
    return [(rowid, snippets.get(rowid, ""), rank) for rowid, rank in best]


def articles_mentioning(db: Store, names: tuple[str, ...] | list[str]) -> set[int]:
    """Ids of the articles that mention every one of the named entities (by name, case and
    a genitive ending aside; a corrected form counts where the text holds it)."""
    found: set[int] | None = None
    for name in names:
        folded = " ".join(name.casefold().split())
        keys = [NAME_PREFIX + folded, NAME_PREFIX + folded + "s"]
        ids = {
            row[0]
            for row in db.execute(
                "SELECT DISTINCT article_id FROM entities WHERE key IN (?, ?)", keys
            )
        }
        corrected = db.execute(
            "SELECT surface FROM entity_corrections WHERE label IS NOT NULL AND lower(surface) = lower(?)", [name]
        ).fetchone()
        if corrected:
            ids |= {row[0] for row in db.execute("SELECT id FROM articles WHERE instr(text, ?) > 0", [corrected[0]])}
        found = ids if found is None else found & ids
    return found or set()
