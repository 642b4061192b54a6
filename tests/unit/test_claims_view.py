"""The reader's one read of the claims in view, and what the panes pick from it."""

from __future__ import annotations

from gegenlesen.storage import articles
from gegenlesen.storage import claims as claim_store
from gegenlesen.storage import links as link_store
from gegenlesen.storage.claims import Claim
from gegenlesen.storage.claims_view import claims_of_articles
from gegenlesen.tui.claim_list import ClaimsInView


def sentence(db, article_id: int, index: int) -> tuple[int, int]:
    return articles.sentences(db, article_id)[index]


def test_one_read_gives_what_the_three_separate_reads_give(handmade_db):
    db = handmade_db
    first = claim_store.add_claim(db, 1, *sentence(db, 1, 0), "anna")
    second = claim_store.add_claim(db, 2, *sentence(db, 2, 0), "ben")
    claim_store.add_claim(db, 3, *sentence(db, 3, 0), "anna")  # not in view
    link_store.add_link(db, first.id, second.id, "contradicts", "anna")
    claim_store.mark_candidates(db, [(1, *sentence(db, 1, 1)), (2, *sentence(db, 2, 1))], "anna")
    dismissed = claim_store.list_candidates(db, [2])[0]
    claim_store.decide_candidate(db, dismissed.id, False, "anna")

    stored = claims_of_articles(db, [1, 2])

    claims = claim_store.list_claims(db, [1, 2])
    assert list(stored.claims) == claims and {claim.id for claim in claims} == {first.id, second.id}
    assert list(stored.candidates) == claim_store.list_candidates(db, [1, 2])
    assert [candidate.article_id for candidate in stored.candidates] == [1]  # the dismissed one is not offered
    assert stored.link_counts == link_store.link_counts(db, [claim.id for claim in claims]) == {first.id: 1, second.id: 1}


def test_no_articles_in_view_reads_nothing(handmade_db):
    assert claims_of_articles(handmade_db, []).claims == ()


def claim(claim_id: int, article_id: int, start: int, status: str = "claim") -> Claim:
    return Claim(claim_id, article_id, start, start + 5, "quote", "", "", None, "unchecked", 1, "", status, 0,
                 "anna", "2026-01-01", "2026-01-01", "anna")


def test_a_pane_picks_its_own_articles_claims_and_candidates_in_text_order():
    in_view = ClaimsInView(
        claims=(claim(1, 1, 0), claim(2, 1, 40), claim(3, 2, 10)),
        candidates=(claim(4, 2, 50, "candidate"), claim(5, 1, 90, "candidate")),
    )
    assert [c.id for c in in_view.of_article(1)] == [1, 2]
    assert [c.id for c in in_view.of_article(2)] == [3]
    assert [c.id for c in in_view.candidates_of(1)] == [5]
    assert in_view.of_article(9) == [] and in_view.candidates_of(9) == []
