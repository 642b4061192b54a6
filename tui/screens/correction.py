"""The entity correction picker: which entity (when there are several), then what it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gegenlesen.tui.safe import safe_str


@dataclass(frozen=True)
class Candidate:
    """A surface form the user may correct, as it stands now."""

    surface: str
    label: str | None
    """What the reader shows it as now; None: not an entity."""
    corrected: bool = False
    """Whether a correction of this form exists already (so it can be dropped)."""


@dataclass(frozen=True)
class Choice:
    """What the user chose: `surface` becomes `label` (None: no entity), or, with
    `forget`, its correction is dropped and the model's analysis shows again."""

    surface: str
    label: str | None
    forget: bool = False


REMOVE, FORGET = "-remove", "-forget"
# (key, option id, what it is); the key picks the option directly.
CHOICES = [
    ("p", "PER", "person"),
    ("o", "ORG", "organisation"),
    ("l", "LOC", "place"),
    ("m", "MISC", "other name (product, event, work)"),
    ("x", REMOVE, "not an entity"),
    ("r", FORGET, "as the model says: drop the correction"),
]


class CorrectionScreen(ModalScreen[Choice | None]):
    """Correct an entity everywhere: pick the form (if several), then its label."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ] + [
        Binding(key, f"pick('{option_id}')", show=False) for key, option_id, _ in CHOICES
    ]

    def __init__(self, candidates: list[Candidate], reach_of: Callable[[str], str], colors: dict[str, str]) -> None:
        super().__init__()
        self.candidates = candidates
        self.reach_of = reach_of
        self.label_colors = colors
        self.candidate: Candidate | None = candidates[0] if len(candidates) == 1 else None

    def compose(self) -> ComposeResult:
        with Vertical(id="correction-box"):
            yield Static(id="correction-title", markup=False)
            yield OptionList(id="correction-options")
            yield Static(id="correction-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#correction-box").border_title = "Correct an entity"
        if self.candidate is None:
            self._show_candidates()
        else:
            self._show_labels()
        self.query_one(OptionList).focus()

    def _show_candidates(self) -> None:
        self.query_one("#correction-title", Static).update(Text("Which one? Every entity in the sentence:"))
        options = self.query_one(OptionList)
        options.clear_options()
        for index, candidate in enumerate(self.candidates):
            options.add_option(Option(self._candidate_row(candidate), id=f"candidate-{index}"))
        options.highlighted = 0
        self.query_one("#correction-help", Static).update("enter picks · escape cancels")

    def _candidate_row(self, candidate: Candidate) -> Text:
        label = candidate.label or "no entity"
        return Text.assemble(
            (safe_str(candidate.surface), "bold"), "  ", (label, self.label_colors.get(candidate.label or "", "dim")),
            (" (corrected)" if candidate.corrected else "", "dim italic"),
        )

    def _show_labels(self) -> None:
        candidate = self.candidate
        now = candidate.label or "no entity"
        self.query_one("#correction-title", Static).update(
            Text.assemble(
                "“", (safe_str(candidate.surface), "bold"), "” is ", (now, self.label_colors.get(candidate.label or "", "")),
                " now.\nA correction applies to every occurrence: ", (self.reach_of(candidate.surface), "bold"), ".",
            )
        )
        options = self.query_one(OptionList)
        options.clear_options()
        for key, option_id, what in CHOICES:
            if option_id == FORGET and not candidate.corrected:
                continue
            current = option_id == candidate.label or (option_id == REMOVE and candidate.label is None)
            name = option_id if not option_id.startswith("-") else ""
            row = Text.assemble(
                (key, "bold"), "  ", (name.ljust(5), self.label_colors.get(option_id, "")), what,
                (" (now)" if current else "", "dim italic"),
            )
            options.add_option(Option(row, id=option_id, disabled=current))
        first_enabled = next(i for i, option in enumerate(options.options) if not option.disabled)
        options.highlighted = first_enabled
        self.query_one("#correction-help", Static).update("a letter or enter picks · u undoes it afterwards · escape cancels")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("candidate-"):
            self.candidate = self.candidates[int(option_id.removeprefix("candidate-"))]
            self._show_labels()
            return
        self.action_pick(option_id)

    def action_pick(self, option_id: str) -> None:
        candidate = self.candidate
        if candidate is None:
            return  # letters pick labels, not which entity
        if option_id == FORGET:
            if candidate.corrected:
                self.dismiss(Choice(candidate.surface, None, forget=True))
            return
        label = None if option_id == REMOVE else option_id
        if label == candidate.label:
            return  # the disabled (current) option
        self.dismiss(Choice(candidate.surface, label))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
