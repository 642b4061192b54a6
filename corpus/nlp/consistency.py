"""One name, one reading per article: a name the model finds is found wherever it occurs.

A statistical model decides each mention from its sentence alone, so an article may have
"DeepSeeks" tagged seven times and "DeepSeek" never. Where the article itself shows that a
form is a name, its other occurrences (and its bare form without a genitive ending) get
the same label: the classic document-level label consistency of NER systems.

Only forms the model is sure enough of are spread: tagged at least twice, or once not at
the start of a sentence (sentence-initial capitals are where the model errs most), and
made of capitalised words. A person's full name also makes the surname one ("Donald
Trump", then "Trump").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from gegenlesen.corpus.entities import GENITIVE
from gegenlesen.corpus.nlp.common_nouns import COMMON_NOUNS
from gegenlesen.corpus.nlp.records import RULE, Entity
from gegenlesen.corpus.spans import overlaps_any

NAME_LABELS = {"PER", "ORG", "LOC", "MISC"}
MIN_LENGTH = 3
ORGANISATION_WORDS = frozenset({
    "Group", "Gruppe", "Holding", "Holdings", "AG", "SE", "GmbH", "Inc", "Corp", "Corporation", "Ltd",
    "Company", "Bank", "Labs", "AI", "Technologies", "Partei", "Verlag", "Stiftung", "Institut", "Cloud",
})
"""Last words that make a name an organisation's, whatever label the model gave it."""


def name_like(form: str) -> bool:
    """Whether a form the model tagged can be spread to where it was not: one line, long
    enough, every word capitalised, and no common noun."""
    return (
        len(form) >= MIN_LENGTH and "\n" not in form and form not in COMMON_NOUNS
        and all(word[:1].isupper() for word in form.split())
    )


def sure_names(text: str, entities: Sequence[Entity], sentence_starts: Sequence[int]) -> dict[str, str]:
    """Surface form -> label, for the names the model found that may be spread."""
    starts = set(sentence_starts)
    labels: dict[str, Counter] = defaultdict(Counter)
    inside: Counter = Counter()
    for entity in entities:
        form = entity.text
        if entity.label not in NAME_LABELS or not name_like(form):
            continue
        labels[form][entity.label] += 1
        if entity.start not in starts:
            inside[form] += 1
    sure = {}
    for form, counted in labels.items():
        if sum(counted.values()) >= 2 or inside[form]:
            label = counted.most_common(1)[0][0]
            sure[form] = label
            bare = GENITIVE.sub("", form)
            if bare != form and len(bare) >= MIN_LENGTH:
                sure.setdefault(bare, label)
            surname = form.split()[-1]
            if label == "PER" and " " in form and len(surname) >= MIN_LENGTH and surname not in ORGANISATION_WORDS:
                sure.setdefault(surname, "PER")  # "Donald Trump", then "Trump"
    return sure


def consistent_names(text: str, entities: Sequence[Entity], sentence_starts: Sequence[int]) -> list[Entity]:
    """Entities for the other occurrences of the sure names, none overlapping `entities`."""
    sure = sure_names(text, entities, sentence_starts)
    if not sure:
        return []
    forms = sorted(sure, key=lambda form: (-len(form), form))
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, forms))})(?![\w])")
    taken = sorted((e.start, e.end) for e in entities)
    found: list[Entity] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if text[end : end + 1] == "-":
            continue  # the start of a compound: names_in_compounds decides those
        if not overlaps_any(taken, start, end):
            found.append(Entity(start, end, sure[match.group()], match.group(), RULE))
    return found
