"""Cross-reading over the stored corpus: suggestions for a claim, conflicts, candidates.

The ranking and comparing is `corpus.crossref` (pure); this module reads what it needs
from the store and writes what the user decides (claims, links, conflict decisions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref import (
    CheckWorthy, Conflict, ConflictPair, Passage, Sentences, Suggestion, Unit, article_passages, claim_candidates,
    conflict_pair, find_conflicts, name_index, passage_for_span, suggest,
)
from gegenlesen.corpus.crossref.units import context_start_for
from gegenlesen.corpus.entities import describe_value
from gegenlesen.corpus.crossref.conflicts import CONFLICT_LABELS
from gegenlesen.corpus.crossref.shortlist import SHORTLIST, shortlist
from gegenlesen.storage import articles, claims as claim_store, crossindex, history, links
from gegenlesen.storage.crossindex import BuildCancelled, Cancelled, CrossIndex, Progress
from gegenlesen.storage.claims import Claim
from gegenlesen.storage.db import Store, write

@dataclass(frozen=True)
class Corpus:
    """The passages of some articles: every sentence, and every claim, ready to compare."""

    sentences: list[Passage]
    claims: dict[int, Passage]
    """Claim id -> its passage."""
    index: CrossIndex | None = field(default=None, compare=False, repr=False)
    """The index these passages come from (the whole corpus): candidates are found through it."""
    db: Store | None = field(default=None, compare=False, repr=False)


def load_corpus(db: Store, article_ids: list[int] | None = None, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Corpus:
    """The passages of the given articles, or of every current article (through the
    cross-reading index, which is built once and then only brought up to date).

    Raises:
        BuildCancelled: `cancelled` said so while the index was being built.
    """
    if article_ids is None:
        index = crossindex.current(db, progress, cancelled)
        return Corpus(index.sentences(), index.claims(), index, db)
    ids = article_ids
    mentions = articles.entities(db, ids)
    index = name_index(mentions, {a: t for a, t in db.execute(
        f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {})
    by_article: dict[int, list] = {article_id: [] for article_id in ids}
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    sentences: list[Passage] = []
    claim_passages: dict[int, Passage] = {}
    claims_by_article: dict[int, list[Claim]] = {}
    for claim in claim_store.list_claims(db, ids):
        claims_by_article.setdefault(claim.article_id, []).append(claim)
    for article_id in ids:
        article = articles.get_article(db, article_id)
        if article is None:
            continue
        spans = articles.sentences(db, article_id)
        entities = by_article[article_id]
        sentences += article_passages(article_id, article.text, spans, entities, index)
        for claim in claims_by_article.get(article_id, []):
            claim_passages[claim.id] = passage_for_span(
                article_id, article.text, claim.start, claim.end, entities, index, context_start_for(spans, claim.start)
            )
    return Corpus(sentences, claim_passages)


@dataclass(frozen=True)
class Proposal:
    """A suggestion for a claim: an existing claim (`claim_id`) or a sentence not yet one."""

    suggestion: Suggestion
    claim_id: int | None
    conflicts: tuple[Conflict, ...] = ()

    @property
    def passage(self) -> Passage:
        return self.suggestion.candidate


def proposals(corpus: Corpus, claim_id: int, top: int = 8, shortlisted: int | None = SHORTLIST) -> list[Proposal]:
    """The best claims and sentences in other articles for one claim, best first, each with
    the conflicts it would raise. A sentence that is a claim already is offered as that claim.

    With the corpus's index, only the passages of the likeliest articles are looked at (one
    article of each group of near-duplicates), and of those only the `shortlisted` sharing
    the most names, figures and words with the claim are ranked (None: all of them), so
    that one claim takes milliseconds at 10,000 articles."""
    own = corpus.claims.get(claim_id)
    if own is None:
        return []
    if corpus.index is not None and corpus.db is not None:
        chosen = set(corpus.index.candidate_articles(corpus.db, own))
        entries = corpus.index.entries
        claim_pool = {cid: p for a in chosen for cid, p in entries[a].claims.items()}
        sentence_pool = [p for a in sorted(chosen) for p in entries[a].sentences]
    else:
        claim_pool = {cid: p for cid, p in corpus.claims.items() if cid != claim_id}
        sentence_pool = corpus.sentences
    claim_at = {(p.article_id, p.start, p.end): cid for cid, p in claim_pool.items() if cid != claim_id}
    pool = [p for cid, p in claim_pool.items() if cid != claim_id]
    pool += [s for s in sentence_pool if (s.article_id, s.start, s.end) not in claim_at]
    if corpus.index is not None and shortlisted is not None:
        postings = corpus.index.name_postings
        pool = shortlist(own, [p for p in pool if p.article_id != own.article_id], shortlisted,
                         lambda key: len(postings.get(key, ())), len(corpus.index.entries))
    found = []
    for suggestion in suggest(own, pool, top=top):
        candidate = suggestion.candidate
        found.append(Proposal(suggestion, claim_at.get((candidate.article_id, candidate.start, candidate.end)),
                              tuple(find_conflicts(own, candidate, corpus.index.near if corpus.index else None))))
    return found


def claim_suggestions(corpus: Corpus, top: int = 3) -> list[tuple[int, int, Suggestion]]:
    """For every claim, its `top` candidate claims among the existing claims: (claim, candidate, suggestion)."""
    pool = ClaimPool(corpus)
    result = []
    for claim_id in sorted(corpus.claims):
        result += [(claim_id, candidate, suggestion) for candidate, suggestion in pool.suggest(claim_id, top)]
    return result


COMMON_TOKEN = 0.2
"""A name, figure or word stem in more than this share of the claims finds no candidates."""


class ClaimPool:
    """The corpus's claims, with postings of their names, figures and word stems, so that a
    claim is ranked against the few claims sharing something with it (a short list), not
    against every claim: one claim's suggestions take milliseconds among 10,000 claims."""

    def __init__(self, corpus: Corpus, shortlisted: int | None = SHORTLIST) -> None:
        self.corpus = corpus
        self.shortlisted = shortlisted
        self.by_span = {(p.article_id, p.start, p.end): cid for cid, p in corpus.claims.items()}
        self.postings: dict[str, list[int]] = {}
        for claim_id, passage in corpus.claims.items():
            for token in _tokens(passage):
                self.postings.setdefault(token, []).append(claim_id)

    def suggest(self, claim_id: int, top: int = 3) -> list[tuple[int, Suggestion]]:
        """The `top` claims of other articles that best match this one: (claim id, suggestion)."""
        claims = self.corpus.claims
        passage = claims[claim_id]
        if self.shortlisted is None:
            pool = list(claims.values())
        else:
            common = max(2, COMMON_TOKEN * len(claims))
            found = {other for token in _tokens(passage) for other in self.postings.get(token, ())
                     if len(self.postings[token]) <= common}
            pool = shortlist(passage, [claims[other] for other in sorted(found) if claims[other].article_id != passage.article_id],
                             self.shortlisted)
        return [(self.by_span[(s.candidate.article_id, s.candidate.start, s.candidate.end)], s)
                for s in suggest(passage, pool, top=top)]


def _tokens(passage: Passage) -> set[str]:
    return ({f"n:{key}" for key in passage.all_name_keys} | {f"f:{f.identity}" for f in passage.figures}
            | {f"w:{word}" for word in passage.words})


@dataclass(frozen=True)
class FlaggedConflict:
    """A possible contradiction, with what the user decided about it (None: nothing yet)."""

    conflict: Conflict
    key: str
    decision: str | None
    """'confirmed', 'dismissed', 'linked' (the user linked claims on the two passages as
    something other than contradicting), or None: still open."""
    relation: str | None = None
    """How the user linked claims on the two passages (with `l` or by confirming), if so."""


def conflict_key(conflict: Conflict) -> str:
    sides = sorted([
        (conflict.a.article_id, conflict.a.start, conflict.a.end, conflict.a_figure.identity),
        (conflict.b.article_id, conflict.b.start, conflict.b.end, conflict.b_figure.identity),
    ])
    return "|".join(f"{a}:{s}-{e}:{identity}" for a, s, e, identity in sides)


KEY_SIDE = re.compile(r"(?:^|\|)(\d+):(\d+)-\d+:([A-Z]+):")
"""One side of a `conflict_key`: article id, start, and the label its identity opens with."""


def key_pair(key: str, sentences: Sentences) -> ConflictPair | None:
    """The contradiction a stored decision was made on, whichever form it was made on;
    None for a key that is not two sides of one label."""
    sides = KEY_SIDE.findall(key)
    if len(sides) != 2 or sides[0][2] != sides[1][2]:
        return None
    first, second = sorted(sentences.unit(int(article_id), int(start)) for article_id, start, _ in sides)
    return first, second, sides[0][2]


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
            group = _group_key(helper, conflict)
            if group in seen_groups and conflict_key(conflict) not in found:
                continue  # the same contradiction with a copy of one of the articles
            seen_groups.add(group)
            found.setdefault(conflict_key(conflict), conflict)
    return found


def _group_key(index: CrossIndex, conflict: Conflict) -> tuple:
    """What a contradiction is between when copies of an article count as one article."""
    sides = sorted(
        (index.representative.get(side.article_id, side.article_id), figure.identity)
        for side, figure in ((conflict.a, conflict.a_figure), (conflict.b, conflict.b_figure))
    )
    return (conflict.entity.casefold(), conflict.label, *sides)


def flag_conflicts(
    found: list[Conflict], corpus: Corpus, linked: list[tuple[int, int, str]], decided: list[tuple[str, str]]
) -> list[FlaggedConflict]:
    """One entry per contradiction between two sentences, open ones first.

    A contradiction found on the sentences and again on claims inside them is one entry,
    shown in the form with the most claims. It is decided by the latest decision made on
    any of its forms (`decided`: key and decision, oldest first; a dismissed one stays
    dismissed), else by a link the user made between claims on the two sentences
    (`linked`: claim, claim, relation): 'confirmed' for `contradicts`, 'linked' otherwise.
    """
    sentences = Sentences(corpus.sentences)
    tagged = {(p.article_id, p.start, p.end) for p in corpus.claims.values()}
    claims_in: dict[Unit, list[int]] = {}
    for claim_id, passage in sorted(corpus.claims.items()):
        claims_in.setdefault(sentences.unit(passage.article_id, passage.start), []).append(claim_id)
    relations = {frozenset((a, b)): relation for a, b, relation in linked}
    latest: dict[ConflictPair, str] = {}
    for key, decision in decided:
        pair = key_pair(key, sentences)
        if pair is not None:
            latest[pair] = decision
    forms: dict[ConflictPair, list[Conflict]] = {}
    for conflict in found:
        forms.setdefault(conflict_pair(conflict, sentences), []).append(conflict)
    flagged = []
    for pair, conflicts in forms.items():
        shown = max(conflicts, key=lambda c: sum((p.article_id, p.start, p.end) in tagged for p in (c.a, c.b)))
        made = [relations[frozenset((x, y))] for x in claims_in.get(pair[0], []) for y in claims_in.get(pair[1], [])
                if frozenset((x, y)) in relations]
        relation = "contradicts" if "contradicts" in made else (made[0] if made else None)
        decision = latest.get(pair) or ({"contradicts": "confirmed"}.get(relation, "linked") if relation else None)
        flagged.append(FlaggedConflict(shown, conflict_key(shown), decision, relation))
    return sorted(flagged, key=lambda f: (f.decision is not None, f.conflict.a.article_id, f.conflict.a.start))


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
    tagged = {(p.article_id, p.start, p.end) for p in corpus.claims.values()}
    return [c for c in claim_candidates(corpus.sentences) if (c.article_id, c.start, c.end) not in tagged]


RECURRING_LABELS = ("MONEY", "PERCENT", "DATE")


@dataclass(frozen=True)
class Recurring:
    """One figure or date given by several articles, with the first sentence giving it in each."""

    key: str
    label: str
    value: str
    passages: tuple[Passage, ...]

    @property
    def article_ids(self) -> list[int]:
        return [p.article_id for p in self.passages]


def recurring_figures(corpus: Corpus) -> list[Recurring]:
    """Amounts, percentages and dates that two or more articles give, most articles first."""
    first: dict[str, dict[int, Passage]] = {}
    shown: dict[str, tuple[str, str]] = {}
    for passage in corpus.sentences:
        for figure in passage.figures:
            if figure.label not in RECURRING_LABELS:
                continue
            key = figure.identity
            first.setdefault(key, {}).setdefault(passage.article_id, passage)
            if key not in shown:
                value = {k: v for k, v in figure.value.items() if k not in ("qualifier", "year_assumed")}
                shown[key] = (figure.label, describe_value(figure.label, value) or figure.text)
    found = [
        Recurring(key, shown[key][0], shown[key][1], tuple(by_article[a] for a in sorted(by_article)))
        for key, by_article in first.items() if len(by_article) >= 2
    ]
    return sorted(found, key=lambda r: (-len(r.passages), RECURRING_LABELS.index(r.label), r.value))


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
