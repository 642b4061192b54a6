"""On the demo corpus: a contradiction between two claims the user linked is listed once and
not open, and confirming reuses a claim already on a sentence (issue 12, item 2)."""

from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim, claims_on, list_claims


def release_dates(db):
    return next(f for f in crossread.corpus_conflicts(db, crossread.load_corpus(db)) if "2024-01" in f.conflict.describe())


def about_deepseek(flagged) -> list:
    return [f for f in flagged if "DeepSeek" in f.conflict.describe() and "2024-01" in f.conflict.describe()]


def test_claims_linked_as_contradicting_with_l_make_one_confirmed_entry(demo_db):
    a, b = release_dates(demo_db).conflict.a, release_dates(demo_db).conflict.b
    first = add_claim(demo_db, a.article_id, a.start, a.end - 1, "ana")  # a claim a little shorter than its sentence
    second = add_claim(demo_db, b.article_id, b.start, b.end - 1, "ana")
    links.add_link(demo_db, first.id, second.id, "contradicts", "ana")
    [flagged] = about_deepseek(crossread.corpus_conflicts(demo_db, crossread.load_corpus(demo_db)))
    assert flagged.decision == "confirmed" and flagged.relation == "contradicts"
    assert {(flagged.conflict.a.start, flagged.conflict.a.end), (flagged.conflict.b.start, flagged.conflict.b.end)} == {
        (first.start, first.end), (second.start, second.end)}  # shown as the claims


def test_a_dismissed_contradiction_stays_dismissed_after_its_claims_are_tagged_and_linked(demo_db):
    flagged = release_dates(demo_db)
    links.decide_conflict(demo_db, flagged.key, "dismissed", "ana")
    a, b = flagged.conflict.a, flagged.conflict.b
    first = add_claim(demo_db, a.article_id, a.start, a.end - 1, "ana")
    second = add_claim(demo_db, b.article_id, b.start, b.end - 1, "ana")
    links.add_link(demo_db, first.id, second.id, "contradicts", "ana")
    [again] = about_deepseek(crossread.corpus_conflicts(demo_db, crossread.load_corpus(demo_db)))
    assert again.decision == "dismissed"


def test_confirming_reuses_the_claim_already_on_a_sentence(demo_db):
    flagged = release_dates(demo_db)  # found on the two sentences, as the screen lists it
    a = flagged.conflict.a
    existing = add_claim(demo_db, a.article_id, a.start, a.start + 20, "ana")  # tagged since, on part of the sentence
    link = crossread.confirm_conflict(demo_db, flagged, "ana")
    claims = list_claims(demo_db)
    assert len(claims) == 2 and existing.id in {link.claim_a, link.claim_b}
    starts = [(c.article_id, c.start) for c in claims]
    assert len(set(starts)) == len(starts)  # no second claim on the same start


def test_claims_on_a_span_come_exact_first_then_same_start_then_by_overlap(demo_db):
    inside = add_claim(demo_db, 1, 10, 20, "ana")
    same_start = add_claim(demo_db, 1, 0, 5, "ana")
    exact = add_claim(demo_db, 1, 0, 40, "ana")
    covering = add_claim(demo_db, 1, 0, 60, "ana")
    add_claim(demo_db, 1, 45, 60, "ana")  # after the span
    assert claims_on(demo_db, 1, 0, 40) == [exact.id, covering.id, same_start.id, inside.id]
    assert claims_on(demo_db, 2, 0, 40) == []
