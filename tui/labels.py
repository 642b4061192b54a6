"""Entity label colours: one table, overridable with GEGENLESEN_COLORS="ORG=#ff8800,PER=red"."""

from __future__ import annotations

import os
import re

from rich.color import Color as RichColor
from rich.color import ColorParseError

# Chosen so that a terminal with 256 colours (tmux's default) or 16 still tells every
# label apart, dark or light (tests/unit/test_label_colors.py checks each pair): in 256,
# the colours and the highlights blended from them into the background; in 16, the
# colours (a highlight blended 35% into the background is one grey there, whatever the
# label). On the dark background 256 colours leave a highlight eight hues, so each
# colour keeps its channels clearly above or below the middle.
LABEL_COLORS: dict[str, str] = {
    "PER": "#e5a50a",
    "ORG": "#5a60f0",
    "LOC": "#33c25a",
    "MISC": "#c061cb",
    "MONEY": "#f66151",
    "PERCENT": "#fca07c",
    "DATE": "#5ccfe6",
    "CARDINAL": "#787878",
    "QUANTITY": "#787878",
}
FALLBACK = "#9a9996"
CLAIM_COLOR = "#f5c211"
"""Claims are underlined in this colour (override as CLAIM= in GEGENLESEN_COLORS)."""
LABEL_ORDER = list(LABEL_COLORS)


def label_colors(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The colour table with the user's overrides; malformed entries are ignored."""
    return read_label_colors(environ)[0]


def read_label_colors(environ: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The colour table with the user's overrides, and one line for each entry ignored.

    A colour is used by Textual (highlights) and by Rich (styles), so it must parse in
    both: Rich takes `bright_red` or `color(200)`, Textual does not and would stop the app."""
    colors = dict(LABEL_COLORS)
    problems: list[str] = []
    spec = (environ if environ is not None else os.environ).get("GEGENLESEN_COLORS", "")
    for item in ENTRIES.split(spec):
        if not item.strip():
            continue
        label, _, color = item.partition("=")
        label, color = label.strip().upper(), color.strip()
        if not label or not color:
            problems.append(f"GEGENLESEN_COLORS: {item.strip()!r} ignored: an entry is LABEL=colour.")
        elif not _parses(color):
            problems.append(f"GEGENLESEN_COLORS: {item.strip()!r} ignored: {color!r} is not a colour (#ff8800, red, rgb(…)).")
        else:
            colors[label] = color
    return colors, problems


ENTRIES = re.compile(r",(?![^(]*\))")
"""Entries are split at commas, but not at those inside rgb(…)."""


def _parses(color: str) -> bool:
    # Imported here: the command line reads this module and must not load Textual.
    from textual.color import Color as TextualColor
    from textual.color import ColorParseError as TextualColorParseError

    try:
        TextualColor.parse(color)
        RichColor.parse(color)
    except (TextualColorParseError, ColorParseError):
        return False
    return True
