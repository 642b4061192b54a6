"""Entity label colours: one table, overridable with GEGENLESEN_COLORS="ORG=#ff8800,PER=red"."""

from __future__ import annotations

import os
import re
import zlib

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


# Each annotator's claims in the claims pane and the comparison screen are told apart by
# these, in turn. Exact entries of the 256-colour palette (a terminal without COLORTERM
# shows them as they are), each a clearly different hue there, and text in them stays
# readable on the dark and on the light theme's background (tests/unit/test_annotator_colors.py).
ANNOTATOR_COLORS: tuple[str, ...] = ("#0087d7", "#d75f00", "#008700", "#af5fd7", "#d7005f", "#008787", "#878700")


def annotator_colors(names) -> dict[str, str]:
    """A colour for each annotator, different for each of `names` (while there are colours).

    Each name has a colour of its own (from a checksum of the name, the same in every run and
    every window); where two of `names` would share one, the later by name takes the next free.
    """
    colors: dict[str, str] = {}
    taken: set[int] = set()
    for name in sorted(set(names)):
        slot = zlib.crc32(name.encode("utf-8", "surrogatepass")) % len(ANNOTATOR_COLORS)
        for step in range(len(ANNOTATOR_COLORS)):
            if (slot + step) % len(ANNOTATOR_COLORS) not in taken:
                slot = (slot + step) % len(ANNOTATOR_COLORS)
                break
        taken.add(slot)
        if len(taken) == len(ANNOTATOR_COLORS):
            taken.clear()  # more annotators than colours: round again
        colors[name] = ANNOTATOR_COLORS[slot]
    return colors
