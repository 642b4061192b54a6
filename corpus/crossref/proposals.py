"""Proposals for a claim: the best claims and sentences of other articles, ranked, each with
the contradictions it would raise; and each claim's best matches among the claims alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from gegenlesen.corpus.crossref.conflicts import Conflict, find_conflicts
from gegenlesen.corpus.crossref.passages import Passages
from gegenlesen.corpus.crossref.shortlist import SHORTLIST, shortlist
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, Suggestion, Weights, suggest
from gegenlesen.corpus.crossref.units import FigureMention, Passage


@dataclass(frozen=True)
class Proposal:
    """A suggestion for a claim: an existing claim (`claim_id`) or a sentence not yet one."""

    suggestion: Suggestion
    claim_id: int | None
    conflicts: tuple[Conflict, ...] = ()

    @property
    def passage(self) -> Passage:
        return self.suggestion.candidate


@dataclass(frozen=True)
class Shortlisting:
    """How to cut the pool down before ranking: to the `size` passages sharing the most
    with the claim, names weighed by how many of `articles` articles hold them."""

    size: int
    holding: Callable[[str], int]
    """Name key -> how many articles mention it."""
    articles: int


def rank_proposals(
    claim_id: int | None,
    own: Passage,
    claims: Mapping[int, Passage],
    sentences: Iterable[Passage],
    top: int = 8,
    weights: Weights = DEFAULT_WEIGHTS,
    shortlisting: Shortlisting | None = None,
    near: Callable[[Passage, FigureMention], frozenset[str]] | None = None,
    conflicts: bool = True,
) -> list[Proposal]:
    """The `top` claims and sentences of other articles that best match claim `claim_id`
    (passage `own`), best first. A sentence that is a claim already is offered as that claim.

    Args:
        claims: the claims to choose among (claim id -> passage; `claim_id` is left out).
        sentences: the sentences to choose among.
        shortlisting: rank only a short list of the pool (None: all of it).
        near: the words near a value (`conflicts.words_near`, or an index's cached copy).
        conflicts: False leaves out looking for the contradictions each proposal would raise.
    """
    claim_at = {(p.article_id, p.start, p.end): cid for cid, p in claims.items() if cid != claim_id}
    pool = [p for cid, p in claims.items() if cid != claim_id]
    pool += [s for s in sentences if (s.article_id, s.start, s.end) not in claim_at]
    if shortlisting is not None:
        pool = shortlist(own, [p for p in pool if p.article_id != own.article_id], shortlisting.size,
                         shortlisting.holding, shortlisting.articles)
    return [
        Proposal(found, claim_at.get((found.candidate.article_id, found.candidate.start, found.candidate.end)),
                 tuple(find_conflicts(own, found.candidate, near)) if conflicts else ())
        for found in suggest(own, pool, top=top, weights=weights)
    ]


COMMON_TOKEN = 0.2
"""A name, figure or word stem in more than this share of the claims finds no candidates."""


class ClaimPool:
    """The corpus's claims, with postings of their names, figures and word stems, so that a
    claim is ranked against the few claims sharing something with it (a short list), not
    against every claim: one claim's suggestions take milliseconds among 10,000 claims.
    Ranked with the corpus's weights."""

    def __init__(self, corpus: Passages, shortlisted: int | None = SHORTLIST) -> None:
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
                for s in suggest(passage, pool, top=top, weights=self.corpus.weights)]


def claim_suggestions(corpus: Passages, top: int = 3) -> list[tuple[int, int, Suggestion]]:
    """For every claim, its `top` candidate claims among the existing claims: (claim, candidate, suggestion)."""
    pool = ClaimPool(corpus)
    result = []
    for claim_id in sorted(corpus.claims):
        result += [(claim_id, candidate, suggestion) for candidate, suggestion in pool.suggest(claim_id, top)]
    return result


def _tokens(passage: Passage) -> set[str]:
    return ({f"n:{key}" for key in passage.all_name_keys} | {f"f:{f.identity}" for f in passage.figures}
            | {f"w:{word}" for word in passage.words})


__all__ = ["COMMON_TOKEN", "ClaimPool", "Proposal", "Shortlisting", "claim_suggestions", "rank_proposals"]
