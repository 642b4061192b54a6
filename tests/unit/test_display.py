"""displayable: safe terminal text with offsets unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gegenlesen.corpus.display import CONTROL, displayable


def test_controls_are_replaced_one_for_one():
    text = "a\tb\x1b[31mc\x00d\x07e\x7ff\x85g\u202eh\u2066i\u061cj\u200fk\rl"
    shown = displayable(text)
    assert len(shown) == len(text)
    assert shown == "a b␛[31mc␀d␇e␡f\ufffdg\ufffdh\ufffdi\ufffdj\ufffdk l"


def test_newline_and_markup_are_untouched():
    text = "[bold]Titel[/bold]\nZweite Zeile mit Umlauten: äöüß – „Zitat“ 中文 🙂"
    assert displayable(text) == text


def test_escape_sequence_cannot_reach_the_terminal():
    shown = displayable("\x1b]0;pwned\x07\x1b[2J")
    assert "\x1b" not in shown and "\x07" not in shown


@given(st.text())
def test_displayable_properties(text):
    shown = displayable(text)
    assert len(shown) == len(text)
    assert CONTROL.search(shown) is None
    for original, drawn in zip(text, shown):
        if original == "\n" or not CONTROL.match(original):
            assert drawn == original
        else:
            assert drawn != original
