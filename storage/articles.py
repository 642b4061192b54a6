"""Articles and their cached analysis: sentences and entities."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from gegenlesen.corpus.corrections import Correction, apply_corrections
from gegenlesen.corpus.entities import entity_key
from gegenlesen.corpus.nlp.records import USER, Analysis
from gegenlesen.storage import corrections
from gegenlesen.storage.clock import now
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.pending import visible
from gegenlesen.storage.records import ArticleSummary, ArticleText, StoredEntity

if TYPE_CHECKING:  # an Article is made where articles are imported, not where they are read
    from gegenlesen.corpus.article import Article


def add_article(db: Store, article: Article, version_of: int | None = None,
                pending: str | None = None) -> tuple[int, bool]:
    """Store an article unless one with the same text is there; (id, whether it was added).

    Its URL, publication date and author are stored when the article has them;
    `version_of` is the id of the article this one is a new version of; `pending`, the
    import whose file it is part of, hides it until that file is whole (`storage/pending.py`).
    """
    with write(db):
        existing = db.execute("SELECT id FROM articles WHERE sha256 = ?", [article.sha256]).fetchone()
        if existing:
            return existing[0], False
        cursor = db.execute(
            "INSERT INTO articles (source, title, sha256, text, words, imported_at, url, published, author, version_of, "
            "pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article.source, article.title, article.sha256, article.text, article.words, now(),
             article.url, article.published, article.author, version_of, pending],
        )
        return cursor.lastrowid, True


def latest_version(db: Store, source: str, url: str | None = None, pending: str | None = None) -> int | None:
    """The newest article with this source name (or, when given, this URL), if any: of
    those the reader sees, or that the import `pending` has stored so far."""
    row = db.execute(
        "SELECT max(id) FROM (SELECT id FROM articles WHERE source = ? UNION ALL SELECT id FROM articles WHERE url = ?) "
        f"WHERE {visible()} OR id IN (SELECT id FROM articles WHERE pending = ?)",
        [source, url, pending],
    ).fetchone()
    return row[0] if row else None


def store_analysis(db: Store, article_id: int, analysis: Analysis) -> None:
    """Replace an article's sentences and model/rule entities; user entities stay."""
    with write(db):
        db.execute("DELETE FROM sentences WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM entities WHERE article_id = ? AND origin != ?", [article_id, USER])
        db.conn.executemany(
            "INSERT INTO sentences (article_id, idx, start, end) VALUES (?, ?, ?, ?)",
            [(article_id, index, start, end) for index, (start, end) in enumerate(analysis.sentences)],
        )
        db.conn.executemany(
            "INSERT INTO entities (article_id, start, end, label, text, key, value, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, e.start, e.end, e.label, e.text, entity_key(e.text, e.label, e.value),
                 json.dumps(e.value, ensure_ascii=False) if e.value is not None else None, e.origin)
                for e in analysis.entities
            ],
        )
        db.execute("UPDATE articles SET pipeline = ?, analysed_at = ? WHERE id = ?", [analysis.pipeline, now(), article_id])


def unanalysed(db: Store) -> list[int]:
    """Ids of articles whose analysis is missing."""
    return [row[0] for row in db.execute(f"SELECT id FROM articles WHERE pipeline IS NULL AND {visible()} ORDER BY id")]


def needs_analysis(db: Store, article_id: int) -> bool:
    row = db.execute("SELECT pipeline IS NULL FROM articles WHERE id = ?", [article_id]).fetchone()
    return bool(row and row[0])


def article_ids(db: Store) -> list[int]:
    """Every article's id, in import order."""
    return [row[0] for row in db.execute(f"SELECT id FROM articles WHERE {visible()} ORDER BY id")]


def current_ids(db: Store) -> list[int]:
    """The ids of the articles no newer version replaces, in import order: what to read."""
    return [
        row[0] for row in db.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS "
            f"(SELECT 1 FROM articles n WHERE n.version_of = a.id AND {visible('n')}) AND {visible('a')} ORDER BY id"
        )
    ]


def newest_version(db: Store, article_id: int) -> int:
    """The newest version of an article (itself, when none replaces it)."""
    seen = {article_id}
    while True:
        row = db.execute(f"SELECT max(id) FROM articles WHERE version_of = ? AND {visible()}", [article_id]).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            return article_id
        article_id = row[0]
        seen.add(article_id)


def ids_by_source(db: Store) -> dict[str, int]:
    """Article ids by source name (the newest, where a source was imported twice)."""
    return {source: article_id for article_id, source in db.execute(f"SELECT id, source FROM articles WHERE {visible()} ORDER BY id")}


def count(db: Store) -> int:
    return db.execute(f"SELECT count(*) FROM articles WHERE {visible()}").fetchone()[0]


def list_articles(db: Store) -> list[ArticleSummary]:
    """Every article with its entity and claim counts, in import order; the entities are
    counted as the user's corrections leave them (a form that is no entity does not count)."""
    rows = db.execute(
        f"""
        SELECT a.id, a.source, a.title, a.words,
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id),
               (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.status = 'claim'),
               a.sha256, a.pipeline, a.published, a.url, a.author,
               (SELECT max(n.id) FROM articles n WHERE n.version_of = a.id AND {visible('n')})
        FROM articles a WHERE {visible('a')} ORDER BY a.id
        """
    )
    summaries = [ArticleSummary(*row) for row in rows]
    rules = corrections.corrections(db)
    touched = _holding_any(db, [rule.surface for rule in rules])
    if not touched:
        return summaries
    counted = Counter(entity.article_id for entity in entities(db, sorted(touched)))
    return [replace(s, entities=counted[s.id]) if s.id in touched else s for s in summaries]


def _holding_any(db: Store, surfaces: list[str]) -> set[int]:
    """The articles that may hold one of the forms (found by the FTS index): only their
    counts can change by a correction."""
    found: set[int] = set()
    for surface in surfaces:
        words = re.findall(r"\w+", surface)
        if words:
            phrase = '"' + " ".join(words).replace('"', '""') + '"*'  # "*": with a genitive ending too
            found |= {row[0] for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [phrase])}
    return found


def get_article(db: Store, article_id: int) -> ArticleText | None:
    row = db.execute(
        "SELECT id, source, title, text, words, sha256 FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return ArticleText(*row) if row else None


def sentences(db: Store, article_id: int) -> list[tuple[int, int]]:
    return [
        (start, end)
        for start, end in db.execute(
            "SELECT start, end FROM sentences WHERE article_id = ? ORDER BY idx", [article_id]
        )
    ]


def entities(db: Store, article_ids: Iterable[int]) -> list[StoredEntity]:
    """Entity mentions of the given articles, by article and position."""
    ids = list(article_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT id, article_id, start, end, label, text, key, origin, value FROM entities "
        f"WHERE article_id IN ({marks}) ORDER BY article_id, start, end",
        ids,
    )
    found = [StoredEntity(*row[:8], json.loads(row[8]) if row[8] else None) for row in rows]
    rules = corrections.corrections(db)
    return _corrected(db, ids, found, rules) if rules else found


def _corrected(db: Store, ids: list[int], found: list[StoredEntity], rules: list[Correction]) -> list[StoredEntity]:
    """Apply the user's corrections, article by article: they win over any analysis."""
    by_article: dict[int, list[StoredEntity]] = {article_id: [] for article_id in ids}
    for entity in found:
        by_article[entity.article_id].append(entity)
    result: list[StoredEntity] = []
    for article_id in sorted(by_article):
        row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            continue
        text = row[0]

        def make(start: int, end: int, label: str, article_id: int = article_id, text: str = text) -> StoredEntity:
            surface = text[start:end]
            return StoredEntity(0, article_id, start, end, label, surface, entity_key(surface, label), USER, None)

        result.extend(apply_corrections(text, by_article[article_id], rules, make))
    return result
