"""Write or change a claim's note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from gegenlesen.corpus.display import visible
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.safe import safe_str


def editable(text: str) -> str:
    """`text` as the editor shows it: each control character (but newline and tab) as its
    visible symbol (ESC as ␛, BEL as ␇), so no escape sequence reaches the terminal."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n\t")


class NoteArea(TextArea):
    """A TextArea that holds no control character: what is typed or pasted is kept as its
    visible symbols, so the note it gives back has none either."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = editable(edit.text)
        return super().edit(edit)


class NoteScreen(ModalScreen[str | None]):
    """A small editor: ctrl+s keeps the note, escape leaves it as it was.

    A note imported with control characters shows them as symbols; kept unchanged, the
    note stays as stored; changed, it is stored as edited, with the symbols."""

    BINDINGS = bindings("note")

    def __init__(self, quote: str, note: str) -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Text(f"“{safe_str(self.quote, 201)}”"), id="note-quote")
            yield NoteArea(editable(self.note), id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(keys_line("note"), id="note-help", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#note-box")
        box.border_title = "Note"
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(self.note if text == editable(self.note) else text)

    def action_cancel(self) -> None:
        self.dismiss(None)
