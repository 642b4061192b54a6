"""Importing the user's files: each file whole or not at all, new versions take over the claims.

A file's articles are stored in short transactions (`storage/pending.py`), hidden until the
last one commits, so that a long file never holds the write lock for long.

`import_paths` is what the command line and the reader's import dialog (from a thread
worker) call; it never prints, it reports through `progress` and returns an ImportReport.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gegenlesen.corpus.anchoring import QuoteSelector, quote_selector, reanchor
from gegenlesen.corpus.display import ellipsize
from gegenlesen.corpus.importing import ImportedArticle, Refusal, collect, read_file, shown
from gegenlesen.storage import articles, pending
from gegenlesen.storage.claims import TEXT_CHANGED
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.errors import StoreError

Progress = Callable[[int, int, str], None]
"""Called after each file with (files done, files in all, the file's source name)."""
LISTED = 20
"""At most this many refusals (and notes) are listed one by one; the rest are counted."""


@dataclass(frozen=True)
class NewVersion:
    """An article imported as a new version of one already there, and what its claims did."""

    article_id: int
    previous_id: int
    source: str
    reanchored: int
    fuzzy: int
    """How many of the re-anchored claims were placed by a fuzzy match."""
    orphaned: tuple[tuple[int, str], ...]
    """(claim id, quote) of each claim left on the previous version, flagged orphaned."""


@dataclass
class ImportReport:
    """What an import did; `lines` says it for the user."""

    files: int = 0
    """Files found to read."""
    done: int = 0
    """Files read so far (imported or refused)."""
    added_ids: list[int] = field(default_factory=list)
    """Ids of the articles added (new versions included), in import order."""
    already: int = 0
    new_versions: list[NewVersion] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    """Per-file remarks, e.g. which encoding a file was read in when not UTF-8."""
    interrupted: bool = False

    @property
    def added(self) -> int:
        """How many articles were added."""
        return len(self.added_ids)

    @property
    def reanchored(self) -> int:
        return sum(version.reanchored for version in self.new_versions)

    @property
    def orphaned(self) -> int:
        return sum(len(version.orphaned) for version in self.new_versions)

    def summary(self) -> str:
        """One line: added, already there, new versions, claims, refused, skipped."""
        parts = [f"{_count(self.added, 'article')} added", f"{self.already} already there"]
        if self.new_versions:
            parts.append(f"{_count(len(self.new_versions), 'new version')} "
                         f"({_count(self.reanchored, 'claim')} re-anchored, {self.orphaned} orphaned)")
        parts.append(f"{len(self.refused)} refused")
        parts.append(f"{self.skipped} skipped")
        return f"{_count(self.done, 'file')} read: " + ", ".join(parts)

    def describe(self, limit: int = LISTED) -> str:
        """Everything for the user in a few lines: the summary, whether it was interrupted,
        the refusals and the details."""
        lines = [self.summary()]
        if self.interrupted:
            lines.append(f"Interrupted after {self.done} of {self.files} files; import the same again to continue.")
        return "\n".join([*lines, *self.refusal_lines(limit), *self.detail_lines(limit)])

    def refusal_lines(self, limit: int = LISTED) -> list[str]:
        """Each refused file with its reason, at most `limit`, then how many more."""
        lines = [refusal.message() for refusal in self.refused[:limit]]
        if len(self.refused) > limit:
            lines.append(f"and {len(self.refused) - limit} more refused")
        return lines

    def detail_lines(self, limit: int = LISTED) -> list[str]:
        """Encodings other than UTF-8, and each new version with what happened to its claims."""
        lines = self.notes[:limit]
        if len(self.notes) > limit:
            lines.append(f"and {len(self.notes) - limit} more files not in UTF-8")
        for version in self.new_versions[:limit]:
            line = (f"{version.source}: article {version.article_id} is a new version of article "
                    f"{version.previous_id}; {_count(version.reanchored, 'claim')} re-anchored")
            if version.fuzzy:
                line += f" ({version.fuzzy} by a fuzzy match: their text changed, they are marked to check again)"
            if version.orphaned:
                quotes = ", ".join(f"#{claim_id} “{_short(quote)}”" for claim_id, quote in version.orphaned[:5])
                more = f" and {len(version.orphaned) - 5} more" if len(version.orphaned) > 5 else ""
                line += f"; orphaned, left on article {version.previous_id}: {quotes}{more}"
            lines.append(line)
        if len(self.new_versions) > limit:
            lines.append(f"and {len(self.new_versions) - limit} more new versions")
        return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _short(quote: str, limit: int = 40) -> str:
    return ellipsize(" ".join(quote.split()), limit)


def import_paths(
    db: Store,
    paths: Iterable[Path | str],
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import the article files under `paths`, each whole or not at all.

    Stops between files when `should_stop()` says so (or on KeyboardInterrupt, whose file
    is rolled back), with `interrupted` set; running it again adds nothing twice. What an
    import that died left hidden is removed first.

    Raises:
        StoreError: when the database fails (e.g. stays locked); what was committed stays.
    """
    collected = collect(paths)
    try:
        pending.discard_dead(db)
    except (sqlite3.Error, StoreError) as error:
        kind = type(error) if isinstance(error, StoreError) else StoreError
        raise kind(f"import stopped before it began: {error}") from None
    report = ImportReport(files=len(collected.files), refused=list(collected.refusals), skipped=collected.skipped)
    try:
        for candidate in collected.files:
            if should_stop():
                report.interrupted = True
                break
            found = (Refusal(shown(candidate.path), "it is this gegenlesen database (or its journal), not an article")
                     if db.owns(candidate.path) else read_file(candidate))
            if isinstance(found, Refusal):
                report.refused.append(found)
            else:
                try:
                    _store_file(db, candidate.path, found, report)
                except (UnicodeEncodeError, OverflowError, sqlite3.InterfaceError) as error:
                    # a value SQLite cannot take: this file is rolled back and refused, the rest go on
                    report.refused.append(Refusal(shown(candidate.path), f"cannot be stored: {error}"))
                except (sqlite3.Error, StoreError) as error:
                    kind = type(error) if isinstance(error, StoreError) else StoreError
                    raise kind(
                        f"import stopped at {shown(candidate.path)}: {error}; {report.done} of {report.files} files were "
                        "imported, run the same command again to continue"
                    ) from None
            report.done += 1
            if progress:
                progress(report.done, report.files, candidate.source)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _store_file(db: Store, path: Path, found: tuple[ImportedArticle, ...], report: ImportReport) -> None:
    """Store one file's articles in short transactions (at most `pending.BATCH` articles or
    about `pending.BATCH_SECONDS` each), hidden until the last one makes them all visible
    at once, with the claims of earlier versions moved onto the new ones. On any failure
    what was stored of the file is removed; the report learns of the file only once it is whole.
    """
    import_id = pending.begin(db, shown(path))
    added, already, replaced = [], 0, []
    try:
        index = 0
        while index < len(found):
            if index:
                pending.pause()
            deadline = time.monotonic() + pending.BATCH_SECONDS
            with write(db):
                pending.touch(db, import_id)
                in_batch = 0
                while index < len(found) and in_batch < pending.BATCH and (not in_batch or time.monotonic() < deadline):
                    imported = found[index]
                    in_batch += 1
                    article_id, was_added, previous = _store_hidden(db, imported, import_id)
                    index += 1
                    if not was_added:
                        already += 1
                        continue
                    added.append(article_id)
                    if previous is not None:
                        replaced.append((article_id, previous, imported.source, imported.text))
        if index:
            pending.pause()
        with write(db):
            versions = [NewVersion(article_id, previous, source, *move_claims(db, previous, article_id, text))
                        for article_id, previous, source, text in replaced]
            pending.publish(db, import_id)
    except BaseException:
        _give_up(db, import_id)
        raise
    report.added_ids.extend(added)
    report.already += already
    report.new_versions.extend(versions)
    encoding = found[0].encoding
    if encoding not in ("utf-8", "utf-8-sig"):
        report.notes.append(f"{shown(path)}: read as {encoding}")


def _give_up(db: Store, import_id: str) -> None:
    """Remove what a failed or interrupted import stored of its file."""
    try:
        pending.discard(db, import_id)
    except (sqlite3.Error, StoreError):
        # The error that brought us here is the one to report. What is left stays hidden,
        # and the next import removes it once this process is gone.
        pass


def _store_hidden(db: Store, imported: ImportedArticle, import_id: str) -> tuple[int, bool, int | None]:
    """Add one article of a file being imported, hidden; (id, whether added, the article it is a
    new version of). A text already there, visible or stored earlier by this import, is not added."""
    article = imported.to_article()
    existing = db.execute("SELECT id FROM articles WHERE sha256 = ?", [article.sha256]).fetchone()
    if existing:
        return existing[0], False, None
    previous = articles.latest_version(db, article.source, article.url, pending=import_id)
    article_id, added = articles.add_article(db, article, version_of=previous, pending=import_id)
    return article_id, added, previous


def store_article(db: Store, imported: ImportedArticle) -> tuple[int, bool, NewVersion | None]:
    """Add one article unless its text is there; a changed text of a source (or URL) already
    imported becomes a new version that takes over the previous version's claims.

    Returns (article id, whether it was added, the new version's account or None).
    """
    article = imported.to_article()
    with write(db):
        if db.execute("SELECT 1 FROM articles WHERE sha256 = ?", [article.sha256]).fetchone():
            return articles.add_article(db, article)[0], False, None
        previous = articles.latest_version(db, article.source, article.url)
        article_id, added = articles.add_article(db, article, version_of=previous)
        if previous is None:
            return article_id, added, None
        moved, fuzzy, orphaned = move_claims(db, previous, article_id, article.text)
    return article_id, added, NewVersion(article_id, previous, article.source, moved, fuzzy, orphaned)


def move_claims(db: Store, old_id: int, new_id: int, new_text: str) -> tuple[int, int, tuple[tuple[int, str], ...]]:
    """Re-anchor the old version's claims onto the new text by quote, prefix and suffix.

    A claim found again moves to the new article with offsets and quote selector of the
    new text; one that is not (or whose place another claim already took) stays where it
    is, flagged orphaned. Claims are never deleted. Returns (moved, of them fuzzily,
    the orphaned claims' ids and quotes).
    """
    moved = fuzzy = 0
    orphaned: list[tuple[int, str]] = []
    taken: set[tuple[int, int]] = set()
    with write(db):
        rows = db.execute(
            "SELECT id, start, quote, prefix, suffix FROM claims WHERE article_id = ? AND orphaned != 1 "
            "AND status = 'claim' ORDER BY start, id",
            [old_id],
        ).fetchall()
        for claim_id, start, quote, prefix, suffix in rows:
            anchor = reanchor(QuoteSelector(quote, prefix, suffix), new_text, hint=start)
            if anchor is None or (anchor.start, anchor.end) in taken:
                db.execute("UPDATE claims SET orphaned = 1 WHERE id = ?", [claim_id])
                orphaned.append((claim_id, quote))
                continue
            taken.add((anchor.start, anchor.end))
            selector = quote_selector(new_text, anchor.start, anchor.end)
            # A claim found only fuzzily says something else now: flagged for a second look.
            db.execute(
                'UPDATE claims SET article_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, '
                "orphaned = ? WHERE id = ?",
                [new_id, anchor.start, anchor.end, selector.exact, selector.prefix, selector.suffix,
                 TEXT_CHANGED if anchor.fuzzy else 0, claim_id],
            )
            moved += 1
            fuzzy += anchor.fuzzy
    return moved, fuzzy, tuple(orphaned)
