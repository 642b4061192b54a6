"""What a passage says, in German words reduced to what they mean: lemmas, compound parts,
synonym sets, and whether it is negated.

`meaning_of(text, skip)` is a pure function of the text (and the words to leave out: the
names and figures, compared on their own), cached, and turns into plain JSON and back, so a
store can keep it beside the passage. How two meanings compare is `suggest`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gegenlesen.corpus.crossref import compounds
from gegenlesen.corpus.crossref import lexicon as tables
from gegenlesen.corpus.crossref.units import STOPWORDS

TOKEN = re.compile(r"[^\W\d_]+")
NEGATIONS = frozenset("nicht kein keine keinen keinem keiner keines nie niemals weder nirgends keineswegs".split())
MORE_STOPWORDS = frozenset("""
der die das des dem den ein einem einen einer eines und oder als wie für mit bei aus auf
ins im am an zu es er sie ihr ihm ihn wir uns ich man so nur denn hat habe haben ist war
waren sei seien wäre dass daß ob da dann wenn sich auch noch schon mal beim hatte
""".split())
MAX_WEIGHT = 5.0
MIN_WEIGHT = 0.2
RARE_ZIPF = 7.0
"""A word's weight is how much rarer it is than this (Zipf 7 is "der")."""
PHRASE_SPAN = 4
"""How many tokens a multi-word expression may spread over ("sich das Leben genommen": 3)."""
MAX_TOKENS = 400
"""A passage longer than this (a whole article tagged as one claim) is read only this far:
its first 400 content words say what it is about, and the cost stays bounded."""


@dataclass(frozen=True)
class Word:
    """A content word of a passage, or a multi-word expression the thesaurus knows."""

    surface: str
    lemma: str
    keys: frozenset[str]
    """Its lemma and the lemmas of its compound parts: "Kursverluste" -> kursverlust, kurs, verlust."""
    concepts: frozenset[int]
    """The OpenThesaurus synonym sets of its lemma (or of its compound's head)."""
    weight: float
    """How much it says: rarer words more (from its frequency in German)."""
    noun: bool


@dataclass(frozen=True)
class Meaning:
    """The content words of a passage and its polarity; indexes for comparing come with it."""

    words: tuple[Word, ...]
    negated: bool = False
    lemmas: frozenset[str] = field(default=frozenset(), compare=False)
    keys: frozenset[str] = field(default=frozenset(), compare=False)
    concepts: frozenset[int] = field(default=frozenset(), compare=False)
    total: float = field(default=0.0, compare=False)
    """The sum of the squared weights (as in a tf-idf cosine, rare words count most)."""
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    """What comparing needs again and again, derived once (the words' vectors: `alignment.py`)."""

    @classmethod
    def of(cls, words: tuple[Word, ...], negated: bool) -> Meaning:
        return cls(
            words, negated,
            frozenset(w.lemma for w in words),
            frozenset(k for w in words for k in w.keys),
            frozenset(c for w in words for c in w.concepts),
            sum(w.weight ** 2 for w in words),
        )

    def to_json(self) -> dict:
        """Plain data for a store (lists and numbers only)."""
        return {
            "negated": self.negated,
            "words": [[w.surface, w.lemma, sorted(w.keys), sorted(w.concepts), w.weight, w.noun] for w in self.words],
        }

    @classmethod
    def from_json(cls, data: dict) -> Meaning:
        words = tuple(
            Word(surface, lemma, frozenset(keys), frozenset(concepts), float(weight), bool(noun))
            for surface, lemma, keys, concepts, weight, noun in data["words"]
        )
        return cls.of(words, bool(data["negated"]))


def _weight(zipf: float) -> float:
    return round(min(MAX_WEIGHT, max(MIN_WEIGHT, RARE_ZIPF - zipf)), 2)


def _phrases(words: list[Word], positions: list[int], lexicon: tables.Lexicon) -> list[Word]:
    """Multi-word thesaurus entries whose lemmas the passage has close together ("Leben" …
    "genommen"): at most `PHRASE_SPAN` tokens from the first to the last."""
    at: dict[str, list[int]] = {}
    for number, word in enumerate(words):
        at.setdefault(word.lemma, []).append(number)
    found: dict[str, Word] = {}
    for lemma in at:
        for key in lexicon.phrases.get(lemma, ()):
            parts = key.split()
            if key in found or not all(part in at for part in parts):
                continue
            members = sorted(at[part][0] for part in parts)
            if positions[members[-1]] - positions[members[0]] > PHRASE_SPAN:
                continue
            found[key] = Word(
                " … ".join(words[m].surface for m in members), key, frozenset(),
                frozenset(lexicon.synsets[key]), max(words[m].weight for m in members), False,
            )
    return list(found.values())


@lru_cache(maxsize=200_000)
def meaning_of(text: str, skip: frozenset[str] = frozenset()) -> Meaning:
    """The content words of `text` with their lemmas, compound parts, synonym sets and
    weights, and whether it is negated.

    Args:
        text: the passage.
        skip: case-folded words to leave out (the words of its names and figures).
    """
    lexicon = tables.lexicon()
    words: list[Word] = []
    negated = False
    seen: set[str] = set()
    positions: list[int] = []
    """The token number of each word, so that a phrase's words must stand close together."""
    skipped = 0
    for match in TOKEN.finditer(text):
        skipped += 1
        surface = match.group(0)
        folded = surface.casefold()
        if folded in NEGATIONS:
            negated = True
            continue
        if len(folded) < 3 or folded in STOPWORDS or folded in MORE_STOPWORDS or folded in skip or folded in seen:
            continue
        seen.add(folded)
        # German capitalises nouns; a capitalised verb opening a sentence ("Fielen") gets the
        # same lemma read as a noun, since the table gives a noun lemma only where one exists.
        noun = surface[0].isupper() and not surface.isupper()
        lemma = lexicon.lemma(folded, noun)
        parts = compounds.split(folded, lexicon) if noun else ()
        concepts = set(lexicon.synsets.get(lemma, ()))
        if parts and not concepts:  # a compound the thesaurus lacks means what its head means
            concepts.update(lexicon.synsets.get(parts[-1], ()))
        zipf = max(lexicon.frequency(folded), lexicon.frequency(lemma))
        words.append(Word(surface, lemma, frozenset((lemma, *parts)), frozenset(concepts), _weight(zipf), noun))
        positions.append((positions[-1] if positions else 0) + skipped)
        skipped = 0
        if len(words) >= MAX_TOKENS:
            break
    words += _phrases(words, positions, lexicon)
    return Meaning.of(tuple(words), negated)


def use_lexicon(loaded: tables.Lexicon) -> None:
    """Read meanings with other tables from now on (tests, and a damaged table on purpose)."""
    tables.use(loaded)
    meaning_of.cache_clear()
