"""An article on the line API: wrapped lines drawn on demand, entities and cursor styled."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from gegenlesen.tui.actions import bindings
from gegenlesen.tui.document import ArticleDocument
from gegenlesen.tui.labels import FALLBACK
from gegenlesen.tui.wrapping import wrap_offsets

GUTTER = 2
LINE_CACHE_SIZE = 2000


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; the sentence cursor and chosen entity are set from outside."""

    BINDINGS = bindings("article")

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the sentence under the cursor."""
    chosen_keys: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Entity keys whose every occurrence is drawn emphasised."""

    @dataclass
    class CursorMoved(Message):
        """The sentence cursor moved in this view."""

        view: ArticleView
        sentence: int

    @dataclass
    class Scrolled(Message):
        """The user scrolled this view; `fraction` is how far down it now is."""

        view: ArticleView
        fraction: float

    def __init__(self, document: ArticleDocument | None = None, colors: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document = document
        self.label_colors = colors or {}
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(LINE_CACHE_SIZE)
        self._styles: dict[str, tuple[Style, Style]] = {}
        self._syncing = False

    # -- content -------------------------------------------------------------------------

    def show(self, document: ArticleDocument | None, cursor: int = 0) -> None:
        """Show another article (or none), with the cursor on sentence `cursor`."""
        if document is not self.document:
            self.document = document
            self._wrap_width = -1
        self._rewrap()
        self.set_reactive(ArticleView.cursor, max(0, min(cursor, self._sentence_count() - 1)))
        self.scroll_to(0, 0, animate=False)
        self._scroll_cursor_into_view()

    def set_colors(self, colors: dict[str, str]) -> None:
        self.label_colors = colors
        self._styles.clear()
        self._invalidate()

    def _sentence_count(self) -> int:
        return len(self.document.sentences) if self.document else 0

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
            background = self.styles.background if self.styles.background.a else Color(0, 0, 0)
            normal = Style(bgcolor=background.blend(base, 0.35).rich_color)
            chosen = Style(bgcolor=base.rich_color, color=base.get_contrast_text(1.0).rich_color, bold=True)
            self._styles[label] = (normal, chosen)
        return self._styles[label]

    def render_line(self, y: int) -> Strip:
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
        text = Text(document.shown[start:end].rstrip("\n"), style=self.rich_style, no_wrap=True, end="")
        for entity in document.entities_between(start, end):
            normal, chosen = self._label_styles(entity.label)
            style = chosen if entity.key in self.chosen_keys else normal
            text.stylize(style, max(entity.start, start) - start, min(entity.end, end) - start)
        in_cursor = False
        if document.sentences:
            cursor_start, cursor_end = document.sentences[min(self.cursor, len(document.sentences) - 1)]
            in_cursor = cursor_start < end and cursor_end > start or cursor_start == start
            if in_cursor and self.has_focus:
                text.stylize(Style(underline=True), max(cursor_start, start) - start, min(cursor_end, end) - start)
        gutter_style = Style(color=self.app.current_theme.accent if in_cursor else None)
        gutter = Segment("▌ " if in_cursor else "  ", gutter_style if in_cursor else self.rich_style)
        segments = [gutter, *text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    # -- cursor and scrolling --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._discard_sentence(old)
        self._discard_sentence(new)
        self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.CursorMoved(self, self.cursor))

    def watch_chosen_keys(self) -> None:
        self._invalidate()

    def on_focus(self) -> None:
        self._refresh_cursor_lines()

    def on_blur(self) -> None:
        self._refresh_cursor_lines()

    def _refresh_cursor_lines(self) -> None:
        """Redraw only the cursor sentence, whose underline depends on focus."""
        self._discard_sentence(self.cursor)
        self.refresh()

    def _discard_sentence(self, index: int) -> None:
        """Forget the drawn lines of one sentence, so they are drawn again."""
        if not self.document or not self.document.sentences or not self._lines:
            return
        start, end = self.document.sentences[max(0, min(index, len(self.document.sentences) - 1))]
        for line in range(self.line_of(start), self.line_of(max(start, end - 1)) + 1):
            self._cache.discard(line)

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1) if self._lines else 0

    def _scroll_cursor_into_view(self) -> None:
        if not self.document or not self.document.sentences or not self._lines:
            return
        start, end = self.document.sentences[min(self.cursor, len(self.document.sentences) - 1)]
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, immediate=True, spacing=None)

    def action_cursor(self, step: int) -> None:
        if self._sentence_count():
            self.cursor = max(0, min(self.cursor + step, self._sentence_count() - 1))

    def action_cursor_to(self, index: int) -> None:
        if self._sentence_count():
            self.cursor = index % self._sentence_count()

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False)
        top = self._lines[min(len(self._lines) - 1, round(self.scroll_offset.y))][0] if self._lines else 0
        if self.document and self.document.sentences:
            self.cursor = min(self.document.sentence_at(top) + (1 if direction > 0 and top else 0), self._sentence_count() - 1)

    def move_cursor_to_offset(self, offset: int) -> None:
        if self.document and self.document.sentences:
            self.cursor = self.document.sentence_at(offset)

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

    def on_click(self, event) -> None:
        if not self.document or not self._lines:
            return
        line = round(self.scroll_offset.y) + event.y
        if 0 <= line < len(self._lines):
            start, end = self._lines[line]
            column = max(0, event.x - GUTTER)
            self.move_cursor_to_offset(min(end, start + column))
