"""Passages: a claim or a sentence with the names, figures and words inside it.

A passage is what the cross-reading functions compare. It is built from an article's text,
a span, and the article's entities (anything with `start`, `end`, `label`, `text` and
`value`, such as the store's `StoredEntity`). Names the model missed in one place but found
in another are found again through a `NameIndex` of every name surface in the corpus, so a
passage does not depend on the model tagging each mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from gegenlesen.corpus.entities import GENITIVE, figure_identity

NAME_LABELS = {"PER", "ORG", "LOC", "MISC"}
VALUE_LABELS = {"MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY"}
APOSTROPHE_S = re.compile(r"[’']s$")
WORD = re.compile(r"[^\W\d_]+")
STEM = 5
STOPWORDS = frozenset("""
aber alle allem allen aller alles also andere anderen anderer anstatt auch bereits beim
bisher bzw dabei dadurch dafür dagegen daher damit danach darauf darin darum darüber
dass dazu denen deren derer dessen deshalb diese diesem diesen dieser dieses doch dort
durch eben eine einem einen einer eines einige einigen etwa etwas gegen gegenüber
haben hatte hatten hier ihre ihrem ihren ihrer ihres immer indem jede jedem jeden jeder
jedes jedoch jetzt kann kein keine keinen können könnte könnten mehr muss müssen nach
nicht noch nunmehr oder ohne rund schon sehr sein seine seinem seinen seiner seines
selbst sich sind soll sollen sollte sondern sowie sowohl über unter viel viele vielen
vom von vor während wann warum was weil welche welchem welchen welcher welches wenn
werden wird wobei wurde wurden zum zur zwar zwischen ebenso ebenfalls bereits nunmehr
""".split())


class EntityLike(Protocol):
    """What passages need of an entity mention (the store's `StoredEntity` fits)."""

    start: int
    end: int
    label: str
    text: str
    value: dict | None


@dataclass(frozen=True)
class NameMention:
    """A name inside a passage: its key, its surface, and whether it stands on its own
    ("DeepSeek") rather than opening a compound ("DeepSeek-Modell")."""

    key: str
    text: str
    standalone: bool = True


@dataclass(frozen=True)
class FigureMention:
    """A figure or date inside a passage, with its normalised value."""

    label: str
    text: str
    value: dict = field(compare=False, hash=False)
    identity: str = ""


@dataclass(frozen=True)
class Passage:
    """A claim or a sentence of one article, ready to compare with others.

    `context` holds the names just before the passage (the rest of its sentence and the
    sentence before), which is where "its model" finds whose model it is.
    """

    article_id: int
    start: int
    end: int
    text: str
    names: tuple[NameMention, ...] = ()
    figures: tuple[FigureMention, ...] = ()
    context: tuple[NameMention, ...] = ()
    words: frozenset[str] = frozenset()

    @property
    def name_keys(self) -> frozenset[str]:
        return frozenset(name.key for name in self.names)

    @property
    def all_name_keys(self) -> frozenset[str]:
        return frozenset(name.key for name in self.names + self.context)


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class NameIndex:
    """Every name surface of a corpus and the key it meets under; finds them in text."""

    keys: dict[str, str] = field(compare=False, hash=False)
    pattern: re.Pattern | None = field(compare=False, hash=False, default=None)

    def key(self, surface: str) -> str:
        folded = fold(surface)
        return self.keys.get(folded) or self.keys.get(_bare(folded)) or _bare(folded)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, surface) of every indexed name in text[start:end]."""
        if self.pattern is None:
            return []
        end = len(text) if end is None else end
        return [(m.start("name"), m.end("name"), m.group("name")) for m in self.pattern.finditer(text, start, end)]


def _bare(folded: str) -> str:
    return GENITIVE.sub("", APOSTROPHE_S.sub("", folded))


def name_index(entities: Iterable[EntityLike]) -> NameIndex:
    """A `NameIndex` of the names among `entities` (all articles of a corpus, say).

    A genitive ("DeepSeeks", "DeepSeek’s") meets its bare form when that is a name too.
    """
    originals = {
        " ".join(e.text.split()) for e in entities
        if e.label in NAME_LABELS and len(e.text.strip()) > 1 and any(ch.isalpha() for ch in e.text)
    }
    surfaces = {fold(s) for s in originals}
    keys = {}
    for surface in surfaces:
        bare = _bare(surface)
        keys[surface] = bare if bare != surface and bare in surfaces else surface
    if not keys:
        return NameIndex({}, None)
    # Case matters: "Start" the name is not "start" the verb.
    alternatives = "|".join(re.escape(s) for s in sorted(originals, key=lambda s: (-len(s), s)))
    pattern = re.compile(rf"(?<![\w-])(?P<name>(?:{alternatives})(?:[’']?s)?)(?!\w)")
    return NameIndex(keys, pattern)


def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning, cut to a common stem, so that inflections and the
    first part of a compound meet ("Kosten", "kostengünstig": "koste")."""
    return frozenset(
        word[:STEM] for word in (w.casefold() for w in WORD.findall(text))
        if len(word) > 3 and word not in STOPWORDS
    )


def _names(text: str, start: int, end: int, entities: Sequence[EntityLike], index: NameIndex | None) -> tuple[NameMention, ...]:
    found: dict[str, NameMention] = {}
    spans = [(e.start, e.end, e.text) for e in entities if e.label in NAME_LABELS and start <= e.start and e.end <= end]
    if index is not None:
        spans += index.find(text, start, end)
    figures = [(e.start, e.end) for e in entities if e.label in VALUE_LABELS and e.start < end and start < e.end]
    for span_start, span_end, surface in sorted(spans):
        if any(f_start < span_end and span_start < f_end for f_start, f_end in figures):
            continue  # "Dollar" in "6 Millionen Dollar" is part of an amount
        key = index.key(surface) if index is not None else _bare(fold(surface))
        standalone = not text.startswith("-", span_end)
        known = found.get(key)
        if known is None or (standalone and not known.standalone):
            found[key] = NameMention(key, known.text if known else surface, standalone)
    return tuple(found.values())


def passage_for_span(
    article_id: int,
    text: str,
    start: int,
    end: int,
    entities: Sequence[EntityLike],
    index: NameIndex | None = None,
    context_start: int | None = None,
) -> Passage:
    """The passage text[start:end] of an article, with the entities inside it.

    Args:
        entities: the article's entity mentions (others are ignored by offset only, so pass
            one article's).
        index: finds names the model missed here but found elsewhere.
        context_start: where the context before the passage starts (usually the start of
            the sentence before it); its names go to `Passage.context`.
    """
    figures = tuple(
        FigureMention(e.label, e.text, e.value, f"{e.label}:{figure_identity(e.label, e.value)}")
        for e in sorted(entities, key=lambda e: (e.start, e.end))
        if e.label in VALUE_LABELS and e.value and start <= e.start and e.end <= end
    )
    names = _names(text, start, end, entities, index)
    context: tuple[NameMention, ...] = ()
    if context_start is not None and context_start < start:
        inside = {name.key for name in names}
        context = tuple(n for n in _names(text, context_start, start, entities, index) if n.key not in inside)
    return Passage(article_id, start, end, text[start:end], names, figures, context, content_words(text[start:end]))


def context_start_for(sentences: Sequence[tuple[int, int]], start: int) -> int | None:
    """The start of the sentence before the one holding `start` (None when there is none)."""
    holding = None
    for i, (s_start, s_end) in enumerate(sentences):
        if s_start <= start < s_end or start < s_start:
            holding = i
            break
    if holding is None:
        return None
    if holding == 0:
        return sentences[0][0] if sentences[0][0] < start else None
    return sentences[holding - 1][0]


def article_passages(
    article_id: int,
    text: str,
    sentences: Sequence[tuple[int, int]],
    entities: Sequence[EntityLike],
    index: NameIndex | None = None,
) -> list[Passage]:
    """One passage per sentence, each with the sentence before it as context."""
    passages = []
    previous = None
    for start, end in sentences:
        passages.append(passage_for_span(article_id, text, start, end, entities, index, previous))
        previous = start
    return passages
