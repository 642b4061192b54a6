"""The reading room: article panes side by side, claims and entities beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.reactive import var
from textual.screen import Screen
from textual.content import Content
from textual.widgets import Footer, Label

from gegenlesen.corpus.codebook import Codebook
from gegenlesen.corpus.display import plural
from gegenlesen.corpus.entities import EntityGroup, group_mentions
from gegenlesen.storage import articles
from gegenlesen.storage.claims_view import claims_of_articles
from gegenlesen.storage.errors import StoreError, StoreLost
from gegenlesen.storage.layout import PaneState, load_layout, save_layout
from gegenlesen.tui.actions import bindings
from gegenlesen.storage.claims import Claim, ClaimError
from gegenlesen.storage.links import LinkError
from gegenlesen.tui.claim_list import ClaimsInView, claim_at_cursor
from gegenlesen.tui.document import ArticleDocument, load_document
from gegenlesen.tui.messages import ArticleOpened
from gegenlesen.tui.widgets.article_pane import ArticlePane
from gegenlesen.tui.widgets.article_view import ArticleView
from gegenlesen.tui.screens.claim_actions import ClaimActions
from gegenlesen.tui.screens.entity_actions import EntityActions
from gegenlesen.tui.screens.learn_actions import LEARN_GROUP, LearnActions
from gegenlesen.tui.screens.library_actions import LibraryActions
from gegenlesen.tui.screens.link_actions import LinkActions
from gegenlesen.tui.screens.overview_actions import OverviewActions
from gegenlesen.tui.screens.reader_api import Opening
from gegenlesen.tui.widgets.claims_pane import ClaimsPane
from gegenlesen.tui.widgets.entities_pane import EntitiesPane
from gegenlesen.tui.widgets.legend import Legend
from gegenlesen.tui.widgets.not_stored import NotStored
from gegenlesen.tui.labels import LABEL_ORDER
from gegenlesen.tui.safe import NAME_CELLS, safe_content, safe_str
from gegenlesen.tui.workers import ReportsWorkFailures

T = TypeVar("T")

MAX_PANES = 4
FILE_CHECK_SECONDS = 2.0
"""How often the reader looks whether its database file is still there (one `stat`)."""
NARROW = 100
TINY = 60


def default_pane_count(width: int, articles_available: int) -> int:
    wanted = 3 if width >= 120 else 2 if width >= TINY else 1
    return max(1, min(wanted, articles_available))


class ReaderScreen(ReportsWorkFailures, OverviewActions, LibraryActions, ClaimActions, EntityActions, LearnActions,
                   LinkActions, Screen):
    """Reads several articles side by side; tags claims in them. The failure of a worker
    run on it (suggesting claims, learning) is told in one line naming the work."""

    BINDINGS = bindings("reader")

    sync_scroll: var[bool] = var(False)
    """Whether scrolling one pane scrolls the others to the same relative place."""
    chosen: var[EntityGroup | None] = var(None)
    """The entity whose occurrences are emphasised, chosen in the entities pane."""
    activity: var[str] = var("")
    """What runs in the background (analysis), shown on the status line."""
    lost: var[str] = var("")
    """Why the database can no longer be written (deleted, replaced, failing); empty while it can."""
    chosen_keys: var[frozenset[str]] = var(frozenset())
    """The chosen entity's keys, bound into every pane (its occurrences are drawn emphasised)."""
    documents: var[tuple[ArticleDocument | None, ...]] = var(tuple, always_update=True)
    """What the panes show, in pane order; set after every change of a pane's article."""
    claims_in_view: var[ClaimsInView] = var(ClaimsInView, always_update=True)
    """The claims of the articles in `documents`, bound into the panes and the claims pane;
    set only by `claims_changed`."""
    current_claims: var[tuple[int | None, ...]] = var(tuple)
    """The claim each pane's claim keys act on (drawn emphasised there), in pane order, bound
    into the panes: it follows the cursors and the claims, and is set when a claim is tagged
    or shown (`set_current_claim`)."""
    saved_layout: var[tuple[PaneState, ...]] = var(tuple, always_update=True, init=False)
    """The panes and cursors as last stored for the next start."""

    def __init__(self, db, colors: dict[str, str], annotator: str, codebook: Codebook, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.db_path = db.path
        self.label_colors = colors
        self.annotator = annotator
        self.codebook = codebook
        self.article_ids: list[int] = []
        self.active_pane: ArticlePane | None = None
        self.not_stored: list[str] = []
        """The actions the screen could not store since the database was lost, oldest first."""

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.article_ids = articles.current_ids(self.db)
        count = default_pane_count(self.app.size.width, len(self.article_ids))
        saved = [
            PaneState(articles.newest_version(self.db, pane.article_id), pane.cursor)
            for pane in load_layout(self.db, self.annotator)
        ]
        saved = [pane for pane in saved if pane.article_id in self.article_ids]
        if saved:  # as this annotator left it (a narrow terminal shows fewer panes)
            panes = saved[: count if self.app.size.width < NARROW else MAX_PANES]
        else:
            panes = [PaneState(article_id) for article_id in self.article_ids[:count]]
        yield NotStored(id="not-stored")
        with Horizontal(id="statusbar"):
            yield Label(id="status")
            yield Label(id="activity")
        with Horizontal(id="main"):
            with Horizontal(id="panes"):
                for number, pane in enumerate(panes, 1):
                    document = load_document(self.db, pane.article_id)
                    yield self._bound(ArticlePane(number, document, self.label_colors, pane.cursor))
                if not panes:
                    yield self._bound(ArticlePane(1, None, self.label_colors))
            yield Vertical(id="side")  # its panes are mounted right after the first frame
        yield Legend(id="legend")
        yield Footer()

    @staticmethod
    def _bound(pane: ArticlePane) -> ArticlePane:
        """A pane that follows the chosen entity and the claims in view. `data_bind` binds to
        the active message pump: call it in compose, or through `call_later` (an action runs
        with the app as the active pump)."""
        return pane.data_bind(ReaderScreen.chosen_keys, ReaderScreen.claims_in_view, ReaderScreen.current_claims)

    def pane_layout(self) -> tuple[PaneState, ...]:
        """The panes' articles and cursors as they are now."""
        return tuple(PaneState(pane.document.article.id, pane.view.cursor) for pane in self.panes if pane.document)

    def save_layout(self) -> None:
        """Remember the panes and cursors, so the next start opens where this one left off
        (the app calls it on quitting)."""
        self.saved_layout = self.pane_layout()

    def watch_saved_layout(self, layout: tuple[PaneState, ...]) -> None:
        if self.lost:
            return
        try:
            save_layout(self.db, self.annotator, list(layout))
        except StoreError as error:  # a layout is a convenience: say so, never stop over it
            self.store_failed(error, "where the panes and cursors were")

    def on_mount(self) -> None:
        self._apply_size_classes(self.app.size.width)
        self.panes[0].view.focus()
        self.set_interval(FILE_CHECK_SECONDS, self._check_file)
        self._panes_changed()  # (the side panes are not there yet: this sets the status line)
        # The articles come first; the side panes are built right after the first frame.
        self.call_after_refresh(self._build_side_panes)

    async def _build_side_panes(self) -> None:
        if self.query(EntitiesPane) or not self.is_attached:
            return  # a key asked for them first, or the app is closing
        claims = ClaimsPane(self.annotator, self.codebook, id="claims")
        await self.query_one("#side").mount(claims, EntitiesPane(id="entities"))
        self.call_later(claims.data_bind, ReaderScreen.claims_in_view)
        self._panes_changed()

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query(ArticlePane))

    @property
    def active_view(self) -> ArticleView:
        pane = self.active_pane if self.active_pane in self.panes else self.panes[0]
        return pane.view

    @property
    def claims_pane(self) -> ClaimsPane | None:
        """The claims pane, once the side panes are built."""
        found = self.query(ClaimsPane)
        return found.first() if found else None

    def visible_ids(self) -> list[int]:
        return [pane.document.article.id for pane in self.panes if pane.document]

    def pane_numbers(self) -> dict[int, int]:
        """Article id -> the number of the first pane that shows it."""
        numbers: dict[int, int] = {}
        for number, article_id in enumerate(self.visible_ids(), 1):
            numbers.setdefault(article_id, number)
        return numbers

    # -- the state and what follows it ------------------------------------------------------

    def open_article(
        self, pane: ArticlePane | None, article_id: int, cursor: int | None = None, *, offset: int | None = None,
        focus: bool = True,
    ) -> ArticlePane | None:
        """Show an article in a pane: the one way every feature opens one.

        Args:
            pane: The pane to show it in; None for the focused one.
            article_id: The article; if it is no longer in the database, the pane is left
                as it was and the user is told.
            cursor: The sentence the cursor goes to (the first if neither this nor
                `offset` is given).
            offset: A character offset: the cursor goes to the sentence holding it.
            focus: Whether the pane takes the focus.

        Returns:
            The pane, or None if the article is gone. The entities, claims and status line
            follow; the layout is stored once the caller is done (on `ArticleOpened`).
        """
        opened = self.open_articles([(pane, article_id, cursor, offset)])
        if not opened:
            return None
        if focus:
            opened[0].view.focus()
        return opened[0]

    def open_articles(self, openings: list[Opening]) -> list[ArticlePane]:
        """Several `open_article`s (pane, article id, cursor, offset) followed by one update
        of what depends on the panes."""
        self.article_ids = articles.current_ids(self.db)  # the caller may know newer ones
        opened = []
        for pane, article_id, cursor, offset in openings:
            document = load_document(self.db, article_id)
            if document is None:
                self.notify("That article is no longer in the database.", severity="warning")
                continue
            pane = pane or self.active_view.parent
            if offset is not None:
                cursor = document.sentence_at(offset)
            pane.show(document, cursor or 0)
            opened.append(pane)
            self.post_message(ArticleOpened(pane.number, article_id))
        if opened:
            self._panes_changed()
        return opened

    def _panes_changed(self) -> None:
        self.documents = tuple(pane.document for pane in self.panes)

    def watch_documents(self) -> None:
        self.refresh_lists()

    @on(ArticleOpened)
    def _article_opened(self) -> None:
        self.saved_layout = self.pane_layout()  # after the feature that opened it has put the cursor where it goes

    def refresh_lists(self) -> None:
        """Bring the entities pane, the legend and the claims up to the panes' articles."""
        if not self.query(EntitiesPane):
            self.refresh_status()
            return  # not built yet: _build_side_panes fills them
        ids = self.visible_ids()
        documents = {document.article.id: document for document in self.documents if document}
        mentions = [(e.article_id, e.key, e.label, e.text) for document in documents.values() for e in document.entities]
        self.query_one(EntitiesPane).show_groups(group_mentions(mentions), ids, self.label_colors)
        self.chosen = self._as_visible(self.chosen)
        present = {label for _, _, label, _ in mentions}
        self.query_one(Legend).show_labels(self.label_colors, [label for label in LABEL_ORDER if label in present] or None)
        self.claims_changed()

    def claims_changed(self, keep: int | None = None) -> None:
        """The claims of the articles in view changed (or may have): read them again, in one
        query; the panes, the claims pane (`keep` highlighted) and the status line follow."""
        if not self.query(ClaimsPane):
            return
        ids = self.visible_ids()
        stored = claims_of_articles(self.db, ids)
        self.claims_in_view = ClaimsInView(
            stored.claims, stored.candidates, stored.link_counts, self.pane_numbers(), keep
        )

    def watch_claims_in_view(self) -> None:
        self.refresh_status()
        # Each pane keeps its current claim while it is still at the cursor.
        kept = self.current_claims
        self.current_claims = tuple(
            claim_at_cursor(self._claims_at_cursor(pane), kept[index] if index < len(kept) else None)
            for index, pane in enumerate(self.panes)
        )

    def _claims_at_cursor(self, pane: ArticlePane) -> list[Claim]:
        """The claims in view on the pane's cursor sentence, in text order."""
        span = pane.view.cursor_span()
        if pane.document is None or span is None:
            return []
        start, end = span
        return [claim for claim in self.claims_in_view.of_article(pane.document.article.id)
                if claim.end > start and claim.start < end]

    def current_claim_of(self, pane: ArticlePane) -> int | None:
        """The id of the claim the pane's claim keys act on, if any."""
        panes = self.panes
        index = panes.index(pane) if pane in panes else len(self.current_claims)
        return self.current_claims[index] if index < len(self.current_claims) else None

    def set_current_claim(self, pane: ArticlePane, claim_id: int | None) -> None:
        """Make a claim the one the pane's claim keys act on (drawn emphasised there)."""
        panes = self.panes
        if pane not in panes:
            return
        claims = list(self.current_claims) + [None] * (len(panes) - len(self.current_claims))
        claims[panes.index(pane)] = claim_id
        self.current_claims = tuple(claims)

    def show_claim(self, pane: ArticlePane, claim: Claim) -> None:
        """Put the pane's cursor on a claim and make it the pane's current claim."""
        pane.view.show_claim(claim)
        self.set_current_claim(pane, claim.id)

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        """The pane's current claim follows its cursor (this annotator's own claim there
        first), and the claims pane highlights it."""
        pane = event.view.parent
        if pane not in self.panes:
            return
        chosen = self.claim_at_cursor_of(pane)
        if chosen is not None and self.claims_pane is not None:
            self.claims_pane.highlight(chosen)

    def claim_at_cursor_of(self, pane: ArticlePane) -> int | None:
        """The pane's current claim for where its cursor is now (this annotator's own claim
        there first), made so at once: the cursor's message may still be on its way when
        the next key, typed right after the move, asks which claim it acts on."""
        chosen = claim_at_cursor(self._claims_at_cursor(pane), self.current_claim_of(pane), self.annotator)
        if chosen != self.current_claim_of(pane):
            self.set_current_claim(pane, chosen)
        return chosen

    @property
    def claim_count(self) -> int:
        """How many claims the visible articles have."""
        return len(self.claims_in_view.claims)

    def refresh_status(self) -> None:
        panes = len(self.panes)
        together = " · scroll together" if self.sync_scroll else ""
        self.query_one("#status", Label).update(Content(
            f" gegenlesen — {len(self.article_ids)} articles · {plural(panes, 'pane')}"
            f" · {plural(self.claim_count, 'claim')} in view · {safe_str(self.annotator, NAME_CELLS)}{together}"
        ))

    def watch_activity(self, activity: str) -> None:
        self.query_one("#activity", Label).update(safe_content(activity))

    def watch_sync_scroll(self) -> None:
        if self.is_mounted:
            self.refresh_status()

    def reload(self) -> None:
        """Re-read articles and analysis, keeping each pane's article and cursor."""
        self.article_ids = articles.current_ids(self.db)
        for pane in self.panes:
            article_id = pane.document.article.id if pane.document else (self.article_ids[0] if self.article_ids else None)
            if article_id is not None and article_id not in self.article_ids:
                newer = articles.newest_version(self.db, article_id)
                if newer != article_id and newer in self.article_ids:
                    self.notify(f"Article {article_id} has a newer version: pane {pane.number} shows it (#{newer}).")
                article_id = newer if newer in self.article_ids else (self.article_ids[0] if self.article_ids else None)
            document = load_document(self.db, article_id) if article_id is not None else None
            if document != pane.document:  # new text or analysis; otherwise keep scroll and selection
                pane.show(document, pane.view.cursor)
        self._panes_changed()

    # -- when the database fails ------------------------------------------------------------

    def commit(self, action: Callable[[], T], what: str) -> T | None:
        """Run one store action; say why, and change nothing on screen, when it fails: a
        refused claim or link in a warning, a store that failed as `store_failed` says.
        `what` names the action for the user, should it not be stored; None when it was not."""
        try:
            return action()
        except (ClaimError, LinkError) as error:
            self.notify(str(error), severity="warning")
        except StoreError as error:
            self.store_failed(error, what)
        return None

    def store_failed(self, error: StoreError, what: str) -> None:
        """An action was not stored: a busy or damaged database says so once; a lost one stays
        in view at the top with every action it could not take since."""
        if isinstance(error, StoreLost) or self.lost:
            self.not_stored.append(what)
            if self.lost:
                self.query_one(NotStored).show_lost(self.lost, self.not_stored)  # the list grew
            else:
                self.lost = str(error)  # watch_lost shows it, with this action
            self.notify(f"Not stored: {what}.", severity="error", timeout=10)
        else:
            self.notify(f"Not stored: {what}. {error}", severity="error", timeout=15)

    def work_failed(self, group: str, line: str) -> None:
        if group == LEARN_GROUP:
            self.activity = ""  # the line said why; the status line stops saying it runs

    def _check_file(self) -> None:
        if self.lost:
            return
        try:
            self.db.check_file()
        except StoreLost as error:
            self.lost = str(error)

    def watch_lost(self, lost: str) -> None:
        if lost:
            self.query_one(NotStored).show_lost(lost, self.not_stored)

    # -- layout ----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._apply_size_classes(event.size.width)

    def _apply_size_classes(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        if width >= NARROW:
            self.remove_class("-side-open")
        tiny = width < TINY
        self.set_class(tiny, "tiny")
        # Too narrow for panes side by side: only the active pane is shown.
        active = self.active_pane if self.active_pane in self.panes else (self.panes[0] if self.panes else None)
        for pane in self.panes:
            pane.display = not tiny or pane is active

    @on(DescendantFocus)
    def _track_active_pane(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, ArticleView) and isinstance(event.widget.parent, ArticlePane):
            self.active_pane = event.widget.parent
            self.remove_class("-side-open")
            if self.has_class("tiny"):
                self._apply_size_classes(self.size.width)

    # -- actions ---------------------------------------------------------------------------

    def action_article(self, step: int) -> None:
        if not self.article_ids:
            self.notify("There are no articles in this database.", severity="warning")
            return
        pane = self.active_view.parent
        current = pane.document.article.id if pane.document else self.article_ids[0]
        index = self.article_ids.index(current) if current in self.article_ids else 0
        elsewhere = {p.document.article.id for p in self.panes if p is not pane and p.document}
        # The next article not already in another pane (any article, if all are).
        order = [self.article_ids[(index + step * k) % len(self.article_ids)] for k in range(1, len(self.article_ids) + 1)]
        target = next((article_id for article_id in order if article_id not in elsewhere), order[0])
        self.open_article(pane, target, focus=False)

    def action_add_pane(self) -> None:
        panes = self.panes
        if len(panes) >= MAX_PANES:
            self.notify(f"At most {MAX_PANES} panes side by side.", severity="warning")
            return
        if not self.article_ids:
            self.notify("There are no articles in this database.", severity="warning")
            return
        shown = set(self.visible_ids())
        article_id = next((i for i in self.article_ids if i not in shown), self.article_ids[0])
        pane = ArticlePane(len(panes) + 1, load_document(self.db, article_id), self.label_colors)
        self.query_one("#panes").mount(pane)
        self.call_later(self._bound, pane)
        self.call_after_refresh(self._after_pane_added, pane)

    def _after_pane_added(self, pane: ArticlePane) -> None:
        pane.view.focus()
        self._panes_changed()
        self.saved_layout = self.pane_layout()

    async def action_remove_pane(self) -> None:
        panes = self.panes
        if len(panes) <= 1:
            self.notify("The last pane stays.", severity="warning")
            return
        pane = self.active_view.parent
        index = panes.index(pane)
        await pane.remove()
        remaining = self.panes
        for number, other in enumerate(remaining, 1):
            other.renumber(number)
        self.current_claims = self.current_claims[:index] + self.current_claims[index + 1:]
        self.active_pane = remaining[min(index, len(remaining) - 1)]
        self.active_pane.view.focus()
        self._apply_size_classes(self.size.width)
        self._panes_changed()
        self.saved_layout = self.pane_layout()

    def action_toggle_sync(self) -> None:
        self.sync_scroll = not self.sync_scroll
        self.notify("Panes scroll together." if self.sync_scroll else "Panes scroll independently.")

    async def action_focus_entities(self) -> None:
        await self.show_side_panes()
        self.query_one(EntitiesPane).focus()

    async def show_side_panes(self) -> None:
        """Build the claims and entities panes if need be. In a narrow terminal they are a
        drawer, opened here; wide, they are always there."""
        await self._build_side_panes()
        if self.has_class("narrow"):
            self.add_class("-side-open")

    def action_clear_choice(self) -> None:
        """From a side pane, go back to reading; in an article, drop the chosen entity."""
        if not isinstance(self.focused, ArticleView):
            self.remove_class("-side-open")
            self.active_view.focus()
            return
        if self.chosen is not None:
            self.chosen = None
            self.notify("Entity highlight cleared.")

    def action_occurrence(self, step: int) -> None:
        if self.chosen is None:
            self.notify("Choose an entity first: e, then enter on its name.", severity="warning")
            return
        view = self.active_view
        document = view.document
        if document is None:
            return
        starts = [e.start for e in document.entities if e.key in self.chosen.keys]
        if not starts:
            self.notify(f"{self.chosen.name} does not occur in this article.")
            return
        start, end = document.sentences[view.cursor] if document.sentences else (0, 0)
        if step > 0:
            following = [offset for offset in starts if offset >= end]
            target = following[0] if following else starts[0]
            wrapped = not following
        else:
            preceding = [offset for offset in starts if offset < start]
            target = preceding[-1] if preceding else starts[-1]
            wrapped = not preceding
        view.move_cursor_to_offset(target)
        view.focus()
        where = f"{starts.index(target) + 1} of {len(starts)} in pane {view.parent.number}"
        self.notify(f"{self.chosen.name}: {where}" + (" (from the other end)" if wrapped else ""), timeout=2)

    # -- messages from panes ---------------------------------------------------------------

    @on(EntitiesPane.EntityChosen)
    def _entity_chosen(self, event: EntitiesPane.EntityChosen) -> None:
        self.chosen = event.group
        if event.group:
            total = event.group.total
            value = f" = {event.group.value}" if event.group.value else ""
            self.notify(f"{event.group.name}{value}: {plural(total, 'mention')} · n / N to jump")

    def _as_visible(self, group: EntityGroup | None) -> EntityGroup | None:
        """The entity as the visible articles have it (its mentions and keys there), if they do."""
        if group is None or not self.query(EntitiesPane):
            return group
        return next((g for g in self.query_one(EntitiesPane).groups if g.key == group.key), group)

    def validate_chosen(self, chosen: EntityGroup | None) -> EntityGroup | None:
        return self._as_visible(chosen)

    def watch_chosen(self, chosen: EntityGroup | None) -> None:
        self.chosen_keys = frozenset(chosen.keys) if chosen else frozenset()

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        if self.sync_scroll:
            for pane in self.panes:
                if pane.view is not event.view:
                    pane.view.scroll_to_fraction(event.fraction)
