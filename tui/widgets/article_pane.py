"""A pane: a title line (number, title, source, words) above an article view."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from gegenlesen.corpus.entities import describe_value
from gegenlesen.tui.actions import bindings
from gegenlesen.tui.claim_list import ClaimsInView
from gegenlesen.tui.document import ArticleDocument
from gegenlesen.tui.safe import NAME_CELLS, safe_content, safe_str
from gegenlesen.tui.widgets.article_view import ArticleView


def format_words(words: int) -> str:
    return f"{words / 1000:.1f}k w" if words >= 1000 else f"{words} w"


def title_line(number: int, document: ArticleDocument | None) -> Text:
    """Pane number and title, built as Text so that a title holding markup stays literal."""
    title = safe_str(document.article.title) if document else "no article"
    return Text.assemble((f" {number} ", "bold reverse"), " ", (title, "bold"), no_wrap=True, overflow="ellipsis")


def source_line(document: ArticleDocument | None) -> Text:
    """Source and length, shown at the right of the title line."""
    if document is None:
        return Text("")
    article = document.article
    source = safe_str(article.source)
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
            parts.append(Text(safe_str(value), style=f"bold {colors.get(entity.label, '')}".strip()))
    if not parts:
        return Text("")
    line = Text.assemble((" = ", "dim"), Text(" · ", style="dim").join(parts))
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


def find_status(query: str, index: int | None, total: int, wrapped: bool = False) -> Text:
    """What the find bar says: "3/17 matches", "17 matches" before a jump, or "no match for …"."""
    if not query.strip():
        return Text("")
    if not total:
        return Text.assemble("no match for “", safe_str(query), "”", style="bold")
    noun = "match" if total == 1 else "matches"
    if index is None:
        return Text(f"{total} {noun}")
    turn = " · from the top" if wrapped and index == 0 else " · from the end" if wrapped else ""
    return Text(f"{index + 1}/{total} {noun}{turn}")


class FindInput(Input):
    """Where a find is typed: enter goes to the first match, escape ends the find."""

    BINDINGS = bindings("find-line")

    @dataclass
    class Ended(Message):
        """Escape in the find input: the find ends."""

    def action_end_find(self) -> None:
        self.post_message(self.Ended())


class FindBar(Horizontal):
    """The pane's find line: what is sought, and how many matches there are."""

    DEFAULT_CSS = """
    FindBar {
        height: 1;
        background: $boost;
        display: none;
    }
    FindBar.-active {
        display: block;
    }
    FindBar > Label {
        width: auto;
    }
    FindBar > FindInput {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(" / ")
        yield FindInput(placeholder="find: enter goes there, escape ends", compact=True, select_on_focus=True)
        yield Label("", classes="find-status")


class ArticlePane(Vertical):
    """One of the side-by-side article panes. The screen binds the chosen entity's keys, the
    claims in view and the current claims into it; it shows those of its own article."""

    chosen_keys: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Entity keys whose every occurrence is drawn emphasised (bound into the view)."""
    claims_in_view: reactive[ClaimsInView] = reactive(ClaimsInView, init=False, always_update=True)
    """The claims of every article in view; the pane's view draws its article's."""
    current_claims: reactive[tuple[int | None, ...]] = reactive(tuple, init=False)
    """The claim each pane's keys act on, in pane order; the view emphasises this pane's."""

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
        yield ArticleView(self.document, self.label_colors).data_bind(ArticlePane.chosen_keys)
        yield Static("", classes="pane-values")

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.show_values(event.sentence)  # (the screen hears it too: not stopped)

    # -- find ------------------------------------------------------------------------------

    def _find_bar(self) -> FindBar | None:
        bars = self.query(FindBar)
        return bars.first() if bars else None

    async def on_article_view_find_asked(self, event: ArticleView.FindAsked) -> None:
        event.stop()
        bar = self._find_bar()
        if bar is None:  # made on first use, to keep the first frame light
            bar = FindBar()
            await self.mount(bar, before=self.query_one(".pane-values"))
        bar.add_class("-active")
        field = bar.query_one(FindInput)
        field.value = self.view.find_query
        field.focus()

    @on(Input.Changed, "FindInput")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.view.find_query:
            self.view.find(event.value)  # every match drawn while typing; enter goes there

    @on(Input.Submitted, "FindInput")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.view.find(event.value, jump=True)
        self.view.focus()

    @on(FindInput.Ended)
    def _find_ended(self) -> None:
        self.view.find("")
        self.view.focus()

    def on_article_view_found(self, event: ArticleView.Found) -> None:
        bar = self._find_bar()
        if bar is None:
            return
        bar.set_class(bool(event.query), "-active")
        bar.query_one(".find-status", Label).update(find_status(event.query, event.index, event.total, event.wrapped))

    def show_values(self, sentence: int) -> None:
        self.query_one(".pane-values", Static).update(values_line(self.document, sentence, self.label_colors))

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def _set_border(self) -> None:
        self.border_title = safe_content(self.document.article.source, NAME_CELLS) if self.document else None

    def show(self, document: ArticleDocument | None, cursor: int = 0) -> None:
        self.document = document
        self._set_border()
        self.query_one(".pane-heading", Static).update(heading(self.number, document))
        self.view.show(document, cursor)
        self.show_values(self.view.cursor)

    def watch_claims_in_view(self) -> None:
        if self.is_mounted:
            self._show_claims()

    def _show_claims(self) -> None:
        if self.document is not None:
            self.view.set_claims(self.claims_in_view.of_article(self.document.article.id))
            self.view.set_candidates(self.claims_in_view.candidates_of(self.document.article.id))

    def watch_current_claims(self) -> None:
        if self.is_mounted:
            self._show_current_claim()

    def _show_current_claim(self) -> None:
        claims = self.current_claims
        self.view.current_claim = claims[self.number - 1] if self.number <= len(claims) else None

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".pane-heading", Static).update(heading(number, self.document))
        self._show_current_claim()

    def on_mount(self) -> None:
        self._set_border()
        self.view.show(self.document, self.initial_cursor)
        self.show_values(self.view.cursor)
        self._show_claims()  # (claims bound before the view existed)
        self._show_current_claim()
