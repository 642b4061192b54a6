"""The import dialog: paths in, a progress bar while files are read, a report at the end."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from gegenlesen.tui.actions import bindings
from gegenlesen.tui.limits import OutsideLimits, PathLimits, importable
from gegenlesen.tui.safe import safe_str, safe_text
from gegenlesen.tui.workers import ReportsWorkFailures


@dataclass
class ImportProgress(Message):
    """One more file is read and stored (or refused)."""

    done: int
    total: int
    source: str


@dataclass
class ImportDone(Message):
    """The import finished (or was stopped): what it did, in words for the user."""

    summary: str
    added: int
    failed: bool = False


def split_words(typed: str) -> list[str]:
    """Paths as typed: separated by spaces, quoted where they hold spaces."""
    try:
        words = shlex.split(typed)
    except ValueError:  # an unclosed quote: take the text as one path
        words = [typed.strip().strip("'\"")]
    return [word for word in words if word]


def split_paths(typed: str) -> list[Path]:
    """Paths as typed: separated by spaces, quoted where they hold spaces, ~ expanded."""
    return [Path(word).expanduser() for word in split_words(typed)]


class ImportScreen(ReportsWorkFailures, ModalScreen[int]):
    """Import files or folders; returns how many articles were added."""

    BINDINGS = bindings("import")

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.added = 0
        self.running = False

    @property
    def limits(self) -> PathLimits | None:
        """The app's path limits (served to browsers), or None: any path may be imported."""
        return getattr(self.app, "path_limits", None)

    def compose(self) -> ComposeResult:
        limits = self.limits
        where = "" if limits is None else f" Paths are inside {limits.import_dir}." if limits.import_dir else ""
        with Vertical(id="import-box"):
            yield Static(
                "Files or folders to import (.txt .md .html .jsonl; folders recursively). "
                f"Quote paths with spaces.{where}", id="import-intro", markup=False,
            )
            yield Input(placeholder="~/Artikel  'Neuer Ordner/text.html'", id="import-paths")
            yield ProgressBar(id="import-progress", show_eta=True)
            yield Static(id="import-status", markup=False)
            yield Static("enter imports · escape closes (and stops an import)", id="import-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#import-box").border_title = "Import articles"
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()
        if self.limits is not None and self.limits.import_dir is None:
            self.query_one("#import-status", Static).update(
                Text("Importing is off: the server was started without --import-dir.", style="bold red"))

    @on(Input.Submitted, "#import-paths")
    def _start(self, event: Input.Submitted) -> None:
        if self.running:
            return
        paths = split_paths(event.value) if self.limits is None else split_words(event.value)
        if not paths:
            self.query_one("#import-status", Static).update(Text("Type a path first.", style="bold"))
            return
        if self.limits is not None:
            try:
                paths = importable(self.limits.import_dir, paths)
            except OutsideLimits as refused:
                self.query_one("#import-status", Static).update(
                    safe_text(f"Not imported: {refused}", style="bold red", one_line=False))
                return
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#import-status", Static).update(Text("Looking for files …"))
        self._import(paths)

    def _import(self, paths: list[Path]) -> None:
        from gegenlesen.tui.workers import run_with_store

        run_with_store(self, self.db_path, lambda db, cancelled: self._import_into(db, paths, cancelled),
                       description="Importing", group="import")

    def _import_into(self, db, paths: list[Path], cancelled) -> ImportDone:
        from gegenlesen.storage.errors import StoreError
        from gegenlesen.tui.workflow import import_then_analyse

        try:
            # No analyser: the app analyses the new articles in its background worker, which
            # goes on after this dialog closes.
            report = import_then_analyse(
                db, paths, None,
                progress=lambda done, total, source: self.post_message(ImportProgress(done, total, source)),
                should_stop=cancelled,
            ).report
        except StoreError as error:
            return ImportDone(f"The import stopped: {error}", 0, failed=True)
        return ImportDone(report.describe(), report.added, failed=bool(report.refused))

    def work_failed(self, group: str, line: str) -> None:
        self.running = False
        self.query_one("#import-status", Static).update(safe_text(line, style="bold red", one_line=False))

    @on(ImportProgress)
    def _progress(self, message: ImportProgress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        where = safe_str(message.source)[-60:]
        self.query_one("#import-status", Static).update(Text(f"{message.done} of {message.total} · {where}"))

    @on(ImportDone)
    def _done(self, message: ImportDone) -> None:
        self.running = False
        self.added += message.added
        style = "bold red" if message.failed else "bold"
        self.query_one("#import-status", Static).update(safe_text(message.summary, style=style, one_line=False))
        self.query_one(Input).value = ""

    def action_close(self) -> None:
        if self.running:
            self.workers.cancel_group(self, "import")
            self.running = False
            self.notify("Import stopped: what was stored stays; import again to continue.", severity="warning")
        self.dismiss(self.added)
