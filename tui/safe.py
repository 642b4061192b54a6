"""The one way a string from outside (a file, the database, the environment) reaches the
screen: control characters made visible, never parsed as markup."""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

from gegenlesen.corpus.display import visible

BREAKS = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")
"""Line breaks and the spaces around them; a no-break space (as in "6 000 000") is kept."""
NAME_CELLS = 64
"""Names (sources, annotators, labels) longer than this end in an ellipsis in one-line places."""
NOTICE_CHARS = 600
"""A notification longer than this ends in an ellipsis: it must not cover the panes."""


def safe_str(text: object, limit: int | None = None, one_line: bool = True) -> str:
    """`text` as a plain string a terminal only shows: control characters become their
    control pictures; `one_line` joins lines (and runs of spaces) into single spaces;
    beyond `limit` characters an ellipsis stands for the rest."""
    text = str(text)
    text = BREAKS.sub(" ", text).strip() if one_line else text
    text = visible(text, keep="" if one_line else "\n")
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return text


def safe_text(text: object, style: str = "", limit: int | None = None, one_line: bool = True) -> Text:
    """`text` as a Rich `Text` (never markup) with control characters made visible."""
    return Text(safe_str(text, limit, one_line), style=style)


def safe_content(text: object, limit: int | None = None, one_line: bool = True) -> Content:
    """`text` as Textual `Content` (never markup), for titles and labels."""
    return Content(safe_str(text, limit, one_line))
