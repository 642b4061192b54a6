"""`K`: how far the annotators agree (the figures of `gegenlesen agreement`), and curation of
the passages whose verdicts differ."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Static

from gegenlesen.corpus.agreement import Report, Unit
from gegenlesen.corpus.display import plural
from gegenlesen.storage import history
from gegenlesen.storage.curation import CurationError, curate
from gegenlesen.storage.errors import StoreError
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.labels import annotator_colors
from gegenlesen.tui.safe import NAME_CELLS, safe_str, safe_text
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

PASSAGE_CELLS = (16, 48)
"""The passage column's least and most cells; between them, what the verdict columns leave."""
VERDICT_CELLS = 14
"""What a verdict column takes, its padding included (a longer verdict is cut)."""


@dataclass
class AgreementRead(Message):
    """The report was computed in the background (or `problem` says why there is none)."""

    report: Report | None
    problem: str
    table: str
    """The figures as `gegenlesen agreement` prints them."""
    quotes: dict[tuple[int, int, int], str]
    """(article, start, end) of each differing passage -> its text."""


def figures_text(report: Report, sources: dict[int, str]) -> str:
    """The figures exactly as the command line's table prints them, without its list of
    differing verdicts (the screen lists those itself, to curate)."""
    from gegenlesen.tui.agreement_command import write_table

    out = io.StringIO()
    write_table(replace(report, disagreements=()), sources, out)
    return out.getvalue()


def read_report(db) -> AgreementRead:
    """Everything the screen shows, read and computed on `db` (a worker's own connection)."""
    from gegenlesen.storage.articles import ids_by_source
    from gegenlesen.tui.agreement_command import report_for

    report = report_for(db, None)
    if isinstance(report, str):
        return AgreementRead(None, report, "", {})
    sources = {article_id: source for source, article_id in ids_by_source(db).items()}
    quotes = {}
    for unit in report.disagreements:
        row = db.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                         [unit.start + 1, unit.end - unit.start, unit.article]).fetchone()
        quotes[(unit.article, unit.start, unit.end)] = row[0] if row else ""
    return AgreementRead(report, "", figures_text(report, sources), quotes)


def curated_of_unit(unit: Unit) -> str | None:
    return next((claim.curated for claim in unit.claims.values() if claim.curated), None)


class VerdictPrompt(ModalScreen[str | None]):
    """Asks for a curated verdict of one's own; enter keeps it, escape cancels."""

    BINDINGS = bindings("verdict")

    def __init__(self, passage: str) -> None:
        super().__init__()
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(id="verdict-box"):
            yield Label(safe_text(self.passage, limit=200), id="verdict-passage")
            yield Input(placeholder=f"the curated verdict (enter keeps it, {keys_line('verdict')})", id="verdict-input")

    def on_mount(self) -> None:
        self.query_one("#verdict-box").border_title = "Curated verdict"

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AgreementScreen(ReportsWorkFailures, ModalScreen[int | None]):
    """The agreement figures of every annotator with claims, computed in a thread worker, and
    the passages whose verdicts differ: 1 … 9 takes one annotator's verdict as the curated
    one, e writes one, u undoes. Hands back a claim of the passage to read, or None."""

    BINDINGS = bindings("agreement")

    def __init__(self, db, annotator: str) -> None:
        super().__init__()
        self.db = db
        self.db_path = db.path
        self.annotator = annotator
        self.report: Report | None = None
        self.units: list[Unit] = []
        self.quotes: dict[tuple[int, int, int], str] = {}
        self._keep: tuple[int, int, int] | None = None
        """The passage the cursor goes back to once the report is read again."""

    def compose(self) -> ComposeResult:
        with Vertical(id="agreement-box"):
            with VerticalScroll(id="agreement-figures"):
                yield Static(id="agreement-table", markup=False)
            yield Label(id="agreement-heading", markup=False)
            yield DataTable(id="agreement-passages", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#agreement-box").border_title = "Agreement between annotators"
        self.query_one("#agreement-table", Static).update(Text("Computing …", style="dim italic"))
        self.query_one(DataTable).focus()
        self._read()

    def _read(self) -> None:
        run_with_store(self, self.db.path, lambda db, cancelled: read_report(db), description="Computing agreement",
                       group="agreement")

    def work_failed(self, group: str, line: str) -> None:
        """The notice said what failed; here the screen stops waiting."""
        self.query_one("#agreement-table", Static).update(Text("The agreement could not be computed."))

    @on(AgreementRead)
    def _shown(self, read: AgreementRead) -> None:
        self.report, self.quotes = read.report, read.quotes
        figures = self.query_one("#agreement-table", Static)
        heading = self.query_one("#agreement-heading", Label)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        figures.set_class(read.report is None, "message")  # a sentence wraps; the table does not
        if read.report is None:
            figures.update(Text(safe_str(read.problem[:1].upper() + read.problem[1:] + ".")))
            heading.update("")
            self.units = []
            return
        lines = safe_text(read.table.rstrip("\n"), one_line=False)
        lines.no_wrap = True  # a table: its columns are spaces, which wrapping would take away
        figures.update(lines)
        self.units = list(read.report.disagreements)
        names = read.report.annotators
        colors = annotator_colors(names)
        heading.update(Text(
            f"Verdicts that differ: {plural(len(self.units), 'passage')}"
            + (f" · {keys_line('agreement')}" if self.units else "")
        ))
        width = self.query_one("#agreement-box").size.width or self.app.size.width * 95 // 100
        passage_cells = max(PASSAGE_CELLS[0], min(PASSAGE_CELLS[1], width - 4 - 7 - VERDICT_CELLS * (len(names) + 1)))
        table.add_column(Text("art.", style="dim"), width=5, key="article")
        table.add_column(Text("passage"), width=passage_cells, key="passage")
        for number, name in enumerate(names, 1):
            table.add_column(Text.assemble((f"{number} ", "dim"), (safe_str(name, NAME_CELLS), f"bold {colors[name]}")),
                             key=f"annotator-{number}")
        table.add_column(Text("curated"), key="curated")
        keep_row = 0
        for index, unit in enumerate(self.units):
            quote = safe_text(" ".join(self.quotes.get((unit.article, unit.start, unit.end), "").split()))
            quote.truncate(passage_cells, overflow="ellipsis")
            verdicts = [safe_text(unit.claims[name].verdict, limit=NAME_CELLS) if name in unit.claims
                        else Text("—", style="dim") for name in names]
            curated = curated_of_unit(unit)
            table.add_row(Text(str(unit.article), style="dim"), quote, *verdicts,
                          safe_text(curated, style="bold", limit=NAME_CELLS) if curated else Text("—", style="dim"),
                          key=str(index))
            if (unit.article, unit.start, unit.end) == self._keep:
                keep_row = index
        if self.units:
            table.move_cursor(row=keep_row)

    def _unit(self) -> Unit | None:
        table = self.query_one(DataTable)
        if not self.units:
            self.notify("No passage here: the annotators' verdicts differ nowhere (or the report is not read yet).",
                        severity="warning")
            return None
        return self.units[min(table.cursor_row, len(self.units) - 1)]

    def _curate(self, unit: Unit, verdict: str) -> None:
        claim = next(iter(unit.claims.values()))
        try:
            settled = curate(self.db, claim.id, verdict, self.annotator)
        except CurationError as error:
            self.notify(f"Not curated: {error}.", severity="warning")
            return
        except StoreError as error:
            self.notify(f"Not stored: the curated verdict. {error}", severity="error", timeout=15)
            return
        self.notify(f"Curated verdict of claim{'s' * (len(settled) != 1)} {', '.join(f'#{i}' for i in settled)}: "
                    f"{safe_str(' '.join(verdict.split()), NAME_CELLS)} · u undoes")
        self._again(unit)

    def _again(self, unit: Unit | None) -> None:
        self._keep = (unit.article, unit.start, unit.end) if unit else None
        self._read()

    def action_take(self, number: int) -> None:
        unit = self._unit()
        if unit is None or self.report is None:
            return
        names = self.report.annotators
        if number > len(names):
            self.notify(f"There are {len(names)} annotators here: 1 … {len(names)}.", severity="warning")
            return
        name = names[number - 1]
        claim = unit.claims.get(name)
        if claim is None or not claim.verdict or claim.verdict == "unchecked":
            self.notify(f"{safe_str(name, NAME_CELLS)} gave this passage no verdict to take.", severity="warning")
            return
        self._curate(unit, claim.verdict)

    def action_write_verdict(self) -> None:
        unit = self._unit()
        if unit is None:
            return
        quote = " ".join(self.quotes.get((unit.article, unit.start, unit.end), "").split())

        def keep(verdict: str | None) -> None:
            if verdict is not None:
                self._curate(unit, verdict)

        self.app.push_screen(VerdictPrompt(quote), keep)

    def action_undo(self) -> None:
        try:
            step = history.undo(self.db, self.annotator)
        except StoreError as error:
            self.notify(f"Not stored: undo. {error}", severity="error", timeout=15)
            return
        if step is None:
            self.notify("Nothing to undo.")
            return
        self.notify(step.describe(), severity="warning" if step.refused else "information")
        table = self.query_one(DataTable)
        self._again(self.units[table.cursor_row] if self.units else None)

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.units:
            table.move_cursor(row=max(0, min(len(self.units) - 1, table.cursor_row + step)))

    def action_choose(self) -> None:
        unit = self._unit()
        if unit is not None:
            self.dismiss(next(iter(unit.claims.values())).id)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_choose()

    def action_back(self) -> None:
        self.dismiss(None)
