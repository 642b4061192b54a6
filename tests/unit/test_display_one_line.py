"""One way to make a name one visible line (corpus/display.safe_str), used by the screens and the
command line alike, and article text as `visible` with tabs and carriage returns as spaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gegenlesen.corpus.display import CONTROL, displayable, safe_str, visible
from gegenlesen.tui import safe


def test_the_screens_use_the_one_safe_str():
    assert safe.safe_str is safe_str


def test_separators_that_split_takes_for_spaces_are_shown_as_controls():
    # str.split() treats U+001C-U+001F as white space; a name must not lose them unseen.
    assert safe_str("a\x1cb\x1dc\x1ed\x1fe") == "a␜b␝c␞d␟e"
    assert safe_str("\x1fName\x1c ") == "␟Name␜"  # at either end too
    assert safe_str("6\u00a0000\u00a0000 Euro") == "6\u00a0000\u00a0000 Euro"  # a no-break space stays
    assert safe_str("  zwei\r\n Zeilen\u2028drei\x85vier ") == "zwei Zeilen drei vier"


@given(st.text())
def test_displayable_is_visible_with_tab_and_carriage_return_as_spaces(text):
    shown = displayable(text)
    assert shown == visible(text.replace("\t", " ").replace("\r", " "))
    assert len(shown) == len(text) and CONTROL.search(shown) is None


@given(st.text())
def test_a_one_line_name_has_no_control_and_no_line_break(text):
    shown = safe_str(text)
    assert CONTROL.search(shown) is None and "\n" not in shown
    assert shown == shown.strip(" ")
