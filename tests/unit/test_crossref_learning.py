"""Weights learnt from kept and removed links: plain examples, and the links of a database."""

from __future__ import annotations

from fixtures.handmade import BIKES, BRIDGE, PLAN
from gegenlesen.corpus.crossref.learning import SHOWN, Example, enough_evidence, fit_weights, passed_over
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, FEATURES
from gegenlesen.storage import link_evidence, links
from gegenlesen.storage.claims import add_claim

SYNONYMS = FEATURES.index("synonyms")
NAMES = FEATURES.index("names")


def example(names: float, synonyms: float, linked: bool) -> Example:
    values = [0.0] * len(FEATURES)
    values[NAMES], values[SYNONYMS] = names, synonyms
    return Example(tuple(values), linked)


def test_too_few_decisions_keep_the_shipped_weights():
    assert fit_weights([example(1, 0, True), example(0, 1, False)]) == DEFAULT_WEIGHTS


def test_links_kept_for_their_meaning_and_removed_for_a_mere_name_move_the_weights():
    kept = [example(0.2, 0.8, True) for _ in range(6)]
    removed = [example(2.0, 0.0, False) for _ in range(6)]
    learnt = fit_weights(kept + removed)
    assert learnt.synonyms > DEFAULT_WEIGHTS.synonyms and learnt.names < DEFAULT_WEIGHTS.names
    assert learnt.figures == DEFAULT_WEIGHTS.figures  # the same in every pair: nothing learnt about it
    assert min(learnt.as_tuple()) >= 0


def test_the_opposite_decisions_move_them_the_other_way():
    kept = [example(2.0, 0.0, True) for _ in range(6)]
    removed = [example(0.2, 0.8, False) for _ in range(6)]
    learnt = fit_weights(kept + removed)
    assert learnt.synonyms < DEFAULT_WEIGHTS.synonyms and learnt.names > DEFAULT_WEIGHTS.names


def test_only_a_kept_and_a_rejected_pair_of_one_claim_are_compared():
    kept = [Example(example(0.2, 0.8, True).features, True, group) for group in range(6)]
    removed = [Example(example(2.0, 0.0, False).features, False, group) for group in range(10, 16)]
    assert not enough_evidence(kept + removed)  # no claim has both: nothing says which comes first
    assert fit_weights(kept + removed) == DEFAULT_WEIGHTS
    removed = [Example(example(2.0, 0.0, False).features, False, group) for group in range(6)]
    assert enough_evidence(kept + removed)
    assert fit_weights(kept + removed).synonyms > DEFAULT_WEIGHTS.synonyms


def test_a_proposal_shown_and_not_linked_was_passed_over():
    from gegenlesen.corpus.crossref.units import Passage

    shown = [Passage(2, i * 10, i * 10 + 9, f"Satz {i}") for i in range(SHOWN + 2)]
    assert passed_over(shown, {shown[1], shown[5]}) == [p for i, p in enumerate(shown[:SHOWN]) if i not in (1, 5)]
    assert passed_over([], {shown[0]}) == []


def test_kept_and_removed_links_are_read_from_the_database(handmade_db):
    # one claim on each article's first sentence, and a second on the first article's cost
    spots = [(1, *BRIDGE.sentences[0]), (2, *PLAN.sentences[0]), (3, *BIKES.sentences[0]), (1, *BRIDGE.sentences[2])]
    a, b, c, d = (add_claim(handmade_db, *spot, "ana").id for spot in spots)
    kept = links.add_link(handmade_db, a, b, "same", "ana")
    removed = links.add_link(handmade_db, a, c, "supports", "ana")
    links.delete_link(handmade_db, removed.id, "ana")
    again = links.add_link(handmade_db, b, d, "related", "ana")
    links.delete_link(handmade_db, again.id, "ana")
    links.add_link(handmade_db, b, d, "related", "ana")  # removed, then linked again: kept
    assert kept.id
    assert link_evidence.decided_pairs(handmade_db) == [(a, b, True), (b, d, True), (a, c, False)]
    assert link_evidence.decided_links(handmade_db) == [(a, b, True), (b, d, True), (a, c, False)]


def test_learnt_weights_for_a_database_without_decisions_are_the_shipped_ones(handmade_db):
    assert link_evidence.learned_weights(handmade_db, {}) == DEFAULT_WEIGHTS
