"""Filling a database: the demo corpus on first open, and storing the analysis of what lacks it.

The analyser is handed in (`analyse_pending`): storage never loads the NLP pipeline. Loading
it, and spreading names after an analysis, is the orchestration's (`tui/workflow.py`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from gegenlesen.storage import articles
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.meta import DEMO_SEEDED, get_meta

if TYPE_CHECKING:
    from gegenlesen.corpus.nlp.records import Analysis
# The demo corpus and the date rules are imported where used: every start prepares the
# database through this module, and only a first open or an analysis needs them.

Progress = Callable[[int, int, str], None]


def is_seeded(db: Store) -> bool:
    """Whether the database was opened before (the demo corpus imported, or skipped)."""
    return get_meta(db, DEMO_SEEDED) is not None


def seed_demo_corpus(db: Store, empty: bool = False) -> int:
    """On a database's first open, import the demo corpus (or note that the user said --empty).

    Returns how many articles were added. Runs in one transaction, so two instances
    opening a new database at once seed it once.
    """
    if get_meta(db, DEMO_SEEDED) is not None:
        return 0  # the common case, answered without taking the write lock
    with write(db):
        if get_meta(db, DEMO_SEEDED) is not None:
            return 0
        added = 0
        if not empty and articles.count(db) == 0:
            from gegenlesen.corpus.demo import demo_articles

            added = sum(articles.add_article(db, article)[1] for article in demo_articles())
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [DEMO_SEEDED, "skipped" if empty else str(added)])
    return added


def mark_for_reanalysis(db: Store, pipeline: str | None) -> int:
    """Articles analysed with another pipeline than `pipeline` are analysed again (their
    old analysis stays on screen until the new one replaces it). Returns how many."""
    if pipeline is None:
        return 0
    with write(db):
        return db.execute(
            "UPDATE articles SET pipeline = NULL WHERE pipeline IS NOT NULL AND pipeline != ?", [pipeline]
        ).rowcount


def analyse_pending(
    db: Store,
    analyse: Callable[[str, datetime.date | None], Analysis],
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Analyse every article without cached analysis; each is committed as it finishes.

    `analyse` gets the text and the article's publication date (None when it is missing or
    not a date).
    """
    pending = articles.unanalysed(db)
    for done, article_id in enumerate(pending, 1):
        if should_stop():
            return done - 1
        article = articles.get_article(db, article_id)
        if article is None or not articles.needs_analysis(db, article_id):
            continue  # deleted, or analysed by another instance meanwhile
        articles.store_analysis(db, article_id, analyse(article.text, _published(db, article_id)))
        if progress:
            progress(done, len(pending), article.source)
    return len(pending)


def _published(db: Store, article_id: int) -> datetime.date | None:
    """The article's stored publication date, if it is one (the column holds what the
    source said: an ISO date, a date with a time, a German date, or anything)."""
    from gegenlesen.corpus.nlp.calendar_math import publication_date

    row = db.execute("SELECT published FROM articles WHERE id = ?", [article_id]).fetchone()
    return publication_date(row[0]) if row else None
