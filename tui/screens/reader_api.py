"""What a feature of the reader may touch: the one contract between `ReaderScreen` and its
feature mixins (claims, links, entity corrections, overviews, library, learning).

A mixin sees the screen only through `Reader`: it reads the state listed here, changes
articles in panes with `open_article`, says that claims changed with `claims_changed`,
and reports failures with `store_failed`. Whatever else it needs it defines itself. A
test (tests/unit/test_reader_api.py) holds every mixin and the screen to this list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.widget import Widget

    from gegenlesen.corpus.codebook import Codebook
    from gegenlesen.corpus.entities import EntityGroup
    from gegenlesen.storage.claims import Claim
    from gegenlesen.storage.db import Store
    from gegenlesen.storage.errors import StoreError
    from gegenlesen.tui.claim_list import ClaimsInView
    from gegenlesen.tui.widgets.article_pane import ArticlePane
    from gegenlesen.tui.widgets.article_view import ArticleView
    from gegenlesen.tui.widgets.claims_pane import ClaimsPane

Opening = tuple["ArticlePane | None", int, "int | None", "int | None"]
"""One article to open: pane (None: the focused one), article id, sentence, character offset."""


T = TypeVar("T")


class Reader(Protocol):
    """The reading screen as its features see it."""

    # -- what the reader works on (read only) ----------------------------------------------
    db: Store
    """The open database; every change goes through storage with it."""
    annotator: str
    """Who is reading: every change is theirs."""
    codebook: Codebook
    """Claim types, verdicts and check-worthiness levels."""
    label_colors: dict[str, str]
    """Entity label -> colour."""
    article_ids: list[int]
    """The current articles, in library order (the newest version of each)."""

    # -- the reader's state ----------------------------------------------------------------
    chosen: EntityGroup | None
    """The chosen entity (features may set it: the panes follow)."""
    activity: str
    """What runs in the background, on the status line (features may set it)."""
    claims_in_view: ClaimsInView
    """The claims of the visible articles (read only: `claims_changed` sets it)."""

    @property
    def app(self) -> App[Any]: ...

    @property
    def focused(self) -> Widget | None: ...

    @property
    def panes(self) -> list[ArticlePane]:
        """The article panes, in order."""
        ...

    @property
    def active_view(self) -> ArticleView:
        """The article view of the focused (or last focused) pane."""
        ...

    @property
    def claims_pane(self) -> ClaimsPane | None:
        """The claims pane, once the side panes are built."""
        ...

    def visible_ids(self) -> list[int]:
        """The ids of the articles in the panes, in pane order."""
        ...

    def pane_numbers(self) -> dict[int, int]:
        """Article id -> the number of the first pane that shows it."""
        ...

    # -- changing what is shown ------------------------------------------------------------
    def open_article(
        self, pane: ArticlePane | None, article_id: int, cursor: int | None = None, *, offset: int | None = None,
        focus: bool = True,
    ) -> ArticlePane | None:
        """Show an article in a pane; see `ReaderScreen.open_article`."""
        ...

    def open_articles(self, openings: list[Opening]) -> list[ArticlePane]:
        """Several articles at once, with one update of what follows the panes."""
        ...

    def claims_changed(self, keep: int | None = None) -> None:
        """Claims (or links, or candidates) changed in the store: the reader reads them again."""
        ...

    def reload(self) -> None:
        """Articles or their analysis changed in the store: the reader reads them again."""
        ...

    def jump_to_claim(self, claim: Claim) -> None:
        """Show a claim, opening its article in the focused pane if no pane shows it."""
        ...

    def current_claim(self) -> Claim | None:
        """The claim the keys act on, or None (nothing is said)."""
        ...

    def claim_at_cursor_of(self, pane: ArticlePane) -> int | None:
        """The pane's current claim for where its cursor is now, made so at once."""
        ...

    def current_claim_of(self, pane: ArticlePane) -> int | None:
        """The id of the claim the pane's claim keys act on (drawn emphasised there), if any."""
        ...

    def set_current_claim(self, pane: ArticlePane, claim_id: int | None) -> None:
        """Make a claim the one the pane's claim keys act on."""
        ...

    def show_claim(self, pane: ArticlePane, claim: Claim) -> None:
        """Put the pane's cursor on a claim and make it the pane's current claim."""
        ...

    def claim_or_hint(self) -> Claim | None:
        """The claim the keys act on, or None after telling the user there is none."""
        ...

    async def show_side_panes(self) -> None:
        """Build the claims and entities panes if need be; open the drawer when narrow."""
        ...

    def action_add_pane(self) -> None:
        """One more pane (at most four)."""
        ...

    # -- talking to the user and to Textual ------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def commit(self, action: Callable[[], T], what: str) -> T | None:
        """Run one store action; a refusal or a failed store is said, and None returned."""
        ...

    def store_failed(self, error: StoreError, what: str) -> None:
        """Say that `what` was not stored (a lost database keeps a list of them)."""
        ...

    def post_message(self, message: Message) -> bool: ...

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> bool: ...
