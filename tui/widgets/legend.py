"""A line naming each entity label in its colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gegenlesen.tui.labels import FALLBACK, LABEL_ORDER


def legend_text(colors: dict[str, str], labels: list[str] | None = None) -> Text:
    shown = labels if labels is not None else [label for label in LABEL_ORDER if label in colors]
    text = Text(no_wrap=True, overflow="ellipsis")
    for label in shown:
        text.append(f" {label} ", style=f"bold black on {colors.get(label, FALLBACK)}")
        text.append(" ")
    return text


class Legend(Static):
    """The label legend under the panes."""

    def show_labels(self, colors: dict[str, str], labels: list[str] | None = None) -> None:
        self.update(legend_text(colors, labels))
