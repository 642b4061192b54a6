"""The Textual app and its factory, shared by the command line and the tests."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from gegenlesen.corpus.codebook import Codebook
from gegenlesen.corpus.display import plural
from gegenlesen.storage import articles
from gegenlesen.storage.codebooks import codebook_in_use
from gegenlesen.storage.db import Store, connect, open_database
from gegenlesen.tui.actions import CATALOGUE, bindings
from gegenlesen.tui.labels import read_label_colors
from gegenlesen.tui.messages import AnalysisFinished, AnalysisProgress, ArticlesChanged
from gegenlesen.tui.safe import NAME_CELLS, NOTICE_CHARS, safe_str
from gegenlesen.tui.screens.reader import ReaderScreen
from gegenlesen.tui.workers import ReportsWorkFailures

if TYPE_CHECKING:
    from gegenlesen.tui.limits import PathLimits


class GegenlesenApp(ReportsWorkFailures, App):
    """Reads news articles side by side with their entities highlighted."""

    CSS_PATH = "gegenlesen.tcss"
    TITLE = "gegenlesen"
    BINDINGS = bindings("app")

    def __init__(
        self, db_path: Path, model: str | None = None, db: Store | None = None,
        annotator: str = "annotator", codebook: Codebook | None = None, limits: PathLimits | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.model = model
        self.db = db if db is not None else open_database(self.db_path)
        self.annotator = annotator
        self.codebook = codebook or codebook_in_use(self.db)
        self.path_limits = limits
        """The folders the import and export dialogs are kept to (served to browsers); None: anywhere."""
        self.label_colors, self._color_problems = read_label_colors()
        self._analyse_again = False
        """Analysis was asked for while it ran: look for unanalysed articles once it ends."""

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.db, self.label_colors, self.annotator, self.codebook)

    def on_mount(self) -> None:
        if self._color_problems:  # the app's screen hides what stderr said before it
            self.notify("\n".join(self._color_problems), severity="warning", timeout=20)
        self.call_after_refresh(self.analyse_pending)
        # The command line pauses the garbage collector for the start (`cli._run`); from the
        # first frame on it collects as always.
        self.call_after_refresh(gc.enable)

    @property
    def reader(self) -> ReaderScreen:
        return next(screen for screen in self.screen_stack if isinstance(screen, ReaderScreen))

    # -- background analysis ---------------------------------------------------------------

    def analyse_pending(self) -> None:
        """Analyse articles that lack analysis in the background, unless that already runs.

        A request while it runs is remembered: the running worker may have listed the
        articles before these arrived, so it is followed by one more round."""
        if any(worker.group == "analysis" and not worker.is_finished for worker in self.workers):
            self._analyse_again = True
        elif articles.unanalysed(self.db):
            self._analyse_again = False
            self.analysis_worker()

    @work(thread=True, exclusive=True, group="analysis", description="Analysing articles", exit_on_error=False)
    def analysis_worker(self) -> None:
        """Load spaCy and analyse articles without cached analysis, off the UI thread."""
        from gegenlesen.tui.workflow import analyse_all

        worker = self._current_worker()

        def progress(done: int, total: int, source: str) -> None:
            # Before the first article is done, the pipeline is loading.
            self.post_message(AnalysisProgress(done, total, source if done else "loading the German pipeline"))

        db = connect(self.db_path)  # never a new file: the reader's may have been deleted meanwhile
        try:
            analysed, notes = analyse_all(
                db, self.model, progress=progress, should_stop=lambda: worker is not None and worker.is_cancelled,
            )
        finally:
            db.close()
        self.post_message(AnalysisFinished(analysed, notes))

    def _current_worker(self) -> Worker | None:
        from textual.worker import NoActiveWorker, get_current_worker

        try:
            return get_current_worker()
        except NoActiveWorker:  # a direct call (in a test), not inside a worker
            return None

    @on(AnalysisProgress)
    def _analysis_progress(self, message: AnalysisProgress) -> None:
        self.reader.activity = f"analysing {message.done}/{message.total} · {message.source} "

    @on(AnalysisFinished)
    def _analysis_finished(self, message: AnalysisFinished) -> None:
        reader = self.reader
        reader.activity = ""
        reader.reload()
        for screen in self.screen_stack[1:]:  # the library, if open, shows the new counts
            screen.post_message(ArticlesChanged())
        for note in message.notes:
            self.notify(note, severity="warning", timeout=10)
        if message.analysed:
            self.notify(f"Analysed {plural(message.analysed, 'article')}.")

    @on(Worker.StateChanged)
    def _analysis_ended(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "analysis" and event.state == WorkerState.SUCCESS and self._analyse_again:
            self.analyse_pending()

    def work_failed(self, group: str, line: str) -> None:
        if group == "analysis" and any(isinstance(screen, ReaderScreen) for screen in self.screen_stack):
            self.reader.activity = "analysis failed "

    async def action_quit(self) -> None:
        if isinstance(self.screen_stack[0], ReaderScreen):
            self.screen_stack[0].save_layout()
        await super().action_quit()

    def on_app_focus(self) -> None:
        """Back in this window: show what another instance may have changed meanwhile."""
        if isinstance(self.screen, ReaderScreen):
            self.screen.reload()
        self.analyse_pending()  # articles another process imported

    def action_reload(self) -> None:
        """Read the database again, and analyse what another process imported meanwhile."""
        self.reader.reload()
        self.notify("Reloaded from the database.")
        self.analyse_pending()

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = False) -> None:
        """Every notification, whoever sends it: its text is shown as written (never markup)
        with control characters made visible, since most of them quote names from outside."""
        super().notify(
            safe_str(message, NOTICE_CHARS, one_line=False), title=safe_str(title, NAME_CELLS), severity=severity,
            timeout=timeout, markup=False,
        )

    # -- actions and the command palette ---------------------------------------------------

    def action_help(self) -> None:
        from gegenlesen.tui.screens.help import HelpScreen  # loads when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.codebook))

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_screenshot(self) -> None:
        """Save an SVG picture of the screen in the current folder, and say where.

        (Textual's own delivers it to the Downloads folder, and fails where there is none.)
        Served to browsers, it goes into the export folder, or nowhere."""
        from gegenlesen.tui.limits import OutsideLimits, confined

        try:
            folder = Path.cwd() if self.path_limits is None else confined(self.path_limits.export_dir, ".", "--export-dir")
            path = self.save_screenshot(path=str(folder))
        except OutsideLimits as refused:
            self.notify(f"Screenshot not saved: {refused}", severity="warning", timeout=15)
        except OSError as error:
            self.notify(f"Screenshot not saved: {error}", severity="error", timeout=15, markup=False)
        else:
            self.notify(f"Screenshot saved: {path}", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        reading = isinstance(screen, ReaderScreen)
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # After a refresh: the picture shows the screen, not the closing palette.
                yield SystemCommand(
                    "Screenshot", "Save an SVG picture of this screen in the current folder",
                    lambda: self.call_after_refresh(self.action_screenshot),
                )
            elif not (reading and command.title in ("Quit", "Keys")):  # the catalogue's q and ? do the same
                yield command
        if not reading:
            return
        for digit, claim_type in enumerate(self.codebook.types, 1):
            yield SystemCommand(
                # Title and help are markup to the palette: escaped, they show as written.
                escape(f"Set the claim's type: {safe_str(claim_type.label, 60)} ({digit})"),
                escape(safe_str(claim_type.description, 200)) if claim_type.description else "Claims",
                self._runner(screen, "reader", f"set_type({digit})"),
            )
        for entry in CATALOGUE:
            if entry.action == "app.command_palette" or not entry.in_help or entry.action.startswith("set_type"):
                continue
            if entry.scope not in PALETTE_SCOPES:  # keys of the entities pane or another screen act only there
                continue
            title = f"{entry.description} ({entry.display_keys})"
            # Under the title, the group it belongs to; never the title again ("Claims pane (C)").
            help_text = "" if entry.group.lower() in title.lower() else entry.group
            yield SystemCommand(title, help_text, self._runner(screen, entry.scope, entry.action))

    def _runner(self, screen: ReaderScreen, scope: str, action: str):
        def run() -> None:
            targets = {"article": screen.active_view, "reader": screen, "app": self}
            target = targets.get(scope) or screen.claims_pane
            self.call_later(target.run_action, action.removeprefix("app.") if scope == "app" else action)

        return run


PALETTE_SCOPES = {"reader", "article", "app", "claims", "claims-list"}
"""Where the reader's palette can run a catalogue entry: the screen, its article view, the
app and the claims pane (`_runner` sends each to its target)."""


def create_app(
    db_path: Path | str, model: str | None = None, db: Store | None = None,
    annotator: str = "annotator", codebook: Codebook | None = None, limits: PathLimits | None = None,
    empty: bool = False,
) -> GegenlesenApp:
    """The app on the database at `db_path`.

    Given `db`, the database is used as it is (the command line has prepared it). Else it
    is prepared here as the command line prepares it (`workflow.prepare_database`: opened
    and migrated, the demo corpus imported on a first open unless `empty`, marked for
    reanalysis when the pipeline changed), and `model` is resolved as there too.
    `codebook` is the one the database stores unless another is given (the command line
    stores a --codebook before it starts the app). `limits` keeps the files the app reads
    and writes besides its database inside the folders named there (`gegenlesen serve`)."""
    if db is None:
        from gegenlesen.tui.workflow import prepare_database

        prepared = prepare_database(db_path, empty=empty, model=model)
        db, model = prepared.db, prepared.pipeline
    return GegenlesenApp(Path(db_path), model=model, db=db, annotator=annotator, codebook=codebook, limits=limits)
