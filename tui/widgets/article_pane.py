"""A pane: a title line (number, title, source, words) above an article view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from gegenlesen.corpus.display import displayable
from gegenlesen.corpus.entities import describe_value
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


class Heading:
    """The title line: number and title on the left, source and length on the right.
    When the line is short the title wins: the source (also on the pane's border), then
    the length give way."""

    def __init__(self, number: int, document: ArticleDocument | None) -> None:
        self.title = title_line(number, document)
        self.document = document

    def __rich_console__(self, console, options):
        width = options.max_width
        right = source_line(self.document)
        if self.document and self.title.cell_len + right.cell_len > width:
            words = Text(f" {format_words(self.document.article.words)} ", style="dim")
            right = words if self.title.cell_len + words.cell_len <= width or width >= 24 + words.cell_len else Text("")
        title = self.title.copy()
        title.truncate(max(1, width - right.cell_len), overflow="ellipsis")
        gap = max(0, width - title.cell_len - right.cell_len)
        yield Text.assemble(title, " " * gap, right, no_wrap=True)


def heading(number: int, document: ArticleDocument | None) -> Heading:
    return Heading(number, document)


def values_line(document: ArticleDocument | None, sentence: int, colors: dict[str, str]) -> Text:
    """What gegenlesen understood the figures and dates of one sentence to mean, in the
    order they occur, each in its label's colour: "= only 6,000,000 USD · 2025-01, late"."""
    if document is None or not document.sentences or sentence >= len(document.sentences):
        return Text("")
    parts: list[Text] = []
    for entity in document.entities_between(*document.sentences[sentence]):
        value = describe_value(entity.label, entity.value)
        if value and value != " ".join(entity.text.split()):  # "100 = 100" says nothing
            parts.append(Text(displayable(value), style=f"bold {colors.get(entity.label, '')}".strip()))
    if not parts:
        return Text("")
    line = Text.assemble((" = ", "dim"), Text(" · ", style="dim").join(parts))
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


class ArticlePane(Vertical):
    """One of the side-by-side article panes."""

    def __init__(
        self, number: int, document: ArticleDocument | None, colors: dict[str, str], cursor: int = 0, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.initial_cursor = cursor
        self.number = number
        self.document = document
        self.label_colors = colors

    def compose(self) -> ComposeResult:
        yield Static(heading(self.number, self.document), classes="pane-heading")
        yield ArticleView(self.document, self.label_colors)
        yield Static("", classes="pane-values")

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.show_values(event.sentence)  # (the screen hears it too: not stopped)

    def show_values(self, sentence: int) -> None:
        self.query_one(".pane-values", Static).update(values_line(self.document, sentence, self.label_colors))

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def _set_border(self) -> None:
        self.border_title = displayable(self.document.article.source) if self.document else None

    def show(self, document: ArticleDocument | None, cursor: int = 0) -> None:
        self.document = document
        self._set_border()
        self.query_one(".pane-heading", Static).update(heading(self.number, document))
        self.view.show(document, cursor)
        self.show_values(self.view.cursor)

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".pane-heading", Static).update(heading(number, self.document))

    def on_mount(self) -> None:
        self._set_border()
        self.view.show(self.document, self.initial_cursor)
        self.show_values(self.view.cursor)
