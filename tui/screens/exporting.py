"""The export dialog: a format, a place to write it, and the articles to take."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from gegenlesen.storage.exports.formats import FORMATS
from gegenlesen.tui.actions import bindings, keys_line, keys_text
from gegenlesen.tui.limits import OutsideLimits, PathLimits, confined
from gegenlesen.tui.safe import safe_str, safe_text
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store


def dialog_help(text: str) -> str:
    """A format's description without the command line's "(needs -o FILE)"."""
    return text.replace(" (needs -o FILE)", " (a file)").replace(" (needs -o DIRECTORY)", " (a new folder)")


def default_target(name: str, folder: Path | None = None) -> Path:
    """Where a format goes unless the user says otherwise: its own name in the current directory."""
    return (folder or Path.cwd()) / FORMATS[name].suggested


def refusal(name: str, target: Path) -> str | None:
    """Why a folder format cannot go to `target`, said before writing (it never replaces a full folder)."""
    if FORMATS[name].kind != "directory":
        return None
    if target.is_dir() and any(target.iterdir()):
        return f"Not exported: {target} is not empty; name a new or empty folder"
    if target.exists() and not target.is_dir():
        return f"Not exported: {target} is a file; {name} writes a folder"
    return None


@dataclass
class Answered(Message):
    """The user answered the question whether to replace an existing file."""

    replace: bool


class StatusLine(Static):
    """The dialog's last line: what the export did, or the question whether to replace a file.

    It takes the focus only while it asks, so that y and n are answers and not letters of the path.
    """

    BINDINGS = bindings("export-question")

    def ask(self, question: Text) -> None:
        self.can_focus = True
        self.update(question)
        self.focus()

    def action_answer(self, replace: bool) -> None:
        self.can_focus = False
        self.update("")
        self.post_message(Answered(replace))


@dataclass
class Exported(Message):
    """The export finished: what it wrote, or why it could not."""

    summary: str
    failed: bool = False


@dataclass
class Downloadable(Message):
    """An export made in memory, to be handed to the browser."""

    data: bytes
    filename: str
    count: int
    noun: str


class ExportScreen(ReportsWorkFailures, ModalScreen[None]):
    """Choose a format (enter), check the path, enter again to write it."""

    BINDINGS = bindings("export")

    def __init__(self, db_path: Path, visible_ids: list[int]) -> None:
        super().__init__()
        self.db_path = db_path
        self.visible_ids = visible_ids
        self.only_visible = False
        self.format_name = "jsonl"
        self.asked: Path | None = None
        """The existing file the status line asks about replacing."""

    @property
    def limits(self) -> PathLimits | None:
        """The app's path limits (served to browsers), or None: any path may be written."""
        return getattr(self.app, "path_limits", None)

    def target_of(self, typed: str) -> Path:
        """Where the typed path writes: as typed in a terminal, inside the export folder when served.

        Raises:
            OutsideLimits: served, and the path leads outside the export folder.
        """
        if self.limits is None:
            return Path(typed).expanduser()
        return confined(self.limits.export_dir, typed, "--export-dir")

    def folder_of(self, typed: str) -> Path | None:
        """The folder of the typed path if it may be written to (and exists), else None."""
        try:
            folder = self.target_of(typed).parent
        except OutsideLimits:
            return None
        if self.limits is not None and not folder.is_relative_to(self.limits.export_dir.resolve()):
            return None  # the export folder itself, typed as the target: its parent is outside
        return folder if folder.is_dir() else None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield OptionList(
                *[Option(Text.assemble((name.ljust(12), "bold"), dialog_help(fmt.help)), id=name)
                  for name, fmt in FORMATS.items()],
                id="export-formats",
            )
            folder = None if self.limits is None else self.limits.export_dir
            yield Input(str(default_target(self.format_name, folder)) if folder or self.limits is None else "",
                        id="export-path")
            yield Static(id="export-scope", markup=False)
            yield StatusLine(id="export-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export annotations"
        self._show_scope()
        self.query_one(OptionList).focus()
        if self.limits is not None and self.limits.export_dir is None:
            self.query_one(StatusLine).update(
                Text("Exporting is off: the server was started without --export-dir.", style="bold red"))

    def _show_scope(self) -> None:
        scope = f"the {len(self.visible_ids)} articles in the panes" if self.only_visible else "every article"
        self.query_one("#export-scope", Static).update(
            Text.assemble("Exports ", (scope, "bold"), f" · {keys_line('export')} · enter on a format, then enter in the path writes it")
        )

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.format_name = event.option.id or "jsonl"
        path_field = self.query_one(Input)
        folder = self.folder_of(path_field.value) if path_field.value.strip() else None
        if folder is None and self.limits is not None:
            folder = self.limits.export_dir
        if folder is not None or self.limits is None:
            path_field.value = str(default_target(self.format_name, folder))

    @on(OptionList.OptionSelected, "#export-formats")
    def _format_chosen(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-path")
    def _write(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        status = self.query_one(StatusLine)
        try:
            target = self.target_of(event.value.strip())
        except OutsideLimits as outside:
            status.update(safe_text(f"Not exported: {outside}", style="bold red", one_line=False))
            return
        if (refused := refusal(self.format_name, target)) is not None:
            status.update(safe_text(refused, style="bold red", one_line=False))
        elif FORMATS[self.format_name].kind != "directory" and target.is_file():
            self.asked = target
            status.ask(Text.assemble(
                (safe_str(target), "bold"), " exists. Replace it? ", keys_text("export-question", key_style="bold"),
            ))
        else:
            self._start(target)

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        target, self.asked = self.asked, None
        if message.replace and target is not None:
            self._start(target)
        else:
            self.query_one(Input).focus()

    def _start(self, target: Path) -> None:
        self.query_one(StatusLine).update(Text("Writing …"))
        self._export(self.format_name, target, self.visible_ids if self.only_visible else None)

    def _export(self, name: str, target: Path, ids: list[int] | None) -> None:
        def export(db, cancelled) -> Exported:
            from gegenlesen.storage import articles
            from gegenlesen.storage.exports.common import ExportError
            from gegenlesen.storage.exports.formats import run_export

            try:
                chosen = ids if ids is not None else articles.article_ids(db)
                written = run_export(db, name, target, chosen, stdout=None)
            except (ExportError, OSError) as error:
                return Exported(f"Not exported: {error}", failed=True)
            noun = f"{written.noun}{'s' * (written.count != 1)}"
            notes = "".join(f"\n{note}" for note in written.notes)
            return Exported(f"Exported {written.count} {noun} to {written.target}{notes}")

        run_with_store(self, self.db_path, export, description=f"Exporting {name}", group="export")

    def work_failed(self, group: str, line: str) -> None:
        self.query_one(StatusLine).update(safe_text(line, style="bold red", one_line=False))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.query_one(StatusLine).update(
            safe_text(message.summary, style="bold red" if message.failed else "bold", one_line=False)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """d (download) exists only in a browser: in a terminal, enter writes the file."""
        return action != "download" or self.limits is not None

    def action_download(self) -> None:
        """Served to a browser: the chosen format as a download, written nowhere on the server."""
        if self.focused is self.query_one(Input):
            return
        status = self.query_one(StatusLine)
        if FORMATS[self.format_name].kind != "text":
            status.update(Text(f"{self.format_name} cannot be downloaded; the server's --export-dir can take it.",
                               style="bold red"))
        else:
            status.update(Text("Preparing the download …"))
            self._download(self.format_name, self.visible_ids if self.only_visible else None)

    def _download(self, name: str, ids: list[int] | None) -> None:
        def download(db, cancelled) -> Exported | Downloadable:
            import io

            from gegenlesen.storage import articles
            from gegenlesen.storage.exports.common import ExportError
            from gegenlesen.storage.exports.formats import run_export

            text = io.StringIO(newline="")
            try:
                chosen = ids if ids is not None else articles.article_ids(db)
                written = run_export(db, name, None, chosen, stdout=text)
            except (ExportError, OSError) as error:
                return Exported(f"Not exported: {error}", failed=True)
            fmt = FORMATS[name]
            return Downloadable(text.getvalue().encode(fmt.encoding), fmt.suggested, written.count, written.noun)

        run_with_store(self, self.db_path, download, description=f"Preparing the {name} download", group="export")

    @on(Downloadable)
    def _deliver(self, message: Downloadable) -> None:
        import io

        self.app.deliver_binary(io.BytesIO(message.data), save_filename=message.filename)
        noun = f"{message.noun}{'s' * (message.count != 1)}"
        self.query_one(StatusLine).update(Text(f"Downloading {message.count} {noun} as {message.filename}",
                                               style="bold"))

    def action_toggle_scope(self) -> None:
        if self.focused is self.query_one(Input):
            return
        self.only_visible = not self.only_visible
        self._show_scope()

    def action_move(self, step: int) -> None:
        if self.focused is self.query_one(OptionList):
            options = self.query_one(OptionList)
            options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
