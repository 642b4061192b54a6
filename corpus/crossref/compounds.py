"""German compound splitting by word frequency (Koehn and Knight 2003, "Empirical methods
for compound splitting"): a word is split where its parts, as words of their own, are on
average more frequent than the whole. "Kursverluste" -> kurs + verlust,
"Technologieunternehmen" -> technologie + unternehmen; "Unternehmen" stays whole
(unter + nehmen are not more frequent than it).
"""

from __future__ import annotations

from gegenlesen.corpus.crossref.lexicon import Lexicon

MIN_WORD = 8
MIN_MODIFIER = 3
MIN_HEAD = 4
MIN_PART_ZIPF = 2.5
"""A part must be a word in its own right: about once in three million words or more."""
KNOWN_ZIPF = 3.0
"""A modifier this frequent is a word of its own and is not split further."""
LINKING = ("", "s", "es", "n", "en", "e", "er")
"""Fugenelemente: what may join two parts ("Arbeit-s-markt", "Kunde-n-daten")."""
NOT_MODIFIERS = frozenset(
    "ver ent zer bei ein aus auf an ab um vor nach über unter durch mit ge be er miss hin her zu".split()
)
"""Prefixes that are words too ("unter", "aus"), but do not make compounds of nouns."""


def _best_split(word: str, lexicon: Lexicon) -> tuple[str, str] | None:
    best, best_score = None, lexicon.frequency(word)
    for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[cut:]
        head_zipf = lexicon.frequency(head)
        if head_zipf < MIN_PART_ZIPF:
            continue
        for link in LINKING:
            if link and not word[:cut].endswith(link):
                continue
            modifier = word[: cut - len(link)] if link else word[:cut]
            if len(modifier) < MIN_MODIFIER or modifier in NOT_MODIFIERS:
                continue
            zipf = lexicon.frequency(modifier)
            if zipf < MIN_PART_ZIPF:
                continue
            score = (zipf + head_zipf) / 2  # the geometric mean of the frequencies, on a log scale
            if score > best_score:
                best, best_score = (modifier, head), score
    return best


def split(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The parts of a case-folded word as lemmas, modifier(s) first and head last; () when
    it is no compound (or too short to be one). At most three parts."""
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    found = _best_split(word, lexicon)
    if found is None:
        return ()
    modifier, head = found
    known = lexicon.frequency(modifier) >= KNOWN_ZIPF  # "Selbstmord" in "Selbstmordrate" is a word
    inner = _best_split(modifier, lexicon) if len(modifier) >= MIN_WORD and not known else None
    parts = (*inner, head) if inner else (modifier, head)
    return tuple(lexicon.lemma(part, noun=True) for part in parts)  # parts of a noun are nouns
