"""A user's entity corrections, applied to the analysis of any text.

A correction names a surface form and what it is: a label, or not an entity at all. It
applies to every occurrence of that form in every article, whatever the model said, and
also to the form with a genitive ending ("DeepSeeks") and inside a hyphenated compound
("DeepSeek-Modell", where only the name's span becomes the entity). Corrections are applied
when analysis is read, so they win over the model however often articles are analysed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gegenlesen.corpus.entities import NAME_LABELS
from gegenlesen.corpus.nlp.records import USER, Entity
from gegenlesen.corpus.spans import overlaps_any

GENITIVE_ENDINGS = r"(?:s|'s|’s)?"
T = TypeVar("T")


@dataclass(frozen=True)
class Correction:
    """`surface` is an entity with `label`, or, where `label` is None, no entity at all."""

    surface: str
    label: str | None


def occurrence_pattern(surfaces: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern that finds each surface form as whole words, longest form first."""
    forms = sorted({s for s in surfaces if s.strip()}, key=lambda s: (-len(s), s))
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<!\w)(?P<form>{alternatives}){GENITIVE_ENDINGS}(?!\w)")


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Where `surface` occurs in `text` as whole words (with a genitive ending if any)."""
    pattern = occurrence_pattern([surface])
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def apply_corrections(
    text: str, entities: Sequence[T], corrections: Sequence[Correction], make: Callable[[int, int, str], T] | None = None
) -> list[T]:
    """The entities of `text` once the corrections are applied, in text order.

    A labelled form becomes an entity wherever it occurs, replacing whatever overlaps it;
    a form that is no entity takes away every entity that is exactly that form. `make`
    builds an entity from (start, end, label); by default a user-made `Entity`.
    """
    make = make or (lambda start, end, label: Entity(start, end, label, text[start:end], USER))
    if not corrections:
        return list(entities)
    label_of = {c.surface: c.label for c in corrections}
    pattern = occurrence_pattern(label_of)
    if pattern is None:
        return list(entities)
    removed: list[tuple[int, int]] = []
    added: list[Entity] = []
    for match in pattern.finditer(text):
        label = label_of[match.group("form")]
        span = (match.start(), match.end())
        if label is None:
            removed.append(span)
            removed.append((match.start(), match.end("form")))  # "DeepSeek" of "DeepSeek’s" too
        else:
            added.append(make(*span, label))
    removed_spans = set(removed)
    added_spans = [(a.start, a.end) for a in added]  # from one regex scan: sorted, never overlapping
    kept = [
        e for e in entities
        if (e.start, e.end) not in removed_spans and not overlaps_any(added_spans, e.start, e.end)
    ]
    return sorted(kept + added, key=lambda e: (e.start, e.end))
