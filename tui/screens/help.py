"""Every key, from the one catalogue, grouped."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gegenlesen.tui.actions import CATALOGUE, GROUPS


def help_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what it does")
    ordered = sorted((entry for entry in CATALOGUE if entry.in_help), key=lambda entry: GROUPS.index(entry.group))
    for group, entries in groupby(ordered, key=lambda entry: entry.group):
        table.add_row(f"[u]{group}[/u]", "")
        for entry in entries:
            table.add_row(entry.display_keys, entry.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        self.table = help_table()
        with VerticalScroll(id="help"):
            yield Static(self.table)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "gegenlesen — keys"
        self.query_one("#help").border_subtitle = "escape closes"
