"""Make text from outside safe to draw in a terminal: control characters made visible, each
by one character, so that offsets into article text stay valid."""

from __future__ import annotations

import re

# C0 and C1 controls except newline, DEL, and Unicode's bidi controls (the marks ALM, LRM,
# RLM, the embeddings, overrides and isolates), which could reorder what the reader sees.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BREAKS = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")
"""Line breaks and the spaces around them; a no-break space (as in "6 000 000") is kept, and
the separators U+001C–U+001F (white space to `str.split`) are shown like any control."""


def displayable(text: str) -> str:
    """Article text as drawn: `visible`, with tabs and carriage returns as spaces (white space
    in article text)."""
    # str.replace, not str.translate with a table: translate looks up every character in a
    # dict (1.2 ms for a 17,000-character article, on every start, for every pane).
    return visible(text.replace("\t", " ").replace("\r", " "))


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    if char < " ":
        return chr(0x2400 + ord(char))  # ␀ … ␟: the control picture of each C0 character
    return "\u2421" if char == "\x7f" else "\ufffd"


def visible(text: str, keep: str = "") -> str:
    """Replace each control character (but those in `keep`) by its control picture (ESC by
    ␛, BEL by ␇), so that it is seen, and never acted on, by a terminal; offsets stay valid."""
    if not keep:
        return CONTROL.sub(_picture, text)
    return CONTROL.sub(lambda match: match.group() if match.group() in keep else _picture(match), text)


def safe_str(text: object, limit: int | None = None, one_line: bool = True) -> str:
    """`text` (a name, a message) as a plain string a terminal only shows: control characters
    become their control pictures; `one_line` joins lines (and runs of spaces) into single
    spaces; beyond `limit` characters an ellipsis stands for the rest."""
    text = str(text)
    text = BREAKS.sub(" ", text).strip(" ") if one_line else text  # not strip(): it drops \x1c-\x1f unseen
    text = visible(text, keep="" if one_line else "\n")
    return text if limit is None else ellipsize(text, limit)


def plural(count: int, noun: str) -> str:
    """`count` and `noun`, with an English plural -s unless the count is one ("3 articles")."""
    return f"{count} {noun}{'s' * (count != 1)}"


def ellipsize(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, an ellipsis standing for what was cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"
