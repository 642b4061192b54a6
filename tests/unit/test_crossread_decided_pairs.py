"""On the hand-built corpus (tests/fixtures/handmade.py): a contradiction between two claims
the user linked is listed once and not open, and confirming reuses a claim already on a
sentence (issue 12, item 2)."""

from fixtures.handmade import BRIDGE, PLAN
from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim, claims_on, list_claims

# The bridge opened on 14 May 2024 (article 1) or is to open late in June 2024 (article 2).
OPENED = (1, *BRIDGE.sentences[0])
TO_OPEN = (2, *PLAN.sentences[1])


def opening_dates(db):
    [flagged] = crossread.corpus_conflicts(db, crossread.load_corpus(db))
    a, b = flagged.conflict.a, flagged.conflict.b
    assert [(a.article_id, a.start, a.end), (b.article_id, b.start, b.end)] == [OPENED, TO_OPEN]
    return flagged


def flagged_now(db) -> list:
    return crossread.corpus_conflicts(db, crossread.load_corpus(db))


def test_claims_linked_as_contradicting_with_l_make_one_confirmed_entry(handmade_db):
    flagged = opening_dates(handmade_db)
    a, b = flagged.conflict.a, flagged.conflict.b
    # claims a little shorter than their sentences
    first = add_claim(handmade_db, a.article_id, a.start, a.end - 1, "ana")
    second = add_claim(handmade_db, b.article_id, b.start, b.end - 1, "ana")
    links.add_link(handmade_db, first.id, second.id, "contradicts", "ana")
    [flagged] = flagged_now(handmade_db)
    assert flagged.decision == "confirmed" and flagged.relation == "contradicts"
    assert {(flagged.conflict.a.start, flagged.conflict.a.end), (flagged.conflict.b.start, flagged.conflict.b.end)} == {
        (first.start, first.end), (second.start, second.end)}  # shown as the claims


def test_a_dismissed_contradiction_stays_dismissed_after_its_claims_are_tagged_and_linked(handmade_db):
    flagged = opening_dates(handmade_db)
    links.decide_conflict(handmade_db, flagged.key, "dismissed", "ana")
    a, b = flagged.conflict.a, flagged.conflict.b
    first = add_claim(handmade_db, a.article_id, a.start, a.end - 1, "ana")
    second = add_claim(handmade_db, b.article_id, b.start, b.end - 1, "ana")
    links.add_link(handmade_db, first.id, second.id, "contradicts", "ana")
    [again] = flagged_now(handmade_db)
    assert again.decision == "dismissed"


def test_confirming_reuses_the_claim_already_on_a_sentence(handmade_db):
    flagged = opening_dates(handmade_db)  # found on the two sentences, as the screen lists it
    a = flagged.conflict.a
    # tagged since, on part of the sentence
    existing = add_claim(handmade_db, a.article_id, a.start, a.start + 20, "ana")
    link = crossread.confirm_conflict(handmade_db, flagged, "ana")
    claims = list_claims(handmade_db)
    assert existing.id in {link.claim_a, link.claim_b}
    # no second claim on the same start: the part tagged since and the other sentence
    assert sorted((c.article_id, c.start, c.end) for c in claims) == [(1, OPENED[1], OPENED[1] + 20), TO_OPEN]


def test_claims_on_a_span_come_exact_first_then_same_start_then_by_overlap(handmade_db):
    inside = add_claim(handmade_db, 1, 10, 20, "ana")
    same_start = add_claim(handmade_db, 1, 0, 5, "ana")
    exact = add_claim(handmade_db, 1, 0, 40, "ana")
    covering = add_claim(handmade_db, 1, 0, 60, "ana")
    add_claim(handmade_db, 1, 45, 60, "ana")  # after the span
    assert claims_on(handmade_db, 1, 0, 40) == [exact.id, covering.id, same_start.id, inside.id]
    assert claims_on(handmade_db, 2, 0, 40) == []
