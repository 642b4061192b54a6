"""Passages: a claim or a sentence with the names, figures and words inside it.

A passage is what the cross-reading functions compare. It is built from an article's text,
a span, and the article's entities (anything with `start`, `end`, `label`, `text` and
`value`, such as the store's `StoredEntity`). Names the model missed in one place but found
in another are found again through a `NameIndex` of every name surface in the corpus, so a
passage does not depend on the model tagging each mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from gegenlesen.corpus.entities import GENITIVE, figure_identity

NAME_LABELS = {"PER", "ORG", "LOC", "MISC"}
VALUE_LABELS = {"MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY"}
APOSTROPHE_S = re.compile(r"[’']s$")
WORD = re.compile(r"[^\W\d_]+")
STEM = 5
LONGEST = 200
"""Entities starting this far before a span are still looked at (a figure reaching into it)."""
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


FUNCTION_WORDS = frozenset("""
der die das des dem den ein eine einer eines einem einen im am an auf aus bei mit nach seit von vor zu zum zur
und oder aber als wie wo wer was er sie es wir ihr ich du man sein ihr ihre dies diese dieser dieses jener
so da dann denn doch nun nur noch auch schon sehr hier dort heute gestern morgen de la le les du van von der
""".split()) | STOPWORDS
"""Words that are never names, whatever the model tagged ("des", "de" of "de facto", "Der")."""
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n])[\s\"'„“”»«‚‘’()\[\]–—-]*$")
"""What a sentence-initial word has before it: nothing, or an end mark and quotes/dashes."""
WORD_RUN = re.compile(r"\w+")


def is_function_word(surface: str) -> bool:
    """Whether a tagged surface is a function word or no capitalised name at all."""
    folded = fold(surface)
    return not surface[:1].isupper() or folded in FUNCTION_WORDS or _bare(folded) in FUNCTION_WORDS


def mid_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` stands inside a sentence (its capital is then the name's own)."""
    return start > 0 and SENTENCE_END.search(text, max(0, start - 12), start) is None


def trusted_names(entities: Iterable[EntityLike], texts: Mapping[int, str] | None = None) -> frozenset[str]:
    """The folded name surfaces that count as names across articles.

    A surface counts when it is no function word and was tagged as a name in at least two
    places, or corrected by the user, or (with `texts`, article id -> text) tagged once by
    the model where it is capitalised in the middle of a sentence. Without `texts`, a
    surface tagged once counts too. A one-off span the model got wrong at a sentence start
    ("Der", "Stumpf") is thereby left out.
    """
    places: dict[str, int] = {}
    once_ok: set[str] = set()
    for e in entities:
        if e.label not in NAME_LABELS or len(e.text.strip()) < 2 or is_function_word(e.text.strip()):
            continue
        folded = fold(e.text)
        places[folded] = places.get(folded, 0) + 1
        origin = getattr(e, "origin", "model")
        text = (texts or {}).get(getattr(e, "article_id", None)) if texts is not None else None
        if origin == "user" or texts is None or (text is not None and mid_sentence(text, e.start)):
            once_ok.add(folded)
    by_bare: dict[str, int] = {}
    for folded, count in places.items():
        by_bare[_bare(folded)] = by_bare.get(_bare(folded), 0) + count
    return frozenset(f for f, count in places.items() if f in once_ok or by_bare[_bare(f)] >= 2)


@dataclass(frozen=True)
class NameIndex:
    """Every trusted name surface of a corpus and the key it meets under; finds them in text."""

    keys: dict[str, str] = field(compare=False, hash=False)
    first_words: dict[str, tuple[str, ...]] = field(compare=False, hash=False, default_factory=dict)
    """The first word of each surface -> the surfaces it opens, longest first (case kept)."""

    def key(self, surface: str) -> str:
        folded = fold(surface)
        return self.keys.get(folded) or self.keys.get(_bare(folded)) or _bare(folded)

    def trusts(self, surface: str) -> bool:
        """Whether a surface is a name the corpus agrees on (see `trusted_names`)."""
        folded = fold(surface)
        return folded in self.keys or _bare(folded) in self.keys

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, surface) of every indexed name in text[start:end], with a genitive
        ending if it has one; a name must stand apart from the words around it (it may
        open a compound: "Acme-Modell")."""
        if not self.first_words:
            return []
        end = len(text) if end is None else end
        found = []
        reached = start
        for word in WORD_RUN.finditer(text, start, end):
            at = word.start()
            opening = word.group()
            surfaces = self.first_words.get(opening) or (opening.endswith("s") and self.first_words.get(opening[:-1]))
            if at < reached or not surfaces:
                continue
            if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-"):
                continue
            for surface in surfaces:
                if not text.startswith(surface, at):
                    continue
                stop = _name_end(text, at + len(surface), end)
                if stop is not None:
                    found.append((at, stop, text[at:stop]))
                    reached = stop
                    break
        return found


def _name_end(text: str, after: int, end: int) -> int | None:
    """Where a name ending at `after` ends with its genitive ending, None if a letter follows."""
    for suffix in ("’s", "'s", "s", ""):
        stop = after + len(suffix)
        if stop <= end and text.startswith(suffix, after) and (stop == len(text) or not (text[stop].isalnum() or text[stop] == "_")):
            return stop
    return None


def _bare(folded: str) -> str:
    return GENITIVE.sub("", APOSTROPHE_S.sub("", folded))


def name_index(entities: Iterable[EntityLike], texts: Mapping[int, str] | None = None) -> NameIndex:
    """A `NameIndex` of the trusted names among `entities` (all articles of a corpus, say).

    A genitive ("DeepSeeks", "DeepSeek’s") meets its bare form when that is a name too.
    `texts` (article id -> text) lets a name tagged only once count when it is capitalised
    mid-sentence (see `trusted_names`).
    """
    entities = list(entities)
    trusted = trusted_names(entities, texts)
    originals = {
        " ".join(e.text.split()) for e in entities
        if e.label in NAME_LABELS and fold(e.text) in trusted and any(ch.isalpha() for ch in e.text)
    }
    for original in list(originals):
        bare = GENITIVE.sub("", APOSTROPHE_S.sub("", original))
        if bare != original and len(bare) >= 4 and bare[:1].isupper():
            originals.add(bare)  # "DeepSeeks" tagged: "DeepSeek" is that name, tagged or not
    surfaces = {fold(s) for s in originals}
    keys = {}
    for surface in surfaces:
        bare = _bare(surface)
        keys[surface] = bare if bare != surface and bare in surfaces else surface
    first_words: dict[str, list[str]] = {}
    for original in originals:
        opening = WORD_RUN.match(original)
        if opening is not None:  # a surface opening with a quote mark is the model's slip
            first_words.setdefault(opening.group(), []).append(original)
    # Case matters: "Start" the name is not "start" the verb.
    ordered = {word: tuple(sorted(found, key=lambda s: (-len(s), s))) for word, found in first_words.items()}
    return NameIndex(keys, ordered)


def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning, cut to a common stem, so that inflections and the
    first part of a compound meet ("Kosten", "kostengünstig": "koste")."""
    return frozenset(
        word[:STEM] for word in (w.casefold() for w in WORD.findall(text))
        if len(word) > 3 and word not in STOPWORDS
    )


def _names(text: str, start: int, end: int, entities: Sequence[EntityLike], index: NameIndex | None) -> tuple[NameMention, ...]:
    found: dict[str, NameMention] = {}
    spans = [
        (e.start, e.end, e.text) for e in entities
        if e.label in NAME_LABELS and start <= e.start and e.end <= end
        and (index.trusts(e.text) if index is not None else not is_function_word(e.text.strip()))
    ]
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


COUNTED = re.compile(r"[\s\u00a0]*(?:[(\[]?)([^\W\d_][\w-]*)")
"""The word after a bare number: what it counts ("1.000 SMS", "40.000 Menschen")."""


def figure_mention(entity: EntityLike, text: str) -> FigureMention:
    """A figure as passages compare it. A bare number (CARDINAL, or a QUANTITY without a
    unit) is one figure with another only when both count the same thing, the noun right
    after it; a number followed by no noun is never the same figure as another."""
    identity = f"{entity.label}:{figure_identity(entity.label, entity.value)}"
    if entity.label in ("CARDINAL", "QUANTITY") and not entity.value.get("unit"):
        counted = COUNTED.match(text, entity.end)
        word = counted.group(1) if counted else ""
        if word[:1].isupper():
            identity += f" {word.casefold()[:STEM]}"
        else:
            identity += f" @{getattr(entity, 'article_id', '')}:{entity.start}"
    return FigureMention(entity.label, entity.text, entity.value, identity)


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
        figure_mention(e, text)
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
    ordered = sorted(entities, key=lambda e: (e.start, e.end))
    starts = [e.start for e in ordered]
    passages = []
    previous = None
    for start, end in sentences:
        # only the entities near this sentence: an article's every entity per sentence is quadratic
        near = ordered[bisect.bisect_left(starts, (previous if previous is not None else start) - LONGEST):
                       bisect.bisect_left(starts, end)]
        passages.append(passage_for_span(article_id, text, start, end, near, index, previous))
        previous = start
    return passages
