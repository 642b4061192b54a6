"""Possible contradictions as the user sees them: one entry per pair of sentences, with
what the user decided about it (confirmed, dismissed, or linked with `l`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from gegenlesen.corpus.crossref.conflicts import Conflict, ConflictPair, Sentences, Unit, conflict_pair
from gegenlesen.corpus.crossref.passages import Passages


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
    """The key a decision on this contradiction is stored under: both sides' article,
    span and value, in a fixed order."""
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


def group_key(representative: Mapping[int, int], conflict: Conflict) -> tuple:
    """What a contradiction is between when copies of an article count as one article
    (`representative`: article id -> the first article of its near-duplicate group)."""
    sides = sorted(
        (representative.get(side.article_id, side.article_id), figure.identity)
        for side, figure in ((conflict.a, conflict.a_figure), (conflict.b, conflict.b_figure))
    )
    return (conflict.entity.casefold(), conflict.label, *sides)


def flag_conflicts(
    found: list[Conflict], corpus: Passages, linked: list[tuple[int, int, str]], decided: list[tuple[str, str]]
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


__all__ = ["FlaggedConflict", "KEY_SIDE", "conflict_key", "flag_conflicts", "group_key", "key_pair"]
