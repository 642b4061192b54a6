"""Links between claims: made, changed, removed, undone; they go with their claims."""

import pytest

from gegenlesen.storage import history
from gegenlesen.storage.claims import add_claim, delete_claim, get_claim
from gegenlesen.storage.links import (
    LinkError, add_link, decide_conflict, decisions, delete_link, get_link, link_counts, links_of, set_relation,
)


@pytest.fixture
def claims(handmade_db):
    return [add_claim(handmade_db, article_id, 0, 40, "ana").id for article_id in (1, 2, 3)]


def test_a_link_is_stored_and_shows_on_both_claims(handmade_db, claims):
    a, b, c = claims
    link = add_link(handmade_db, a, b, "contradicts", "ana")
    assert (link.claim_a, link.claim_b, link.relation, link.annotator) == (a, b, "contradicts", "ana")
    assert [l.id for l in links_of(handmade_db, [a])] == [link.id] == [l.id for l in links_of(handmade_db, [b])]
    assert link_counts(handmade_db, [a, b, c]) == {a: 1, b: 1, c: 0}
    assert link.other(a) == b and link.other(b) == a


@pytest.mark.parametrize("case, message", [
    ("self", "cannot be linked to itself"),
    ("gone", "is gone"),
    ("relation", "Unknown relation"),
    ("twice", "already linked"),
])
def test_bad_links_are_refused_and_nothing_is_stored(handmade_db, claims, case, message):
    a, b, _ = claims
    if case == "twice":
        add_link(handmade_db, a, b, "same", "ana")
    before = len(links_of(handmade_db))
    arguments = {"self": (a, a, "same"), "gone": (a, 999, "same"), "relation": (a, b, "agrees"), "twice": (b, a, "related")}
    with pytest.raises(LinkError, match=message):
        add_link(handmade_db, *arguments[case], "ana")
    assert len(links_of(handmade_db)) == before


def test_cycles_are_fine(handmade_db, claims):
    a, b, c = claims
    for x, y in ((a, b), (b, c), (c, a)):
        add_link(handmade_db, x, y, "same", "ana")
    assert link_counts(handmade_db, claims) == {a: 2, b: 2, c: 2}


def test_relation_changes_and_deletes_are_undone(handmade_db, claims):
    a, b, _ = claims
    link = add_link(handmade_db, a, b, "related", "ana")
    set_relation(handmade_db, link.id, "supports", "ana")
    delete_link(handmade_db, link.id, "ana")
    assert get_link(handmade_db, link.id) is None
    assert history.undo(handmade_db, "ana").describe() == f"Undid: delete link #{link.id}"
    assert get_link(handmade_db, link.id).relation == "supports"
    history.undo(handmade_db, "ana")
    assert get_link(handmade_db, link.id).relation == "related"
    history.undo(handmade_db, "ana")
    assert get_link(handmade_db, link.id) is None


def test_deleting_a_claim_takes_its_links_and_undo_brings_both_back(handmade_db, claims):
    a, b, c = claims
    first = add_link(handmade_db, a, b, "contradicts", "ana")
    second = add_link(handmade_db, c, a, "supports", "bert")
    delete_claim(handmade_db, a, "ana")
    assert links_of(handmade_db) == []
    history.undo(handmade_db, "ana")
    assert get_claim(handmade_db, a) is not None
    assert [l.id for l in links_of(handmade_db)] == [first.id, second.id]
    history.redo(handmade_db, "ana")
    assert links_of(handmade_db) == []


def test_a_link_comes_back_only_if_its_other_claim_is_there(handmade_db, claims):
    a, b, _ = claims
    add_link(handmade_db, a, b, "same", "ana")
    delete_claim(handmade_db, a, "ana")
    delete_claim(handmade_db, b, "bert")
    history.undo(handmade_db, "ana")  # a comes back; b is still deleted
    assert get_claim(handmade_db, a) and links_of(handmade_db) == []
    history.undo(handmade_db, "bert")  # b comes back: the link went with a's deletion, not b's
    assert get_claim(handmade_db, b)


def test_conflict_decisions_are_stored_changed_and_undone(handmade_db):
    decide_conflict(handmade_db, "k1", "dismissed", "ana")
    decide_conflict(handmade_db, "k1", "confirmed", "ana")
    assert decisions(handmade_db) == {"k1": "confirmed"}
    history.undo(handmade_db, "ana")
    assert decisions(handmade_db) == {"k1": "dismissed"}
    history.undo(handmade_db, "ana")
    assert decisions(handmade_db) == {}
    with pytest.raises(LinkError):
        decide_conflict(handmade_db, "k1", "maybe", "ana")


def test_a_batch_is_undone_and_redone_as_one(handmade_db, claims):
    a, b, c = claims
    add_link(handmade_db, a, c, "related", "ana")
    with history.batch(handmade_db):
        link = add_link(handmade_db, a, b, "same", "ana")
        decide_conflict(handmade_db, "k", "confirmed", "ana")
    step = history.undo(handmade_db, "ana")
    assert step.describe() == f"Undid: add link #{link.id} and 1 more change made with it"
    assert get_link(handmade_db, link.id) is None and decisions(handmade_db) == {}
    assert len(links_of(handmade_db)) == 1  # the link before the batch stays
    history.redo(handmade_db, "ana")
    assert get_link(handmade_db, link.id) and decisions(handmade_db) == {"k": "confirmed"}


def test_a_failing_batch_stores_nothing(handmade_db, claims):
    a, b, _ = claims
    with pytest.raises(LinkError):
        with history.batch(handmade_db):
            add_link(handmade_db, a, b, "same", "ana")
            add_link(handmade_db, a, a, "same", "ana")
    assert links_of(handmade_db) == [] and history.undo(handmade_db, "ana").action == "add"
