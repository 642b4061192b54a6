"""The command line's own streams: whatever a command prints, a terminal only shows.

Messages quote what came from outside (a source name, a quote, an annotation's id, a model
name), and an export to standard output carries article text, notes and quotes: a control
character among them must never act on the terminal. Standard error is for people and is
always shown safely; standard output only when it is a terminal, so that a pipe or a file
receives exactly what was exported.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from gegenlesen.corpus.display import visible


class Shown:
    """A text stream that writes each control character but newline and tab as its picture."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        return self.raw.write(visible(text, keep="\n\t"))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


def raw(stream: TextIO) -> TextIO:
    """The stream under `Shown`, for Rich's progress display, which writes its own escape codes
    (and is given only escaped names)."""
    return stream.raw if isinstance(stream, Shown) else stream


@contextmanager
def shown_streams() -> Iterator[None]:
    """Standard error, and standard output when it is a terminal, write controls as pictures."""
    saved = sys.stdout, sys.stderr
    sys.stderr = Shown(sys.stderr)
    if _is_terminal(sys.stdout):
        sys.stdout = Shown(sys.stdout)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False
