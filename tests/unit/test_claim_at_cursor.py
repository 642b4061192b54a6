"""Which claim at a pane's cursor the claim keys act on (tui.claim_list.claim_at_cursor)."""

from __future__ import annotations

from gegenlesen.storage.claims import Claim
from gegenlesen.tui.claim_list import claim_at_cursor


def claim(id: int, annotator: str, start: int, end: int) -> Claim:
    return Claim(id, 1, start, end, "quote", "", "", None, "unchecked", 1, "", "claim", 0, annotator, "t", "t", annotator)


ANNAS = claim(1, "anna", 0, 40)
BENS_SAME = claim(2, "ben", 0, 40)
BENS_LATER = claim(3, "ben", 20, 60)


def test_nothing_at_the_cursor_is_no_claim():
    assert claim_at_cursor([], 7) is None
    assert claim_at_cursor([], None, "anna") is None


def test_the_kept_claim_stays_while_it_is_at_the_cursor():
    assert claim_at_cursor([ANNAS, BENS_SAME, BENS_LATER], BENS_SAME.id) == BENS_SAME.id


def test_without_a_kept_claim_there_the_last_one_is_taken():
    assert claim_at_cursor([ANNAS, BENS_SAME, BENS_LATER], None) == BENS_LATER.id
    assert claim_at_cursor([ANNAS, BENS_SAME], 99) == BENS_SAME.id  # 99 is elsewhere


def test_with_an_annotator_their_own_claim_wins_on_the_same_span_first():
    assert claim_at_cursor([ANNAS, BENS_SAME, BENS_LATER], BENS_SAME.id, "anna") == ANNAS.id
    assert claim_at_cursor([ANNAS, BENS_SAME, BENS_LATER], None, "anna") == ANNAS.id
    assert claim_at_cursor([BENS_SAME, BENS_LATER], BENS_SAME.id, "anna") == BENS_SAME.id  # none of hers: kept
