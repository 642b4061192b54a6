"""One contradiction between two sentences is one entry, found on the sentences or on claims
inside them, and a pair the user linked or decided is not open (issue 12, item 2)."""

from __future__ import annotations

from gegenlesen.corpus.crossref.conflicts import Conflict, Sentences, conflict_pair
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.corpus.crossref.flags import conflict_key, flag_conflicts
from gegenlesen.corpus.crossref.passages import Passages as Corpus

from .test_crossref_conflicts import date

JAN_2024, JAN_2025 = date("2024-01"), date("2025-01", qualifier="late")
SENTENCE_A = Passage(3, 500, 700, "DeepSeek … Januar 2024 …")
SENTENCE_B = Passage(4, 270, 480, "DeepSeek … Ende Januar 2025 …")
CLAIM_A = Passage(3, 500, 699, "DeepSeek … Januar 2024")  # the same start, one character shorter
CLAIM_B = Passage(4, 300, 480, "… Ende Januar 2025 …")  # inside the sentence
OTHER_SENTENCE = Passage(4, 480, 600, "DeepSeek … 2025 …")
CORPUS = Corpus([SENTENCE_A, SENTENCE_B, OTHER_SENTENCE], {1: CLAIM_A, 2: CLAIM_B})


def conflict(a: Passage, b: Passage) -> Conflict:
    return Conflict("DeepSeek", "DATE", a, b, JAN_2024 if a.article_id == 3 else JAN_2025,
                    JAN_2025 if b.article_id == 4 else JAN_2024)


ON_SENTENCES = conflict(SENTENCE_A, SENTENCE_B)
ON_CLAIMS = conflict(CLAIM_B, CLAIM_A)  # found from the other side
MIXED = conflict(CLAIM_A, SENTENCE_B)
ALL_FORMS = [ON_SENTENCES, MIXED, ON_CLAIMS]


def test_a_claim_sits_on_the_sentence_it_starts_in():
    sentences = Sentences(CORPUS.sentences)
    assert sentences.unit(3, 500) == sentences.unit(3, 650) == (3, 500)
    assert sentences.unit(4, 300) == (4, 270) and sentences.unit(4, 480) == (4, 480)
    assert sentences.unit(3, 900) == (3, 900) and sentences.unit(9, 5) == (9, 5)  # no sentence there
    assert conflict_pair(ON_SENTENCES, sentences) == conflict_pair(ON_CLAIMS, sentences) == ((3, 500), (4, 270), "DATE")


def test_found_on_sentences_and_on_claims_it_is_listed_once_in_the_claim_form():
    [flagged] = flag_conflicts(ALL_FORMS, CORPUS, [], [])
    assert flagged.conflict == ON_CLAIMS and flagged.key == conflict_key(ON_CLAIMS)
    assert flagged.decision is None and flagged.relation is None


def test_other_sentences_or_other_kinds_of_value_stay_apart():
    elsewhere = conflict(SENTENCE_A, OTHER_SENTENCE)
    money = Conflict("DeepSeek", "MONEY", SENTENCE_A, SENTENCE_B, JAN_2024, JAN_2025)
    assert len(flag_conflicts([*ALL_FORMS, elsewhere, money], CORPUS, [], [])) == 3


def test_claims_linked_as_contradicting_with_l_are_confirmed_not_open():
    [flagged] = flag_conflicts(ALL_FORMS, CORPUS, [(2, 1, "contradicts")], [])
    assert (flagged.decision, flagged.relation) == ("confirmed", "contradicts")


def test_claims_linked_otherwise_are_decided_as_linked():
    [flagged] = flag_conflicts([ON_SENTENCES], CORPUS, [(1, 2, "supports")], [])
    assert (flagged.decision, flagged.relation) == ("linked", "supports")
    assert flag_conflicts([ON_SENTENCES], CORPUS, [(1, 99, "contradicts")], [])[0].decision is None


def test_a_dismissal_made_on_the_sentences_stays_when_the_claims_are_tagged_and_linked():
    dismissed = [(conflict_key(ON_SENTENCES), "dismissed")]
    [flagged] = flag_conflicts(ALL_FORMS, CORPUS, [(1, 2, "contradicts")], dismissed)
    assert flagged.conflict == ON_CLAIMS and flagged.decision == "dismissed"
    [alone] = flag_conflicts([ON_CLAIMS], CORPUS, [], dismissed)  # even when the sentences are no longer compared
    assert alone.decision == "dismissed"


def test_the_latest_decision_on_any_form_stands():
    decided = [(conflict_key(ON_SENTENCES), "dismissed"), (conflict_key(ON_CLAIMS), "confirmed")]
    assert flag_conflicts(ALL_FORMS, CORPUS, [], decided)[0].decision == "confirmed"
    assert flag_conflicts(ALL_FORMS, CORPUS, [], decided[::-1])[0].decision == "dismissed"


def test_open_ones_come_first():
    elsewhere = conflict(SENTENCE_A, OTHER_SENTENCE)
    flagged = flag_conflicts([*ALL_FORMS, elsewhere], CORPUS, [(1, 2, "contradicts")], [])
    assert [f.decision for f in flagged] == [None, "confirmed"]
