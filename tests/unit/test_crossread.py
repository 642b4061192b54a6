"""Cross-reading over the hand-built corpus (tests/fixtures/handmade.py): proposals, conflicts,
confirming and candidates."""

from fixtures.handmade import BIKES, BRIDGE, PLAN
from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim, list_claims

# The sentences of the first two articles that give the bridge's opening (14 May 2024 against
# late June 2024) and its cost (48 against 52 million euros), as (article, start, end).
OPENED = (1, *BRIDGE.sentences[0])
TO_OPEN = (2, *PLAN.sentences[1])
COST = (1, *BRIDGE.sentences[2])
COSTS = (2, *PLAN.sentences[2])
SURVEY = (3, *BIKES.sentences[3])  # the third article's survey of 3 000 households in September 2024

OPENING = "Hafenbrücke: 2024-05-14 (article 1) against 2024-06, late (article 2)"


def span(passage) -> tuple[int, int, int]:
    return passage.article_id, passage.start, passage.end


def test_the_opening_date_contradiction_is_flagged_in_a_corpus_without_claims(handmade_db):
    flagged = crossread.corpus_conflicts(handmade_db, crossread.load_corpus(handmade_db))
    assert [f.conflict.describe() for f in flagged] == [OPENING]
    assert (span(flagged[0].conflict.a), span(flagged[0].conflict.b)) == (OPENED, TO_OPEN)
    assert flagged[0].decision is None


def test_confirming_a_conflict_tags_both_sentences_and_links_them(handmade_db):
    [flagged] = crossread.corpus_conflicts(handmade_db, crossread.load_corpus(handmade_db))
    link = crossread.confirm_conflict(handmade_db, flagged, "ana")
    assert link.relation == "contradicts"
    assert {(c.article_id, c.start, c.end) for c in list_claims(handmade_db)} == {OPENED, TO_OPEN}
    assert {link.claim_a, link.claim_b} == {c.id for c in list_claims(handmade_db)}
    [again] = crossread.corpus_conflicts(handmade_db, crossread.load_corpus(handmade_db))
    assert again.key == flagged.key and again.decision == "confirmed"
    crossread.confirm_conflict(handmade_db, flagged, "ana")  # twice: nothing new
    assert len(links.links_of(handmade_db)) == 1 and len(list_claims(handmade_db)) == 2


def test_proposals_for_a_claim_come_from_other_articles_and_carry_conflicts(handmade_db):
    claim = add_claim(handmade_db, *TO_OPEN, "ana")
    tagged = add_claim(handmade_db, *OPENED, "ana")
    found = crossread.proposals(crossread.load_corpus(handmade_db), claim.id)
    assert found and all(p.passage.article_id != 2 for p in found)
    best = found[0]
    assert span(best.passage) == OPENED and best.claim_id == tagged.id  # a tagged sentence is offered as its claim
    assert [c.describe() for c in best.conflicts] == [
        "Hafenbrücke: 2024-06, late (article 2) against 2024-05-14 (article 1)"]
    assert all(not p.conflicts for p in found[1:])
    assert crossread.proposals(crossread.load_corpus(handmade_db), 99_999) == []


def test_claim_suggestions_pair_existing_claims_only(handmade_db):
    cost, costs, _ = (add_claim(handmade_db, *where, "ana").id for where in (COST, COSTS, SURVEY))
    pairs = crossread.claim_suggestions(crossread.load_corpus(handmade_db), top=2)
    # The two costs of the bridge find each other; the survey shares nothing with them.
    assert [(a, b) for a, b, _ in pairs] == [(cost, costs), (costs, cost)]


def test_candidates_leave_out_sentences_already_tagged(handmade_db):
    first = [(c.article_id, c.start, c.end) for c in crossread.candidates(crossread.load_corpus(handmade_db))]
    figures = [(1, *BRIDGE.sentences[3]), (1, *BRIDGE.sentences[6])]  # 20 Prozent mehr; bis zu 12 000
    assert first == [OPENED, COST, *figures, TO_OPEN, COSTS, (3, *BIKES.sentences[1]), SURVEY]
    add_claim(handmade_db, *TO_OPEN, "ana")
    again = [(c.article_id, c.start, c.end) for c in crossread.candidates(crossread.load_corpus(handmade_db))]
    assert again == [where for where in first if where != TO_OPEN]
