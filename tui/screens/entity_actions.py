"""The reader's entity correction: `E` relabels, removes or adds an entity everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gegenlesen.corpus.anchoring import trim_span
from gegenlesen.storage import corrections
from gegenlesen.storage.corrections import CorrectionError
from gegenlesen.storage.errors import StoreError
from gegenlesen.tui.screens.correction import Candidate, Choice
from gegenlesen.tui.widgets.entities_pane import EntitiesPane

if TYPE_CHECKING:
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers


class EntityActions(Reader):
    """Mixed into the reader screen; what it may touch of the screen is `Reader` (reader_api.py)."""

    def action_correct_entity(self) -> None:
        candidates = self._correction_candidates()
        if not candidates:
            self.notify(
                "No entity here. Select the words (v, then w) and press E to add one.", severity="warning"
            )
            return
        from gegenlesen.tui.screens.correction import CorrectionScreen  # loads when first used

        def reach_of(surface: str) -> str:
            return corrections.reach(self.db, surface).describe()

        self.app.push_screen(CorrectionScreen(candidates, reach_of, self.label_colors), self._apply_correction)

    def _correction_candidates(self) -> list[Candidate]:
        """The entity chosen in the entities pane, else the selection, else the cursor
        sentence's entities (the picker asks which, if there are several)."""
        focused = self.focused
        if isinstance(focused, EntitiesPane):
            index = focused.highlighted
            if index is None or not focused.groups or index >= len(focused.groups):
                return []
            group = focused.groups[index]
            return [self._candidate(group.name, group.label)]
        view = self.active_view
        document = view.document
        if document is None:
            return []
        if view.selection is not None:
            text = document.article.text
            start, end = trim_span(text, *view.selection)
            if start >= end:
                return []
            exact = next((e for e in document.entities if (e.start, e.end) == (start, end)), None)
            return [self._candidate(text[start:end], exact.label if exact else None)]
        span = view.cursor_span()
        if span is None:
            return []
        start, end = span
        seen: dict[str, Candidate] = {}
        for entity in document.entities_between(start, end):
            seen.setdefault(entity.text, self._candidate(entity.text, entity.label))
        return list(seen.values())

    def _candidate(self, surface: str, label: str | None) -> Candidate:
        corrected, _ = corrections.label_of(self.db, surface)
        return Candidate(surface, label, corrected)

    def _apply_correction(self, choice: Choice | None) -> None:
        if choice is None:
            return
        try:
            if choice.forget:
                corrections.forget(self.db, choice.surface, self.annotator)
            else:
                corrections.correct(self.db, choice.surface, choice.label, self.annotator)
        except CorrectionError as error:
            self.notify(str(error), severity="warning")
            return
        except StoreError as error:
            self.store_failed(error, f"the correction of “{choice.surface}”")
            return
        reach = corrections.reach(self.db, choice.surface).describe()
        self.active_view.selection = None
        self.reload()
        if choice.forget:
            what = "as the model says again"
        else:
            what = f"→ {choice.label}" if choice.label else "→ no entity"
        self.notify(f"“{choice.surface}” {what} in {reach} · u undoes")
