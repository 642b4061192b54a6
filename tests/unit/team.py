"""Small databases of several annotators, built by hand, for the agreement, curation and merge tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from gegenlesen.corpus.anchoring import quote_selector
from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import RULE, Analysis, Entity
from gegenlesen.corpus.nlp.resolve import expected_pipeline_name
from gegenlesen.storage import articles, history
from gegenlesen.storage.db import Store, open_database, write
from gegenlesen.storage.library import seed_demo_corpus

TEXTS = {
    "werk.txt": "Die Firma Nordlicht baute 2021 ein Werk in Kassel. Es kostete 40 Millionen Euro. "
                "Der Bürgermeister war dagegen.",
    "hafen.txt": "Der Hafen von Emden wuchs 2023 um vier Prozent. Die Reederei Weser meldete einen Rekord.",
}
TABLES = ("articles", "sentences", "entities", "claims", "links", "entity_corrections", "conflict_decisions", "history")


def sentences_of(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            spans.append((start, index + 1))
            start = index + 2
    return spans


def add_text(db: Store, source: str, text: str | None = None) -> int:
    """Store an article with its sentences and one entity, as if analysed by the current pipeline."""
    text = text if text is not None else TEXTS[source]
    article_id, _ = articles.add_article(db, Article(source, text))
    name = text.split()[2]
    entities = [Entity(text.index(name), text.index(name) + len(name), "ORG", name, RULE, None)]
    articles.store_analysis(db, article_id, Analysis(sentences_of(text), entities, expected_pipeline_name(None) or "t"))
    return article_id


def new_db(path: Path, sources=tuple(TEXTS)) -> Store:
    """A database holding the given articles; marked as seeded so the CLI adds no demo corpus."""
    db = open_database(path)
    for source in sources:
        add_text(db, source)
    seed_demo_corpus(db, empty=True)
    return db


def put_claim(db: Store, article_id: int, sentence: int, annotator: str, type: str | None = None,
              verdict: str = "unchecked", note: str = "", stamp: str | None = None) -> int:
    """A claim on a whole sentence, written directly (the reader refuses a second claim on one span)."""
    text = articles.get_article(db, article_id).text
    start, end = sentences_of(text)[sentence]
    selector = quote_selector(text, start, end)
    stamp = stamp or history.now()
    with write(db):
        return db.execute(
            'INSERT INTO claims (article_id, start, "end", quote, prefix, suffix, type, verdict, note, annotator, '
            "created, modified, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, start, end, selector.exact, selector.prefix, selector.suffix, type, verdict, note,
             annotator, stamp, stamp, annotator],
        ).lastrowid


def counts(db: Store) -> dict[str, int]:
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
