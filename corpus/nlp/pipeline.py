"""Resolve, load and run the German pipeline; the only module that imports spaCy.

Resolution order (`resolve.py`): a model the user names, an installed `de_core_news_*`
package, a pipeline learned from the user's corrections beside the database, the pipeline
shipped in this package, and, only if all of those fail, a blank German pipeline that
finds sentences and rule-based figures.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gegenlesen.corpus.nlp.common_nouns import without_common_nouns
from gegenlesen.corpus.nlp.compounds import names_in_compounds
from gegenlesen.corpus.nlp.consistency import consistent_names
from gegenlesen.corpus.nlp.figures import find_figures
from gegenlesen.corpus.nlp.name_rules import revise
from gegenlesen.corpus.nlp.records import MODEL, RULE, Analysis, Entity
from gegenlesen.corpus.nlp.resolve import SHIPPED_MODEL, candidates, pipeline_name  # noqa: F401 - re-exported
from gegenlesen.corpus.spans import overlaps_any

MODEL_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}
# spaCy works on chunks of at most this many characters; longer lines are cut at spaces.
CHUNK_CHARS = 20_000


@dataclass
class Pipeline:
    """A loaded spaCy pipeline and what the user should know about how it was chosen."""

    nlp: Any
    name: str
    notes: list[str] = field(default_factory=list)


def load_pipeline(requested: str | None = None) -> Pipeline:
    """Load the first candidate that works; say what was skipped and why."""
    import spacy

    notes: list[str] = []
    for candidate in candidates(requested):
        try:
            nlp = spacy.load(candidate.name, exclude=["parser", "tagger", "lemmatizer", "morphologizer", "attribute_ruler"])
        except Exception as error:  # noqa: BLE001 - any load failure means: try the next one
            reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            notes.append(f"pipeline {candidate.name!r} ({candidate.why}) could not be loaded: {reason}")
            continue
        if not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser"):
            nlp.add_pipe("sentencizer", first=True)
        name = pipeline_name(nlp.meta)
        if notes:
            notes.append(f"using {name} instead")
        return Pipeline(nlp, name, notes)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    notes.append("no NER pipeline could be loaded: only sentences and rule-based figures are found")
    return Pipeline(nlp, pipeline_name({"name": "blank", "version": "0"}), notes)


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Non-empty lines of `text` with their offsets; a line over `limit` is cut at spaces."""
    for line in re.finditer(r"[^\n]+", text):
        offset, line_text = line.start(), line.group()
        while len(line_text) > limit:
            cut = line_text.rfind(" ", limit // 2, limit)
            cut = cut if cut > 0 else limit
            yield offset, line_text[:cut]
            offset, line_text = offset + cut, line_text[cut:]
        if line_text.strip():
            yield offset, line_text


def analyze(text: str, pipeline: Pipeline, published: datetime.date | None = None) -> Analysis:
    """Sentences and entities of `text` as plain records with offsets into `text`; dates are read against `published`.

    Figures and dates come from rules and win over any model entity they overlap. Rules
    then correct the model's names (`name_rules`: products, legal forms, name particles,
    media, events, open gazetteers of places, companies and first names). Then:
    common nouns the model took for names go (`common_nouns`), a name the model is sure of
    is found wherever the article has it (`consistency`), and where it opens a hyphenated
    compound (`compounds`).
    """
    figures = [
        Entity(f.start, f.end, f.label, text[f.start : f.end], RULE, f.value)
        for f in find_figures(text, published=published)
    ]
    covered = bytearray(len(text))  # 1 under a figure, 2 under a bare count a product name may take in
    for figure in figures:
        mark = b"\x02" if figure.label == "CARDINAL" else b"\x01"
        covered[figure.start : figure.end] = mark * (figure.end - figure.start)
    sentences: list[tuple[int, int]] = []
    entities: list[Entity] = list(figures)
    pieces = list(chunks(text))
    docs = pipeline.nlp.pipe((piece for _, piece in pieces), batch_size=64)
    for (offset, _), doc in zip(pieces, docs):
        for sentence in doc.sents:
            start, end = _strip(text, offset + sentence.start_char, offset + sentence.end_char)
            if start < end:
                sentences.append((start, end))
        found = [
            (ent.start_char, ent.end_char, MODEL_LABELS[ent.label_]) for ent in doc.ents
            if ent.label_ in MODEL_LABELS and not any(covered[offset + ent.start_char : offset + ent.end_char])
        ]

        def blocked(start: int, end: int, strict: bool, offset: int = offset) -> bool:
            under = covered[offset + start : offset + end]
            return any(under) if strict else 1 in under

        for start, end, label, by_rule in revise(doc, found, blocked):
            start, end = offset + start, offset + end
            entities.append(Entity(start, end, label, text[start:end], RULE if by_rule else MODEL))
    taken_counts = sorted((e.start, e.end) for e in entities if e.origin == RULE and e.label == "MISC")
    entities = [
        e for e in entities if not (e.label == "CARDINAL" and overlaps_any(taken_counts, e.start, e.end))
    ]
    sentences = mend_opening_quotes(text, sentences)
    entities = without_common_nouns(entities)
    entities = consistent_names(text, entities, [start for start, _ in sentences])
    entities = sorted(entities + names_in_compounds(text, entities), key=lambda entity: (entity.start, entity.end))
    return Analysis(sentences=sentences, entities=entities, pipeline=pipeline.name)


OPENING_QUOTES = "„‚»«\"'"


def mend_opening_quotes(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give an opening quotation mark that the sentencizer left at the end of one sentence
    ('… kritisiert. „') to the sentence it opens ('„Das Werk …“, sagte sie.')."""
    mended = list(sentences)
    for index in range(len(mended) - 1):
        start, end = mended[index]
        following_start, following_end = mended[index + 1]
        mark = end - 1
        if mark > start and text[mark] in OPENING_QUOTES and text[mark - 1].isspace() and following_start >= end:
            mended[index] = _strip(text, start, mark)
            mended[index + 1] = (mark, following_end)
    return [(start, end) for start, end in mended if start < end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
