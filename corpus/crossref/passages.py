"""The passages of a corpus, assembled from plain records: every sentence, and every claim.

A store reads the articles' texts, sentence bounds, entity mentions and claim spans; this
module makes the passages the cross-reading compares out of them (no SQL, no I/O).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, Weights
from gegenlesen.corpus.crossref.units import (
    EntityLike, NameIndex, Passage, article_passages, context_start_for, passage_for_span,
)


@dataclass(frozen=True)
class Passages:
    """The passages of some articles: every sentence, and every claim, ready to compare."""

    sentences: list[Passage]
    claims: dict[int, Passage]
    """Claim id -> its passage."""
    weights: Weights = field(default=DEFAULT_WEIGHTS, compare=False)
    """How proposals are ranked here: the shipped weights, or those learnt from the user's links."""


@dataclass(frozen=True)
class ClaimSpan:
    """Where a claim sits in its article (Python `str` indices)."""

    claim_id: int
    start: int
    end: int


def article_and_claims(
    article_id: int,
    text: str,
    sentences: Sequence[tuple[int, int]],
    entities: Sequence[EntityLike],
    claims: Iterable[ClaimSpan] = (),
    index: NameIndex | None = None,
) -> tuple[list[Passage], dict[int, Passage]]:
    """One article's sentence passages, and its claims' passages by claim id, each claim
    with the sentence before the one it starts in as context.

    Args:
        sentences: the article's sentence bounds, in order.
        entities: the article's entity mentions.
        index: the corpus's names (finds a name the model missed here but found elsewhere).
    """
    found = article_passages(article_id, text, sentences, entities, index)
    claim_passages = {
        claim.claim_id: passage_for_span(article_id, text, claim.start, claim.end, entities, index,
                                         context_start_for(sentences, claim.start))
        for claim in claims
    }
    return found, claim_passages


__all__ = ["ClaimSpan", "Passages", "article_and_claims"]
