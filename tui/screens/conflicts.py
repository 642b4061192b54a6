"""Where the articles disagree, and which figures they share: confirm, dismiss, link, open."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gegenlesen.corpus.crossref import Passage
from gegenlesen.storage import crossread, history
from gegenlesen.storage.claims import ClaimError
from gegenlesen.storage.errors import StoreError
from gegenlesen.corpus.crossref.flags import FlaggedConflict
from gegenlesen.corpus.crossref.recurring import Recurring
from gegenlesen.storage.links import LinkError, decide_conflict
from gegenlesen.tui.actions import bindings, entry_for, keys_line
from gegenlesen.tui.screens.linking import short
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

DECISION_MARKS = {None: ("?", "bold red"), "confirmed": ("✓ contradicts", "bold"), "dismissed": ("✗ dismissed", "dim"),
                  "linked": ("⇄ linked as {relation}", "dim")}
"""How each decision reads in the list; a pair of claims the user linked with `l` is decided too."""


@dataclass(frozen=True)
class OpenSideBySide:
    """Show these passages next to each other, one per pane."""

    passages: tuple[Passage, ...]


@dataclass
class FoundConflicts(Message):
    flagged: list[FlaggedConflict]
    recurring: list[Recurring]


class ConflictsScreen(ReportsWorkFailures, ModalScreen[OpenSideBySide | None]):
    """Possible contradictions in the corpus and the figures several articles give."""

    BINDINGS = bindings("conflicts")

    def __init__(self, db, annotator: str, titles: dict[int, str]) -> None:
        super().__init__()
        self.db = db
        self.db_path = db.path
        self.annotator = annotator
        self.titles = titles
        self.flagged: list[FlaggedConflict] = []
        self.recurring: list[Recurring] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="conflicts-box"):
            yield OptionList(id="conflicts-options")
            link_key = entry_for("reader", "link_claim").line_keys
            yield Static(
                f"{keys_line('conflicts')} · claims you linked with {link_key} count as decided",
                id="conflicts-help", markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#conflicts-box").border_title = "Conflicts and shared figures"
        options = self.query_one(OptionList)
        options.add_option(Option(Text("Comparing every article with the others …", style="dim italic"), disabled=True))
        options.focus()
        self._find()

    def _find(self) -> None:
        run_with_store(self, self.db.path, self._conflicts, description="Finding conflicts", group="conflicts")

    def _conflicts(self, db, cancelled) -> FoundConflicts | None:
        """In the worker: the corpus's possible contradictions and recurring figures
        (escape or q cancels the screen's workers, and with them the reading)."""
        from gegenlesen.storage.crossindex import BuildCancelled

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            corpus = crossread.load_corpus(db, progress=progress, cancelled=cancelled)
            flagged = crossread.corpus_conflicts(db, corpus, cancelled=cancelled)
        except BuildCancelled:
            return None
        return FoundConflicts(flagged, crossread.recurring_figures(corpus))

    def work_failed(self, group: str, line: str) -> None:
        if self.flagged or self.recurring:
            self.query_one("#conflicts-box").border_subtitle = "could not be read again"
            return
        self.query_one("#conflicts-box").border_subtitle = ""
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Text("The articles could not be compared.", style="dim italic"), disabled=True))

    def _progress(self, done: int, total: int) -> None:
        if self.is_attached:
            self.query_one("#conflicts-box").border_subtitle = f"reading the articles … {done} of {total}"

    @on(FoundConflicts)
    def _found(self, message: FoundConflicts) -> None:
        self.query_one("#conflicts-box").border_subtitle = ""
        options = self.query_one(OptionList)
        keep = options.options[options.highlighted].id if options.highlighted is not None else None
        self.flagged, self.recurring = message.flagged, message.recurring
        self._fill(keep)

    def _where(self, article_id: int) -> str:
        title = short(self.titles.get(article_id, ""), 40)
        return f"article {article_id}" + (f" · {title}" if title else "")

    def _fill(self, keep: str | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        open_count = sum(1 for f in self.flagged if f.decision is None)
        options.add_option(Option(Text(f"Possible contradictions ({open_count} open of {len(self.flagged)})",
                                       style="bold underline"), disabled=True))
        if not self.flagged:
            options.add_option(Option(Text("  none found", style="dim italic"), disabled=True))
        for index, flagged in enumerate(self.flagged):
            conflict = flagged.conflict
            mark, style = DECISION_MARKS[flagged.decision]
            prompt = Text.assemble((f"{mark.format(relation=flagged.relation)} ", style), (conflict.describe(), "bold"))
            for side in (conflict.a, conflict.b):
                prompt.append(f"\n  {self._where(side.article_id)}: ", style="dim")
                prompt.append(f"“{short(side.text, 150)}”")
            options.add_option(Option(prompt, id=f"conflict-{index}"))
        options.add_option(Option(Text(f"Figures several articles give ({len(self.recurring)})", style="bold underline"),
                                  disabled=True))
        if not self.recurring:
            options.add_option(Option(Text("  none found", style="dim italic"), disabled=True))
        for index, recurring in enumerate(self.recurring):
            prompt = Text.assemble((f"{recurring.value} ", "bold"), (f"{recurring.label}, in {len(recurring.passages)} articles", "dim"))
            for passage in recurring.passages:
                prompt.append(f"\n  {self._where(passage.article_id)}: ", style="dim")
                prompt.append(f"“{short(passage.text, 150)}”")
            options.add_option(Option(prompt, id=f"recurring-{index}"))
        ids = [option.id for option in options.options]
        enabled = [i for i, option in enumerate(options.options) if not option.disabled]
        if keep is not None and keep in ids:
            options.highlighted = ids.index(keep)
        elif enabled:
            options.highlighted = enabled[0]

    # -- what the highlighted row is -------------------------------------------------------

    def _highlighted(self) -> tuple[str, int] | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.options[options.highlighted].id or ""
        kind, _, index = option_id.partition("-")
        return (kind, int(index)) if index.isdigit() else None

    def _act(self, action, done: str, what: str) -> None:
        try:
            action()
        except (LinkError, ClaimError) as error:
            self.notify(str(error), severity="warning")
            return
        except StoreError as error:
            self.app.reader.store_failed(error, what)
            return
        self.notify(done)
        self._find()

    def action_confirm(self) -> None:
        chosen = self._highlighted()
        if not chosen or chosen[0] != "conflict":
            self.notify("c confirms a possible contradiction: highlight one first.", severity="warning")
            return
        flagged = self.flagged[chosen[1]]
        self._act(lambda: crossread.confirm_conflict(self.db, flagged, self.annotator),
                  f"Confirmed: {flagged.conflict.describe()} · both passages are claims, linked as contradicting",
                  f"confirming the contradiction {flagged.conflict.describe()}")

    def action_dismiss_conflict(self) -> None:
        chosen = self._highlighted()
        if not chosen or chosen[0] != "conflict":
            self.notify("d dismisses a possible contradiction: highlight one first.", severity="warning")
            return
        flagged = self.flagged[chosen[1]]
        self._act(lambda: decide_conflict(self.db, flagged.key, "dismissed", self.annotator),
                  "Dismissed · u undoes", f"dismissing the contradiction {flagged.conflict.describe()}")

    def action_link_same(self) -> None:
        chosen = self._highlighted()
        if not chosen or chosen[0] != "recurring":
            self.notify("s links a figure several articles give: highlight one under Figures.", severity="warning")
            return
        recurring = self.recurring[chosen[1]]
        self._act(lambda: crossread.link_recurring(self.db, recurring, self.annotator),
                  f"{recurring.value}: the sentences of {len(recurring.passages)} articles are claims, linked as the same",
                  f"linking {recurring.value} across {len(recurring.passages)} articles")

    def action_open(self) -> None:
        chosen = self._highlighted()
        if not chosen:
            return
        kind, index = chosen
        if kind == "conflict":
            conflict = self.flagged[index].conflict
            self.dismiss(OpenSideBySide((conflict.a, conflict.b)))
        else:
            self.dismiss(OpenSideBySide(self.recurring[index].passages[:4]))

    def action_undo(self) -> None:
        try:
            step = history.undo(self.db, self.annotator)
        except StoreError as error:
            self.app.reader.store_failed(error, "undo")
            return
        self.notify(step.describe() if step else "Nothing to undo.", severity="warning" if step and step.refused else "information")
        if step:
            self._find()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_close(self) -> None:
        self.dismiss(None)
