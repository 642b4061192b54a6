"""The one way a string from outside (a file, the database, the environment) reaches the
screen: control characters made visible, never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from gegenlesen.corpus.display import safe_str

__all__ = ["NAME_CELLS", "NOTICE_CHARS", "safe_content", "safe_str", "safe_text"]

NAME_CELLS = 64
"""Names (sources, annotators, labels) longer than this end in an ellipsis in one-line places."""
NOTICE_CHARS = 600
"""A notification longer than this ends in an ellipsis: it must not cover the panes."""


def safe_text(text: object, style: str = "", limit: int | None = None, one_line: bool = True) -> Text:
    """`text` as a Rich `Text` (never markup) with control characters made visible."""
    return Text(safe_str(text, limit, one_line), style=style)


def safe_content(text: object, limit: int | None = None, one_line: bool = True) -> Content:
    """`text` as Textual `Content` (never markup), for titles and labels."""
    return Content(safe_str(text, limit, one_line))
