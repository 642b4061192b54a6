"""The reader's overviews: `M` the entity × article matrix, `T` the timeline of dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gegenlesen.corpus.display import plural
from gegenlesen.storage.claims import get_claim

if TYPE_CHECKING:
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers


class OverviewActions(Reader):
    """Mixed into the reader screen; what it may touch of the screen is `Reader` (reader_api.py)."""

    def action_open_matrix(self) -> None:
        from gegenlesen.tui.screens.matrix import MatrixScreen  # loads when first used

        chosen = self.chosen.key if self.chosen is not None else None
        self.app.push_screen(MatrixScreen(self.db, self.label_colors, chosen), self._open_from_matrix)

    def action_open_timeline(self) -> None:
        from gegenlesen.tui.screens.timeline import TimelineScreen  # loads when first used

        self.app.push_screen(TimelineScreen(self.db, self.label_colors), self._open_from_timeline)

    def _open_from_matrix(self, choice) -> None:
        """The article into the focused pane, the entity chosen, the cursor on its first mention."""
        if choice is None:
            return
        pane = self.open_article(None, choice.article_id)
        if pane is None:
            return
        self.chosen = choice.group  # (the reader keeps it as the visible articles have it)
        starts = [e.start for e in pane.document.entities if e.key in choice.keys]
        if starts:
            pane.view.move_cursor_to_offset(starts[0])
        total = choice.group.per_article.get(choice.article_id, 0)
        self.notify(f"{choice.group.value or choice.group.name}: {plural(total, 'mention')} here · n / N to jump")

    def _open_from_timeline(self, choice) -> None:
        """The article into the focused pane, the cursor on the date's sentence (or claim)."""
        if choice is None:
            return
        pane = self.open_article(None, choice.article_id)
        if pane is None:
            return
        claim = get_claim(self.db, choice.claim_id) if choice.claim_id is not None else None
        if claim is not None and claim.status == "claim" and claim.article_id == choice.article_id:
            self.show_claim(pane, claim)
        else:
            pane.view.move_cursor_to_offset(choice.offset)
