"""The reader's overviews: `M` the entity × article matrix, `T` the timeline of dates."""

from __future__ import annotations

from gegenlesen.storage import articles
from gegenlesen.storage.claims import get_claim
from gegenlesen.tui.document import load_document


class OverviewActions:
    """Mixed into the reader screen, which provides db, label_colors, panes, active_view,
    article_ids, chosen, refresh_lists(), save_layout() and _apply_chosen()."""

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
        pane = self._show_in_focused_pane(choice.article_id)
        if pane is None:
            return
        self.chosen = choice.group
        self._apply_chosen()
        self.refresh_lists()  # which keeps the chosen entity, as the visible articles have it
        starts = [e.start for e in pane.document.entities if e.key in choice.keys]
        if starts:
            pane.view.move_cursor_to_offset(starts[0])
        self.save_layout()
        total = choice.group.per_article.get(choice.article_id, 0)
        self.notify(f"{choice.group.value or choice.group.name}: {total} mention{'s' * (total != 1)} here · n / N to jump")

    def _open_from_timeline(self, choice) -> None:
        """The article into the focused pane, the cursor on the date's sentence (or claim)."""
        if choice is None:
            return
        pane = self._show_in_focused_pane(choice.article_id)
        if pane is None:
            return
        self._apply_chosen()
        self.refresh_lists()
        claim = get_claim(self.db, choice.claim_id) if choice.claim_id is not None else None
        if claim is not None and claim.status == "claim" and claim.article_id == choice.article_id:
            pane.view.show_claim(claim)
        else:
            pane.view.move_cursor_to_offset(choice.offset)
        self.save_layout()

    def _show_in_focused_pane(self, article_id: int):
        """Show an article in the focused pane (and focus it); None if it is gone."""
        self.article_ids = articles.current_ids(self.db)  # the overview may know newer ones
        document = load_document(self.db, article_id)
        if document is None:
            self.notify("That article is no longer in the database.", severity="warning")
            return None
        pane = self.active_view.parent
        pane.show(document)
        pane.view.focus()
        return pane
