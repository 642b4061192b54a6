"""The library: every article, full-text search and entity filters, and a way into a pane."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from gegenlesen.corpus.display import displayable
from gegenlesen.corpus.display import plural
from gegenlesen.storage import articles
from gegenlesen.storage.records import ArticleSummary
from gegenlesen.storage.search import MARK_CLOSE, MARK_OPEN, Hit, SearchError, find
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.messages import ArticlesChanged
from gegenlesen.tui.safe import safe_str
from gegenlesen.tui.widgets.article_pane import format_words
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

SEARCH_DELAY = 0.15
"""Seconds of quiet typing before a search runs: each key does not start one."""
SEARCH_LIMIT = 100
"""The best matches listed; how many match in all is said beside them."""


@dataclass(frozen=True)
class Opened:
    """What the library hands back: this article, into this pane (None: the focused one)."""

    article_id: int
    pane: int | None = None


def snippet_text(snippet: str) -> Text:
    """A search snippet with its matches in bold, made safe for the terminal."""
    text = Text(no_wrap=True, overflow="ellipsis")
    bold = False
    for piece in snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN):
        text.append(" ".join(displayable(piece).split(" ")).replace("\n", " "), "bold reverse" if bold else "")
        bold = not bold
    return text


@dataclass
class SearchDone(Message):
    """A search finished in the background: its hits, or why it could not run."""

    typed: str
    hits: list[Hit]
    total: int = 0
    """How many articles match in all; more than `hits` when the limit cut them."""
    error: str = ""


class LibraryTable(DataTable):
    """The article list; j and k move like down and up."""

    BINDINGS = bindings("library-list")


class LibraryScreen(ReportsWorkFailures, ModalScreen[Opened | None]):
    """Lists every article; typing searches (words, "phrases", @entity)."""

    BINDINGS = bindings("library")

    def __init__(self, db, query: str = "") -> None:
        super().__init__()
        self.db = db
        self.db_path = db.path
        self.initial_query = query
        self.summaries: dict[int, ArticleSummary] = {}
        self.hits: dict[int, Hit] = {}
        self.shown: list[int] = []
        self.total = 0
        """How many articles the current search matches in all."""
        self.limit = SEARCH_LIMIT
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="library-box"):
            yield Input(
                self.initial_query, placeholder='search: words, "a phrase", @entity or @"two words"', id="library-search"
            )
            yield LibraryTable(id="library-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="library-snippet", markup=False)
            yield Static(id="library-help", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#library-box")
        box.border_title = "Library"
        table = self.query_one(DataTable)
        table.add_columns("#", "title", "source", "date", "words", "entities", "claims")
        self._read_summaries()
        self.query_one("#library-help", Static).update(f"type to search · {keys_line('library')}")
        if self.initial_query:
            self._search_now()
        else:
            self._show(list(self.summaries), {})
        self.query_one(Input).focus()

    def _read_summaries(self) -> None:
        self.summaries = {summary.id: summary for summary in articles.list_articles(self.db)}

    @on(ArticlesChanged)
    def _articles_changed(self) -> None:
        """Analysis (or another window) changed the articles: show their counts as they are now."""
        self._read_summaries()
        if self.query_one(Input).value.strip():
            self._search_now()  # new articles may match
        else:
            self._show(list(self.summaries), {}, keep_cursor=True)

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#library-search")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self._search_now)

    @on(Input.Submitted, "#library-search")
    def _submitted(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 1:
            self.action_open()  # the one match: read it
        else:
            table.focus()

    def _search_now(self) -> None:
        typed = self.query_one(Input).value
        if not typed.strip():
            self.hits = {}
            self._show(list(self.summaries), {})
            return
        self._run_search(typed)

    def _run_search(self, typed: str) -> None:
        limit = self.limit

        def search(db, cancelled) -> SearchDone:
            try:
                found = find(db, typed, limit)
            except SearchError as error:  # what was typed cannot be searched for: said, not failed
                return SearchDone(typed, [], error=str(error))
            return SearchDone(typed, found.hits, found.total)

        run_with_store(self, self.db.path, search, description="Library search", group="library-search")

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        if message.typed != self.query_one(Input).value:
            return  # the user typed on meanwhile; a newer search is coming
        if message.error:
            self.notify(message.error, severity="warning")
        self.hits = {hit.article_id: hit for hit in message.hits}
        self.total = message.total
        self._show([hit.article_id for hit in message.hits if hit.article_id in self.summaries], self.hits)

    # -- the list --------------------------------------------------------------------------

    def _show(self, ids: list[int], hits: dict[int, Hit], keep_cursor: bool = False) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row if keep_cursor else 0
        table.clear()
        self.shown = ids
        for article_id in ids:
            summary = self.summaries[article_id]
            title = Text(safe_str(summary.title)[:70], no_wrap=True, overflow="ellipsis")
            if summary.superseded_by:
                title = Text.assemble((f"old version, see #{summary.superseded_by} · ", "italic"), title, style="dim")
            table.add_row(
                Text(str(summary.id), style="dim"),
                title,
                Text(safe_str(summary.source)[-32:], style="dim", no_wrap=True),
                Text(safe_str(summary.published or "")[:10], style="dim"),
                format_words(summary.words),
                str(summary.entities),
                str(summary.claims) if summary.claims else "",
                key=str(article_id),
            )
        if ids and row:
            table.move_cursor(row=min(row, len(ids) - 1))
        self.query_one("#library-box").border_subtitle = self._count(len(ids))
        self._show_snippet()

    def _count(self, shown: int) -> str:
        if not self.query_one(Input).value.strip():
            return f"{plural(shown, 'article')}"
        total = max(self.total, shown)
        if shown < total:
            return f"{shown} of {total} matches"
        return f"{shown} match{'es' * (shown != 1)} in {len(self.summaries)} articles"

    @on(DataTable.RowHighlighted)
    def _show_snippet(self) -> None:
        article_id = self._highlighted()
        hit = self.hits.get(article_id) if article_id is not None else None
        line = snippet_text(hit.snippet) if hit and hit.snippet else Text("")
        self.query_one("#library-snippet", Static).update(line)

    def _highlighted(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value)

    # -- actions ---------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self, pane: int | None = None) -> None:
        if self.focused is self.query_one(Input) and pane is not None:
            return  # digits typed into the search field are search text
        article_id = self._highlighted()
        if article_id is None:
            self.notify("No article matches: change the search.", severity="warning")
            return
        self.dismiss(Opened(article_id, pane))

    def action_focus_list(self) -> None:
        self.query_one(DataTable).focus()

    def action_focus_search(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        search_field = self.query_one(Input)
        if self.focused is search_field and search_field.value:
            search_field.value = ""
            return
        self.dismiss(None)
