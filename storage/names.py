"""Names across the corpus: a name the model is sure of in some articles is found in all.

Per article, `corpus.nlp.consistency` already spreads a name to its other occurrences. A
name the model never tagged in one article ("DeepSeek" in the first demo article) but
tagged again and again in others is found there too, after each analysis: stored with
origin `corpus`, made again from scratch every time, so it follows the model's findings.
Which places are names is decided by `corpus.nlp.spreading`; this module only reads the
mentions and texts and writes the rows.
"""

from __future__ import annotations

import re

from gegenlesen.corpus.entities import entity_key
from gegenlesen.corpus.nlp.spreading import NAME_LABELS, Evidence, Mention, Spread, decide, find_places, gather
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.pending import visible

CORPUS = "corpus"
MIN_ARTICLES = 2
MIN_MENTIONS = 3
LABELS = tuple(sorted(NAME_LABELS))


def sure_corpus_names(db: Store) -> dict[str, Evidence]:
    """Form -> what the model's mentions across the corpus say about it, for every form
    the model tagged (or implied) in at least two articles and three times."""
    rows = db.execute(
        "SELECT e.article_id, e.start, e.end, e.label, e.text, EXISTS (SELECT 1 FROM sentences s "
        "WHERE s.article_id = e.article_id AND s.start = e.start) FROM entities e "
        f"WHERE e.origin = 'model' AND e.label IN ({', '.join('?' * len(LABELS))})",
        LABELS,
    )
    evidence = gather(Mention(*row[:5], bool(row[5])) for row in rows)
    return {
        form: found for form, found in evidence.items()
        if len(found.articles) >= MIN_ARTICLES and found.spans >= MIN_MENTIONS
    }


def corpus_spreads(db: Store) -> list[Spread]:
    """The places in every article that get a name from the rest of the corpus."""
    evidence = sure_corpus_names(db)
    holding: dict[int, set[str]] = {}
    for form in evidence:
        for article_id in _articles_holding(db, form):
            holding.setdefault(article_id, set()).add(form)
    places, written_lower = [], set()
    for article_id, forms in sorted(holding.items()):
        text, starts, taken = _article(db, article_id)
        found, lower = find_places(article_id, text, starts, forms, taken)
        places += found
        written_lower |= lower
    return decide(evidence, places, written_lower, MIN_MENTIONS, MIN_ARTICLES, silence_only_against_words=True)


def spread_names(db: Store) -> int:
    """Store the corpus's names wherever an article has one and no entity covers it yet;
    returns how many mentions were added."""
    with write(db):
        db.execute("DELETE FROM entities WHERE origin = ?", [CORPUS])
        rows = [
            (s.place.article, s.place.start, s.place.end, s.label, s.place.form,
             entity_key(s.place.form, s.label), None, CORPUS)
            for s in corpus_spreads(db)
        ]
        db.conn.executemany(
            "INSERT INTO entities (article_id, start, end, label, text, key, value, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def _articles_holding(db: Store, form: str) -> list[int]:
    """Articles whose text has the form's words, in any case (the lower-case form is evidence too)."""
    words = re.findall(r"\w+", form)
    if not words:
        return []
    phrase = '"' + " ".join(words).replace('"', '""') + '"'
    return [row[0] for row in db.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ? AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.version_of = a.id) "
        f"AND {visible('a')}",
        [phrase],
    )]


def _article(db: Store, article_id: int) -> tuple[str, list[int], list[tuple[int, int]]]:
    """An article's text, sentence starts and the spans its entities take."""
    (text,) = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    starts = [row[0] for row in db.execute("SELECT start FROM sentences WHERE article_id = ?", [article_id])]
    taken = [(row[0], row[1]) for row in db.execute("SELECT start, end FROM entities WHERE article_id = ?", [article_id])]
    return text, starts, taken
