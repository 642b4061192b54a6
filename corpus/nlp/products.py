"""Names of products and models (MISC) found by their shape and their context.

News names products with designators that no German word has ("A350", "S24", "o1",
"GPT-4"), often after the brand ("Airbus A350") or before a classifier noun that makes
them a product ("das Modell X", "die X-Serie", "X Chips"). A statistical model trained on
Wikipedia and older news rarely sees such names; these rules find them from how they are
written, with spaCy's Matcher over token shapes, never from a list of names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gegenlesen.corpus.nlp.common_nouns import COMMON_NOUNS

DESIGNATOR = r"^(?:[A-Za-z]{1,4}-?\d{1,4}(?:\.\d{1,2})?[a-z]?|[a-z]\d{1,3}(?:\.\d{1,2})?)(?:-[A-Z][a-z]{1,4})?\.?$"
"""A letter-digit name: "A350", "S24", "H100", "GPT-4", "o1", "k1.5", "A330." (the
tokenizer leaves a full stop on it at the end of a sentence)."""
VERSION = r"^[1-9]\d?(?:\.\d{1,2})?(?:-[A-Z][a-z]{1,4})?\.?$"
"""A version after a brand: "15", "1.5", "2.5-Max"; never a year (four digits) or "04"."""
NOT_DESIGNATORS = re.compile(r"^(?:CO2|G\d+|U-?\d+|MP\d|[QH][1-4])\.?$")
"""Letter-digit forms that name no product: CO2, the G7 or G20 (groups of states),
U21 (age groups in sport), MP3 (a format), Q1 or H2 (a quarter or half of a year)."""
PRODUCT_HEADS = frozenset({
    "app", "modell", "sprachmodell", "ki-modell", "chatbot", "plattform", "dienst", "software",
    "programm", "assistent", "browser", "betriebssystem", "smartphone", "handy", "konsole",
    "suchmaschine", "messenger", "netzwerk", "spiel", "videospiel", "tablet", "chip", "prozessor",
    "flugzeug", "fahrzeug", "auto", "rakete", "tool", "system", "ki-system", "chatbots", "modelle",
})
"""Nouns after which a capitalised name is a product: "die App X", "das Modell X"."""
COMPOUND_HEAD = re.compile(
    r"^(?P<name>.+?)-(?:Modell|Modells|Modelle|Modellen|Serie|Reihe|Familie|Iteration|Version|Variante|"
    r"Generation|Chip|Chips|App|Apps|Update|Software|Chatbot|Chatbots|Prozessor|Prozessoren|Smartphone|"
    r"Smartphones|Plattform)$"
)
"""A compound whose head says its first part names a product: "A350-Serie", "S24-Modell"."""
HEAD_WORDS = frozenset({"Chip", "Chips", "Modell", "Modelle", "Serie", "Prozessor", "Prozessoren", "Smartphone"})
"""Nouns that may follow a designator as a word of their own: "H100 Chips"."""


def name_shaped(word: str) -> bool:
    """Whether a word is written as no German word is: a capital after a small letter
    ("iPhone", "OpenAI"), all capitals ("IBM"), or a digit, and is not a common noun."""
    word = word.rstrip(".")
    if len(word) < 2 or word in COMMON_NOUNS or not word[0].isalnum():
        return False
    inner_capital = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    all_caps = word.isupper() and word.isalpha()
    return inner_capital or all_caps or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))


_matchers: dict[int, object] = {}


def _matcher(vocab):
    """One Matcher per vocabulary (a pipeline keeps one vocabulary)."""
    matcher = _matchers.get(id(vocab))
    if matcher is None:
        from spacy.matcher import Matcher

        matcher = Matcher(vocab)
        capitalised = {"TEXT": {"REGEX": r"^[A-ZÄÖÜ][\w.&-]*$|^[a-z]+[A-Z]\w*$"}}
        matcher.add("DESIGNATOR", [[{"TEXT": {"REGEX": DESIGNATOR}}]])
        matcher.add("BRAND_DESIGNATOR", [[capitalised, {"TEXT": {"REGEX": DESIGNATOR}}]])
        matcher.add("BRAND_VERSION", [[capitalised, {"TEXT": {"REGEX": VERSION}}]])
        matcher.add("AFTER_HEAD", [[{"LOWER": {"IN": sorted(PRODUCT_HEADS)}}, capitalised]])
        _matchers[id(vocab)] = matcher
    return matcher


def product_spans(doc, entity_spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Character spans (in `doc.text`) of product names in `doc`.

    Args:
        doc: a spaCy Doc.
        entity_spans: (start, end, label) of the names the model found in `doc`; a brand
            the model found joins its designator ("Airbus A350").

    Returns:
        Spans that do not overlap (of two that would, the longer), in text order; the
        caller decides what they replace.
    """
    text = doc.text
    entity_at = {}
    for start, end, label in entity_spans:
        for position in range(start, end):
            entity_at[position] = (start, end, label)
    found: list[tuple[int, int]] = []
    for match_id, first, last in _matcher(doc.vocab)(doc):
        rule = doc.vocab.strings[match_id]
        tokens = doc[first:last]
        if rule == "DESIGNATOR":
            token = tokens[0]
            if not NOT_DESIGNATORS.match(token.text) and not COMPOUND_HEAD.match(token.text):
                found.append(_trimmed(text, token.idx, token.idx + len(token.text)))
        elif rule in ("BRAND_DESIGNATOR", "BRAND_VERSION"):
            brand, designator = tokens[0], tokens[1]
            if NOT_DESIGNATORS.match(designator.text) or brand.text in HEAD_WORDS:
                continue
            if rule == "BRAND_VERSION" and brand.text.isupper():
                continue  # "ISBN 3", "CHF 7": capitals and a number are an abbreviation and a count
            known = entity_at.get(brand.idx)
            # A club is an organisation with a number ("Schalke 04"): only a product brand takes a version.
            if known and known[2] in (("ORG", "MISC") if rule == "BRAND_DESIGNATOR" else ("MISC",)):
                found.append(_trimmed(text, known[0], designator.idx + len(designator.text)))
            elif name_shaped(brand.text):
                found.append(_trimmed(text, brand.idx, designator.idx + len(designator.text)))
        elif rule == "AFTER_HEAD":
            name = tokens[1]
            known = entity_at.get(name.idx)
            if known and known[0] == name.idx:
                found.append((known[0], known[1]))
            elif name_shaped(name.text):
                found.append(_trimmed(text, name.idx, name.idx + len(name.text)))
    for token in doc:
        compound = COMPOUND_HEAD.match(token.text)
        if compound and (re.match(DESIGNATOR, compound["name"]) or name_shaped(compound["name"])):
            if not NOT_DESIGNATORS.match(compound["name"]):
                found.append((token.idx, token.idx + len(compound["name"])))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(found), key=lambda span: (span[0] - span[1], span[0])):
        if not any(start < kept_end and kept_start < end for kept_start, kept_end in kept):
            kept.append((start, end))
    return sorted(kept)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a sentence's full stop at its end."""
    if text[end - 1 : end] == "." and end - start > 1:
        end -= 1
    return start, end
