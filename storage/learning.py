"""Learning from a database's corrections: the sentences to teach, and where the learned
pipeline lives (`<db>.models/`, beside the database it learned from)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from gegenlesen.corpus.corrections import NAME_LABELS, occurrence_pattern
from gegenlesen.corpus.nlp import learn as learning
from gegenlesen.corpus.nlp import resolve
from gegenlesen.corpus.nlp.learn import Learned, LearningError, Settings, Taught
from gegenlesen.storage import articles
from gegenlesen.storage.corrections import corrections
from gegenlesen.storage.db import Store

__all__ = ["Learned", "LearningError", "learn", "reset", "taught_sentences"]


def taught_sentences(db: Store, article_ids: Iterable[int] | None = None) -> list[Taught]:
    """Every analysed sentence in which a correction applies, with its names as the reader
    shows them (the analysis with the corrections applied).

    Claims are not used: a claim marks what an article asserts, not where a name is.

    Args:
        db: the database.
        article_ids: only these articles (default: every current article).
    """
    pattern = occurrence_pattern(c.surface for c in corrections(db))
    if pattern is None:
        return []
    taught: list[Taught] = []
    for article_id in articles.current_ids(db) if article_ids is None else article_ids:
        article = articles.get_article(db, article_id)
        bounds = articles.sentences(db, article_id)
        if article is None or not bounds:
            continue  # never analysed: nothing says where its other names are
        hits = [match.start() for match in pattern.finditer(article.text)]
        if not hits:
            continue
        names = [e for e in articles.entities(db, [article_id]) if e.label in NAME_LABELS]
        for start, end in bounds:
            if not any(start <= hit < end for hit in hits):
                continue
            inside = tuple((e.start - start, e.end - start, e.label) for e in names if start <= e.start and e.end <= end)
            across = tuple((max(e.start, start) - start, min(e.end, end) - start)
                           for e in names if e.start < end and start < e.end and not (start <= e.start and e.end <= end))
            taught.append(Taught(article.text[start:end], inside, across))
    return taught


def learn(
    db: Store,
    data: Path | None = None,
    settings: Settings | None = None,
    progress: learning.Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    article_ids: Iterable[int] | None = None,
) -> Learned:
    """Fine-tune a copy of the shipped pipeline on the corrected sentences of `db` and make
    it the database's pipeline. Analysis is not redone here: the new pipeline's name
    differs from the one stored with each article, so the next analysis redoes it.

    Raises:
        LearningError: no corrections, the training data missing, another run going on.
        LearningStopped: `should_stop` said so; the previous pipeline stays in use.
    """
    if not corrections(db):
        raise LearningError("no corrections to learn from: correct an entity first (E in the reader, "
                            "or gegenlesen correct FORM --label LABEL)")
    data = data or learning.default_data_dir()
    learning.check_training_data(data)
    taught = taught_sentences(db, article_ids)
    try:
        return learning.learn(resolve.models_dir(db.path), taught, data, settings, progress=progress,
                              should_stop=should_stop)
    except BlockingIOError:
        raise LearningError("another gegenlesen is learning for this database; wait until it is done") from None


def reset(db: Store) -> str | None:
    """Go back to the shipped pipeline; returns the name of the learned one forgotten, if any.

    Raises:
        LearningError: a learning run for this database is going on.
    """
    try:
        return learning.reset(resolve.models_dir(db.path))
    except BlockingIOError:
        raise LearningError("another gegenlesen is learning for this database; wait until it is done") from None
