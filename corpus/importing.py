"""Reading the user's files for import: finding them, decoding them (`decoding`), taking
the articles out.

No database here: every function returns plain frozen dataclasses, an `ImportedArticle` per
article found or a `Refusal` that says, for the user, why a file is not imported.

Decisions (the README's "Importing" section says the same):

- Line ends are made LF here, once (CRLF and CR alike); nothing rewrites them later.
- Encodings: UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark, then
  cp1252 or latin-1 as charset-normalizer judges plausible; anything else is refused.
- A JSONL file is imported whole or not at all: one bad line refuses the file.
- One bad path never stops the others: a name that is not valid UTF-8, a path that cannot
  be reached (permission denied, name too long), a link to a device: each is one refusal.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gegenlesen.corpus.article import Article, count_words
from gegenlesen.corpus.decoding import Refused, decode, normalise_newlines
from gegenlesen.corpus.display import visible
from gegenlesen.corpus.untrusted import Unreadable, load_json

MAX_BYTES = 20 * 1024 * 1024
"""The largest file imported (a JSONL file included); larger ones are refused unread."""
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
MIN_HTML_WORDS = 15
"""Less text than this in an HTML page is no article (a navigation bar, a login form)."""
JSONL_FIELDS = ("title", "source", "url", "date", "author")


@dataclass(frozen=True)
class ImportedArticle:
    """One article read from a file, its text with LF line ends, as it will be stored."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    encoding: str = "utf-8"
    """The encoding the file was read in: utf-8, utf-8-sig, utf-16, cp1252 or latin-1."""

    def to_article(self) -> Article:
        return Article(self.source, self.text, self.title, self.url, self.published, self.author)


@dataclass(frozen=True)
class Refusal:
    """A file (or a path) that is not imported, and why, in words for the user."""

    path: str
    reason: str

    def message(self) -> str:
        """One line a terminal only shows: a file name may hold escapes or line breaks."""
        return visible(" ".join(f"{self.path}: {self.reason}".split()))


@dataclass(frozen=True)
class Candidate:
    """A file to read and the source name its articles get."""

    path: Path
    source: str


@dataclass(frozen=True)
class Collected:
    """What the paths given hold: files to read, paths refused, entries skipped."""

    files: tuple[Candidate, ...]
    refusals: tuple[Refusal, ...]
    skipped: int
    """Hidden entries, files of other types, and places already seen (through a link)."""


def is_article_file(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def shown(path: Path | str) -> str:
    """A path as the user may see it: bytes that are not UTF-8 (which Python keeps as lone
    surrogates, unprintable and unstorable) as `\\xff` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


NOT_UTF8 = "its name is not valid UTF-8 (rename it to import it)"
NOT_REGULAR = "not a regular file (a device, FIFO or socket); it was not read"


# -- finding the files -----------------------------------------------------------------------


def collect(paths: Iterable[Path | str]) -> Collected:
    """The files to import under the given paths, in a stable order.

    A file named explicitly is read whatever its name (but must have a known suffix); a
    directory is walked recursively, by name, skipping hidden entries and other file
    types. Each real directory and file is visited once, so a symbolic link loop ends.
    """
    files: list[Candidate] = []
    refusals: list[Refusal] = []
    seen: set[str] = set()
    skipped = 0
    for given in paths:
        path = Path(given)
        try:
            kind = _path_kind(path)
        except OSError as error:  # e.g. a directory on the way that we may not enter
            refusals.append(Refusal(shown(path), f"cannot reach it: {error.strerror or error}"))
            continue
        if kind == "dir":
            skipped += _walk(path, files, refusals, seen)
        elif kind == "file":
            if not is_utf8(path.name):
                refusals.append(Refusal(shown(path), NOT_UTF8))
            elif not is_article_file(path.name):
                refusals.append(Refusal(shown(path), f"not a {', '.join(SUFFIXES)} file"))
            elif _first_visit(path, seen):
                files.append(Candidate(path, path.name))
        elif kind == "other":
            refusals.append(Refusal(shown(path), NOT_REGULAR))
        elif kind == "nowhere":
            refusals.append(Refusal(shown(path), "a symbolic link that leads nowhere (broken, or a loop)"))
        else:
            refusals.append(Refusal(shown(path), "no such file or directory"))
    return Collected(tuple(files), tuple(refusals), skipped)


def _path_kind(path: Path) -> str:
    """dir, file, other (a device, FIFO or socket), nowhere (a broken link or a loop) or
    missing, links followed.

    Raises:
        OSError: when the path cannot be looked at (permission denied, name too long).
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "nowhere" if os.path.islink(path) else "missing"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "nowhere"
        raise
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def _first_visit(path: Path, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _walk(root: Path, files: list[Candidate], refusals: list[Refusal], seen: set[str]) -> int:
    """Add the article files under root; returns how many entries were skipped."""
    skipped = 0
    if not _first_visit(root, seen):
        return 1
    pending = [(root, "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            refusals.append(Refusal(shown(directory), f"cannot read this directory: {error.strerror or error}"))
            continue
        subdirectories = []
        for entry in entries:
            path, source = Path(entry.path), prefix + entry.name
            kind = _kind(entry)
            if entry.name.startswith("."):
                skipped += 1
            elif not is_utf8(entry.name) and (kind == "dir" or is_article_file(entry.name)):
                refusals.append(Refusal(shown(path), NOT_UTF8))
            elif kind == "dir":
                if _first_visit(path, seen):
                    subdirectories.append((path, source + "/"))
                else:
                    skipped += 1  # a link back to a directory already walked
            elif not is_article_file(entry.name):
                skipped += 1
            elif kind == "file":
                if _first_visit(path, seen):
                    files.append(Candidate(path, source))
                else:
                    skipped += 1
            elif kind == "nowhere":
                refusals.append(Refusal(shown(path), "a symbolic link that leads nowhere (broken, or a loop)"))
            elif kind == "denied":
                refusals.append(Refusal(shown(path), "cannot reach it: permission denied"))
            elif entry.is_symlink():
                refusals.append(Refusal(shown(path), NOT_REGULAR))  # a link to a device, named as an article
            else:
                skipped += 1  # a FIFO, socket or device with an article's name
        pending.extend(reversed(subdirectories))  # depth first, in name order
    return skipped


def _kind(entry: os.DirEntry) -> str:
    """dir, file, nowhere (a broken link or a link loop), denied or other, links followed."""
    try:
        if entry.is_dir():
            return "dir"
        if entry.is_file():
            return "file"
        if entry.is_symlink():
            os.stat(entry.path)  # a link that leads somewhere: to a device, FIFO or socket
    except PermissionError:
        return "denied"
    except OSError:
        return "nowhere"  # broken, or too many levels of symbolic links
    return "other"


# -- reading one file ------------------------------------------------------------------------


def read_file(candidate: Candidate) -> tuple[ImportedArticle, ...] | Refusal:
    """The articles in one file, or why it is refused."""
    path = candidate.path
    try:
        text, encoding = decode(read_bytes(path))
        if not text.strip():
            raise Refused("empty: only white space")
        suffix = path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            return (_from_html(candidate, text, encoding),)
        if suffix == ".jsonl":
            return _from_jsonl(candidate, text, encoding)
        return (ImportedArticle(candidate.source, text, encoding=encoding),)
    except Refused as refused:
        return Refusal(shown(path), str(refused))
    except OSError as error:
        return Refusal(shown(path), f"cannot read it: {error.strerror or error}")
    except (ValueError, RecursionError) as error:  # a parser's limit we did not foresee: this file only
        return Refusal(shown(path), f"cannot read it: {error}")


def read_bytes(path: Path, limit: int = MAX_BYTES, empty_ok: bool = False) -> bytes:
    """A file's bytes; a file larger than `limit` is refused before anything is read, and so
    is anything that is not a regular file (a FIFO would block, a device never end).

    Raises:
        Refused: saying why; OSError when it cannot be reached.
    """
    status = os.stat(path)
    if stat.S_ISDIR(status.st_mode):
        raise Refused("a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise Refused(NOT_REGULAR)
    if status.st_size > limit:
        raise Refused(f"{status.st_size / 2**20:.0f} MB, larger than the {limit / 2**20:.0f} MB a file may have")
    if status.st_size == 0:
        if empty_ok:
            return b""
        raise Refused("empty file")
    # Non-blocking, and checked again once open: a FIFO or device put in its place meanwhile
    # is neither waited on nor read.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Refused(NOT_REGULAR)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"larger than the {limit / 2**20:.0f} MB a file may have")
    if not data and not empty_ok:
        raise Refused("empty file")
    return data


# -- the formats -----------------------------------------------------------------------------


def _from_html(candidate: Candidate, html: str, encoding: str) -> ImportedArticle:
    """The main text of a web page with its title, URL, date and author (trafilatura)."""
    try:
        import trafilatura
        from lxml.etree import LxmlError
    except ImportError as error:  # a broken install: say so for this file, go on with the rest
        raise Refused(f"cannot read HTML here: {error}") from None

    _quiet("trafilatura", "htmldate", "courlan")
    try:
        document = trafilatura.bare_extraction(html, with_metadata=True)
    except ImportError as error:  # trafilatura imports some of its helpers only when it needs them
        raise Refused(f"cannot read HTML here: {error}") from None
    except (ValueError, TypeError, LxmlError) as error:
        raise Refused(f"cannot read the HTML: {error}") from None
    text = normalise_newlines(getattr(document, "text", None) or "") if document else ""
    if count_words(text) < MIN_HTML_WORDS:
        raise Refused("no article text found in the HTML")
    return ImportedArticle(
        candidate.source, text, _metadata(document, "title"), _metadata(document, "url"),
        _metadata(document, "date"), _metadata(document, "author"), encoding,
    )


def _metadata(document, name: str) -> str | None:
    value = getattr(document, name, None)
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _quiet(*loggers: str) -> None:
    """Keep the extraction libraries' warnings off the user's terminal (unless the
    application configured logging itself)."""
    for name in loggers:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _from_jsonl(candidate: Candidate, text: str, encoding: str) -> tuple[ImportedArticle, ...]:
    """One article per line: an object with a "text" and optional title, source, url, date,
    author. Blank lines are passed over; any other bad line refuses the whole file."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            found.append(_jsonl_article(candidate, number, line, encoding))
    if not found:
        raise Refused("no articles in it, only blank lines")
    return tuple(found)


def _jsonl_article(candidate: Candidate, number: int, line: str, encoding: str) -> ImportedArticle:
    try:
        record = load_json(line)
    except json.JSONDecodeError as error:
        raise Refused(f"line {number}: not valid JSON (column {error.colno}: {error.msg})") from None
    except Unreadable as error:
        raise Refused(f"line {number}: {error}") from None
    return article_from_record(record, f"line {number}", f"{candidate.source}#{number}", encoding)


def article_from_record(record: object, where: str, fallback_source: str, encoding: str = "utf-8") -> ImportedArticle:
    """The article a JSON object describes: "text" and optional title, source, url, date
    (or "published"), author, each a string.

    Raises:
        Refused: naming `where` and what is wrong.
    """
    if not isinstance(record, dict):
        raise Refused(f"{where}: not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise Refused(f'{where}: no "text" (a non-empty string)')
    if record.get("date") is None and record.get("published") is not None:
        record = {**record, "date": record["published"]}
    fields = {}
    for name in JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise Refused(f'{where}: "{name}" must be a string')
        fields[name] = (" ".join(value.split()) or None) if value else None
    for value in (body, *filter(None, fields.values())):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(f"{where}: holds an invalid character (a lone surrogate)") from None
    if "\x00" in body:
        raise Refused(f"{where}: the text holds NUL characters")
    source = fields["source"] or fields["url"] or fallback_source
    return ImportedArticle(
        source, normalise_newlines(body), fields["title"], fields["url"], fields["date"], fields["author"], encoding
    )
