"""Group entity mentions across articles by a normalised key."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

GENITIVE = re.compile(r"(?:'s|’s|s')$|(?<=[a-zäöü])s$")
FIGURE_LABELS = {"MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY"}


def entity_key(text: str, label: str) -> str:
    """A key under which mentions of one entity meet: case and spacing folded.

    Genitive endings are not stripped here (Axios, Paris): `group_mentions` merges
    "DeepSeeks" into "DeepSeek" only when the bare form is itself mentioned.
    """
    folded = " ".join(text.casefold().split())
    return f"{label}:{folded}"


@dataclass
class EntityGroup:
    """One entity: its label, the name most often used, and mentions per article."""

    key: str
    label: str
    name: str
    per_article: Counter = field(default_factory=Counter)
    keys: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.per_article.values())


def group_mentions(mentions: Iterable[tuple[int, str, str, str]]) -> list[EntityGroup]:
    """Group (article_id, key, label, text) mentions into entities, most mentioned first."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    counts: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for article_id, key, label, text in mentions:
        surfaces[key][text] += 1
        counts[key][article_id] += 1
        labels[key] = label
    canonical = {}
    for key in counts:
        bare = GENITIVE.sub("", key)
        canonical[key] = bare if bare != key and bare in counts and labels[key] not in FIGURE_LABELS else key
    groups: dict[str, EntityGroup] = {}
    for key, target in canonical.items():
        group = groups.setdefault(target, EntityGroup(target, labels[target], ""))
        group.per_article.update(counts[key])
        group.keys.add(key)
    for group in groups.values():
        # The name is the bare form's most used surface ("China", not "Chinas").
        group.name = surfaces[group.key].most_common(1)[0][0]
    return sorted(groups.values(), key=lambda group: (-group.total, group.name.casefold()))
