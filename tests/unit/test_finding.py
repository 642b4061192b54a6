"""tui.selection: finding a word (case and accents ignored) and widening it to whole words."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from gegenlesen.tui.selection import find_all, fold, fold_text, word_span

TEXT = "Die STRASSE und die Straße; Müll, Mu\u0308ll und MÜLL. Das Meisterwerk der\nKünstlichen Intelligenz."


def found(query: str, text: str = TEXT) -> list[str]:
    return [text[start:end] for start, end in find_all(fold_text(text), query)]


def test_case_sharp_s_and_accents_are_ignored_both_ways():
    assert found("strasse") == ["STRASSE", "Straße"]
    assert found("STRASSE") == found("straße")
    assert found("müll") == ["Müll", "Mu\u0308ll", "MÜLL"]  # a combining accent belongs to its letter
    assert found("mull") == found("müll")
    assert fold("Ä") == "a" and fold("ß") == "ss"


def test_white_space_in_the_query_matches_any_run_of_it():
    assert found("der künstlichen") == ["der\nKünstlichen"]
    assert found("  werk   der ") == ["werk der"]


def test_nothing_is_found_for_nothing_and_matches_never_overlap():
    assert found("") == [] and found("   ") == []
    assert found("aa", "aaaaa") == ["aa", "aa"]
    assert found("[b]", "x [b] y") == ["[b]"]  # the query is text, not a pattern


def test_a_found_part_of_a_word_widens_to_the_whole_word():
    (span,) = find_all(fold_text(TEXT), "meister")
    assert TEXT[slice(*word_span(TEXT, *span))] == "Meisterwerk"
    (span,) = find_all(fold_text(TEXT), "werk der künst")
    assert TEXT[slice(*word_span(TEXT, *span))] == "Meisterwerk der\nKünstlichen"
    (span,) = find_all(fold_text(TEXT), ". das")
    assert TEXT[slice(*word_span(TEXT, *span))] == ". Das"


def test_a_long_article_folds_quickly():
    text = "Die Bundesregierung hat am 3. März 2025 rund 2,5 Mrd. Euro bewilligt. " * 15_000  # ~1 MB
    began = time.perf_counter()
    matches = find_all(fold_text(text), "MÄRZ")
    assert len(matches) == 15_000 and time.perf_counter() - began < 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAäÄßsSu\u0308 \n.", max_size=40), st.text(alphabet="aAäÄßsS ", min_size=1, max_size=4))
def test_every_match_is_whole_characters_holding_the_query(text, query):
    folded_query = " ".join("".join(fold(c) for c in query).split())
    previous_end = 0
    for start, end in find_all(fold_text(text), query):
        assert previous_end <= start < end <= len(text)
        assert folded_query in " ".join("".join(fold(c) for c in text[start:end]).split())
        previous_end = end
