"""Links between claims: made, changed, removed, undone; they go with their claims."""

import pytest

from gegenlesen.storage import history
from gegenlesen.storage.claims import add_claim, delete_claim, get_claim
from gegenlesen.storage.links import (
    LinkError, add_link, decide_conflict, decisions, delete_link, get_link, link_counts, links_of, set_relation,
)


@pytest.fixture
def claims(demo_db):
    return [add_claim(demo_db, article_id, 0, 40, "ana").id for article_id in (1, 2, 3)]


def test_a_link_is_stored_and_shows_on_both_claims(demo_db, claims):
    a, b, c = claims
    link = add_link(demo_db, a, b, "contradicts", "ana")
    assert (link.claim_a, link.claim_b, link.relation, link.annotator) == (a, b, "contradicts", "ana")
    assert [l.id for l in links_of(demo_db, [a])] == [link.id] == [l.id for l in links_of(demo_db, [b])]
    assert link_counts(demo_db, [a, b, c]) == {a: 1, b: 1, c: 0}
    assert link.other(a) == b and link.other(b) == a


@pytest.mark.parametrize("case, message", [
    ("self", "cannot be linked to itself"),
    ("gone", "is gone"),
    ("relation", "Unknown relation"),
    ("twice", "already linked"),
])
def test_bad_links_are_refused_and_nothing_is_stored(demo_db, claims, case, message):
    a, b, _ = claims
    if case == "twice":
        add_link(demo_db, a, b, "same", "ana")
    before = len(links_of(demo_db))
    arguments = {"self": (a, a, "same"), "gone": (a, 999, "same"), "relation": (a, b, "agrees"), "twice": (b, a, "related")}
    with pytest.raises(LinkError, match=message):
        add_link(demo_db, *arguments[case], "ana")
    assert len(links_of(demo_db)) == before


def test_cycles_are_fine(demo_db, claims):
    a, b, c = claims
    for x, y in ((a, b), (b, c), (c, a)):
        add_link(demo_db, x, y, "same", "ana")
    assert link_counts(demo_db, claims) == {a: 2, b: 2, c: 2}


def test_relation_changes_and_deletes_are_undone(demo_db, claims):
    a, b, _ = claims
    link = add_link(demo_db, a, b, "related", "ana")
    set_relation(demo_db, link.id, "supports", "ana")
    delete_link(demo_db, link.id, "ana")
    assert get_link(demo_db, link.id) is None
    assert history.undo(demo_db, "ana").describe() == f"Undid: delete link #{link.id}"
    assert get_link(demo_db, link.id).relation == "supports"
    history.undo(demo_db, "ana")
    assert get_link(demo_db, link.id).relation == "related"
    history.undo(demo_db, "ana")
    assert get_link(demo_db, link.id) is None


def test_deleting_a_claim_takes_its_links_and_undo_brings_both_back(demo_db, claims):
    a, b, c = claims
    first = add_link(demo_db, a, b, "contradicts", "ana")
    second = add_link(demo_db, c, a, "supports", "bert")
    delete_claim(demo_db, a, "ana")
    assert links_of(demo_db) == []
    history.undo(demo_db, "ana")
    assert get_claim(demo_db, a) is not None
    assert [l.id for l in links_of(demo_db)] == [first.id, second.id]
    history.redo(demo_db, "ana")
    assert links_of(demo_db) == []


def test_a_link_comes_back_only_if_its_other_claim_is_there(demo_db, claims):
    a, b, _ = claims
    add_link(demo_db, a, b, "same", "ana")
    delete_claim(demo_db, a, "ana")
    delete_claim(demo_db, b, "bert")
    history.undo(demo_db, "ana")  # a comes back; b is still deleted
    assert get_claim(demo_db, a) and links_of(demo_db) == []
    history.undo(demo_db, "bert")  # b comes back: the link went with a's deletion, not b's
    assert get_claim(demo_db, b)


def test_conflict_decisions_are_stored_changed_and_undone(demo_db):
    decide_conflict(demo_db, "k1", "dismissed", "ana")
    decide_conflict(demo_db, "k1", "confirmed", "ana")
    assert decisions(demo_db) == {"k1": "confirmed"}
    history.undo(demo_db, "ana")
    assert decisions(demo_db) == {"k1": "dismissed"}
    history.undo(demo_db, "ana")
    assert decisions(demo_db) == {}
    with pytest.raises(LinkError):
        decide_conflict(demo_db, "k1", "maybe", "ana")


def test_a_batch_is_undone_and_redone_as_one(demo_db, claims):
    a, b, c = claims
    add_link(demo_db, a, c, "related", "ana")
    with history.batch(demo_db):
        link = add_link(demo_db, a, b, "same", "ana")
        decide_conflict(demo_db, "k", "confirmed", "ana")
    step = history.undo(demo_db, "ana")
    assert step.describe() == f"Undid: add link #{link.id} and 1 more change made with it"
    assert get_link(demo_db, link.id) is None and decisions(demo_db) == {}
    assert len(links_of(demo_db)) == 1  # the link before the batch stays
    history.redo(demo_db, "ana")
    assert get_link(demo_db, link.id) and decisions(demo_db) == {"k": "confirmed"}


def test_a_failing_batch_stores_nothing(demo_db, claims):
    a, b, _ = claims
    with pytest.raises(LinkError):
        with history.batch(demo_db):
            add_link(demo_db, a, b, "same", "ana")
            add_link(demo_db, a, a, "same", "ana")
    assert links_of(demo_db) == [] and history.undo(demo_db, "ana").action == "add"
