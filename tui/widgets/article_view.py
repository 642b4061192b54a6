"""An article on the line API: wrapped lines drawn on demand; entities, claims, the
sentence cursor and the selection styled."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from gegenlesen.storage.claims import Claim
from gegenlesen.tui.actions import bindings
from gegenlesen.tui.document import ArticleDocument
from gegenlesen.tui.labels import CLAIM_COLOR, FALLBACK
from gegenlesen.tui.selection import FoldedText, Span, find_all, first_word, fold_text, move_end, move_start, word_span
from gegenlesen.tui.wrapping import wrap_offsets

GUTTER = 2
LINE_CACHE_SIZE = 2000


class ArticleView(ScrollView, can_focus=True):
    """Shows one article. Its document, claims and chosen entity are set from outside; it
    owns the sentence cursor and the selection, and reports both."""

    BINDINGS = bindings("article")

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the sentence under the cursor."""
    chosen_keys: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Entity keys whose every occurrence is drawn emphasised."""
    selection: reactive[Span | None] = reactive(None, init=False)
    """The selected text (start, end), or None: then the cursor sentence is the span."""
    current_claim: reactive[int | None] = reactive(None, init=False)
    """Id of the claim that claim keys act on here, drawn emphasised (set by its pane, from
    the reader's `current_claims`)."""

    @dataclass
    class CursorMoved(Message):
        """The sentence cursor moved in this view."""

        view: ArticleView
        sentence: int

    @dataclass
    class FindAsked(Message):
        """The user asked to find a word in this view (the pane shows where to type it)."""

        view: ArticleView

    @dataclass
    class Found(Message):
        """What the find in this view stands at: `index` of `total` matches of `query`
        (`index` None before a jump); an empty query means the find ended."""

        view: ArticleView
        query: str
        index: int | None
        total: int
        wrapped: bool = False

    @dataclass
    class Scrolled(Message):
        """The user scrolled this view; `fraction` is how far down it now is."""

        view: ArticleView
        fraction: float

    def __init__(self, document: ArticleDocument | None = None, colors: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document = document
        self.label_colors = colors or {}
        self.claims: list[Claim] = []
        self.candidates: list[Claim] = []
        """Sentences proposed as claims (not claims until accepted with c), drawn apart."""
        self._claim_starts: list[int] = []
        self._longest_claim = 0
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(LINE_CACHE_SIZE)
        self._styles: dict[str, tuple[Style, Style]] = {}
        self._syncing = False
        self._drag_anchor: int | None = None
        self.find_query = ""
        """What the find looks for; empty: no find (n / N then go to the chosen entity)."""
        self.matches: list[Span] = []
        """Every match of the find in the article, in text order."""
        self.match_index: int | None = None
        """The match the cursor was last taken to, or None."""
        self._match_starts: list[int] = []
        self._match_ends: list[int] = []
        self._folded: tuple[ArticleDocument, FoldedText] | None = None

    # -- content -------------------------------------------------------------------------

    def show(self, document: ArticleDocument | None, cursor: int = 0) -> None:
        """Show another article (or none), with the cursor on sentence `cursor`."""
        if document is not self.document:
            self.document = document
            self._wrap_width = -1
            self.set_reactive(ArticleView.selection, None)
            self.claims = []
            self.candidates = []
            if self.find_query:  # the same find in the new article, from its top
                self.find(self.find_query)
        self._rewrap()
        self.set_reactive(ArticleView.cursor, max(0, min(cursor, self._sentence_count() - 1)))
        self.scroll_to(0, 0, animate=False)
        self._scroll_cursor_into_view()

    def set_claims(self, claims: list[Claim]) -> None:
        """The claims of this view's article, in text order."""
        if claims == self.claims:
            return
        self.claims = claims
        self._claim_starts = [claim.start for claim in claims]
        self._longest_claim = max((claim.end - claim.start for claim in claims), default=0)
        self._invalidate()

    def set_candidates(self, candidates: list[Claim]) -> None:
        if candidates != self.candidates:
            self.candidates = candidates
            self._invalidate()

    def candidate_at_cursor(self) -> Claim | None:
        """The candidate that is the cursor sentence (or holds the selection), if any."""
        span = self.target_span()
        if span is None:
            return None
        return next((c for c in self.candidates if c.start <= span[0] and span[1] <= c.end), None)

    def claims_between(self, start: int, end: int) -> list[Claim]:
        low = bisect_left(self._claim_starts, start - self._longest_claim)
        high = bisect_right(self._claim_starts, end)
        return [claim for claim in self.claims[low:high] if claim.end > start and claim.start < end]

    def _sentence_count(self) -> int:
        return len(self.document.sentences) if self.document else 0

    def cursor_span(self) -> Span | None:
        if not self.document or not self.document.sentences:
            return None
        return self.document.sentences[max(0, min(self.cursor, len(self.document.sentences) - 1))]

    def target_span(self) -> Span | None:
        """What a claim key acts on: the selection, else the cursor sentence."""
        return self.selection or self.cursor_span()

    def _text_width(self) -> int:
        # Always leave room for the scrollbar, so that its appearing never re-wraps the text.
        scrollbar = self.styles.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        return max(1, self.scrollable_content_region.width + scrollbar - GUTTER - self.styles.scrollbar_size_vertical)

    def _rewrap(self) -> None:
        if not self.size.width:
            return  # not laid out yet: on_resize wraps at the real width
        width = self._text_width()
        if width == self._wrap_width:
            return
        self._wrap_width = width
        self._lines = wrap_offsets(self.document.shown, width) if self.document else []
        self._line_starts = [start for start, _ in self._lines]
        self.virtual_size = Size(width + GUTTER, len(self._lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._rewrap()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- drawing -------------------------------------------------------------------------

    def _label_styles(self, label: str) -> tuple[Style, Style]:
        """(normal, chosen) styles for a label, blended into the current background."""
        if label not in self._styles:
            base = Color.parse(self.label_colors.get(label, FALLBACK))
            if self.app.console.color_system in ("standard", "windows"):
                # 16 colours turn every blended tint into the same grey: colour the words instead.
                normal = Style(color=base.rich_color)
            else:
                normal = Style(bgcolor=self._background().blend(base, 0.35).rich_color)
            chosen = Style(bgcolor=base.rich_color, color=base.get_contrast_text(1.0).rich_color, bold=True)
            self._styles[label] = (normal, chosen)
        return self._styles[label]

    def _base_style(self) -> Style:
        """The view's own Rich style (Textual computes it from every ancestor's styles on each
        call), kept until the styles change."""
        if "#base" not in self._styles:
            self._styles["#base"] = self.rich_style  # type: ignore[assignment]
        return self._styles["#base"]  # type: ignore[return-value]

    def _background(self) -> Color:
        """The colour behind the text (this view is transparent: its pane's, in fact)."""
        return self.background_colors[1]

    def _claim_styles(self) -> tuple[Style, Style, Style]:
        """(claim, current claim, cursor sentence) styles."""
        if "#claims" not in self._styles:
            color = Color.parse(self.label_colors.get("CLAIM", CLAIM_COLOR))
            claim = Style(underline=True, color=color.rich_color)
            current = Style(underline=True, bold=True, color=color.rich_color, italic=True)
            theme = self.app.current_theme
            # A theme without a foreground (the light one) gets the background's contrast colour.
            foreground = Color.parse(theme.foreground) if theme.foreground else self._background().get_contrast_text(1.0)
            cursor = Style(bgcolor=self._background().blend(foreground, 0.08).rich_color)
            self._styles["#claims"] = (claim, current, cursor)  # type: ignore[assignment]
        return self._styles["#claims"]  # type: ignore[return-value]

    def _find_styles(self) -> tuple[Style, Style]:
        """(match, current match) styles: the theme's warning colour, apart from entities."""
        if "#find" not in self._styles:
            color = Color.parse(self.app.current_theme.warning or "#ffa62b")
            tint = self._background().blend(color, 0.6)
            match = Style(bgcolor=tint.rich_color, color=tint.get_contrast_text(1.0).rich_color, bold=True)
            current = Style(bgcolor=color.rich_color, color=color.get_contrast_text(1.0).rich_color, bold=True, underline=True)
            self._styles["#find"] = (match, current)
        return self._styles["#find"]

    def render_line(self, y: int) -> Strip:
        if self._wrap_width == -1:
            self._rewrap()  # the first frame: laid out, but its Resize not handled yet
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines) or self.document is None:
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_wrapped_line(index, width)
            self._cache[index] = strip
        return strip

    def _render_wrapped_line(self, index: int, width: int) -> Strip:
        document = self.document
        start, end = self._lines[index]
        base = self._base_style()
        text = Text(document.shown[start:end], style=base, no_wrap=True, end="")
        claim_style, current_style, cursor_style = self._claim_styles()

        def stylize(style: Style, span_start: int, span_end: int) -> None:
            text.stylize(style, max(span_start, start) - start, min(span_end, end) - start)

        cursor = self.cursor_span()
        in_cursor = bool(cursor) and (cursor[0] < end and cursor[1] > start or cursor[0] == start)
        if in_cursor and self.has_focus and self.selection is None:
            stylize(cursor_style, *cursor)
        for entity in document.entities_between(start, end):
            normal, chosen = self._label_styles(entity.label)
            stylize(chosen if entity.key in self.chosen_keys else normal, entity.start, entity.end)
        line_claims = self.claims_between(start, end)
        for claim in line_claims:
            stylize(current_style if claim.id == self.current_claim else claim_style, claim.start, claim.end)
        line_candidates = [c for c in self.candidates if c.start < end and c.end > start] if self.candidates else []
        for candidate in line_candidates:
            stylize(Style(italic=True), candidate.start, candidate.end)
        if self.matches:
            match_style, current_style = self._find_styles()
            low, high = bisect_right(self._match_ends, start), bisect_left(self._match_starts, end)
            for index in range(low, high):
                stylize(current_style if index == self.match_index else match_style, *self.matches[index])
        if self.selection and self.selection[0] < end and self.selection[1] > start:
            stylize(Style(reverse=True), *self.selection)
        if in_cursor:
            gutter = Segment("▌ ", Style(color=self.app.current_theme.accent))
        elif line_claims:
            gutter = Segment("│ ", claim_style)
        elif line_candidates:
            gutter = Segment("? ", claim_style)
        else:
            gutter = Segment("  ", base)
        # Spans carry only what they change; the view's own colours go under everything.
        strip = Strip([gutter, *text.render(self.app.console)]).apply_style(base)
        return strip.adjust_cell_length(width, base)

    def _discard_span(self, span: Span | None) -> None:
        """Forget the drawn lines of a span, so they are drawn again."""
        if not span or not self._lines:
            return
        start, end = span
        for line in range(self.line_of(start), self.line_of(max(start, end - 1)) + 1):
            self._cache.discard(line)

    def _discard_sentence(self, index: int) -> None:
        if self.document and self.document.sentences:
            self._discard_span(self.document.sentences[max(0, min(index, len(self.document.sentences) - 1))])

    # -- cursor and scrolling --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._discard_sentence(old)
        self._discard_sentence(new)
        self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.CursorMoved(self, self.cursor))

    def watch_selection(self, old: Span | None, new: Span | None) -> None:
        self._discard_span(old)
        self._discard_span(new)
        self._discard_sentence(self.cursor)
        self.refresh()
        if new:
            self._scroll_offset_into_view(new[1])

    def watch_current_claim(self) -> None:
        self._invalidate()

    def watch_chosen_keys(self) -> None:
        self._invalidate()

    def on_focus(self) -> None:
        self._refresh_cursor_lines()

    def on_blur(self) -> None:
        self._refresh_cursor_lines()

    def _refresh_cursor_lines(self) -> None:
        """Redraw only the cursor sentence, whose tint depends on focus."""
        self._discard_sentence(self.cursor)
        self.refresh()

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1) if self._lines else 0

    def reveal_cursor(self) -> None:
        """Scroll the cursor sentence into view once the view knows its size (after a refresh)."""
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _scroll_cursor_into_view(self) -> None:
        span = self.cursor_span()
        if span is None or not self._lines:
            return
        first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, immediate=True, spacing=None)

    def _scroll_offset_into_view(self, offset: int) -> None:
        if self._lines:
            line = self.line_of(max(0, offset - 1))
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True, spacing=None)

    def action_cursor(self, step: int) -> None:
        if self.selection is not None:
            self.action_select_end("sentence+" if step > 0 else "sentence-")
        elif self._sentence_count():
            self.cursor = max(0, min(self.cursor + step, self._sentence_count() - 1))

    def action_cursor_to(self, index: int) -> None:
        if self._sentence_count():
            self.cursor = index % self._sentence_count()

    def action_page(self, direction: int) -> None:
        """Scroll a page; the cursor follows onto the new page and never moves backwards.
        On the last (first) page it goes to the last (first) sentence."""
        if not self.document or not self.document.sentences or not self._lines:
            return
        before = round(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=before + direction * height, animate=False, immediate=True)
        after = round(self.scroll_offset.y)
        last = self._sentence_count() - 1
        if after == before:
            self.cursor = last if direction > 0 else 0
            return
        top = self._lines[min(len(self._lines) - 1, after)][0]
        first_on_page = self.document.sentence_at(top)
        if self.document.sentences[first_on_page][0] < top:
            first_on_page = min(first_on_page + 1, last)  # it began on the page before
        self.cursor = max(self.cursor, first_on_page) if direction > 0 else min(self.cursor, first_on_page)

    def move_cursor_to_offset(self, offset: int) -> None:
        if self.document and self.document.sentences:
            self.cursor = self.document.sentence_at(offset)

    def show_claim(self, claim: Claim) -> None:
        """Put the cursor on a claim, its start in view (the reader makes it the current one)."""
        self.move_cursor_to_offset(claim.start)
        self._scroll_offset_into_view(claim.start + 1)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value) and not self._syncing:
            self.post_message(self.Scrolled(self, self.scroll_fraction))

    @property
    def scroll_fraction(self) -> float:
        return self.scroll_y / self.max_scroll_y if self.max_scroll_y else 0.0

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane's scrolling without echoing it back."""
        self._syncing = True
        try:
            self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
        finally:
            self._syncing = False

    # -- selection -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a selection, escape falls through to the screen (back / clear entity).
        if action == "cancel_selection":
            return self.selection is not None
        # Without a find, n / N fall through to the screen (the chosen entity's mentions).
        if action in ("find_next", "clear_find"):
            return bool(self.find_query)
        return True

    def action_start_selection(self) -> None:
        """Select the found word in the cursor sentence, else its first word; keys then
        move the ends."""
        span = self.cursor_span()
        if span is None:
            return
        found = self._match_in_sentence(span)
        text = self.document.article.text
        self.selection = word_span(text, *found) if found else first_word(text, *span)

    def action_select_end(self, how: str) -> None:
        if self._ensure_selection():
            self.selection = move_end(self.document.article.text, self.document.sentences, self.selection, how)

    def action_select_start(self, how: str) -> None:
        if self._ensure_selection():
            self.selection = move_start(self.document.article.text, self.selection, how)

    def _ensure_selection(self) -> bool:
        """A moving key without a selection starts one first; False if there is no text."""
        if self.document is not None and self.selection is None:
            self.action_start_selection()
        return self.selection is not None

    def action_cancel_selection(self) -> None:
        self.selection = None

    # -- find ------------------------------------------------------------------------------

    def action_find(self) -> None:
        self.post_message(self.FindAsked(self))

    def find(self, query: str, jump: bool = False) -> None:
        """Find `query` (case and diacritics ignored) and draw every match; with `jump`,
        go to the first match at or after the cursor sentence. An empty query ends the find."""
        self.find_query = query
        self.match_index = None
        self.matches = find_all(self._folded_text(), query) if query.strip() and self.document else []
        self._match_starts = [start for start, _ in self.matches]
        self._match_ends = [end for _, end in self.matches]
        self._invalidate()
        if jump and self.matches:
            span = self.cursor_span()
            index = bisect_left(self._match_starts, span[0] if span else 0)
            self._go_to_match(index % len(self.matches), wrapped=index == len(self.matches))
        else:
            self._report_find()

    def _folded_text(self) -> FoldedText:
        """The article folded for finding, once per article."""
        if self._folded is None or self._folded[0] is not self.document:
            self._folded = (self.document, fold_text(self.document.article.text))
        return self._folded[1]

    def action_find_next(self, step: int) -> None:
        """The next (step 1) or previous (-1) match, from the one at the cursor, else from
        the cursor sentence; past the last it starts again from the first."""
        if not self.matches:
            self._report_find()
            return
        span = self.cursor_span() or (0, 0)
        current = self._current_match()
        at_current = current is not None and span[0] <= current[0] < span[1]
        if step > 0:
            index = self.match_index + 1 if at_current else bisect_left(self._match_starts, span[0])
            wrapped = index >= len(self.matches)
        else:
            index = self.match_index - 1 if at_current else bisect_left(self._match_starts, span[1]) - 1
            wrapped = index < 0
        self._go_to_match(index % len(self.matches), wrapped)

    def action_clear_find(self) -> None:
        self.find("")

    def _current_match(self) -> Span | None:
        return self.matches[self.match_index] if self.match_index is not None else None

    def _match_in_sentence(self, span: Span) -> Span | None:
        """The current match if it lies in `span`, else the first match there, if any."""
        current = self._current_match()
        if current and span[0] <= current[0] < span[1]:
            return current
        index = bisect_left(self._match_starts, span[0])
        return self.matches[index] if index < len(self.matches) and self.matches[index][0] < span[1] else None

    def _go_to_match(self, index: int, wrapped: bool = False) -> None:
        start, end = self.matches[index]
        self.match_index = index
        self.selection = None
        self.move_cursor_to_offset(start)
        self._invalidate()
        self._scroll_offset_into_view(end)
        self._report_find(wrapped)

    def _report_find(self, wrapped: bool = False) -> None:
        self.post_message(self.Found(self, self.find_query, self.match_index, len(self.matches), wrapped))

    # -- mouse -----------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a screen cell of this view."""
        line = round(self.scroll_offset.y) + y
        if not self.document or not 0 <= line < len(self._lines):
            return None
        start, end = self._lines[line]
        column, cells = max(0, x - GUTTER), 0
        for index in range(start, end):
            cells += cell_len(self.document.shown[index])
            if cells > column:
                return index
        return end

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is not None and event.button == 1:
            self._drag_anchor = offset
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_anchor is None:
            return
        offset = self.offset_at(event.x, event.y)
        if offset is not None and offset != self._drag_anchor:
            low, high = sorted((self._drag_anchor, offset))
            self.selection = (low, max(high, low + 1))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_anchor is None:
            return
        anchor, self._drag_anchor = self._drag_anchor, None
        self.capture_mouse(False)
        offset = self.offset_at(event.x, event.y)
        if offset is None or offset == anchor:
            self.selection = None
            self.move_cursor_to_offset(anchor)
