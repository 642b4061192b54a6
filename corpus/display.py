"""Make article text safe to draw in a terminal without changing a single offset."""

from __future__ import annotations

import re

# C0 and C1 controls except newline, DEL, and bidi overrides / isolates that could reorder
# what the reader sees.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
VISIBLE = {"\t": " ", "\r": " ", "\x1b": "␛"}


def displayable(text: str) -> str:
    """Replace each control character by one visible character, so offsets stay valid."""
    return CONTROL.sub(lambda match: VISIBLE.get(match.group(), "\ufffd"), text)
