"""Rules that correct the model's names in one spaCy Doc: what they add, relabel or mend.

Each rule proposes spans; how a proposal meets the model's entities depends on its kind:
- "force": replaces every model entity it overlaps (a product name written as no word is).
- "span": replaces the model entities it overlaps only if they all lie inside it (it
  mends a cut name: "Bosnien" becomes "Bosnien und Herzegowina").
- "label": gives its label to a model entity of exactly its span.
- "fill": stands only where the model found nothing.
A proposal never overlaps a figure or a proposal made before it. Each rule was kept
because it raised exact-span F1 on GermEval 2014 dev (`score_germeval.py --without RULE`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gegenlesen.corpus.nlp.common_nouns import COMMON_NOUNS
from gegenlesen.corpus.nlp.gazetteers import gazetteer_spans, is_first_name, is_legal_form
from gegenlesen.corpus.nlp.products import product_spans

RULES = ("products", "legal_forms", "particles", "first_names", "media", "events", "places_span", "companies_fill")
"""Measured and dropped (each lowered dev F): a listed place or company relabelling the
model's name, and a listed place standing where the model found nothing."""
ENABLED = frozenset(RULES)
"""The rules analysis applies; `score_germeval.py --without` leaves some out to measure them."""

PARTICLES = frozenset({"van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "la", "le", "zu", "ten", "ter"})
NAME_PARTICLES = frozenset({"van", "von", "Van", "Von", "de", "De", "di", "Di", "da", "del", "della", "zu", "ten", "ter"})
"""Particles that open the rest of a person's name (an article alone does not: "der", "den")."""
MEDIA_HEADS = frozenset({
    "Post", "Times", "Journal", "Zeitung", "Tribune", "Herald", "Guardian", "Rundschau", "Allgemeine",
    "Kurier", "Chronicle", "Gazette", "Telegraph", "Express", "Nachrichten", "Tagblatt", "Anzeiger",
})
"""Last words of newspapers' names: "Washington Post", "Financial Times" are organisations."""
MEDIA_CONTEXT = frozenset({
    "zeitung", "tageszeitung", "wochenzeitung", "zeitschrift", "magazin", "nachrichtenmagazin",
    "wirtschaftsmagazin", "fachmagazin", "nachrichtenagentur", "agentur", "sender", "fernsehsender",
    "nachrichtensender", "radiosender", "nachrichtenportal", "onlineportal", "blatt", "wirtschaftszeitung",
})
"""Nouns after which a name is a medium, an organisation: "das Magazin Forbes"."""
EVENT = re.compile(r"^(?:Olympia|Olympischen? (?:Sommer|Winter)?[Ss]piele[n]?|Paralympics)(?: \d{4})?$")
CAPITALISED = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")

Proposal = tuple[int, int, str, str, str]  # start, end, label, kind, rule


def revise(
    doc, entities: Sequence[tuple[int, int, str]], blocked: Callable[[int, int, bool], bool] = lambda *span: False
) -> list[tuple[int, int, str, bool]]:
    """The model's entities of `doc` as the rules correct them.

    Args:
        doc: a spaCy Doc.
        entities: (start, end, label) of the model's names in `doc`, by character offsets.
        blocked: whether a span (start, end, strict) overlaps a figure or date found by
            rules, which no name may overlap; with strict False a bare count ("15" in
            "iPhone 15") does not block: a product name takes it in.

    Returns:
        (start, end, label, made_by_rule) for every name, by character offsets in `doc.text`.
    """
    result = [(start, end, label, False) for start, end, label in entities]
    for start, end, label, kind, _ in proposals(doc, entities):
        if blocked(start, end, kind != "force"):
            continue
        overlapping = [item for item in result if start < item[1] and item[0] < end]
        if any(item[3] for item in overlapping):
            continue  # an earlier rule decided here
        if kind == "fill" and overlapping:
            continue
        if kind == "label":
            if len(overlapping) != 1 or overlapping[0][:2] != (start, end) or overlapping[0][2] == label:
                continue
        if kind == "span" and any(item[0] < start or item[1] > end for item in overlapping):
            continue
        result = [item for item in result if item not in overlapping] + [(start, end, label, True)]
    return sorted(result)


def proposals(doc, entities: Sequence[tuple[int, int, str]]) -> list[Proposal]:
    """Every enabled rule's proposals, in the order they are tried."""
    found: list[Proposal] = []
    text = doc.text
    if "products" in ENABLED:
        found += [(start, end, "MISC", "force", "products") for start, end in product_spans(doc, entities)]
    if "legal_forms" in ENABLED:
        found += [(start, end, "ORG", "span", "legal_forms") for start, end in legal_form_spans(doc)]
    if "particles" in ENABLED:
        found += [(start, end, "PER", "span", "particles") for start, end in particle_spans(doc, entities)]
    if "first_names" in ENABLED:
        found += [(start, end, "PER", "span", "first_names") for start, end in first_name_spans(doc)]
    if "media" in ENABLED:
        found += [(start, end, "ORG", kind, "media") for start, end, kind in media_spans(doc, entities)]
    if "events" in ENABLED:
        # GermEval 2014 tags the Olympic Games as an organisation, which runs them.
        found += [(start, end, "ORG", "label", "events") for start, end, _ in entities if EVENT.match(text[start:end])]
    if not ENABLED & {"places_span", "companies_fill"}:
        return found
    sentence_starts = {sentence.start_char for sentence in doc.sents} if doc.has_annotation("SENT_START") else {0}
    for start, end, name in sorted(gazetteer_spans(doc), key=lambda hit: (hit[0], -hit[1])):
        if name == "places" and "places_span" in ENABLED and " " in text[start:end]:
            found.append((start, end, "LOC", "span", "places_span"))  # "Bosnien und Herzegowina"
        elif name == "companies" and "companies_fill" in ENABLED and start not in sentence_starts:
            found.append((start, end, "ORG", "fill", "companies_fill"))
    return found


def legal_form_spans(doc) -> list[tuple[int, int]]:
    """A company named with its legal form: up to four capitalised words before "AG",
    "GmbH", "SE", "Inc." and the like ("Beispiel Software GmbH")."""
    spans = []
    for token in doc:
        if token.i == 0 or not is_legal_form(token.text):
            continue
        first = token.i
        while first > 0 and token.i - first < 4:
            before = doc[first - 1]
            if (CAPITALISED.match(before.text) or before.text == "&") and not is_legal_form(before.text):
                first -= 1
            else:
                break
        while first < token.i and doc[first].text == "&":
            first += 1
        if first < token.i and doc[first].text not in COMMON_NOUNS:
            spans.append((doc[first].idx, token.idx + len(token.text)))
    return spans


def particle_spans(doc, entities: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """A person's name with its particles, where the model cut it before them or inside
    them: "Ursula" then "von der Leyen", "Alexander Van" then "der Bellen"."""
    spans = []
    for start, end, label in entities:
        span = doc.char_span(start, end)
        if label != "PER" or span is None:
            continue
        cut_inside = span[-1].text in NAME_PARTICLES  # "Alexander Van", then "der Bellen"
        last = span.end
        while last < len(doc) and doc[last].lower_ in PARTICLES and last - span.end < 3:
            last += 1
        # Only a first name goes on with a particle: "Renate Schmidt den Nerv" is no name.
        goes_on = last > span.end and doc[span.end].text in NAME_PARTICLES and len(span) == 1 and is_first_name(span[0].text)
        if (cut_inside or goes_on) and last < len(doc) and CAPITALISED.match(doc[last].text) and not doc[last].is_sent_start:
            spans.append((start, doc[last].idx + len(doc[last].text)))
    return spans


def first_name_spans(doc) -> list[tuple[int, int]]:
    """A listed first name and the capitalised words after it, a person: "Anna Beispiel"."""
    spans = []
    for token in doc[:-1]:
        if not is_first_name(token.text):
            continue
        last = token.i + 1
        while last < len(doc) and doc[last].lower_ in PARTICLES and not doc[last].is_sent_start:
            last += 1
        following = doc[last] if last < len(doc) else None
        if following is None or not CAPITALISED.match(following.text) or following.text in COMMON_NOUNS:
            continue
        if following.is_sent_start or following.text.endswith("."):
            continue
        spans.append((token.idx, following.idx + len(following.text)))
    return spans


def media_spans(doc, entities: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Newspapers and other media: names ending in "Post", "Times" ..., and names after
    "die Zeitung", "das Magazin" ... (kind "label" for a name the model found, else "fill")."""
    text = doc.text
    spans = []
    known = {start: (start, end) for start, end, _ in entities}
    for start, end, _ in entities:
        words = text[start:end].split()
        if len(words) >= 2 and words[-1] in MEDIA_HEADS:
            spans.append((start, end, "label"))
    for token in doc[:-1]:
        if token.lower_ not in MEDIA_CONTEXT:
            continue
        name = doc[token.i + 1]
        if name.idx in known:
            spans.append((*known[name.idx], "label"))
            continue
        last = name
        if name.text in ("Die", "Der", "Das") and name.i + 1 < len(doc):
            last = doc[name.i + 1]  # "die Zeitung Die Zeit"
        if CAPITALISED.match(last.text) and last.text not in COMMON_NOUNS and not last.is_sent_start:
            spans.append((name.idx, last.idx + len(last.text), "fill"))
    return spans
