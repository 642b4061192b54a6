"""wrap_offsets: screen lines as offsets into the text, checked by properties and examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from gegenlesen.tui.wrapping import wrap_offsets

NARROW = "abcdefghijklmnopqrstuvwxyzABCDEFXYZäöüÄÖÜß0123456789-.,;:!?„“()"
WIDE = "中文字符测试한국어ＡＢ"  # CJK, Hangul, fullwidth Latin: two cells each
COMBINING = "\u0301\u0308"  # zero cells


def words(alphabet: str):
    word = st.text(alphabet=alphabet, min_size=1, max_size=14)
    if alphabet is NARROW:
        return word
    # A combining mark may follow a letter, never start a word.
    return st.tuples(word, st.sampled_from(["", *COMBINING])).map("".join)


def paragraphs(alphabet: str):
    spaces = st.sampled_from([" ", " ", " ", "  ", "   "])
    body = st.lists(st.tuples(words(alphabet), spaces), min_size=1, max_size=25).map(
        lambda pairs: "".join(word + space for word, space in pairs)
    )
    # Paragraphs start with a word; they may end in spaces.
    trimmed = st.tuples(body, st.booleans()).map(lambda pair: pair[0] if pair[1] else pair[0].rstrip(" "))
    return st.one_of(trimmed, st.sampled_from(["", "   "]))


def documents(alphabet: str):
    return st.lists(paragraphs(alphabet), min_size=1, max_size=6).map("\n".join)


def check_lines(text: str, width: int, lines: list[tuple[int, int]]) -> None:
    assert lines, "there is always at least one line"
    assert lines[0][0] == 0
    assert lines[-1][1] == len(text)
    rebuilt = []
    newlines = 0
    for index, (start, end) in enumerate(lines):
        assert 0 <= start <= end <= len(text)
        assert "\n" not in text[start:end]
        if index:
            previous_end = lines[index - 1][1]
            if start == previous_end + 1:
                assert text[previous_end] == "\n"  # the only gap allowed: a paragraph's newline
                rebuilt.append("\n")
                newlines += 1
            else:
                assert start == previous_end, f"gap or overlap between lines {index - 1} and {index}"
        rebuilt.append(text[start:end])
        # Trailing spaces stay on the line they follow (docstring); what is visible must fit.
        assert cell_len(text[start:end].rstrip(" ")) <= width, (text[start:end], width)
    assert newlines == text.count("\n")
    assert "".join(rebuilt) == text


def check_greedy(text: str, width: int, lines: list[tuple[int, int]]) -> None:
    """A line broken at a space is broken only because the next word did not fit."""
    for (start, end), (next_start, next_end) in zip(lines, lines[1:]):
        if next_start != end or not text[start:end].strip() or not text[end - 1].isspace():
            continue
        following = text[next_start:next_end].split(" ")[0]
        assert cell_len(text[start:end]) + cell_len(following) > width, (text[start:end], following, width)


@settings(max_examples=300, deadline=None)
@given(documents(NARROW), st.integers(min_value=1, max_value=40))
def test_wrap_properties_narrow(text, width):
    lines = wrap_offsets(text, width)
    check_lines(text, width, lines)
    check_greedy(text, width, lines)


@settings(max_examples=300, deadline=None)
@given(documents(NARROW + WIDE + "中文한"), st.integers(min_value=2, max_value=40))
def test_wrap_properties_with_wide_and_combining_characters(text, width):
    lines = wrap_offsets(text, width)
    check_lines(text, width, lines)
    check_greedy(text, width, lines)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab \n中\u0301", max_size=60), st.integers(min_value=-3, max_value=30))
def test_wrap_covers_any_text(text, width):
    """Whatever the text (leading spaces too), lines rebuild it exactly, in order."""
    lines = wrap_offsets(text, width)
    rebuilt, position = [], 0
    for start, end in lines:
        assert start in (position, position + 1)
        if start == position + 1:
            assert text[position] == "\n"
            rebuilt.append("\n")
        rebuilt.append(text[start:end])
        position = end
    assert "".join(rebuilt) == text


def test_cjk_wide_characters_fill_two_cells_each():
    text = "中文字符测试"
    assert wrap_offsets(text, 4) == [(0, 2), (2, 4), (4, 6)]
    assert wrap_offsets(text, 5) == [(0, 2), (2, 4), (4, 6)]
    assert wrap_offsets(text, 12) == [(0, 6)]


def test_mixed_cjk_words_break_between_words():
    text = "DeepSeek 深度求索 发布 R1"
    lines = wrap_offsets(text, 10)
    assert [text[s:e] for s, e in lines] == ["DeepSeek ", "深度求索 ", "发布 R1"]


def test_word_longer_than_the_width_is_cut():
    text = "Donaudampfschifffahrtsgesellschaft fährt"
    lines = wrap_offsets(text, 10)
    assert [text[s:e] for s, e in lines] == ["Donaudampf", "schifffahr", "tsgesellsc", "haft fährt"]


def test_long_word_after_short_word_starts_a_new_line():
    text = "Die Donaudampfschifffahrtsgesellschaft"
    assert [text[s:e] for s, e in wrap_offsets(text, 10)] == ["Die ", "Donaudampf", "schifffahr", "tsgesellsc", "haft"]


def test_greedy_fills_lines():
    text = "Die Aktie verlor am Montag deutlich"
    assert [text[s:e] for s, e in wrap_offsets(text, 16)] == ["Die Aktie verlor ", "am Montag ", "deutlich"]


def test_empty_text_is_one_empty_line():
    assert wrap_offsets("", 20) == [(0, 0)]


def test_only_newlines_give_one_empty_line_each():
    assert wrap_offsets("\n", 20) == [(0, 0), (1, 1)]
    assert wrap_offsets("\n\n\n", 20) == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_paragraphs_and_blank_lines_keep_their_offsets():
    text = "Erster Absatz.\n\nZweiter Absatz hier."
    assert wrap_offsets(text, 80) == [(0, 14), (15, 15), (16, 36)]
    assert wrap_offsets(text + "\n", 80)[-1] == (37, 37)


def test_zero_or_negative_width_acts_as_one():
    assert wrap_offsets("abc", 0) == wrap_offsets("abc", 1) == [(0, 1), (1, 2), (2, 3)]
    assert wrap_offsets("abc", -5) == [(0, 1), (1, 2), (2, 3)]


# --- bugs ---------------------------------------------------------------------------------


def test_leading_spaces_count_towards_the_width():
    text = "     abcde fghij"
    for start, end in wrap_offsets(text, 6):
        assert cell_len(text[start:end].rstrip()) <= 6, text[start:end]


@pytest.mark.parametrize("wide", ["\u26a1", "\u2705", "\u231a"])
def test_wide_emoji_outside_the_ranges(wide):
    assert cell_len(wide) == 2
    text = wide * 4 + " " + wide * 2
    for start, end in wrap_offsets(text, 4):
        assert cell_len(text[start:end].rstrip()) <= 4, text[start:end]
