"""What each article gives the spreading of names across a corpus, kept from one spread to the next.

Spreading a name across the corpus weighs, for each form, the model's mentions in every
article (`spreading.Tally`) and the places where the form stands untagged in every article
that holds it (`spreading.untagged_inside`, and whether its lower-case form is written).
Counting all of that again after an import of ten articles reads the whole corpus: seconds
at 10,000 articles. This index keeps each article's share and the sums, so that a changed
article is taken out and put in again, and it says which forms' decision changed, so that
only the articles holding those forms are written again. The decision itself stays in
`spreading`; this module only adds and subtracts, and is plain data to and from JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from gegenlesen.corpus.nlp.spreading import Mention, Place, Tally, form_label, gather, is_common_word, untagged_inside

VERSION = 5
"""Bumped when what is kept changes, or how `spreading` counts or decides (the word tables
are checked by storage): an index of another version is built anew."""


@dataclass(frozen=True)
class Share:
    """One form's evidence from one article: its labels as the model gave them (in the
    order first seen, which breaks a tie within the article) and its mentions inside a sentence."""

    labels: tuple[tuple[str, int], ...]
    inside: int


Decision = tuple[bool, str | None, bool]
"""(whether the form is sure, the label it is spread with, whether its lower-case form is
written in an article that holds it)."""


def shares(article: int, mentions: Iterable[Mention]) -> dict[str, Share]:
    """What one article's model mentions (in the order stored) say about each form."""
    evidence = gather(mentions)
    return {
        form: Share(tuple(found.articles[article].items()), found.inside)
        for form, found in evidence.items()
    }


def place_counts(places: Iterable[Place], written_lower: Iterable[str]) -> dict[str, tuple[int, int]]:
    """One article's places as the form decision counts them: per form, the places the model
    left alone inside a sentence, and 1 where the article writes the form in lower case
    (never for a frequent German word, which takes no sentence-initial place anyway: "sagte"
    stands in nearly every article, and counting it there would swell the index for nothing)."""
    untagged = untagged_inside(places)
    lower = {form for form in written_lower if not is_common_word(form)}
    return {form: (untagged[form], int(form in lower)) for form in sorted(set(untagged) | lower)}


class SpreadIndex:
    """Every article's share of the evidence and of the places, and their sums per form.

    Kept as plain lists and dicts, as JSON has them, so that loading the index of a large
    corpus is one `json.loads`: the sums are kept too, not made again from the shares.

    Args:
        min_mentions: how many mentions make a form sure across the corpus.
        min_articles: in how many articles the model must have found it.
    """

    def __init__(self, min_mentions: int, min_articles: int) -> None:
        self.min_mentions = min_mentions
        self.min_articles = min_articles
        self.evidence = _Shares()
        """Article (as a string, as JSON keys are) -> form -> [inside, [label, count, ...]]."""
        self.places = _Shares()
        """Article -> form -> [untagged places inside a sentence, 1 if it writes the form in lower case]."""
        self.tallies: dict[str, list] = {}
        """Form -> [articles, inside, {label: count}]: the sums of the evidence."""
        self.untagged: dict[str, int] = {}
        self.lower: dict[str, int] = {}
        self._before: dict[str, Decision] = {}

    def sure(self) -> set[str]:
        """The forms the model found often enough, in enough articles, to be weighed at all."""
        return {form for form in self.tallies if self.is_sure(form)}

    def is_sure(self, form: str) -> bool:
        """Whether the form is sure (see `sure`)."""
        found = self.tallies.get(form)
        return (found is not None and found[0] >= self.min_articles
                and sum(found[2].values()) >= self.min_mentions)

    def put_evidence(self, article: int, found: dict[str, Share] | None) -> None:
        """Replace an article's share of the evidence (None: the article is gone)."""
        key = str(article)
        old = self.evidence.pop(key, {})
        new = {form: [share.inside, [item for pair in share.labels for item in pair]]
               for form, share in (found or {}).items()}
        for form in set(old) | set(new):
            self._remember(form)
        for form, share in old.items():
            self._count(form, share, -1)
        if new:
            self.evidence[key] = new
            for form, share in new.items():
                self._count(form, share, 1)

    def put_places(self, article: int, counts: dict[str, tuple[int, int]] | None,
                   forms: Iterable[str] | None = None) -> None:
        """Replace an article's share of the places (None or empty: it holds no sure form),
        or only that of `forms`, when given (`counts` then tells only of them)."""
        key = str(article)
        kept = self.places.pop(key, {})
        scope = set(kept) if forms is None else set(forms) & set(kept)
        old = {form: kept.pop(form) for form in scope}
        new = {form: list(value) for form, value in (counts or {}).items() if any(value)}
        for form in set(old) | set(new):
            self._remember(form)
        for form, (untagged, lower) in old.items():
            _add(self.untagged, form, -untagged)
            _add(self.lower, form, -lower)
        for form, (untagged, lower) in new.items():
            _add(self.untagged, form, untagged)
            _add(self.lower, form, lower)
        kept.update(new)
        if kept:
            self.places[key] = kept

    def flipped(self) -> set[str]:
        """The forms touched since `settle` that became sure or stopped being sure."""
        return {form for form, before in self._before.items() if before[0] != self.is_sure(form)}

    def settle(self) -> set[str]:
        """The forms touched since the last call whose decision changed: sure or not, the
        label, or (for a form that is spread) whether its lower-case form is written."""
        changed = {form for form, before in self._before.items() if before != self.decision(form)}
        self._before = {}
        return changed

    def decision(self, form: str) -> Decision:
        """Whether a form is sure, the label it is spread with (None: it is not), and
        whether its lower-case form is written where it stands (only told for a spread form)."""
        if not self.is_sure(form):
            return False, None, False
        articles, inside, labels = self.tallies[form]
        label = form_label(form, Tally(Counter(labels), articles, inside), self.untagged.get(form, 0),
                           self.min_mentions, self.min_articles, silence_only_against_words=True)
        return True, label, label is not None and self.lower.get(form, 0) > 0

    def labels(self, forms: Iterable[str]) -> dict[str, str]:
        """The label of each of `forms` that is spread."""
        found = {}
        for form in forms:
            _, label, _ = self.decision(form)
            if label is not None:
                found[form] = label
        return found

    def written_lower(self, forms: Iterable[str]) -> set[str]:
        """Those of `forms` whose lower-case form an article holding them writes."""
        return {form for form in forms if self.lower.get(form, 0) > 0}

    def own(self, form: str, article: int) -> Counter | None:
        """The labels the model gave `form` in `article` (in the order first seen), if it found it there."""
        share = self.evidence.get(str(article), {}).get(form)
        if not share:
            return None
        flat = share[1]
        return Counter(dict(zip(flat[::2], flat[1::2])))

    def to_json(self) -> dict:
        """Everything, as JSON-ready data."""
        return {"version": VERSION, "evidence": self.evidence.to_json(), "places": self.places.to_json(),
                "tallies": self.tallies,
                "untagged": self.untagged, "lower": self.lower}

    @classmethod
    def from_json(cls, data: dict, min_mentions: int, min_articles: int) -> SpreadIndex | None:
        """The index `to_json` wrote, or None when it is of another version or not an index."""
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        index = cls(min_mentions, min_articles)
        for name in ("evidence", "places", "tallies", "untagged", "lower"):
            if not isinstance(data.get(name), dict):
                return None
            setattr(index, name, _Shares(data[name]) if name in ("evidence", "places") else data[name])
        return index

    def _remember(self, form: str) -> None:
        if form not in self._before:
            self._before[form] = self.decision(form)

    def _count(self, form: str, share: list, sign: int) -> None:
        inside, flat = share
        tally = self.tallies.setdefault(form, [0, 0, {}])
        tally[0] += sign
        tally[1] += sign * inside
        labels = tally[2]
        for label, count in zip(flat[::2], flat[1::2]):
            labels[label] = labels.get(label, 0) + sign * count
            if labels[label] <= 0:
                del labels[label]
        if not labels:
            del self.tallies[form]


class _Shares:
    """Article -> form -> numbers, each article's dict kept as the JSON text it was loaded
    as until it is asked for: loading the index of 10,000 articles then decodes 10,000
    strings, not half a million lists."""

    def __init__(self, raw: dict[str, str] | None = None) -> None:
        self._raw = dict(raw or {})
        self._read: dict[str, dict] = {}

    def get(self, key: str, default: dict | None = None) -> dict | None:
        if key not in self._read and key in self._raw:
            self._read[key] = json.loads(self._raw.pop(key))
        return self._read.get(key, default)

    def pop(self, key: str, default: dict) -> dict:
        found = self.get(key)
        self._read.pop(key, None)
        return default if found is None else found

    def __setitem__(self, key: str, value: dict) -> None:
        self._raw.pop(key, None)
        self._read[key] = value

    def to_json(self) -> dict[str, str]:
        return {**self._raw, **{key: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                                for key, value in self._read.items()}}


def _add(counts: dict[str, int], form: str, amount: int) -> None:
    total = counts.get(form, 0) + amount
    if total:
        counts[form] = total
    else:
        counts.pop(form, None)
