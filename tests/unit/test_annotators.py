"""One rule for an annotator's name, from the command line or from a file."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.annotators import BadAnnotator, annotator_name


def test_white_space_is_tidied_and_an_empty_name_is_none():
    assert annotator_name("  Anna \n Berg\t") == "Anna Berg"
    assert annotator_name(" \n ") is None
    assert annotator_name("x" * 64) == "x" * 64


@pytest.mark.parametrize("raw, says", [
    ("x" * 65, "this one has 65"),
    ("anna\x1b]0;t\x07", "U+001B"),
    ("anna\x00", "U+0000"),
    ("anna\u202ewang", "U+202E"),
    ("anna\u061c", "U+061C"),
])
def test_a_name_that_is_too_long_or_holds_a_control_is_refused(raw, says):
    with pytest.raises(BadAnnotator, match="at most 64 printable characters") as refused:
        annotator_name(raw)
    assert says in str(refused.value)
