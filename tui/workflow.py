"""The steps the command line, the import dialog and the app's start share: prepare the
database, import then analyse, and analyse what is pending (then spread names).

Orchestration only: the SQL stays in storage/, the NLP in corpus/. It lives in tui/
because that is the one room the layering rule lets join the two: storage/ must never
load spaCy (it is handed an analyser, a callable `(text, published) -> Analysis`), and
corpus/ never imports storage/. It imports no Textual (the command line uses it without
loading the TUI) and no spaCy until the first article is analysed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gegenlesen.corpus.nlp.records import Analysis
from gegenlesen.storage import articles, library
from gegenlesen.storage.db import Store, open_database

if TYPE_CHECKING:  # the importer (and the file readers it brings) loads when files are imported
    from gegenlesen.storage.importer import ImportReport

Analyser = Callable[[str, datetime.date | None], Analysis]
"""Analyses one article's text, given its publication date (None when unknown)."""
Progress = Callable[[int, int, str], None]
"""Called with (done, total, the article's or file's source) as work goes on."""


def never() -> bool:
    return False


@dataclass(frozen=True)
class Prepared:
    """A database ready for use, and what preparing it did."""

    db: Store
    pipeline: str | None
    """The pipeline analysis loads for it: --model, else one learned beside it, else None (the shipped one)."""
    seeded_before: bool
    """Whether it had been opened before (its demo corpus imported, or skipped)."""
    demo_added: int
    """How many demo articles this first open imported."""
    to_reanalyse: int
    """Articles analysed with another pipeline, now marked to be analysed again."""


def prepare_database(
    path: Path | str, *, create_parent: bool = False, empty: bool = False, model: str | None = None,
) -> Prepared:
    """Open the database at `path` (creating and migrating it), seed it, mark it for reanalysis.

    Args:
        path: the database file.
        create_parent: whether its directory may be created (only for the default path).
        empty: on a first open, start without the demo corpus.
        model: the pipeline asked for (`--model`), or None.

    Raises:
        StoreError: with a one-line message, when the file cannot be used.
    """
    db = open_database(path, create_parent=create_parent)
    seeded_before = library.is_seeded(db)
    added = library.seed_demo_corpus(db, empty=empty)
    pipeline, again = use_pipeline(db, path, model)
    return Prepared(db, pipeline, seeded_before, added, again)


def use_pipeline(db: Store, path: Path, model: str | None = None) -> tuple[str | None, int]:
    """Resolve the pipeline analysis loads for the database at `path` (`--model`, else one
    learned beside it, else None: the shipped one) and mark for analysis again what another
    pipeline analysed; after learning or forgetting, this is what makes the change reach the
    articles. Returns the pipeline and how many articles were marked.
    """
    from gegenlesen.corpus.nlp.resolve import expected_pipeline_name, model_to_use

    pipeline = model_to_use(model, path)
    return pipeline, library.mark_for_reanalysis(db, expected_pipeline_name(pipeline))


class PipelineAnalyser:
    """The German pipeline as an Analyser; spaCy is loaded when it is first called."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        """The pipeline asked for (package name or directory), or None for the resolved default."""
        self._pipeline = None

    @property
    def notes(self) -> list[str]:
        """How the pipeline was chosen (empty until it is loaded)."""
        return list(self._pipeline.notes) if self._pipeline is not None else []

    def __call__(self, text: str, published: datetime.date | None) -> Analysis:
        from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline

        if self._pipeline is None:
            self._pipeline = load_pipeline(self.model)
        return analyze(text, self._pipeline, published)


def analyse_pending(
    db: Store, analyser: Analyser, progress: Progress | None = None, should_stop: Callable[[], bool] = never,
) -> int:
    """Analyse every article that lacks analysis, then spread what it teaches about names.

    Each article is committed as it finishes. `progress` is first called with 0 done before
    the first article, while the analyser may still be loading. Returns how many articles
    were pending (as `storage.library.analyse_pending` counts them).
    """
    from gegenlesen.storage.names import spread_names

    total = len(articles.unanalysed(db))
    if not total:
        return 0
    if progress:
        progress(0, total, "")
    analysed = library.analyse_pending(db, analyser, progress, should_stop)
    if analysed:
        spread_names(db)  # what the new analysis teaches about names reaches every article
    return analysed


def analyse_all(
    db: Store, model: str | None = None, progress: Progress | None = None, should_stop: Callable[[], bool] = never,
) -> tuple[int, list[str]]:
    """`analyse_pending` with the German pipeline `model` (None: the one resolved by default).

    Returns how many articles were analysed and the notes on how the pipeline was chosen.
    """
    analyser = PipelineAnalyser(model)
    analysed = analyse_pending(db, analyser, progress, should_stop)
    return analysed, analyser.notes


@dataclass(frozen=True)
class Imported:
    """What `import_then_analyse` did."""

    report: ImportReport
    analysed: int
    """How many articles were analysed after the import (0 when analysis was not asked for)."""


def import_then_analyse(
    db: Store,
    paths: list[Path],
    analyser: Analyser | None = None,
    *,
    progress: Progress | None = None,
    analysis_progress: Progress | None = None,
    should_stop: Callable[[], bool] = never,
    imported: Callable[[ImportReport], None] | None = None,
) -> Imported:
    """Import files and folders, then analyse what they added.

    Args:
        db: the database.
        paths: files and folders to import.
        analyser: analyses the new articles; None leaves them for later (the reader's
            background analysis does it).
        progress: called as files are imported.
        analysis_progress: called as articles are analysed.
        should_stop: asked between files and between articles.
        imported: called with the import's report before the analysis begins, so that
            what was imported can be said while the analysis runs.

    Nothing is analysed when the import added nothing or was interrupted.
    """
    from gegenlesen.storage.importer import import_paths

    report = import_paths(db, paths, progress=progress, should_stop=should_stop)
    if imported:
        imported(report)
    if analyser is None or not report.added or report.interrupted:
        return Imported(report, 0)
    return Imported(report, analyse_pending(db, analyser, analysis_progress, should_stop))
