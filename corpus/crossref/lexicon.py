"""The German word tables the ranking ships: lemmas, word frequencies, synonym sets.

Built by `build_meaning.py` from wordfreq, simplemma and OpenThesaurus into
corpus/crossref/data/ and read once, on first use. A table that is missing or damaged
leaves the ranking without it (lemmas fall back to the word itself, synonyms to none), and
`problems()` says so, once per table, for the caller to show.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from gegenlesen.corpus.crossref.shipped import Shipped

DATA = Path(__file__).resolve().parent / "data"
WORDS = "words.tsv.gz"
THESAURUS = "thesaurus.tsv.gz"
UNKNOWN_ZIPF = 1.0
"""How frequent a word the table does not know is taken to be (rarer than any it knows)."""
ENDINGS = ("en", "em", "er", "es", "e", "n", "s", "ern", "ens")
"""Inflection endings tried off a form the table does not know ("heruntergeladenen")."""


@dataclass
class Lexicon:
    """The tables in memory; empty ones when they could not be read."""

    zipf: dict[str, float] = field(default_factory=dict)
    lemmas: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    """Form -> its lemma as a noun, where that differs from `lemmas`."""
    synsets: dict[str, tuple[int, ...]] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Lemma -> the multi-word thesaurus keys that use it ("leben" -> "leben nehmen", …)."""
    problems: tuple[str, ...] = ()

    def lemma(self, form: str, noun: bool = False) -> str:
        """The lemma of a case-folded word form, read as a noun (it was capitalised inside a
        sentence) or not; the form itself when the table does not know it."""
        table = self.nouns if noun else self.lemmas
        if form in self.zipf:
            return table.get(form) or self.lemmas.get(form, form)
        for ending in ENDINGS:
            stem = form[: -len(ending)]
            if form.endswith(ending) and len(stem) >= 4 and stem in self.zipf:
                return table.get(stem) or self.lemmas.get(stem, stem)
        return form

    def frequency(self, form: str) -> float:
        """Zipf frequency of a case-folded form (6 is once in a thousand words, 1 unknown)."""
        return self.zipf.get(form, UNKNOWN_ZIPF)


def _lines(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def read_words(path: Path) -> tuple[dict[str, float], dict[str, str], dict[str, str]]:
    zipf: dict[str, float] = {}
    lemmas: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for form, tenths, lemma, noun in _lines(path):
        zipf[form] = int(tenths) / 10
        if lemma:
            lemmas[form] = lemma
        if noun:
            nouns[form] = noun
    return zipf, lemmas, nouns


def read_thesaurus(path: Path) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[str, ...]]]:
    synsets: dict[str, tuple[int, ...]] = {}
    phrases: dict[str, list[str]] = {}
    for key, numbers in _lines(path):
        synsets[key] = tuple(int(n) for n in numbers.split())
        if " " in key:
            for word in key.split():
                phrases.setdefault(word, []).append(key)
    return synsets, {word: tuple(keys) for word, keys in phrases.items()}


def load(directory: Path = DATA) -> Lexicon:
    """Read the tables in `directory`; a table that cannot be read is left empty and named in
    `Lexicon.problems`."""
    lexicon = Lexicon()
    problems = []
    for name, what in ((WORDS, "word table (lemmas, compounds)"), (THESAURUS, "thesaurus (synonyms)")):
        path = directory / name
        try:
            if name == WORDS:
                lexicon.zipf, lexicon.lemmas, lexicon.nouns = read_words(path)
            else:
                lexicon.synsets, lexicon.phrases = read_thesaurus(path)
        except FileNotFoundError:
            problems.append(f"The {what} {path} is missing: links are proposed without it.")
        except (OSError, EOFError, ValueError, UnicodeDecodeError, zlib.error):
            problems.append(f"The {what} {path} is damaged: links are proposed without it.")
    lexicon.problems = tuple(problems)
    return lexicon


_shipped: Shipped[Lexicon] = Shipped(load)
lexicon = _shipped.get
"""The shipped tables, read on first use (thread-safe)."""
use = _shipped.use
problems_once = _shipped.problems_once
