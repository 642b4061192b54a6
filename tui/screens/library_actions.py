"""The reader's ways in and out: the library (`L`), importing (`I`) and exporting (ctrl+e)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gegenlesen.corpus.display import plural
from gegenlesen.tui.widgets.entities_pane import EntitiesPane

if TYPE_CHECKING:
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers


class LibraryActions(Reader):
    """Mixed into the reader screen; what it may touch of the screen is `Reader` (reader_api.py)."""

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
        self.notify(f"{plural(added, 'article')} added: L lists them; analysis runs in the background.")
        self.app.analyse_pending()

    def action_open_library(self) -> None:
        """The library; from the entities pane, filtered to the highlighted entity."""
        from gegenlesen.tui.screens.library import LibraryScreen  # loads when first used

        query = ""
        if isinstance(self.focused, EntitiesPane):
            pane = self.focused
            if pane.groups and pane.highlighted is not None and not pane.groups[pane.highlighted].value:
                query = f'@"{pane.groups[pane.highlighted].name}"'
        self.app.push_screen(LibraryScreen(self.db, query), self._open_from_library)

    def _open_from_library(self, opened) -> None:
        if opened is None:
            return
        panes = self.panes
        if opened.pane is not None and opened.pane > len(panes):
            self.notify(f"There {'is' if len(panes) == 1 else 'are'} {plural(len(panes), 'pane')}: "
                        f"+ adds one.", severity="warning")
            return
        self.open_article(panes[opened.pane - 1] if opened.pane is not None else None, opened.article_id)
