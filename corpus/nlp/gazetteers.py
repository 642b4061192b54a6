"""Open name lists (places, companies, legal forms, first names) matched in a spaCy Doc.

The lists are built by `build_gazetteers.py` from open packages and GermEval 2014 and
shipped as `data/gazetteers.json` (sources and licences are in the file); they are read
on first use. Matching is spaCy's PhraseMatcher on the exact forms, plus the forms German
inflection gives them ("den Vereinigten Arabischen Emiraten", "Deutschlands").
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "gazetteers.json"
LISTS = ("places", "companies", "first_names")


@cache
def tables() -> dict[str, frozenset[str]]:
    """The shipped lists by name; empty lists when the data file is missing or broken."""
    try:
        data = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {name: frozenset() for name in (*LISTS, "legal_forms")}
    return {name: frozenset(data.get(name, [])) for name in (*LISTS, "legal_forms")}


def inflected(name: str) -> set[str]:
    """The forms of a name in running German text: the name, its genitive ("Chinas") and,
    for a name of several words, its words in -e with a weak ending, the noun too or not
    ("den Vereinigten Arabischen Emiraten", "die Vereinigten Arabischen Emirate")."""
    forms = {name}
    words = name.split()
    if len(words) == 1 and name[-1:] not in "sxzß" and len(name) > 3:
        forms.add(name + "s")
    if len(words) > 1 and any(word.endswith("e") for word in words):
        weak = [word + "n" if word.endswith("e") and word[:1].isupper() else word for word in words]
        forms.add(" ".join(weak))
        forms.add(" ".join([*weak[:-1], words[-1]]))  # "die Vereinigten Arabischen Emirate"
    return forms


_matchers: dict[int, object] = {}


def _matcher(vocab):
    """A PhraseMatcher of the places and companies, one per vocabulary, built on first use
    with spaCy's German tokenizer (the one the pipelines use)."""
    matcher = _matchers.get(id(vocab))
    if matcher is None:
        from spacy.lang.de import German
        from spacy.matcher import PhraseMatcher

        tokenizer = German(vocab=vocab).tokenizer
        matcher = PhraseMatcher(vocab)
        for name in ("places", "companies"):
            forms = sorted({form for entry in tables()[name] for form in inflected(entry)})
            matcher.add(name, list(tokenizer.pipe(forms)))
        _matchers[id(vocab)] = matcher
    return matcher


def gazetteer_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, list name) of every place and company in `doc`, by character offsets."""
    return [
        (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), doc.vocab.strings[match_id])
        for match_id, start, end in _matcher(doc.vocab)(doc)
    ]


def is_first_name(word: str) -> bool:
    """Whether `word` is in the first-name list."""
    return word in tables()["first_names"]


def is_legal_form(word: str) -> bool:
    """Whether `word` is a company's legal form as written ("AG", "GmbH", "Inc."): a
    listed form with at least one capital letter (lower-case "ab" is a German word)."""
    return word != word.lower() and word.lower() in tables()["legal_forms"]
