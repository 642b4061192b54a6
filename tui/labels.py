"""Entity label colours: one table, overridable with GEGENLESEN_COLORS="ORG=#ff8800,PER=red"."""

from __future__ import annotations

import os

from rich.color import Color, ColorParseError

LABEL_COLORS: dict[str, str] = {
    "PER": "#e5a50a",
    "ORG": "#3d9df3",
    "LOC": "#2ec27e",
    "MISC": "#c061cb",
    "MONEY": "#f66151",
    "PERCENT": "#ff8c42",
    "DATE": "#99c1f1",
    "CARDINAL": "#a8a8a8",
    "QUANTITY": "#a8a8a8",
}
FALLBACK = "#9a9996"
CLAIM_COLOR = "#f5c211"
"""Claims are underlined in this colour (override as CLAIM= in GEGENLESEN_COLORS)."""
LABEL_ORDER = list(LABEL_COLORS)


def label_colors(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The colour table with the user's overrides; malformed entries are ignored."""
    colors = dict(LABEL_COLORS)
    spec = (environ if environ is not None else os.environ).get("GEGENLESEN_COLORS", "")
    for item in spec.split(","):
        label, _, color = item.partition("=")
        label, color = label.strip().upper(), color.strip()
        if not label or not color:
            continue
        try:
            Color.parse(color)
        except ColorParseError:
            continue
        colors[label] = color
    return colors
