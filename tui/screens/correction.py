"""The entity correction picker: which entity (when there are several), then what it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gegenlesen.tui.actions import bindings, entry_for, keys_line
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
CHOICES = [
    ("PER", "person"),
    ("ORG", "organisation"),
    ("LOC", "place"),
    ("MISC", "other name (product, event, work)"),
    (REMOVE, "not an entity"),
    (FORGET, "as the model says: drop the correction"),
]
"""(option id, what it is); the catalogue's key for `pick('<option id>')` picks the option directly."""


def pick_key(option_id: str) -> str:
    """The key that picks this option, as the catalogue binds it."""
    return entry_for("correction", f"pick('{option_id}')").line_keys


class CorrectionScreen(ModalScreen[Choice | None]):
    """Correct an entity everywhere: pick the form (if several), then its label."""

    BINDINGS = bindings("correction")

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
        self.query_one("#correction-help", Static).update(f"enter picks · {keys_line('correction')}")

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
        for option_id, what in CHOICES:
            if option_id == FORGET and not candidate.corrected:
                continue
            current = option_id == candidate.label or (option_id == REMOVE and candidate.label is None)
            name = option_id if not option_id.startswith("-") else ""
            row = Text.assemble(
                (pick_key(option_id), "bold"), "  ", (name.ljust(5), self.label_colors.get(option_id, "")), what,
                (" (now)" if current else "", "dim italic"),
            )
            options.add_option(Option(row, id=option_id, disabled=current))
        first_enabled = next(i for i, option in enumerate(options.options) if not option.disabled)
        options.highlighted = first_enabled
        undo = entry_for("reader", "undo").line_keys
        self.query_one("#correction-help", Static).update(
            f"a letter or enter picks · {undo} undoes it afterwards · {keys_line('correction')}"
        )

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
