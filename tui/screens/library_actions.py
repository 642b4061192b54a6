"""The reader's ways in and out: the library (`L`), importing (`I`) and exporting (ctrl+e)."""

from __future__ import annotations

from gegenlesen.storage import articles
from gegenlesen.tui.document import load_document
from gegenlesen.tui.widgets.entities_pane import EntitiesPane


class LibraryActions:
    """Mixed into the reader screen, which provides db, panes, the refreshes and save_layout."""

    def action_export(self) -> None:
        from gegenlesen.tui.screens.exporting import ExportScreen  # loads when first used

        self.app.push_screen(ExportScreen(self.app.db_path, self.visible_ids()))

    def action_import(self) -> None:
        from gegenlesen.tui.screens.importing import ImportScreen  # loads when first used

        self.app.push_screen(ImportScreen(self.app.db_path), self._after_import)

    def _after_import(self, added: int | None) -> None:
        if not added:
            return
        self.reload()
        self.notify(f"{added} article{'s' * (added != 1)} added: L lists them; analysis runs in the background.")
        self.app.analyse_pending()

    def action_open_library(self) -> None:
        """The library; from the entities pane, filtered to the highlighted entity."""
        from gegenlesen.tui.screens.library import LibraryScreen  # loads when first used

        query = ""
        entities = self.query(EntitiesPane)
        if entities and self.focused is entities.first():
            pane = entities.first()
            if pane.groups and pane.highlighted is not None and not pane.groups[pane.highlighted].value:
                query = f'@"{pane.groups[pane.highlighted].name}"'
        self.app.push_screen(LibraryScreen(self.db, query), self._open_from_library)

    def _open_from_library(self, opened) -> None:
        if opened is None:
            return
        self.article_ids = articles.current_ids(self.db)  # the library may know newer ones
        panes = self.panes
        if opened.pane is None:
            pane = self.active_view.parent
        elif opened.pane <= len(panes):
            pane = panes[opened.pane - 1]
        else:
            self.notify(f"There {'is' if len(panes) == 1 else 'are'} {len(panes)} pane{'s' * (len(panes) != 1)}: "
                        f"+ adds one.", severity="warning")
            return
        pane.show(load_document(self.db, opened.article_id))
        pane.view.focus()
        self._apply_chosen()
        self.refresh_lists()
        self.save_layout()
