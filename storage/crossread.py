"""Cross-reading over the stored corpus: suggestions for a claim, conflicts, candidates.

The ranking, comparing and assembling of passages is `corpus.crossref` (pure); this module
reads what it needs from the store (passages, the links the ranking learns from) and writes
what the user decides (claims, links, conflict decisions).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref import Conflict, find_conflicts, name_index
from gegenlesen.corpus.crossref.candidates import CheckWorthy, untagged_candidates
from gegenlesen.corpus.crossref.conflicts import CONFLICT_LABELS
from gegenlesen.corpus.crossref.flags import FlaggedConflict, conflict_key, flag_conflicts, group_key
from gegenlesen.corpus.crossref.learning import SHOWN
from gegenlesen.corpus.crossref.passages import ClaimSpan, Passages, article_and_claims
from gegenlesen.corpus.crossref import proposals as proposals_module
from gegenlesen.corpus.crossref.proposals import ClaimPool, Proposal, Shortlisting, rank_proposals
from gegenlesen.corpus.crossref.recurring import Recurring, recurring_figures
from gegenlesen.corpus.crossref.shortlist import SHORTLIST
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, Suggestion, Weights
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.storage import articles, claims as claim_store, crossindex, history, link_evidence, links
from gegenlesen.storage.crossindex import BuildCancelled, Cancelled, CrossIndex, Progress
from gegenlesen.storage.db import Store, write

__all__ = [
    # what this module does: read the passages, learn the weights, write what the user decides
    "Corpus", "load_corpus", "ranking_weights", "with_learnt_weights", "proposals", "sentence_passage",
    "sentence_proposals", "claim_suggestions", "corpus_conflicts", "confirm_conflict", "claim_for", "candidates",
    "link_recurring", "link_to_passage", "SentenceLinked", "link_sentence",
    # the pure parts (corpus.crossref), named here for the callers that hold a Corpus
    "ClaimPool", "SHORTLIST", "recurring_figures",
]


@dataclass(frozen=True)
class Corpus(Passages):
    """The passages of some articles, as the store holds them, ranked with this database's
    weights (`weights`: learnt from the user's links when there is enough evidence)."""

    index: CrossIndex | None = field(default=None, compare=False, repr=False)
    """The index these passages come from (the whole corpus): candidates are found through it."""
    db: Store | None = field(default=None, compare=False, repr=False)
    learn: bool = field(default=False, compare=False, repr=False)
    """Rank with the weights learnt from the database's links (`ranking_weights`), worked
    out when a ranking first needs them (conflicts and candidates never do)."""


def load_corpus(db: Store, article_ids: list[int] | None = None, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Corpus:
    """The passages of the given articles, or of every current article (through the
    cross-reading index, which is built once and then only brought up to date).

    The whole corpus (no `article_ids`) is ranked with the weights learnt from the user's
    links (`ranking_weights`): both the link dialog (`proposals`) and `links suggest`
    (`claim_suggestions`) load it this way.

    Raises:
        BuildCancelled: `cancelled` said so while the index was being built.
    """
    if article_ids is None:
        index = crossindex.current(db, progress, cancelled)
        return Corpus(index.sentences(), index.claims(), DEFAULT_WEIGHTS, index, db, learn=True)
    ids = article_ids
    mentions = articles.entities(db, ids)
    index = name_index(mentions, {a: t for a, t in db.execute(
        f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {})
    by_article: dict[int, list] = {article_id: [] for article_id in ids}
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    claims_by_article: dict[int, list[ClaimSpan]] = {}
    for claim in claim_store.list_claims(db, ids):
        claims_by_article.setdefault(claim.article_id, []).append(ClaimSpan(claim.id, claim.start, claim.end))
    sentences: list[Passage] = []
    claim_passages: dict[int, Passage] = {}
    for article_id in ids:
        article = articles.get_article(db, article_id)
        if article is None:
            continue
        found, on_claims = article_and_claims(article_id, article.text, articles.sentences(db, article_id),
                                              by_article[article_id], claims_by_article.get(article_id, ()), index)
        sentences += found
        claim_passages.update(on_claims)
    return Corpus(sentences, claim_passages)


_learnt: dict[str, tuple[tuple, Weights]] = {}
"""Database file -> (the state of the index and of the evidence, the weights learnt from it)."""
_shown: dict[tuple[str, int], list[Passage]] = {}
"""(database file, claim id) -> the proposals shown for it with the shipped weights, as
first ranked in this process (close to what the user saw when linking; ranking them again
after every new claim would cost seconds at 10,000 articles)."""


def with_learnt_weights(corpus: Corpus) -> Corpus:
    """The corpus ranked with its database's own weights (`ranking_weights`) where it
    learns (`Corpus.learn`), else as it is."""
    if not corpus.learn or corpus.db is None:
        return corpus
    return dataclasses.replace(corpus, weights=ranking_weights(corpus.db, corpus), learn=False)


def claim_suggestions(corpus: Corpus, top: int = 3) -> list[tuple[int, int, Suggestion]]:
    """For every claim, its `top` candidate claims among the existing claims (claim,
    candidate, suggestion), ranked with the database's own weights (`with_learnt_weights`)."""
    return proposals_module.claim_suggestions(with_learnt_weights(corpus), top)


def ranking_weights(db: Store, corpus: Corpus) -> Weights:
    """The weights proposals are ranked with in this database: learnt from the links the
    user kept, removed and passed over (`link_evidence`), or the shipped ones while that is
    too little evidence (`corpus.crossref.learning.enough_evidence`). Learnt again only
    when the passages or the links changed."""
    key = str(db.path.resolve()) if db.path else ""
    seq = corpus.index.seq if corpus.index is not None else -1
    state = (seq, *link_evidence.evidence_state(db))
    cached = _learnt.get(key)
    if cached is not None and cached[0] == state:
        return cached[1]

    def shown(claim_id: int) -> list[Passage]:
        found = _shown.get((key, claim_id))
        if found is None:
            found = _shown[(key, claim_id)] = [
                p.passage for p in proposals(corpus, claim_id, top=SHOWN, weights=DEFAULT_WEIGHTS, conflicts=False)
            ]
        return found

    weights = link_evidence.learned_weights(db, corpus.claims, shown)
    _learnt[key] = (state, weights)
    return weights


def proposals(corpus: Corpus, claim_id: int, top: int = 8, shortlisted: int | None = SHORTLIST,
              weights: Weights | None = None, conflicts: bool = True) -> list[Proposal]:
    """The best claims and sentences in other articles for one claim, best first, each with
    the conflicts it would raise. A sentence that is a claim already is offered as that claim.

    With the corpus's index, only the passages of the likeliest articles are looked at (one
    article of each group of near-duplicates), and of those only the `shortlisted` sharing
    the most names, figures and words with the claim are ranked (None: all of them), so
    that one claim takes milliseconds at 10,000 articles.

    Args:
        weights: rank with these instead of the corpus's (its database's own, see
            `with_learnt_weights`).
        conflicts: False leaves out looking for the conflicts each proposal would raise.
    """
    own = corpus.claims.get(claim_id)
    if own is None:
        return []
    return _ranked(corpus, own, claim_id, top, shortlisted, weights, conflicts)


def sentence_passage(corpus: Corpus, article_id: int, start: int, end: int) -> Passage | None:
    """The passage of the sentence at exactly (start, end) of an article, if the corpus has it."""
    if corpus.index is not None:
        entry = corpus.index.entries.get(article_id)
        found = entry.sentences if entry is not None else []
    else:
        found = [p for p in corpus.sentences if p.article_id == article_id]
    return next((p for p in found if (p.start, p.end) == (start, end)), None)


def sentence_proposals(corpus: Corpus, article_id: int, start: int, end: int, top: int = 8,
                       shortlisted: int | None = SHORTLIST) -> list[Proposal]:
    """The best claims and sentences in other articles for a sentence that is no claim yet,
    ranked as `proposals` ranks them for a claim; none if the corpus lacks that sentence
    (an article not analysed, or changed since)."""
    own = sentence_passage(corpus, article_id, start, end)
    if own is None:
        return []
    return _ranked(corpus, own, None, top, shortlisted, None, True)


def _ranked(corpus: Corpus, own: Passage, claim_id: int | None, top: int, shortlisted: int | None,
            weights: Weights | None, conflicts: bool) -> list[Proposal]:
    """Rank the corpus's passages for `own` (claim `claim_id`, or None for a sentence)."""
    index = corpus.index
    if index is not None and corpus.db is not None:
        chosen = set(index.candidate_articles(corpus.db, own))
        claim_pool = {cid: p for a in chosen for cid, p in index.entries[a].claims.items()}
        sentence_pool = [p for a in sorted(chosen) for p in index.entries[a].sentences]
    else:
        claim_pool, sentence_pool = corpus.claims, corpus.sentences
    shortlisting = None
    if index is not None and shortlisted is not None:
        postings = index.name_postings
        shortlisting = Shortlisting(shortlisted, lambda key: len(postings.get(key, ())), len(index.entries))
    if weights is None:
        weights = with_learnt_weights(corpus).weights
    return rank_proposals(claim_id, own, claim_pool, sentence_pool, top, weights, shortlisting,
                          index.near if index else None, conflicts)


def corpus_conflicts(db: Store, corpus: Corpus, cancelled: Cancelled | None = None) -> list[FlaggedConflict]:
    """Possible contradictions in the corpus: between linked claims, and between any two
    passages of different articles that share a name, a kind of value and a word near the
    value (`CrossIndex.conflict_pairs`); near-duplicate articles count as one. Each once."""
    index = corpus.index
    cached = index.cache.get("conflicts") if index is not None else None
    if cached is None:
        with crossindex.paused_gc():
            found = _find_conflicts(corpus, index, cancelled)
        if index is not None:
            index.cache["conflicts"] = dict(found)
    else:
        found = dict(cached)
    stored = links.links_of(db, list(corpus.claims))
    for link in stored:
        a, b = corpus.claims.get(link.claim_a), corpus.claims.get(link.claim_b)
        if a is not None and b is not None:
            for conflict in find_conflicts(a, b):
                found.setdefault(conflict_key(conflict), conflict)
    linked = [(link.claim_a, link.claim_b, link.relation) for link in stored]
    return flag_conflicts(list(found.values()), corpus, linked, links.decisions_in_order(db))


def _find_conflicts(corpus: Corpus, index: CrossIndex | None, cancelled: Cancelled | None) -> dict[str, Conflict]:
    """The contradictions between passages of the corpus, by key (see `corpus_conflicts`)."""
    found: dict[str, Conflict] = {}
    helper = index if index is not None else CrossIndex()
    passages = [p for p in corpus.sentences + list(corpus.claims.values())
                if any(f.label in CONFLICT_LABELS for f in p.figures)]
    seen_groups: set[tuple] = set()
    ordered = sorted(helper.conflict_pairs(passages),
                     key=lambda pair: (pair[0].article_id, pair[0].start, pair[1].article_id, pair[1].start))
    for done, (a, b) in enumerate(ordered):
        if cancelled is not None and done % 500 == 0 and cancelled():
            raise BuildCancelled()
        for conflict in find_conflicts(a, b, helper.near):
            group = group_key(helper.representative, conflict)
            if group in seen_groups and conflict_key(conflict) not in found:
                continue  # the same contradiction with a copy of one of the articles
            seen_groups.add(group)
            found.setdefault(conflict_key(conflict), conflict)
    return found


def confirm_conflict(db: Store, flagged: FlaggedConflict, annotator: str) -> links.Link:
    """Make both passages claims (where they are not yet) and link them as contradicting:
    one transaction, undone as one."""
    with history.batch(db):
        first = claim_for(db, flagged.conflict.a, annotator)
        second = claim_for(db, flagged.conflict.b, annotator)
        existing = links.link_between(db, first, second)
        link = existing if existing else links.add_link(db, first, second, "contradicts", annotator)
        if existing and existing.relation != "contradicts":
            link = links.set_relation(db, existing.id, "contradicts", annotator)
        links.decide_conflict(db, flagged.key, "confirmed", annotator)
    return link


def claim_for(db: Store, passage: Passage, annotator: str) -> int:
    """The id of the claim sitting on this passage (on exactly it, else one starting where
    it starts, else one inside it or covering it), tagging the passage first where there is
    none (a candidate there is accepted): never a second claim on one sentence."""
    with write(db):
        found = claim_store.claims_on(db, passage.article_id, passage.start, passage.end)
        return found[0] if found else claim_store.add_claim(db, passage.article_id, passage.start, passage.end, annotator).id


def candidates(corpus: Corpus) -> list[CheckWorthy]:
    """Sentences that look worth checking and are no claim yet."""
    return untagged_candidates(corpus.sentences, corpus.claims.values())


def link_recurring(db: Store, recurring: Recurring, annotator: str) -> int:
    """Tag the sentence giving the figure in each article and link them as the same claim,
    each to the first; returns how many links were made (existing ones are kept). Undone as one."""
    made = 0
    with history.batch(db):
        claim_ids = [claim_for(db, passage, annotator) for passage in recurring.passages]
        for other in claim_ids[1:]:
            if other != claim_ids[0] and links.link_between(db, claim_ids[0], other) is None:
                links.add_link(db, claim_ids[0], other, "same", annotator)
                made += 1
    return made


def link_to_passage(db: Store, claim_id: int, proposal: Proposal, relation: str, annotator: str) -> int:
    """Link a claim to a proposal, tagging the proposed sentence first if it is no claim
    yet; returns the other claim's id. Undone as one."""
    with history.batch(db):
        target = proposal.claim_id or claim_for(db, proposal.passage, annotator)
        links.add_link(db, claim_id, target, relation, annotator)
    return target


@dataclass(frozen=True)
class SentenceLinked:
    """What `link_sentence` did."""

    claim_id: int
    """The sentence's claim (tagged now, or the one already on it)."""
    tagged: bool
    """Whether the sentence was tagged now (False: a claim already sat on it)."""
    target: int
    """The other claim's id."""


def link_sentence(db: Store, article_id: int, start: int, end: int, proposal: Proposal, relation: str,
                  annotator: str) -> SentenceLinked:
    """Tag a sentence as `annotator`'s claim (reusing a claim already on it, see
    `claims_on`) and link it to a proposal (tagging the proposed sentence too if it is no
    claim yet): one transaction, undone as one.

    Raises:
        ClaimError: the article is gone or the span is empty.
        LinkError: the two are linked already.
    """
    with history.batch(db):
        found = claim_store.claims_on(db, article_id, start, end)
        source = found[0] if found else claim_store.add_claim(db, article_id, start, end, annotator).id
        target = proposal.claim_id or claim_for(db, proposal.passage, annotator)
        links.add_link(db, source, target, relation, annotator)
    return SentenceLinked(source, not found, target)
