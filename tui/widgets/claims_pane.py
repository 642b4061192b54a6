"""The claims of the visible articles: a filter line over a list drawn on the line API."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from gegenlesen.corpus.codebook import Codebook, default_codebook
from gegenlesen.storage.claims import Claim
from gegenlesen.tui.actions import bindings
from gegenlesen.tui.claim_list import ORDERS, ClaimsInView, filter_claims, next_annotator, order_claims
from gegenlesen.tui.labels import annotator_colors
from gegenlesen.tui.safe import NAME_CELLS, safe_str, safe_text

EMPTY_HINT = ["No claims in the visible articles.", "Tag one: c on a sentence,", "or v, w … to select, then c."]
NO_MATCH = ["No claim matches the filter.", "/ to change it, escape in it to clear it."]
ROW_HEIGHT = 2
ANNOTATOR_CELLS = 12
"""At most this much of an annotator's name is shown; the rest gives way to an ellipsis."""
MIN_QUOTE_CELLS = 6
"""However narrow the pane, this much of the quote stays (the marks give way instead)."""
NOTE_LINES = 3
"""The highlighted claim's note shows in at most this many lines under the list."""


def claim_lines(
    claim: Claim, pane: int | None, codebook: Codebook, width: int, links: int = 0, color: str | None = None
) -> tuple[Text, Text]:
    """Two lines fitted to `width` cells, each ending in an ellipsis where it is cut.

    The first: pane number, quote, and at the right (their width kept, so the quote gives
    way to them) the note mark, the link count and the annotator (in `color`, their colour,
    when given). The second: id, type, verdict, check-worthiness, and a warning when the
    article's text changed.
    """
    annotator = safe_text(claim.annotator, style=f"italic {color}" if color else "dim italic")
    annotator.truncate(ANNOTATOR_CELLS, overflow="ellipsis")
    marks = Text.assemble(
        (" ✎" if claim.note.strip() else ""), (f" ⇄{links}" if links else "", "bold"), " ", annotator,
    )
    head = Text.assemble((f"{pane if pane else '·'} ", "bold"), "“")
    quote = Text(safe_str(claim.quote))
    quote.truncate(max(MIN_QUOTE_CELLS, width - head.cell_len - 1 - marks.cell_len), overflow="ellipsis")
    first = Text.assemble(head, quote, "”")
    first.append(" " * max(0, width - first.cell_len - marks.cell_len))
    first.append_text(marks)
    details = [safe_str(codebook.type_label(claim.type), NAME_CELLS) if claim.type else "untyped",
               safe_str(claim.verdict, NAME_CELLS), "!" * claim.worthiness]
    second = Text.assemble(
        (f"#{claim.id}".rjust(5), "dim"), " ", (" · ".join(details), "dim"),
        (" ⚠ text changed" if claim.orphaned == 2 else "", "bold yellow"),
    )
    for line in (first, second):
        line.no_wrap = True
        line.truncate(width, overflow="ellipsis")
    return first, second


def note_lines(note: str, width: int, console) -> list[Text]:
    """A note as at most NOTE_LINES lines of `width` cells, the last ending in an
    ellipsis when the note goes on; the note is data, never markup."""
    text = Text("✎ ", style="bold")
    text.append(safe_str(note.strip(), one_line=False))
    lines = list(text.wrap(console, max(1, width)))
    if len(lines) > NOTE_LINES:
        lines = lines[:NOTE_LINES]
        last = lines[-1]
        last.rstrip()
        last.truncate(max(1, width - 1))
        last.append("…")
    return lines


class ClaimNote(Widget):
    """The note of the highlighted claim, under the list; hidden when it has none."""

    DEFAULT_CSS = """
    ClaimNote {
        height: auto;
        display: none;
        border-top: solid $panel-lighten-2;
        color: $text-muted;
    }
    """

    note: reactive[str] = reactive("", layout=True)
    """The note shown (empty: the widget is hidden)."""

    def watch_note(self, note: str) -> None:
        self.display = bool(note.strip())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(note_lines(self.note, width, self.app.console)) if self.note.strip() else 0

    def render(self) -> Text:
        if not self.note.strip():
            return Text("")
        return Text("\n").join(note_lines(self.note, self.content_size.width, self.app.console))


class ClaimsList(ScrollView, can_focus=True):
    """A list of claims, two lines each, drawn only where visible."""

    BINDINGS = bindings("claims-list")

    highlighted: reactive[int] = reactive(0, init=False)
    """Index of the highlighted claim in `shown`."""

    @dataclass
    class Highlighted(Message):
        claim: Claim | None

    @dataclass
    class Chosen(Message):
        claim: Claim

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown: list[Claim] = []
        self.filtered_out = False
        """Whether there are claims, but the filter hides them all."""
        self.pane_of: dict[int, int] = {}
        self.link_counts: dict[int, int] = {}
        """Claim id -> how many links it has."""
        self.name_colors: dict[str, str] = {}
        """Annotator -> the colour their name is written in."""
        self.codebook = default_codebook()

    def show(self, shown: list[Claim], pane_of: dict[int, int], codebook: Codebook, keep: int | None = None) -> None:
        """Replace the list; keep the claim with id `keep` highlighted if it is still there."""
        self.shown, self.pane_of, self.codebook = shown, pane_of, codebook
        self.virtual_size = Size(self.size.width, max(len(shown), 1) * ROW_HEIGHT + (0 if shown else 1))
        index = next((i for i, claim in enumerate(shown) if claim.id == keep), None)
        self.set_reactive(ClaimsList.highlighted, index if index is not None else min(self.highlighted, max(0, len(shown) - 1)))
        self._scroll_highlight_into_view()
        self.refresh()

    @property
    def claim(self) -> Claim | None:
        return self.shown[self.highlighted] if self.shown and self.highlighted < len(self.shown) else None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_offset.y) + y
        if not self.shown:
            lines = NO_MATCH if self.filtered_out else EMPTY_HINT
            hint = lines[line] if line < len(lines) else ""
            hint_style = self.rich_style + Style(dim=True, italic=True)
            return Strip([Segment(hint, hint_style)]).adjust_cell_length(width, self.rich_style)
        index, row = divmod(line, ROW_HEIGHT)
        if index >= len(self.shown):
            return Strip.blank(width, self.rich_style)
        claim = self.shown[index]
        text = claim_lines(claim, self.pane_of.get(claim.article_id), self.codebook, width,
                           self.link_counts.get(claim.id, 0), self.name_colors.get(claim.annotator))[row]
        style = self.rich_style
        if index == self.highlighted:
            style = style + Style(reverse=self.has_focus, bold=not self.has_focus)
        return Strip(list(text.render(self.app.console))).apply_style(style).adjust_cell_length(width, style)

    def watch_highlighted(self) -> None:
        self._scroll_highlight_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self.claim))

    def _scroll_highlight_into_view(self) -> None:
        if self.shown:
            self.scroll_to_region(Region(0, self.highlighted * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.shown:
            self.highlighted = max(0, min(len(self.shown) - 1, self.highlighted + step))

    def action_jump(self) -> None:
        if self.claim is not None:
            self.post_message(self.Chosen(self.claim))

    def on_click(self, event) -> None:
        index = (round(self.scroll_offset.y) + event.y) // ROW_HEIGHT
        if 0 <= index < len(self.shown):
            self.highlighted = index
            if event.chain >= 2:
                self.action_jump()


class ClaimsPane(Vertical):
    """Claims of the visible articles, filtered, in one of two orders, by one or all annotators,
    each annotator's name in their colour."""

    BINDINGS = bindings("claims")

    order: reactive[str] = reactive("position", init=False)
    """'position' (pane, then place in the text) or 'type' (codebook order)."""
    chosen_annotator: reactive[str | None] = reactive(None, init=False)
    """Whose claims are listed: one annotator's, or None for everybody's."""
    claims_in_view: reactive[ClaimsInView] = reactive(ClaimsInView, init=False, always_update=True)
    """The claims of the articles in the panes (bound from the reader); its `keep` stays highlighted."""

    def __init__(self, annotator: str = "", codebook: Codebook | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.annotator = annotator
        self.codebook = codebook or default_codebook()
        self.border_title = "Claims"

    def compose(self) -> ComposeResult:
        yield ClaimsList()
        yield ClaimNote()

    def _filter_input(self) -> Input | None:
        inputs = self.query("#claim-filter")
        return inputs.first() if inputs else None

    @property
    def list(self) -> ClaimsList:
        return self.query_one(ClaimsList)

    @property
    def query_text(self) -> str:
        field = self._filter_input()
        return field.value if field else ""

    @property
    def all_claims(self) -> tuple[Claim, ...]:
        """Every claim in view, before the filter."""
        return self.claims_in_view.claims

    def watch_claims_in_view(self, in_view: ClaimsInView) -> None:
        self._refilter(in_view.keep)

    def on_mount(self) -> None:
        self._refilter()  # claims given before the list existed

    def _refilter(self, keep: int | None = None) -> None:
        if not self.query(ClaimsList):
            return  # not composed yet: on_mount shows what was given
        current = self.list.claim
        keep = keep if keep is not None else (current.id if current else None)
        shown = filter_claims(self.all_claims, self.query_text, self.codebook, self.chosen_annotator)
        in_view = self.claims_in_view
        shown = order_claims(shown, self.order, self.codebook, in_view.pane_of)
        self.list.filtered_out = bool(self.all_claims) and not shown
        self.list.link_counts = in_view.link_counts
        self.list.name_colors = annotator_colors(self.annotators)
        self.list.show(shown, in_view.pane_of, self.codebook, keep)
        self._show_note()
        mode = [f"{len(shown)}/{len(self.all_claims)}" if len(shown) != len(self.all_claims) else str(len(shown))]
        mode.append("by type" if self.order == "type" else "by position")
        subtitle = Content(" · ".join(mode))
        if self.chosen_annotator is not None:
            color = self.list.name_colors.get(self.chosen_annotator, "")
            name = Content.styled(safe_str(self.chosen_annotator, NAME_CELLS), f"italic {color}".strip())
            subtitle = Content.assemble(subtitle, " · only ", name)  # a name is data, never markup
        self.border_subtitle = subtitle

    @property
    def annotators(self) -> list[str]:
        """Everyone with a claim in the visible articles, and the current annotator."""
        return sorted({claim.annotator for claim in self.all_claims} | {self.annotator})

    def highlight(self, claim_id: int) -> None:
        if not self.query(ClaimsList):
            return
        index = next((i for i, claim in enumerate(self.list.shown) if claim.id == claim_id), None)
        if index is not None:
            self.list.set_reactive(ClaimsList.highlighted, index)
            self.list._scroll_highlight_into_view()
            self.list.refresh()
            self._show_note()

    def _show_note(self) -> None:
        """Show the highlighted claim's note under the list."""
        claim = self.list.claim
        self.query_one(ClaimNote).note = claim.note if claim else ""

    def on_claims_list_highlighted(self, event: ClaimsList.Highlighted) -> None:
        self._show_note()  # (not stopped: the screen may hear it too)

    def watch_order(self) -> None:
        self._refilter()

    def watch_chosen_annotator(self) -> None:
        self._refilter()

    @on(Input.Changed, "#claim-filter")
    def _filter_changed(self) -> None:
        self._refilter()

    @on(Input.Submitted, "#claim-filter")
    def _filter_done(self) -> None:
        self.list.focus()

    def on_key(self, event) -> None:
        field = self._filter_input()
        if event.key == "escape" and field is not None and field.has_focus:
            event.stop()
            field.value = ""
            self.remove_class("-filtering")
            self.list.focus()

    async def action_filter(self) -> None:
        field = self._filter_input()
        if field is None:  # made on first use, to keep the first frame light
            field = Input(placeholder="filter: text, type, verdict…  (enter keeps, escape clears)", id="claim-filter")
            await self.mount(field, before=self.list)
        self.add_class("-filtering")
        field.focus()

    def action_toggle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]

    def action_toggle_annotator(self) -> None:
        """Everybody's claims, mine, then each other annotator's, in turn."""
        self.chosen_annotator = next_annotator(self.chosen_annotator, self.annotator, self.annotators)
