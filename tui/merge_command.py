"""`gegenlesen merge OTHER.db`: bring another person's work into this database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from gegenlesen.storage.merge import MergeError, merge

LISTED = 20
"""Contradictions listed one by one; more are counted."""


def command_merge(db, other: Path, annotator: str, out: TextIO | None = None) -> int:
    """Merge the database file `other` into `db` and say what came in.

    Returns:
        The exit code: 0, or 1 when the file cannot be merged (said in one line on standard
        error; nothing was changed).
    """
    out = out or sys.stdout
    try:
        report = merge(db, other.expanduser(), annotator)
    except MergeError as error:
        print(f"gegenlesen: {error}", file=sys.stderr)
        return 1
    if report.migrated_from is not None:
        print(f"{other} has schema {report.migrated_from}: a migrated copy was read, the file itself is unchanged",
              file=out)
    undo = f" (u in the reader, as {annotator}, takes all of it back, the new articles too)" if report.changed else ""
    print(report.summary() + undo, file=out)
    if report.contradictions:
        print(f"not applied, because they contradict this database ({len(report.contradictions)}):", file=out)
        for line in report.contradictions[:LISTED]:
            print(f"  {line}", file=out)
        if len(report.contradictions) > LISTED:
            print(f"  … and {len(report.contradictions) - LISTED} more", file=out)
    return 0
