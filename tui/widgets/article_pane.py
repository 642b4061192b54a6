"""A pane: a title line (number, title, source, words) above an article view."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from gegenlesen.corpus.display import displayable
from gegenlesen.tui.document import ArticleDocument
from gegenlesen.tui.widgets.article_view import ArticleView


def format_words(words: int) -> str:
    return f"{words / 1000:.1f}k w" if words >= 1000 else f"{words} w"


def title_line(number: int, document: ArticleDocument | None) -> Text:
    """Pane number and title, built as Text so that a title holding markup stays literal."""
    title = " ".join(displayable(document.article.title).split()) if document else "no article"
    return Text.assemble((f" {number} ", "bold reverse"), " ", (title, "bold"), no_wrap=True, overflow="ellipsis")


def source_line(document: ArticleDocument | None) -> Text:
    """Source and length, shown at the right of the title line."""
    if document is None:
        return Text("")
    article = document.article
    source = displayable(article.source)
    stem, dot, extension = source.rpartition(".")
    if len(source) > 14:
        source = f"{stem[:6]}….{extension}" if dot and len(extension) <= 4 else source[:12] + "…"
    return Text(f" {source} · {format_words(article.words)} ", style="dim", no_wrap=True)


def heading(number: int, document: ArticleDocument | None) -> Table:
    """The title line: number and title on the left (cut to fit), source and words right."""
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, justify="right")
    grid.add_row(title_line(number, document), source_line(document))
    return grid


class ArticlePane(Vertical):
    """One of the side-by-side article panes."""

    def __init__(self, number: int, document: ArticleDocument | None, colors: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.number = number
        self.document = document
        self.label_colors = colors

    def compose(self) -> ComposeResult:
        yield Static(heading(self.number, self.document), classes="pane-heading")
        yield ArticleView(self.document, self.label_colors)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def show(self, document: ArticleDocument | None, cursor: int = 0) -> None:
        self.document = document
        self.query_one(".pane-heading", Static).update(heading(self.number, document))
        self.view.show(document, cursor)

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".pane-heading", Static).update(heading(number, self.document))

    def on_mount(self) -> None:
        self.view.show(self.document)
