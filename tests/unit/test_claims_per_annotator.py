"""storage.claims with several annotators in one database: each has their own claim on a span."""

from __future__ import annotations

import pytest

from gegenlesen.storage import history
from gegenlesen.storage.claims import (
    CANDIDATE,
    ClaimError,
    add_claim,
    claim_at,
    delete_claim,
    get_claim,
    list_candidates,
    list_claims,
    mark_candidates,
    update_claim,
)

from .team import TEXTS, new_db, sentences_of

SOURCE = "werk.txt"


@pytest.fixture
def db(tmp_path):
    store = new_db(tmp_path / "team.db", (SOURCE,))
    yield store
    store.close()


def first_sentence() -> tuple[int, int]:
    return sentences_of(TEXTS[SOURCE])[0]


def test_two_annotators_each_tag_the_same_span(db):
    anna = add_claim(db, 1, *first_sentence(), "anna")
    ben = add_claim(db, 1, *first_sentence(), "ben")
    assert anna.id != ben.id and (anna.start, anna.end) == (ben.start, ben.end)
    assert [(claim.id, claim.annotator) for claim in list_claims(db)] == [(anna.id, "anna"), (ben.id, "ben")]
    with pytest.raises(ClaimError, match=f"already claim #{ben.id}"):
        add_claim(db, 1, *first_sentence(), "ben")
    assert len(list_claims(db)) == 2


def test_claim_at_finds_one_annotators_claim_or_anyones(db):
    anna = add_claim(db, 1, *first_sentence(), "anna")
    ben = add_claim(db, 1, *first_sentence(), "ben")
    assert claim_at(db, 1, *first_sentence(), annotator="ben") == ben.id
    assert claim_at(db, 1, *first_sentence(), annotator="anna") == anna.id
    assert claim_at(db, 1, *first_sentence()) == anna.id  # anyone's: the oldest
    assert claim_at(db, 1, *first_sentence(), annotator="cleo") is None


def test_changing_and_deleting_one_annotators_claim_leaves_the_others(db):
    anna = add_claim(db, 1, *first_sentence(), "anna")
    ben = add_claim(db, 1, *first_sentence(), "ben")
    update_claim(db, anna.id, "anna", verdict="false", type="event", note="Zahl prüfen")
    update_claim(db, ben.id, "ben", verdict="true")
    assert (get_claim(db, anna.id).verdict, get_claim(db, ben.id).verdict) == ("false", "true")
    assert get_claim(db, ben.id).note == "" and get_claim(db, ben.id).type is None
    delete_claim(db, anna.id, "anna")
    assert [claim.id for claim in list_claims(db)] == [ben.id]


def test_each_annotator_undoes_only_their_own_claim_on_a_shared_span(db):
    anna = add_claim(db, 1, *first_sentence(), "anna")
    ben = add_claim(db, 1, *first_sentence(), "ben")
    update_claim(db, ben.id, "ben", verdict="misleading")
    step = history.undo(db, "anna")  # anna's newest action is her tag; ben's later work is his
    assert (step.action, step.target, step.changed) == ("add", anna.id, True)
    assert [(claim.id, claim.verdict) for claim in list_claims(db)] == [(ben.id, "misleading")]
    history.undo(db, "ben")
    assert get_claim(db, ben.id).verdict == "unchecked"
    history.undo(db, "ben")
    assert list_claims(db) == []
    history.redo(db, "anna")
    assert [claim.annotator for claim in list_claims(db)] == ["anna"]


def test_an_accepted_candidate_is_the_claim_of_who_accepted_it(db):
    start, end = first_sentence()
    assert mark_candidates(db, [(1, start, end)], "anna") == 1
    (candidate,) = list_candidates(db, [1])
    claim = add_claim(db, 1, start, end, "ben")  # tagging a candidate accepts it
    assert (claim.id, claim.annotator, claim.status) == (candidate.id, "ben", "claim")
    other = add_claim(db, 1, start, end, "anna")  # anna may still judge the sentence herself
    assert other.id != claim.id and other.annotator == "anna"
    history.undo(db, "anna")
    history.undo(db, "ben")  # the acceptance taken back: anna's candidate again
    again = get_claim(db, candidate.id)
    assert (again.status, again.annotator) == (CANDIDATE, "anna")


def test_a_span_someone_tagged_is_proposed_to_nobody(db):
    add_claim(db, 1, *first_sentence(), "anna")
    assert mark_candidates(db, [(1, *first_sentence())], "ben") == 0
