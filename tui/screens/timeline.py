"""The timeline: every date the articles mention, in date order; enter reads the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from gegenlesen.corpus.display import displayable
from gegenlesen.corpus.display import plural
from gegenlesen.storage.overview import ArticleColumn, DatedRow, article_columns, timeline
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.safe import safe_str
from gegenlesen.tui.screens.matrix import short_title
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

CONTEXT_WIDTH = 90
"""Characters of sentence shown around the date in the list (the line below shows it all)."""
BEFORE = 16
"""At most this much of the sentence before the date, so that the date stays in view."""
SPACE = re.compile(r"\s+")
CHUNK = 200
"""Rows added to the table at a time (see TimelineScreen._fill)."""


@dataclass(frozen=True)
class TimelineChoice:
    """What the timeline hands back: this article, the cursor at this offset (on this claim)."""

    article_id: int
    offset: int
    claim_id: int | None = None


def how_said(row: DatedRow) -> str:
    """What the text's wording adds to the ISO value: 'month, late', 'day, year assumed'."""
    words = [row.granularity] if row.granularity else []
    if row.qualifier:
        words.append(row.qualifier)
    if row.year_assumed:
        words.append("year assumed")
    elif not row.has_year:
        words.append("no year")
    return ", ".join(words)


def around_date(row: DatedRow, style: str, width: int | None = CONTEXT_WIDTH) -> Text:
    """The sentence (or claim) on one line with the date emphasised; with a `width`, cut
    to about that many characters around the date, with ellipses where it was cut."""
    start, end = row.start - row.context_start, row.end - row.context_start
    before, date, after = (
        SPACE.sub(" ", displayable(part)) for part in (row.context[:start], row.context[start:end], row.context[end:])
    )
    before, after = before.lstrip(), after.rstrip()
    if width is not None:
        room = max(0, width - len(date))
        keep_before = min(len(before), BEFORE, room)
        if keep_before < len(before):
            before = "…" + before[len(before) - keep_before + 1 :] if keep_before else ""
        keep_after = room - len(before)
        if keep_after < len(after):
            after = after[: max(0, keep_after - 1)] + "…"
    return Text.assemble(before, (date, style), after, no_wrap=width is not None, overflow="ellipsis")


@dataclass
class TimelineReady(Message):
    """The timeline was read in the background: its rows and the articles they are in."""

    rows: list[DatedRow]
    articles: dict[int, ArticleColumn]


class TimelineScreen(ReportsWorkFailures, ModalScreen[TimelineChoice | None]):
    """Dates in calendar order, one row per date and sentence; same dates together."""

    BINDINGS = bindings("timeline")

    def __init__(self, db, colors: dict[str, str]) -> None:
        super().__init__()
        self.db = db
        self.db_path = db.path
        self.label_colors = colors
        self.claims_only = False
        self.all_rows: list[DatedRow] = []
        self.rows: list[DatedRow] = []
        self.articles: dict[int, ArticleColumn] = {}
        self._sizes: dict[str, int] = {}
        """Rows per date among those shown."""
        self._filling = 0
        """Counts fills of the table; a chunk of an older fill is not added."""
        self._wanted: int | None = None
        """A row the cursor goes to once it is added (the row it was on before a filter)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield DataTable(id="timeline-table", cursor_type="row")
            yield Static(id="timeline-context", markup=False)
            yield Static(keys_line("timeline"), id="timeline-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#timeline-box").border_title = "Timeline"
        table = self.query_one(DataTable)
        table.add_column(Text("date"), width=11, key="date")
        table.add_column(Text(""), width=3, key="count")
        table.add_column(Text("as the text has it"), width=18, key="how")
        table.add_column(Text("#", justify="right"), width=4, key="article")
        table.add_column(Text("title"), width=22, key="title")
        table.add_column(Text("claim"), width=7, key="claim")
        table.add_column(Text("sentence or claim"), key="text")
        table.loading = True
        table.focus()
        self._read()

    def _read(self) -> None:
        run_with_store(self, self.db.path, self._timeline, description="Reading the timeline", group="timeline")

    @staticmethod
    def _timeline(db, cancelled) -> TimelineReady:
        rows, columns = timeline(db), article_columns(db)
        return TimelineReady(rows, {column.id: column for column in columns})

    def work_failed(self, group: str, line: str) -> None:
        """The notice said what failed; here the table stops waiting."""
        self.query_one(DataTable).loading = False
        self.query_one("#timeline-box").border_subtitle = "could not be read"

    @on(TimelineReady)
    def _ready(self, message: TimelineReady) -> None:
        self.all_rows, self.articles = message.rows, message.articles
        self.query_one(DataTable).loading = False
        self._show()

    def _show(self) -> None:
        """Fill the table; a date is written once, on the first row of its group. Rows are
        added a chunk at a time, so that keys are answered while 50,000 dates fill in."""
        table = self.query_one(DataTable)
        table.clear()
        self._wanted = None
        self.rows = [row for row in self.all_rows if row.claim_id is not None or not self.claims_only]
        self._sizes = {}
        for row in self.rows:
            self._sizes[row.iso] = self._sizes.get(row.iso, 0) + 1
        dates = len(self._sizes)
        what = "dated claims" if self.claims_only else "dates"
        self.query_one("#timeline-box").border_subtitle = (
            f"{len(self.rows)} {what} · {plural(dates, 'distinct value')}" if self.rows
            else ("no claim holds a date" if self.claims_only else "no dates in the articles")
        )
        self._filling += 1
        self._fill(self._filling, 0)
        self._show_context()

    def _fill(self, filling: int, start: int) -> None:
        """Add the rows from `start` on, a chunk now and the rest later; a newer fill (the
        filter changed) makes an older one stop."""
        if filling != self._filling or not self.is_attached:
            return
        table = self.query_one(DataTable)
        date_style = self.label_colors.get("DATE", "")
        end = min(start + CHUNK, len(self.rows))
        for index in range(start, end):
            row = self.rows[index]
            first = index == 0 or self.rows[index - 1].iso != row.iso
            size = self._sizes[row.iso]
            article = self.articles.get(row.article_id)
            table.add_row(
                Text(row.iso, style="bold") if first else Text("│", style="dim"),
                Text(f"×{size}", style="dim") if first and size > 1 else "",
                Text(how_said(row), style="dim", no_wrap=True, overflow="ellipsis"),
                Text(str(row.article_id), justify="right"),
                Text(short_title(article.title if article else "", 22), no_wrap=True),
                Text(f"#{row.claim_id}", style="bold") if row.claim_id is not None else "",
                around_date(row, f"bold {date_style}".strip()),
                key=str(index),
            )
        if self._wanted is not None and self._wanted < end:
            table.move_cursor(row=self._wanted)
            self._wanted = None
        if end < len(self.rows):
            self.set_timer(0.01, lambda: self._fill(filling, end))

    @on(DataTable.RowHighlighted)
    def _show_context(self) -> None:
        row = self._highlighted()
        line = Text("")
        if row is not None:
            article = self.articles.get(row.article_id)
            title = safe_str(article.title) if article else ""
            line = Text.assemble((f"{row.article_id} ", "bold"), (title, "italic"), "\n")
            line.append_text(around_date(row, f"bold {self.label_colors.get('DATE', '')}".strip(), width=None))
        self.query_one("#timeline-context", Static).update(line)

    def _highlighted(self) -> DatedRow | None:
        table = self.query_one(DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    # -- actions ---------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        row = self._highlighted()
        if row is None:
            self.notify("No date to go to.", severity="warning")
            return
        self.dismiss(TimelineChoice(row.article_id, row.start, row.claim_id))

    def action_toggle_claims(self) -> None:
        current = self._highlighted()
        self.claims_only = not self.claims_only
        self._show()
        if current in self.rows:
            wanted = self.rows.index(current)
            table = self.query_one(DataTable)
            if wanted < table.row_count:
                table.move_cursor(row=wanted)
            else:
                self._wanted = wanted  # when its chunk is added

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_back(self) -> None:
        self.dismiss(None)
