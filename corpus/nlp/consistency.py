"""One name, one reading per article: a name the model finds is found wherever it is one.

A statistical model decides each mention from its sentence alone, so an article may have
"DeepSeeks" tagged seven times and "DeepSeek" never. Where the article itself shows that a
form is a name, its other occurrences (and its bare form without a genitive ending, and a
person's surname after the full name) get the same label, where the evidence says it is
a name there (`corpus.nlp.spreading`: the article's evidence alone must be enough, so a
one-word person's name needs the person named in full, by the model or a rule); and a
name keeps one label within the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gegenlesen.corpus.nlp.records import MODEL, RULE, Entity
from gegenlesen.corpus.nlp.spreading import Mention, decide, find_places, gather, one_label, surnames

ARTICLE = 0
"""The one article of a per-article decision."""


def consistent_names(text: str, entities: Sequence[Entity], sentence_starts: Sequence[int]) -> list[Entity]:
    """`entities` with each model name labelled as the article labels its form, and
    entities for the other occurrences that are names too, none overlapping another."""
    starts = set(sentence_starts)
    mentions = {
        entity: Mention(ARTICLE, entity.start, entity.end, entity.label, entity.text, entity.start in starts)
        for entity in entities if entity.origin == MODEL
    }
    relabelled = one_label(list(mentions.values()))
    kept = [
        replace(entity, label=relabelled[mentions[entity]], origin=RULE)
        if entity in mentions and mentions[entity] in relabelled else entity
        for entity in entities
    ]
    evidence = gather(Mention(m.article, m.start, m.end, relabelled.get(m, m.label), m.form, m.initial)
                      for m in mentions.values())
    if not evidence:
        return kept
    places, written_lower = find_places(ARTICLE, text, sentence_starts, evidence, [(e.start, e.end) for e in entities])
    added = [
        Entity(spread.place.start, spread.place.end, spread.label, spread.place.form, RULE)
        for spread in decide(evidence, places, written_lower,
                             named_in_full=surnames((entity.text, entity.label) for entity in kept))
    ]
    return kept + added
