"""Finding articles: full-text search (FTS5, ranked, with snippets) and entity filters."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from gegenlesen.corpus.entities import NAME_PREFIX
from gegenlesen.storage.db import Store
from gegenlesen.storage.pending import HIDDEN_IDS, visible

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


@dataclass(frozen=True)
class Found:
    """The best hits, and how many articles matched in all (beyond the limit too)."""

    hits: list[Hit]
    total: int


def search(db: Store, typed: str, limit: int = 100) -> list[Hit]:
    """The best `limit` articles matching what the user typed (see `find`)."""
    return find(db, typed, limit).hits


def find(db: Store, typed: str, limit: int = 100) -> Found:
    """Articles matching what the user typed, best first (bm25, titles weighing more), and
    how many match in all.

    Only @entities: every article that mentions them, in import order.
    Raises:
        SearchError: for a query FTS5 cannot run (the message says why).
    """
    query = parse_query(typed)
    if query.empty:
        return Found([], 0)
    try:
        allowed = articles_mentioning(db, query.entities) if query.entities else None
        if allowed is not None and not allowed:
            return Found([], 0)
        match = query.fts()
        if match is None:
            return Found([Hit(article_id, "", 0.0) for article_id in sorted(allowed or ())][:limit], len(allowed or ()))
        if allowed is None:
            rows = db.execute(
                f"{SNIPPETS} WHERE articles_fts MATCH ? AND {VISIBLE_ROWS} ORDER BY rank LIMIT ?",
                [*SNIPPET_ARGS, match, limit]
            ).fetchall()
            total = len(rows)
            if total == limit:  # there may be more: FTS5 counts them from its index alone
                total = db.execute(f"SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND {VISIBLE_ROWS}",
                                   [match]).fetchone()[0]
        else:
            rows, total = _filtered(db, match, allowed, limit)
    except sqlite3.OperationalError as error:
        raise SearchError(f"cannot search for {typed!r}: {error}") from None
    return Found([Hit(article_id, snippet, rank) for article_id, snippet, rank in rows], total)


SNIPPETS = (
    "SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', ?), bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts"
)
SNIPPET_ARGS = (MARK_OPEN, MARK_CLOSE, SNIPPET_TOKENS)
VISIBLE_ROWS = f"rowid NOT IN ({HIDDEN_IDS})"
"""Leaves out the articles of a file still being imported (`storage/pending.py`)."""


def _filtered(db: Store, match: str, allowed: set[int], limit: int) -> tuple[list[tuple], int]:
    # FTS5 evaluates a MATCH row by row when asked for rowid IN (...): ranking every match
    # first and taking snippets for the best allowed ones only is ~15 times faster.
    ranked = db.execute(
        f"SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH ? "
        f"AND {VISIBLE_ROWS} ORDER BY rank",
        [match],
    )
    matching = [(rowid, rank) for rowid, rank in ranked if rowid in allowed]
    best = matching[:limit]
    if not best:
        return [], 0
    marks = ",".join("?" * len(best))
    snippets = dict(db.execute(
        f"SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? "
        f"AND rowid IN ({marks})",
        [*SNIPPET_ARGS, match, *[rowid for rowid, _ in best]],
    ))
    return [(rowid, snippets.get(rowid, ""), rank) for rowid, rank in best], len(matching)


def articles_mentioning(db: Store, names: tuple[str, ...] | list[str]) -> set[int]:
    """Ids of the articles that mention every one of the named entities.

    A name matches by its folded text (a genitive ending aside); a single word also matches
    a person whose name ends in it (@Seehofer: "Horst Seehofer"), and a full name also
    matches an article that holds it and names the person by the last word only
    (@"Horst Seehofer": "Horst Seehofer kam. … sagte Seehofer"). A corrected form counts
    where the text holds it. Every lookup goes through the key index or the FTS index.
    """
    found: set[int] | None = None
    for name in names:
        ids = _mentioning(db, " ".join(name.casefold().split()))
        found = ids if found is None else found & ids
        if not found:
            break
    return found or set()


def _mentioning(db: Store, folded: str) -> set[int]:
    words = folded.split()
    if not words:
        return set()
    last = words[-1]
    keys = [NAME_PREFIX + folded, NAME_PREFIX + folded + "s"]
    ids = {row[0] for row in db.execute("SELECT DISTINCT article_id FROM entities WHERE key IN (?, ?)", keys)}
    tokens = _tokens(folded)
    if tokens and len(words) == 1:
        # Candidates by the FTS index (articles holding the word), then their persons by article.
        rows = db.execute(
            "SELECT DISTINCT article_id, key FROM entities WHERE label = 'PER' AND article_id IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [_quoted(" ".join(tokens)) + "*"],
        )
        ids |= {article_id for article_id, key in rows if key.split()[-1] in (last, last + "s")}
    elif tokens:
        surname = [NAME_PREFIX + last, NAME_PREFIX + last + "s"]
        ids |= {row[0] for row in db.execute(
            "SELECT DISTINCT article_id FROM entities WHERE label = 'PER' AND key IN (?, ?) AND article_id IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [*surname, _quoted(" ".join(tokens))],
        )}
    for surface, label in db.execute("SELECT surface, label FROM entity_corrections WHERE label IS NOT NULL"):
        form = " ".join(surface.casefold().split())
        if form == folded or (label == "PER" and len(words) == 1 and form.split()[-1] == last):
            ids |= {row[0] for row in db.execute(f"SELECT id FROM articles WHERE instr(text, ?) > 0 AND {visible()}",
                                                 [surface])}
    return ids
