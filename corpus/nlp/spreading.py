"""Spreading a name only where it is one: which untagged occurrences of a form are names.

A model decides each mention from its sentence alone and misses some; a name it found
elsewhere is then given to the occurrences it missed, in one article
(`corpus.nlp.consistency`) or across the corpus (`storage.names`). German capitalises
every noun, so a capitalised word is no evidence of a name: "Richter" is a judge far more
often than a surname, "Kurz gesagt" opens a sentence, and a wrong one-off span ("Der")
would make every "Der" a person. The evidence weighed here:

- never from a single span: a form needs at least two mentions the model found;
- a clear label: at least three quarters of those mentions agree on it (two against one
  is the model unsure of what the name is: a footballer "Lazaro" twice a place);
- within one article, where the evidence is the article's alone: a one-word person's name
  only where the article names the person in full ("Petra Richter", so "Richter"): news
  introduces a person by the full name, so a bare "Check24" or "Montagfrüh" the model
  took for a person twice is no surname; and a form found only twice (the least evidence)
  only when it is a person named in full, a name shaped as no German word ("DeepSeek"),
  or one that the shipped open gazetteers know as a place or company;
- the model's own decisions: the model must have found the form in at least half the
  places where it stands inside a sentence (a place it left alone is its judgement that it
  is no name there); across the corpus, a form no German word can be ("DeepSeek", a
  capital inside the word) is spread on the model's mentions in two articles however
  few they are; a frequent German word that is mostly no name (`common_words`, built
  from wordfreq and GermEval) needs two such mentions and a true majority;
- a sentence-initial capital says nothing: such a place (or one after a colon, a dash or
  a line's start) gets the name only when the form is no frequent German word and its
  lower-case form is written nowhere in scope;
- the start of a hyphenated compound is left to `corpus.nlp.compounds`, which asks the
  article's own names: no model decides there;
- a place that runs on into another capitalised word ("1. FC Köln", "Pfeiffer GmbH") is
  part of a longer name, not this one;
- no person's name right after an article ("der Pop", "beim Fuchs"), and no name at all
  right after an indefinite one: "einen Oscar", "einem ITF" are things of a kind;
- a place directly followed by "+" or joined by "&" is part of a longer name ("Google+");
- a country's three-letter code ("AUT" in "Eva Muster (AUT) 227,8") is spread only as a
  place, whatever the model took it for in a results table;
- one name keeps one label within an article: the article's own majority where the
  model labelled the form there.

Everything here works on plain records, so that storage keeps only the SQL.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gegenlesen.corpus.entities import GENITIVE, NAME_LABELS
from gegenlesen.corpus.nlp import gazetteers
from gegenlesen.corpus.nlp.common_nouns import COMMON_NOUNS
from gegenlesen.corpus.spans import overlaps_any

MIN_LENGTH = 3
MIN_LABEL_SHARE = 3 / 4
"""The share of a form's mentions that must agree on its label before it is spread (or
before the article's other mentions of it are given that label)."""
ORGANISATION_WORDS = frozenset({
    "Group", "Gruppe", "Holding", "Holdings", "AG", "SE", "GmbH", "Inc", "Corp", "Corporation", "Ltd",
    "Company", "Bank", "Labs", "AI", "Technologies", "Partei", "Verlag", "Stiftung", "Institut", "Cloud",
})
"""Last words that make a name an organisation's, whatever label the model gave it."""
DATA = Path(__file__).resolve().parent / "data"
INNER_CAPITAL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
ARTICLES = frozenset({
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer", "eines",
    "beim", "vom", "zum", "zur", "am", "im",
})
"""Words before which German news writes no person's name ("der Pop", "beim Fuchs")."""
INDEFINITE = frozenset({"ein", "eine", "einem", "einen", "einer", "eines", "kein", "keine", "keinem", "keinen",
                        "keiner", "keines"})
"""Words before which a capitalised word is a thing of a kind, not a name ("einen Oscar")."""


@lru_cache(maxsize=2)
def _table(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def common_words() -> frozenset[str]:
    """Lower-case forms of frequent German words that are mostly no names (the shipped table)."""
    return _table("common_words.txt")


@dataclass(frozen=True)
class Mention:
    """A name the model found: where, with which label, and whether it opens a sentence."""

    article: int
    start: int
    end: int
    label: str
    form: str
    initial: bool


@dataclass(frozen=True)
class Place:
    """An occurrence of a form that no entity covers yet."""

    article: int
    start: int
    end: int
    form: str
    initial: bool
    runs_on: bool = False
    """Whether another capitalised word follows or precedes it within the name's line."""
    compound: bool = False
    """Whether it opens a hyphenated compound ("Acme-Aktie"), where no model decides."""
    after_article: bool = False
    """Whether an article ("der", "beim") stands right before it."""
    after_indefinite: bool = False
    """Whether an indefinite article ("einen", "keine") stands right before it."""


@dataclass(frozen=True)
class Spread:
    """A place that gets a name: the place and its label."""

    place: Place
    label: str


@dataclass
class Tally:
    """What a form's evidence comes to across the articles: its labels, in how many articles
    the model found it, and how many of its mentions stand inside a sentence."""

    labels: Counter = field(default_factory=Counter)
    articles: int = 0
    inside: int = 0

    @property
    def spans(self) -> int:
        """How many mentions the model found."""
        return sum(self.labels.values())


@dataclass
class Evidence:
    """What the model's own mentions say about one form."""

    labels: Counter = field(default_factory=Counter)
    articles: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    inside: int = 0
    """Mentions not at the start of a sentence."""

    @property
    def spans(self) -> int:
        """How many mentions the model found."""
        return sum(self.labels.values())

    def tally(self) -> Tally:
        """The counts that decide whether the form is spread (`form_label`)."""
        return Tally(self.labels, len(self.articles), self.inside)

    def add(self, mention: Mention, label: str) -> None:
        """Count one mention, with `label`, as evidence for this form."""
        self.labels[label] += 1
        self.articles[mention.article][label] += 1
        self.inside += not mention.initial


def name_like(form: str) -> bool:
    """Whether a tagged form may be spread at all: one line, long enough, every word
    capitalised, and no common noun."""
    return (
        len(form) >= MIN_LENGTH and "\n" not in form and form not in COMMON_NOUNS
        and all(word[:1].isupper() for word in form.split())
    )


def country_codes() -> frozenset[str]:
    """Three-letter country codes, ISO 3166-1 alpha-3 (the shipped table)."""
    return _table("country_codes.txt")


def is_common_word(form: str) -> bool:
    """Whether a one-word form (or its bare form without a genitive -s) is a frequent German word."""
    if " " in form:
        return False
    words = common_words()
    return form.lower() in words or GENITIVE.sub("", form).lower() in words


def shaped_as_no_word(form: str) -> bool:
    """Whether a form has a capital after a small letter inside a word ("DeepSeek"), which
    German spelling gives no common word."""
    return INNER_CAPITAL.search(form) is not None


def gather(mentions: Iterable[Mention]) -> dict[str, Evidence]:
    """The evidence for each form the model tagged, and for the forms it implies: the bare
    form of a genitive ("DeepSeeks", so "DeepSeek") and a person's surname ("Donald
    Trump", so "Trump")."""
    evidence: dict[str, Evidence] = defaultdict(Evidence)
    for mention in mentions:
        form = mention.form
        if mention.label not in NAME_LABELS or not name_like(form):
            continue
        evidence[form].add(mention, mention.label)
        bare = GENITIVE.sub("", form)
        if bare != form and len(bare) >= MIN_LENGTH:
            evidence[bare].add(mention, mention.label)
        surname = form.split()[-1]
        if mention.label == "PER" and " " in form and len(surname) >= MIN_LENGTH and surname not in ORGANISATION_WORDS:
            evidence[surname].add(mention, "PER")
    return dict(evidence)


def find_places(
    article: int,
    text: str,
    sentence_starts: Sequence[int],
    forms: Iterable[str],
    taken: Sequence[tuple[int, int]],
    lower: bool = True,
) -> tuple[list[Place], set[str]]:
    """The places in `text` where one of `forms` stands as a word of its own and no span
    of `taken` reaches in, and the forms whose lower-case form `text` also writes (not
    looked for when `lower` is false: the set is then empty).

    A form that opens a hyphenated compound ("Acme-Aktie") counts as a place of its own.
    """
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    if not ordered:
        return [], set()
    starts = set(sentence_starts)
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, ordered))})(?!\w)")
    spans = _merged(taken)
    places = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if overlaps_any(spans, start, end):
            continue
        initial = start in starts or _opens(text, start)
        previous = re.search(r"(\w+) $", text[max(0, start - 8) : start])
        word = previous.group(1).lower() if previous else ""
        places.append(Place(article, start, end, match.group(), initial, _runs_on(text, start, end, initial),
                            text[end : end + 1] == "-", word in ARTICLES, word in INDEFINITE))
    lowered = {form.lower(): form for form in ordered if form.lower() != form} if lower else {}
    written_lower = set()
    if lowered:
        lower_pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, lowered))})(?!\w)")
        written_lower = {lowered[match.group()] for match in lower_pattern.finditer(text)}
    return places, written_lower


def entangled(forms: Iterable[str], among: Iterable[str]) -> set[str]:
    """`forms` and every form of `among` that shares a word with one of them (in lower case),
    and the forms sharing a word with those, and so on.

    Where a form stands in an article, `find_places` gives the place to the longest form
    that matches there, and a lower-case match hides an overlapping one: two forms can only
    take a place from each other when they share a word. So the places of these forms in an
    article are the same whether `find_places` looks for them alone or with all the others.
    """
    by_word: dict[str, set[str]] = defaultdict(set)
    for form in among:
        for word in _words(form):
            by_word[word].add(form)
    found, todo = set(forms), list(forms)
    while todo:
        for word in _words(todo.pop()):
            for other in by_word.get(word, ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
    return found


def _words(form: str) -> set[str]:
    return set(re.findall(r"\w+", form.lower()))


def decide(
    evidence: dict[str, Evidence],
    places: Iterable[Place],
    written_lower: set[str],
    min_spans: int = 2,
    min_articles: int = 1,
    silence_only_against_words: bool = False,
    named_in_full: Container[str] | None = None,
) -> list[Spread]:
    """The places that get a name, by the rules of this module's docstring.

    Args:
        evidence: what the model's mentions say about each form (`gather`).
        places: occurrences of those forms that no entity covers (`find_places`).
        written_lower: forms whose lower-case form is written somewhere in scope.
        min_spans: how many mentions a form needs at least (never fewer than two).
        min_articles: in how many articles the model must have found it.
        silence_only_against_words: whether the places the model left alone count only
            against forms that can be German words: across a corpus a name shaped as no
            German word can be ("DeepSeek", "iPhone": a capital inside the word) is a
            name wherever it stands, however few of its places the model found.
        named_in_full: for a decision within one article, the last words of the persons'
            names of several words it holds (`surnames`): the evidence is the article's
            alone and must be enough alone (`enough_alone`). None across a corpus.
    """
    places = list(places)
    untagged = untagged_inside(places)
    labels = {}
    for form, found in evidence.items():
        label = form_label(form, found.tally(), untagged[form], min_spans, min_articles, silence_only_against_words)
        if label is not None and (named_in_full is None or enough_alone(form, label, found.spans, named_in_full)):
            labels[form] = label
    return choose(places, labels, lambda form, article: evidence[form].articles.get(article), written_lower)


def surnames(names: Iterable[tuple[str, str]]) -> set[str]:
    """The last words of the persons' names of several words among `names` (form, label),
    with and without a genitive ending: the surnames an article names in full."""
    found = set()
    for form, label in names:
        words = form.split()
        if label == "PER" and len(words) > 1:
            found.add(words[-1])
            found.add(GENITIVE.sub("", words[-1]))
    return found


def enough_alone(form: str, label: str, spans: int, named_in_full: Container[str]) -> bool:
    """Whether one article's own evidence makes `form` a name with `label` there: a
    one-word person's name only when the article names the person in full, and a form the
    model found only twice only when it is a person named in full, a name shaped as no
    German word, or a place or company the shipped gazetteers know."""
    person = label == "PER"
    if person and " " not in form and form not in named_in_full and GENITIVE.sub("", form) not in named_in_full:
        return False
    if spans > 2 or person or shaped_as_no_word(form):
        return True
    known = gazetteers.tables()
    return form in known["places"] or form in known["companies"]


def untagged_inside(places: Iterable[Place]) -> Counter:
    """Per form, its places inside a sentence that the model left alone: the places that
    count against a form (not sentence-initial, no compound start, no longer name)."""
    return Counter(place.form for place in places if not (place.initial or place.compound or place.runs_on))


def form_label(
    form: str,
    found: Tally,
    untagged: int,
    min_spans: int = 2,
    min_articles: int = 1,
    silence_only_against_words: bool = False,
) -> str | None:
    """The label a form is spread with, or None where the evidence does not make it a name
    (`decide` explains the arguments; `untagged` is the form's count of `untagged_inside`)."""
    if not found.labels:
        return None
    label, votes = found.labels.most_common(1)[0]
    common = is_common_word(form)
    if (
        found.spans >= max(2, min_spans) and found.articles >= min_articles
        and votes >= MIN_LABEL_SHARE * found.spans
        and (found.inside >= untagged or (silence_only_against_words and shaped_as_no_word(form)))
        and (not common or (found.inside >= 2 and found.inside > untagged))
    ):
        return label
    return None


def choose(
    places: Iterable[Place],
    labels: Mapping[str, str],
    own: Callable[[str, int], Counter | None],
    written_lower: Container[str],
) -> list[Spread]:
    """The places that get a name, once each form's label is decided.

    Args:
        places: occurrences that no entity covers (`find_places`).
        labels: the label of each form that is spread (`form_label`).
        own: the labels the model gave a form in one article (form, article), if any:
            a place takes the article's own majority.
        written_lower: forms whose lower-case form is written somewhere in scope.
    """
    spread = []
    for place in places:
        form = place.form
        if form not in labels or place.runs_on or place.compound:
            continue
        if place.initial and (is_common_word(form) or form in written_lower):
            continue
        found = own(form, place.article)
        label = found.most_common(1)[0][0] if found else labels[form]
        if place.after_indefinite or (label == "PER" and place.after_article):
            continue
        if label != "LOC" and form in country_codes():
            continue
        spread.append(Spread(place, label))
    return spread


def one_label(mentions: Sequence[Mention]) -> dict[Mention, str]:
    """Mentions whose label differs from the one the form has in its article, with that
    label: the label of a clear majority (`MIN_LABEL_SHARE`, at least two mentions). A form
    the article labels both ways more evenly keeps both (the text says otherwise)."""
    by_form: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for mention in mentions:
        if mention.label in NAME_LABELS:
            by_form[mention.article, mention.form][mention.label] += 1
    relabelled = {}
    for mention in mentions:
        counted = by_form.get((mention.article, mention.form))
        if not counted or len(counted) < 2:
            continue
        label, votes = counted.most_common(1)[0]
        if mention.label != label and votes >= 2 and votes >= MIN_LABEL_SHARE * sum(counted.values()):
            relabelled[mention] = label
    return relabelled


def _runs_on(text: str, start: int, end: int, initial: bool) -> bool:
    """Whether the place runs on into a longer name: a capitalised word that is no frequent
    German word follows it ("Pfeiffer HandelsgmbH") or, within its sentence, precedes it
    ("FC Köln"), or a "+" follows it ("Google+") or an "&" joins it to another word
    ("Procter & Gamble"). "Präsident Trump" and "Trumps Politik" do not run on."""
    if re.match(r"\+| ?& ?\w", text[end : end + 4]) or re.search(r"\w ?& ?$", text[max(0, start - 4) : start]):
        return True
    after = re.match(r" ([\w-]+)", text[end : end + 40])
    if after and _proper(after.group(1)):
        return True
    before = None if initial else re.search(r"(?:^|[ (])([\w-]+) $", text[max(0, start - 40) : start])
    return bool(before) and _proper(before.group(1))


def _opens(text: str, start: int) -> bool:
    """Whether a place opens a clause as a sentence does: at a line's start, after a colon
    or a dash ("Wien – Neuer Streit"), or after an opening quotation mark."""
    before = text[max(0, start - 4) : start].rstrip(" „“»«\"'")
    return not before or before[-1] in "\n:–—" or before.endswith(" -")


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _proper(word: str) -> bool:
    last = word.split("-")[-1]
    return last[:1].isupper() and not is_common_word(last)
