"""Names across the corpus: a name the model is sure of in some articles is found in all.

Per article, `corpus.nlp.consistency` already spreads a name to its other occurrences. A
name the model never tagged in one article ("DeepSeek" in the first demo article) but
tagged again and again in others is found there too, after each analysis: stored with
origin `corpus`, made again from scratch every time, so it follows the model's findings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from gegenlesen.corpus.entities import GENITIVE, entity_key
from gegenlesen.corpus.nlp.consistency import MIN_LENGTH, name_like
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.pending import visible

CORPUS = "corpus"
NAME_LABELS = ("PER", "ORG", "LOC", "MISC")
MIN_ARTICLES = 2
MIN_MENTIONS = 3


def sure_corpus_names(db: Store) -> dict[str, str]:
    """Form -> label, for names the model tagged in at least two articles and three times."""
    labels: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, set[int]] = defaultdict(set)
    rows = db.execute(
        "SELECT article_id, text, label FROM entities WHERE origin = 'model' AND label IN (?, ?, ?, ?)", NAME_LABELS
    )
    for article_id, form, label in rows:
        if not name_like(form):
            continue
        for variant in {form, GENITIVE.sub("", form)}:
            if len(variant) >= MIN_LENGTH:
                labels[variant][label] += 1
                where[variant].add(article_id)
    return {
        form: counted.most_common(1)[0][0]
        for form, counted in labels.items()
        if len(where[form]) >= MIN_ARTICLES and sum(counted.values()) >= MIN_MENTIONS
    }


def spread_names(db: Store) -> int:
    """Store the sure names wherever an article has them and no entity covers them yet;
    returns how many mentions were added."""
    sure = sure_corpus_names(db)
    added = 0
    with write(db):
        db.execute("DELETE FROM entities WHERE origin = ?", [CORPUS])
        taken: dict[int, list[tuple[int, int]]] = {}
        for form, label in sorted(sure.items(), key=lambda item: (-len(item[0]), item[0])):
            pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?!\w)")
            for article_id, text in _articles_holding(db, form):
                spans = taken.setdefault(article_id, _entity_spans(db, article_id))
                rows = []
                for match in pattern.finditer(text):
                    start, end = match.span()
                    if not any(s < end and start < e for s, e in spans):
                        spans.append((start, end))
                        rows.append((article_id, start, end, label, form, entity_key(form, label), None, CORPUS))
                db.conn.executemany(
                    "INSERT INTO entities (article_id, start, end, label, text, key, value, origin) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                added += len(rows)
    return added


def _articles_holding(db: Store, form: str) -> list[tuple[int, str]]:
    words = re.findall(r"\w+", form)
    if not words:
        return []
    phrase = '"' + " ".join(words).replace('"', '""') + '"'
    return db.execute(
        "SELECT a.id, a.text FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ? AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.version_of = a.id) "
        f"AND {visible('a')}",
        [phrase],
    ).fetchall()


def _entity_spans(db: Store, article_id: int) -> list[tuple[int, int]]:
    return [tuple(row) for row in db.execute("SELECT start, end FROM entities WHERE article_id = ?", [article_id])]
