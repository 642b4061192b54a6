"""Word-wrap a text into screen lines given as offsets, so lines map back to the text."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

WORD = re.compile(r"\S+\s*")
# Characters whose cell width is not 1: wide East Asian text, emoji, combining marks.
NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u1100-\u115f\u200b-\u200f\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
    "\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) offsets of each screen line; newlines end paragraphs.

    Spaces after a word stay on its line; a word wider than the line is cut.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if not paragraph.strip():
            lines.append((start, end))
            continue
        measure: Callable[[str], int] = cell_len if NOT_ONE_CELL.search(paragraph) else len
        indent = len(paragraph) - len(paragraph.lstrip())
        line_start, used = start, measure(paragraph[:indent])
        for word in WORD.finditer(paragraph):
            word_start, word_end = start + word.start(), start + word.end()
            word_cells = measure(word.group().rstrip())
            if used and used + word_cells > width:
                lines.append((line_start, word_start))
                line_start, used = word_start, 0
            if used == 0 and word_cells > width:  # a word that fits no line: cut it
                while measure(text[line_start:word_end].rstrip()) > width:
                    cut = _cut_at_cells(text, line_start, width, measure)
                    lines.append((line_start, cut))
                    line_start = cut
                used = measure(text[line_start:word_end])
            else:
                used += measure(word.group())
        lines.append((line_start, end))
    return lines


def _cut_at_cells(text: str, start: int, width: int, measure: Callable[[str], int]) -> int:
    cells, index = 0, start
    while index < len(text):
        size = measure(text[index])
        if cells + size > width and index > start:
            break
        cells += size
        index += 1
    return index
