"""Every key, from the one catalogue, grouped."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gegenlesen.corpus.codebook import Codebook
from gegenlesen.tui.actions import CATALOGUE, GROUPS, bindings, keys_line
from gegenlesen.tui.safe import NAME_CELLS, safe_str


def help_table(codebook: Codebook | None = None) -> Table:
    """Every catalogue entry meant for help, under its group's heading, in the groups' order;
    the codebook's types, verdicts and levels under the keys that set them."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what it does")
    ordered = sorted((entry for entry in CATALOGUE if entry.in_help), key=lambda entry: GROUPS.index(entry.group))
    for group, entries in groupby(ordered, key=lambda entry: entry.group):
        table.add_row(Text(group, style="underline"), "")
        for entry in entries:
            table.add_row(Text(entry.display_keys), Text(entry.description))
            if entry.action == "set_type(1)" and codebook is not None:
                for digit, claim_type in enumerate(codebook.types, 1):
                    # Codebook text is the user's: shown literally, its control characters visible.
                    line = f"  {safe_str(claim_type.label, NAME_CELLS)}: {safe_str(claim_type.description)}"
                    table.add_row(Text(f"  {digit}"), Text(line))
            if entry.action == "cycle_verdict" and codebook is not None:
                verdicts = " → ".join(safe_str(verdict, NAME_CELLS) for verdict in codebook.verdicts)
                table.add_row("", Text(f"  {verdicts} → {safe_str(codebook.verdicts[0], NAME_CELLS)}"))
            if entry.action == "cycle_worthiness" and codebook is not None:
                table.add_row("", Text(f"  {' → '.join(str(level) for level in range(1, codebook.worthiness + 1))} → 1"))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of escape, q or ? closes it."""

    BINDINGS = bindings("help")

    def __init__(self, codebook: Codebook | None = None) -> None:
        super().__init__()
        self.codebook = codebook

    def compose(self) -> ComposeResult:
        self.table = help_table(self.codebook)
        with VerticalScroll(id="help"):
            yield Static(self.table)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "gegenlesen — keys"
        self.query_one("#help").border_subtitle = keys_line("help")
