"""Names inside hyphenated compounds: "DeepSeek-Modell" holds the name "DeepSeek".

spaCy's German tokenizer keeps a hyphenated compound as one token and German NER data
labels such a token as a part, not as the name, so the model never finds the name in it.
Where the text names the same thing on its own elsewhere, the compound's first part gets
that entity, with the name's own span: the entity is then found in every mention.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from gegenlesen.corpus.entities import GENITIVE, NAME_LABELS
from gegenlesen.corpus.nlp.records import RULE, Entity
from gegenlesen.corpus.spans import overlaps_any



def names_in_compounds(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """Entities for names that open a hyphenated compound, labelled as the name is
    labelled elsewhere in `text`; none that overlap `entities`."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for entity in entities:
        if entity.label in NAME_LABELS and "-" not in entity.text and "\n" not in entity.text:
            labels[entity.text][entity.label] += 1
            bare = GENITIVE.sub("", entity.text)
            if bare != entity.text and len(bare) > 1:
                labels[bare][entity.label] += 1
    if not labels:
        return []
    names = sorted(labels, key=lambda name: (-len(name), name))
    pattern = re.compile(rf"(?<![\w-])(?P<name>{'|'.join(map(re.escape, names))})-(?=\w)")
    taken = sorted((e.start, e.end) for e in entities)
    found = []
    for match in pattern.finditer(text):
        start, end = match.span("name")
        if not overlaps_any(taken, start, end):
            label = labels[match.group("name")].most_common(1)[0][0]
            found.append(Entity(start, end, label, match.group("name"), RULE))
    return found
