"""Issue 14: a sentence that is no claim yet gets proposals too, and linking one tags it."""

from __future__ import annotations

import pytest

from gegenlesen.storage import crossread, history, links
from gegenlesen.storage.articles import sentences
from gegenlesen.storage.claims import add_claim, delete_claim, list_claims
from gegenlesen.storage.links import LinkError

BRIDGE, PLAN = 1, 2
"""The hand-built articles about the bridge: its opening and cost, and the plan for it."""


def opening_sentence(db) -> tuple[int, int]:
    """The bridge article's first sentence (the opening on 14 May 2024)."""
    return sentences(db, BRIDGE)[0]


def test_a_sentence_gets_proposals_from_the_other_articles_with_their_conflicts(handmade_db):
    start, end = opening_sentence(handmade_db)
    found = crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)
    assert found and all(p.passage.article_id != BRIDGE for p in found)
    planned = next(p for p in found if "Ende Juni 2024" in p.passage.text)
    assert planned.claim_id is None and planned.conflicts  # a sentence, dated otherwise


def test_a_tagged_sentence_among_the_proposals_is_offered_as_its_claim(handmade_db):
    corpus = crossread.load_corpus(handmade_db)
    start, end = opening_sentence(handmade_db)
    planned = next(p for p in crossread.sentence_proposals(corpus, BRIDGE, start, end) if "Ende Juni" in p.passage.text)
    tagged = add_claim(handmade_db, PLAN, planned.passage.start, planned.passage.end, "ben")
    again = crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)
    assert tagged.id in {p.claim_id for p in again}


def test_a_span_that_is_no_sentence_of_the_corpus_gets_no_proposals(handmade_db):
    start, end = opening_sentence(handmade_db)
    corpus = crossread.load_corpus(handmade_db)
    assert crossread.sentence_proposals(corpus, BRIDGE, start, end - 1) == []
    assert crossread.sentence_proposals(corpus, 99_999, start, end) == []
    assert crossread.sentence_passage(corpus, BRIDGE, start, end).text.startswith("Die neue Hafenbrücke")


def test_linking_a_sentence_tags_it_and_links_it_and_one_undo_takes_both_back(handmade_db):
    start, end = opening_sentence(handmade_db)
    proposal = crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)[0]
    target = add_claim(handmade_db, proposal.passage.article_id, proposal.passage.start, proposal.passage.end, "ben")
    proposal = next(p for p in crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)
                    if p.claim_id == target.id)
    done = crossread.link_sentence(handmade_db, BRIDGE, start, end, proposal, "supports", "ana")
    assert done.tagged and done.target == target.id
    mine = [c for c in list_claims(handmade_db) if c.id == done.claim_id]
    assert [(c.article_id, c.start, c.end, c.annotator) for c in mine] == [(BRIDGE, start, end, "ana")]
    assert [(link.claim_a, link.claim_b, link.relation) for link in links.links_of(handmade_db)] == [
        (done.claim_id, target.id, "supports")]
    step = history.undo(handmade_db, "ana")
    assert step is not None
    assert [c.id for c in list_claims(handmade_db)] == [target.id] and links.links_of(handmade_db) == []
    assert history.undo(handmade_db, "ana") is None  # it was one step


def test_linking_a_sentence_a_claim_sits_on_reuses_that_claim(handmade_db):
    start, end = opening_sentence(handmade_db)
    theirs = add_claim(handmade_db, BRIDGE, start, end - 1, "ben")  # tagged meanwhile, in another window
    proposal = crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)[0]
    done = crossread.link_sentence(handmade_db, BRIDGE, start, end, proposal, "related", "ana")
    assert not done.tagged and done.claim_id == theirs.id
    assert len(list_claims(handmade_db)) == 2  # theirs, and the proposed sentence tagged by linking


def test_a_link_that_cannot_be_made_tags_nothing(handmade_db):
    start, end = opening_sentence(handmade_db)
    proposal = crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)[0]
    target = add_claim(handmade_db, proposal.passage.article_id, proposal.passage.start, proposal.passage.end, "ben")
    proposal = next(p for p in crossread.sentence_proposals(crossread.load_corpus(handmade_db), BRIDGE, start, end)
                    if p.claim_id == target.id)
    delete_claim(handmade_db, target.id, "ben")  # in another window, while the dialog was open
    with pytest.raises(LinkError):
        crossread.link_sentence(handmade_db, BRIDGE, start, end, proposal, "same", "ana")
    assert list_claims(handmade_db) == [] and links.links_of(handmade_db) == []
    assert history.undo(handmade_db, "ana") is None
