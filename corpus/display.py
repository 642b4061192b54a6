"""Make article text safe to draw in a terminal without changing a single offset."""

from __future__ import annotations

import re

# C0 and C1 controls except newline, DEL, and Unicode's bidi controls (the marks ALM, LRM,
# RLM, the embeddings, overrides and isolates), which could reorder what the reader sees.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
IN_TEXT = {"\t": " ", "\r": " "}
"""In article text a tab or carriage return is white space, shown as a space."""


def displayable(text: str) -> str:
    """Replace each control character by one visible character (its control picture, as
    names are shown everywhere), so offsets stay valid."""
    return CONTROL.sub(lambda match: IN_TEXT.get(match.group()) or _picture(match), text)


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
