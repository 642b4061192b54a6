"""The line that says the database is gone, and what could not be stored since."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gegenlesen.tui.safe import safe_str


def not_stored_text(reason: str, actions: list[str]) -> Text:
    """Why nothing can be stored and what to do, then each action that was not, newest first."""
    text = Text(overflow="ellipsis")
    text.append(" NOT STORED ", style="bold reverse")
    text.append(f" {safe_str(reason).rstrip('.')}: nothing more can be stored. "
                "Quit, then open it again (or restore a backup). ")
    if actions:
        text.append(f"Not stored ({len(actions)}): ", style="bold")
        text.append(" · ".join(safe_str(action) for action in reversed(actions)))
    return text


class NotStored(Static):
    """Shown only once the database file is lost: the reader keeps its actions visible here."""

    DEFAULT_CSS = """
    NotStored {
        height: auto;
        max-height: 3;
        display: none;
        background: $error;
        color: $text;
    }
    NotStored.-lost {
        display: block;
    }
    """

    def show_lost(self, reason: str, actions: list[str]) -> None:
        self.update(not_stored_text(reason, actions))
        self.add_class("-lost")
