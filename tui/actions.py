"""The one catalogue of keys and actions: bindings, footer, help screen and command palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeyAction:
    """A key, the action it runs, and how the user is told about it."""

    keys: str
    action: str
    description: str
    """What the help screen and the command palette say."""
    short: str = ""
    """The footer's word for it, for the keys shown there."""
    scope: str = "reader"
    """Where the binding lives: 'app', 'reader' (the reading screen) or 'article' (a pane)."""
    group: str = "Reading"

    @property
    def footer(self) -> bool:
        return bool(self.short)

    @property
    def display_keys(self) -> str:
        return " / ".join(KEY_NAMES.get(key, key) for key in self.keys.split(","))


KEY_NAMES = {
    "question_mark": "?", "plus": "+", "minus": "-", "left_square_bracket": "[",
    "right_square_bracket": "]", "shift+tab": "shift+tab", "space": "space",
}

CATALOGUE: list[KeyAction] = [
    KeyAction("j,down", "cursor(1)", "Next sentence", short="sentence", scope="article"),
    KeyAction("k,up", "cursor(-1)", "Previous sentence", scope="article"),
    KeyAction("pagedown,space", "page(1)", "Page down", scope="article"),
    KeyAction("pageup", "page(-1)", "Page up", scope="article"),
    KeyAction("home,g", "cursor_to(0)", "First sentence", scope="article"),
    KeyAction("end,G", "cursor_to(-1)", "Last sentence", scope="article"),
    KeyAction("tab", "app.focus_next", "Next pane", group="Panes"),
    KeyAction("shift+tab", "app.focus_previous", "Previous pane", group="Panes"),
    KeyAction("left_square_bracket", "article(-1)", "Previous article in this pane", group="Panes"),
    KeyAction("right_square_bracket", "article(1)", "Next article in this pane", short="article", group="Panes"),
    KeyAction("plus", "add_pane", "Add a pane", short="pane", group="Panes"),
    KeyAction("minus", "remove_pane", "Remove this pane", group="Panes"),
    KeyAction("s", "toggle_sync", "Scroll panes together / independently", short="sync", group="Panes"),
    KeyAction("e", "focus_entities", "Entities pane", short="entities", group="Entities"),
    KeyAction("n", "occurrence(1)", "Next occurrence of the chosen entity", short="next", group="Entities"),
    KeyAction("N", "occurrence(-1)", "Previous occurrence of the chosen entity", group="Entities"),
    KeyAction("escape", "clear_choice", "Back to the article, or clear the chosen entity", group="Entities"),
    KeyAction("ctrl+l", "reload", "Reload from the database", group="App"),
    KeyAction("question_mark", "app.help", "Help: every key", short="help", scope="app", group="App"),
    KeyAction("ctrl+p", "app.command_palette", "Command palette: every action", scope="app", group="App"),
    KeyAction("ctrl+t", "app.toggle_dark", "Light / dark theme", scope="app", group="App"),
    KeyAction("q", "app.quit", "Quit", short="quit", scope="app", group="App"),
]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for one scope, straight from the catalogue."""
    return [
        Binding(entry.keys, entry.action, entry.short or entry.description, show=entry.footer, tooltip=entry.description)
        for entry in CATALOGUE
        if entry.scope == scope and entry.action != "app.command_palette"
    ]
