"""Cross-reading over the stored demo corpus: proposals, conflicts, confirming and candidates."""

from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim, list_claims


def sentence_with(corpus, article_id, words):
    return next(s for s in corpus.sentences if s.article_id == article_id and words in s.text)


def test_the_release_date_contradiction_is_flagged_in_a_corpus_without_claims(demo_db):
    flagged = crossread.corpus_conflicts(demo_db, crossread.load_corpus(demo_db))
    described = [f.conflict.describe() for f in flagged]
    assert any("2024-01" in d and "2025-01, late" in d for d in described)
    assert all(f.decision is None for f in flagged)


def test_confirming_a_conflict_tags_both_sentences_and_links_them(demo_db):
    corpus = crossread.load_corpus(demo_db)
    flagged = next(f for f in crossread.corpus_conflicts(demo_db, corpus) if "2024-01" in f.conflict.describe())
    link = crossread.confirm_conflict(demo_db, flagged, "ana")
    assert link.relation == "contradicts"
    tagged = {(c.article_id, c.start, c.end) for c in list_claims(demo_db)}
    assert (flagged.conflict.a.article_id, flagged.conflict.a.start, flagged.conflict.a.end) in tagged
    assert (flagged.conflict.b.article_id, flagged.conflict.b.start, flagged.conflict.b.end) in tagged
    again = crossread.corpus_conflicts(demo_db, crossread.load_corpus(demo_db))
    assert next(f for f in again if f.key == flagged.key).decision == "confirmed"
    crossread.confirm_conflict(demo_db, flagged, "ana")  # twice: nothing new
    assert len(links.links_of(demo_db)) == 1 and len(list_claims(demo_db)) == 2


def test_proposals_for_a_claim_come_from_other_articles_and_carry_conflicts(demo_db):
    corpus = crossread.load_corpus(demo_db)
    dated = sentence_with(corpus, 3, "2024")
    claim = add_claim(demo_db, 3, dated.start, dated.end, "ana")
    other = sentence_with(corpus, 2, "6 Millionen Dollar")
    tagged = add_claim(demo_db, 2, other.start, other.end, "ana")
    corpus = crossread.load_corpus(demo_db)
    found = crossread.proposals(corpus, claim.id)
    assert found and all(p.passage.article_id != 3 for p in found)
    assert any(p.conflicts for p in found)
    offered = {p.claim_id for p in crossread.proposals(corpus, claim.id, top=300)}
    assert tagged.id in offered  # a tagged sentence is offered as its claim
    assert crossread.proposals(corpus, 99_999) == []


def test_claim_suggestions_pair_existing_claims_only(demo_db):
    corpus = crossread.load_corpus(demo_db)
    for article_id, words in ((2, "6 Millionen Dollar"), (5, "6 Millionen"), (3, "2024")):
        s = sentence_with(corpus, article_id, words)
        add_claim(demo_db, article_id, s.start, s.end, "ana")
    corpus = crossread.load_corpus(demo_db)
    pairs = crossread.claim_suggestions(corpus, top=2)
    ids = set(corpus.claims)
    assert pairs and all(a in ids and b in ids and a != b for a, b, _ in pairs)


def test_candidates_leave_out_sentences_already_tagged(demo_db):
    corpus = crossread.load_corpus(demo_db)
    first = crossread.candidates(corpus)
    assert first
    add_claim(demo_db, first[0].article_id, first[0].start, first[0].end, "ana")
    again = crossread.candidates(crossread.load_corpus(demo_db))
    assert (first[0].article_id, first[0].start) not in {(c.article_id, c.start) for c in again}
