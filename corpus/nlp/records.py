"""Plain records that carry analysis out of the NLP layer (no spaCy objects cross it)."""

from __future__ import annotations

from dataclasses import dataclass, field

MODEL, RULE, USER = "model", "rule", "user"


@dataclass(frozen=True)
class Entity:
    """A labelled span: offsets are Python str indices into the article text."""

    start: int
    end: int
    label: str
    text: str
    origin: str = MODEL
    value: dict | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Analysis:
    """What analysis found in one text, and which pipeline found it."""

    sentences: list[tuple[int, int]]
    entities: list[Entity]
    pipeline: str
