"""Rank passages of other articles by how much they speak to a claim.

A pair of passages is described by a few features (`pair_features`), and the score is their
weighted sum (`Weights`; a database's own weights are learnt from its links, see
`learning.py`):

- **who**: the names both mention (rarer names count more; names just before a passage
  count less), resolved to one key across articles by the `NameIndex`;
- **which value**: figures and dates both give by normalised value, and the same kind of
  value about a shared name (where reports contradict each other);
- **what**: the words, as lemmas and compound parts ("Kursverluste" meets "Verlust"), and
  as synonym sets ("Suizid" meets "Selbstmord" and "sich das Leben genommen"), each
  weighted by how rare it is in German (`meaning.py`), so a pair's score does not depend
  on which other passages are in the pool;
- **a claim about the same subject**: the words' match again, counted only when a name is
  shared, so that two passages saying the same thing about Nvidia rank above two that
  merely mention it;
- **what, in other words**: a soft alignment of the two passages' words by their word
  vectors (`vectors.py`): each word meets its nearest word of the other passage, by
  cosine, rarer words counting more; the feature is what this adds beyond the words and
  synonyms above ("Kursverluste ≈ fallen").

Negation ("nicht", "kein") does not change the score (a contradiction is worth finding) but
is named in the reasons. Everything is plain Python over sets; the ranking is deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from gegenlesen.corpus.crossref import alignment
from gegenlesen.corpus.crossref.conflicts import kind, shared_name
from gegenlesen.corpus.crossref.meaning import Meaning, Word, meaning_of
from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.corpus.entities import describe_value

FEATURES = ("names", "context", "figures", "same_kind", "words", "synonyms", "subject_claim", "vectors")
PART_MATCH = 0.6
"""A word that meets the other passage only through a compound part ("Kursverluste", "Verlust")."""
SYNONYM_MATCH = 0.7
"""A word that meets the other passage only through a synonym set."""
SPECIFIC_SENSES = 3
"""A word in up to this many synonym sets meets a synonym with full weight; one in more, less."""
SHOWN_WORDS = 3
SHOWN_SIMILARITY = 0.2


@dataclass(frozen=True)
class Weights:
    """How much each feature counts; the defaults were set by hand on half of the demo
    gold's links (see tests/data/README.md), a database learns its own from its links."""

    names: float = 0.5
    context: float = 0.25
    figures: float = 4.5
    same_kind: float = 1.5
    words: float = 6.0
    synonyms: float = 4.0
    subject_claim: float = 1.5
    vectors: float = 0.0
    """0: on the tune half the vectors did not raise recall@3 at any weight tried (see
    tests/bench/crossref_recall.py --weight); a database's links may teach a weight."""

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in FEATURES)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Suggestion:
    """A passage proposed for a claim, its score and why, in a reader's words."""

    candidate: Passage
    score: float
    reasons: tuple[str, ...]


def missing_tables_once() -> tuple[str, ...]:
    """What is wrong with the shipped word tables and vectors (missing or damaged: proposals
    are made without them), the first time it is asked in this process; () after that."""
    from gegenlesen.corpus.crossref import lexicon, vectors

    return (*lexicon.problems_once(), *vectors.problems_once())


def _idf(counts: Counter, total: int, key: str) -> float:
    return math.log((total + 1) / (counts.get(key, 0) + 1)) + 0.1


def passage_meaning(passage: Passage) -> Meaning:
    """The meaning of a passage's words, leaving out those of its names (compared as names).
    The words of figures stay: "Januar" in two dates is some evidence even where the values
    differ. Cached: a pure function of the text and the names."""
    skip = {word.casefold() for name in passage.names for word in name.text.split()}
    skip |= {key for name in passage.names for key in name.key.split()}
    return meaning_of(passage.text, frozenset(skip))


def _coverage(own: Meaning, other: Meaning) -> tuple[float, float, list[tuple[Word, str]]]:
    """How much of `own`'s (squared) weight `other` covers in words, and in words or
    synonyms, with the words that met (and how)."""
    if not own.total:
        return 0.0, 0.0, []
    lexical = semantic = 0.0
    met: list[tuple[Word, str]] = []
    for word in own.words:
        weight = word.weight ** 2
        if word.lemma in other.lemmas and word.keys:
            lexical += weight
            semantic += weight
            met.append((word, "same"))
        elif word.keys & other.keys:
            lexical += PART_MATCH * weight
            semantic += PART_MATCH * weight
            met.append((word, "part"))
        elif word.concepts & other.concepts:
            # a word of many meanings meets others by chance more often
            semantic += SYNONYM_MATCH * weight / max(1.0, math.sqrt(len(word.concepts) / SPECIFIC_SENSES))
            met.append((word, "synonym"))
    return lexical / own.total, semantic / own.total, met


def _partner(word: Word, other: Meaning) -> Word | None:
    """The word of `other` that a synonym match of `word` met."""
    found = [w for w in other.words if w.concepts & word.concepts and w.lemma != word.lemma]
    return max(found, key=lambda w: (w.weight, -len(w.surface)), default=None)


@dataclass(frozen=True)
class PairFeatures:
    """The features of one pair (in `FEATURES` order) and what to tell the reader about them."""

    values: tuple[float, ...]
    reasons: tuple[str, ...]


def pair_features(
    passage: Passage, candidate: Passage, own: Meaning, theirs: Meaning, name_idf: Callable[[str], float],
    soft: float | None = None, explain: bool = True,
) -> PairFeatures:
    """The features of (passage, candidate): see the module's docstring.

    Args:
        own, theirs: the two passages' meanings (`passage_meaning`).
        name_idf: how rare a name key is in the pool (rarer names say more).
        soft: the word vectors' similarity of the two (`alignment.similarities`), when
            the caller computed it for many at once; by default computed here.
        explain: False leaves the reasons out (ranking many, explaining the best few).
    """
    own_names = {n.key: n for n in passage.names}
    own_context = {n.key for n in passage.context}
    their_context = {n.key for n in candidate.context}
    names = context = 0.0
    subjects: list[str] = []
    for name in candidate.names:
        if name.key in own_names:
            names += name_idf(name.key)
            subjects.append(own_names[name.key].text)
        elif name.key in own_context:
            context += name_idf(name.key)
    for key in own_names.keys() & their_context - {n.key for n in candidate.names}:
        context += name_idf(key)
    own_figures = {f.identity: f for f in passage.figures}
    figures = 0.0
    values: list[str] = []
    for figure in candidate.figures:
        if figure.identity in own_figures:
            figures += 1
            shown = describe_value(figure.label, {k: v for k, v in figure.value.items() if k != "qualifier"})
            if (shown or figure.text) not in values:
                values.append(shown or figure.text)
    same_kind = 0.0
    kinds_shown = ""
    shared_kinds = {kind(f) for f in passage.figures} & {kind(f) for f in candidate.figures} - {None}
    if shared_kinds and not figures:
        entity = shared_name(passage, candidate)
        if entity:
            same_kind = 1.0
            kinds_shown = f"{entity}: " + ", ".join(sorted({next(iter(k)) for k in shared_kinds}))
    lex_a, sem_a, met = _coverage(own, theirs)
    lex_b, sem_b, _ = _coverage(theirs, own)
    words = math.sqrt(lex_a * lex_b)
    synonyms = max(0.0, math.sqrt(sem_a * sem_b) - words)
    subject_claim = math.sqrt(sem_a * sem_b) if (subjects or context) else 0.0
    if soft is None:
        soft = alignment.align(own, theirs).similarity
    vectors = max(0.0, soft - math.sqrt(sem_a * sem_b))
    features = (names, context, figures, same_kind, words, synonyms, subject_claim, vectors)
    if not explain:
        return PairFeatures(features, ())

    reasons = []
    if subjects:
        reasons.append("same subject: " + ", ".join(subjects))
    if values:
        reasons.append("same value: " + ", ".join(values))
    if kinds_shown:
        reasons.append(f"same kind of value about {kinds_shown}")
    met.sort(key=lambda m: -m[0].weight)
    alike = []
    for word, how in met:
        if how == "synonym":
            partner = _partner(word, theirs)
            if partner is not None:
                alike.append(f"{word.surface} ≈ {partner.surface}")
        if len(alike) == SHOWN_WORDS:
            break
    if vectors:
        pairs = [f"{a} ≈ {b}" for a, b in alignment.align(own, theirs).pairs]
        alike += [pair for pair in pairs if pair not in alike][: max(0, SHOWN_WORDS - len(alike))]
        if not pairs:  # many loosely related words, none close enough to name
            reasons.append("related wording (word vectors)")
    if alike:
        reasons.append("; ".join(alike))
    same = [word.surface for word, how in met if how != "synonym" and word.keys][:SHOWN_WORDS]
    if same and words >= SHOWN_SIMILARITY:
        reasons.append("same words: " + ", ".join(same))
    if own.negated != theirs.negated and (words or synonyms):
        reasons.append("one of them says no (" + ("this claim" if own.negated else "the other") + ")")
    return PairFeatures(features, tuple(reasons))


def suggest(
    passage: Passage,
    candidates: Sequence[Passage],
    top: int = 5,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    meanings: Callable[[Passage], Meaning] = passage_meaning,
) -> list[Suggestion]:
    """The `top` passages of other articles that best match `passage`, best first.

    Rarity of names is counted over `candidates`, so pass the pool the choice is made from
    (every claim, or the sentences an index found); the words' rarity is their frequency in
    German and does not depend on the pool. Ties go to the earlier article and position, so
    the same input always gives the same order.

    Args:
        weights: how much each feature counts (a database's learnt ones, or the defaults).
        meanings: a passage's meaning; by default computed (and cached) from its text,
            a store may hand in the ones it kept.
    """
    pool = [c for c in candidates if c.article_id != passage.article_id]
    if not pool or top <= 0:
        return []
    total = len(candidates) + 1
    name_df: Counter = Counter()
    for candidate in candidates:
        name_df.update(candidate.name_keys)
    name_df.update(passage.name_keys)
    own = meanings(passage)
    own_names = passage.all_name_keys
    own_figures = {f.identity for f in passage.figures}
    own_kinds = {kind(f) for f in passage.figures} - {None}
    vector = weights.as_tuple()

    def name_idf(key: str) -> float:
        return _idf(name_df, total, key)

    theirs_all = [meanings(candidate) for candidate in pool]
    # without a weight for them the vectors are not read at all
    softs = alignment.similarities(own, theirs_all) if weights.vectors else np.zeros(len(pool))
    scored = []
    for candidate, theirs, soft in zip(pool, theirs_all, softs.tolist()):
        if not (
            own.keys & theirs.keys or own.concepts & theirs.concepts or own_names & candidate.all_name_keys
            or own_figures & {f.identity for f in candidate.figures}
            or own_kinds & {kind(f) for f in candidate.figures}
        ):
            # nothing shared but what the vectors see: every other feature is 0
            if soft:
                scored.append((round(weights.vectors * soft, 6), candidate, theirs, soft))
            continue
        features = pair_features(passage, candidate, own, theirs, name_idf, soft, explain=False)
        score = sum(w * f for w, f in zip(vector, features.values))
        if score > 0:
            scored.append((round(score, 6), candidate, theirs, soft))
    scored.sort(key=lambda s: (-s[0], s[1].article_id, s[1].start, s[1].end))
    return [
        Suggestion(candidate, score, pair_features(passage, candidate, own, theirs, name_idf, soft).reasons)
        for score, candidate, theirs, soft in scored[:top]
    ]


__all__ = ["DEFAULT_WEIGHTS", "FEATURES", "PairFeatures", "Suggestion", "Weights", "pair_features",
           "passage_meaning", "suggest"]
