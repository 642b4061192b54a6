"""The export formats besides jsonl and csv, and how each is written: whole or not at all.

A text format goes to standard output or, with `-o FILE`, to a file written beside the
target and renamed over it. A binary format needs `-o FILE`. A directory format needs
`-o DIRECTORY` (new or empty), filled in a temporary directory that is renamed into place.

The file or directory being written is hidden and names the target and the process:
`.NAME.PID.XXXXXXXX.part`. A killed export leaves it behind; the next export into the same
folder removes those of a process that is gone, and any older than STALE_AFTER seconds.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the command line reads FORMATS at start-up: keep this module light
    from gegenlesen.storage.db import Store


STALE_AFTER = 3600
"""A staging file untouched this long (seconds) belongs to an export that is no more."""
STAGING = re.compile(r"^\..+\.(?P<pid>\d+)\.[a-z0-9_]{8}\.part$")
"""Our staging files and directories: `.NAME.PID.XXXXXXXX.part`."""
LEGACY_STAGING = re.compile(r"^tmp[a-z0-9_]{8}\.part$")
"""What exports before these names left behind (`tmpXXXXXXXX.part`); removed by age alone."""


@dataclass(frozen=True)
class Format:
    """An export format: where its writer lives, what it writes, and what it counts."""

    name: str
    kind: str  # "text", "binary" or "directory"
    module: str
    function: str
    noun: str
    help: str
    suggested: str
    """The file (or folder) name the export dialog proposes: one of its own per format."""
    encoding: str = "utf-8"
    newline: str | None = None
    """"" for CSV: the csv module writes its own line ends."""

    @property
    def writer(self) -> Callable:
        return getattr(importlib.import_module(f"gegenlesen.storage.exports.{self.module}"), self.function)


FORMATS = {
    f.name: f
    for f in (
        Format("jsonl", "text", "jsonl", "export_jsonl", "article",
               "one article per line with its entities, claims and their links", "gegenlesen.jsonl"),
        # The byte-order mark makes spreadsheets read UTF-8.
        Format("csv", "text", "csv", "export_csv", "claim", "one claim per row", "gegenlesen.csv",
               "utf-8-sig", ""),
        Format("links", "text", "csv", "export_links_csv", "link", "one link between two claims per row (CSV)",
               "gegenlesen.links.csv", "utf-8-sig", ""),
        Format("w3c", "text", "w3c", "export_w3c", "annotation", "W3C Web Annotation JSON-LD (AnnotationCollection)",
               "gegenlesen-w3c.jsonld"),
        Format("claimreview", "text", "claimreview", "export_claimreview", "claim review",
               "schema.org ClaimReview JSON-LD for the judged claims", "gegenlesen-claimreview.jsonld"),
        Format("spacy", "binary", "docbin", "export_docbin", "article", "a spaCy DocBin (needs -o FILE)",
               "gegenlesen.spacy"),
        Format("conll", "text", "conll", "export_conll", "article", "CoNLL-2003-style BIO tags, one token per line",
               "gegenlesen.conll"),
        Format("brat", "directory", "brat", "export_brat", "article", "brat standoff .txt/.ann files (needs -o DIRECTORY)",
               "gegenlesen-brat"),
        Format("doccano", "text", "doccano", "export_doccano", "article", "doccano sequence-labelling JSONL",
               "gegenlesen.doccano.jsonl"),
    )
}


@dataclass
class Written:
    """What an export wrote, for the message on standard error."""

    count: int
    noun: str
    target: Path | None
    notes: list[str] = field(default_factory=list)


def _existing_kind(target: Path) -> str | None:
    """What stands at `target` (not following a link): None, "file", "directory", or what else."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return "unreachable"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    return "a FIFO, device or socket"


def run_export(db: Store, name: str, output: Path | None, ids: list[int], stdout: TextIO) -> Written:
    """Write format `name` of the articles `ids` to `output` (or standard output).

    Raises:
        ExportError: when the format needs a file or directory that was not given or cannot be used.
    """
    from gegenlesen.storage.exports.common import ExportError

    fmt = FORMATS[name]
    notes: list[str] = []
    if fmt.kind == "text" and output is None:
        if fmt.newline is not None and hasattr(stdout, "reconfigure"):
            stdout.reconfigure(newline=fmt.newline)
        count = fmt.writer(db, stdout, ids, notes=notes)
        stdout.flush()
        return Written(count, fmt.noun, None, notes)
    if output is None:
        what = "FILE (a DocBin is binary)" if fmt.kind == "binary" else "DIRECTORY"
        raise ExportError(f"--format {name} needs -o {what}")
    target = output.expanduser()
    if _is_database(db, target):
        raise ExportError(f"{target} is the database being exported; name another file")
    kind = _existing_kind(target)
    if kind not in (None, "file", "directory"):
        raise ExportError(f"{target} is {kind}, which an export never replaces; name a file")
    if fmt.kind == "directory":
        return Written(_to_directory(db, fmt, target, ids, notes), fmt.noun, target, notes)
    if target.is_dir():
        raise ExportError(f"{target} is a directory; name a file to export to")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: directory {target.parent} does not exist")
    remove_stale_parts(db, target.parent, notes)
    mode = "wb" if fmt.kind == "binary" else "w"
    encoding = None if fmt.kind == "binary" else fmt.encoding
    try:
        handle = tempfile.NamedTemporaryFile(
            mode, encoding=encoding, newline=fmt.newline, dir=target.parent, delete=False,
            prefix=_staging_prefix(target), suffix=".part",
        )
    except OSError as error:  # name the file the user asked for, not the temporary one
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with handle:
            count = fmt.writer(db, handle, ids, notes=notes)
        os.chmod(handle.name, 0o666 & ~_umask())  # as any new file: a temporary file is private
        os.replace(handle.name, target)
    except BaseException:
        os.unlink(handle.name)
        raise
    return Written(count, fmt.noun, target, notes)


def _to_directory(db: Store, fmt: Format, target: Path, ids: list[int], notes: list[str]) -> int:
    from gegenlesen.storage.exports.common import ExportError

    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file; --format {fmt.name} writes a directory")
    if target.is_dir() and any(target.iterdir()):
        raise ExportError(f"{target} is not empty; name a new or empty directory")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: directory {target.parent} does not exist")
    remove_stale_parts(db, target.parent, notes)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=_staging_prefix(target), suffix=".part"))
    try:
        count = fmt.writer(db, staging, ids, notes=notes)
        staging.chmod(0o777 & ~_umask())
        os.replace(staging, target)  # replaces an empty directory too
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def remove_stale_parts(db: Store, folder: Path, notes: list[str], now: float | None = None) -> list[str]:
    """Remove the staging files (and directories) killed exports left in `folder`.

    Only our own names (see STAGING), only plain files and directories of this user, never
    a link nor the database: those of a process that is gone, and those untouched for
    STALE_AFTER seconds (the only test for names without a process id). Returns the names
    removed; a staging file that cannot be removed is a note, and the export goes on.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed  # the export itself will say what is wrong with the folder
    for entry in entries:
        ours = STAGING.match(entry.name)
        if not ours and not LEGACY_STAGING.match(entry.name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if status.st_uid != os.getuid() or not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
                continue
            gone = ours is not None and not _alive(int(ours["pid"]))
            if not (gone or now - status.st_mtime > STALE_AFTER) or db.owns(entry.path):
                continue
            if stat.S_ISDIR(status.st_mode):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except FileNotFoundError:
            continue  # another export removed it first
        except OSError as error:
            notes.append(f"could not remove {entry.name}, left by an earlier export: {error.strerror or error}")
            continue
        removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (perhaps another user's)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def _is_database(db: Store, target: Path) -> bool:
    """Whether `target` is the database file or one of SQLite's files beside it."""
    database = Path(db.path).resolve()
    names = {database} | {database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal")}
    return target.resolve() in names


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
