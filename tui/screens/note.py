"""Write or change a claim's note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from gegenlesen.corpus.display import displayable


class NoteScreen(ModalScreen[str | None]):
    """A small editor: ctrl+s keeps the note, escape leaves it as it was."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Keep the note", show=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, quote: str, note: str) -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            quote = " ".join(displayable(self.quote).split())
            yield Static(f"“{quote[:200]}{'…' if len(quote) > 200 else ''}”", id="note-quote", markup=False)
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("ctrl+s keeps the note · escape cancels", id="note-help", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#note-box")
        box.border_title = "Note"
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
