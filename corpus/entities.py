"""Group entity mentions across articles by a normalised key.

Names meet by their folded text whatever label the model gave each mention ("DeepSeek"
as ORG here and MISC there is one entity, labelled as most mentions are); figures and
dates meet by their normalised value ("6 Millionen Dollar" and "weniger als 6 Millionen
Dollar" are both 6000000 USD; "Januar 2025" and "Ende Januar 2025" are both 2025-01).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

GENITIVE = re.compile(r"(?:'s|’s|s')$|(?<=[a-zäöü])s$")
NAME_LABELS = ("PER", "ORG", "LOC", "MISC")
"""The labels of names: people, organisations, places, other names."""
FIGURE_LABELS = {"MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY"}
ENTITY_LABELS = (*NAME_LABELS, *sorted(FIGURE_LABELS))
"""Every label an entity can have, names first."""
NAME_PREFIX = "name:"
NOT_CALENDAR = {"duration", "decade", "weekday"}
"""Dates that name no stretch of the calendar by an ISO form a reader knows."""


def entity_key(text: str, label: str, value: dict | None = None) -> str:
    """The key under which mentions of one entity meet.

    Genitive endings are not stripped here (Axios, Paris): `group_mentions` merges
    "DeepSeeks" into "DeepSeek" only when the bare form is itself mentioned.
    """
    if label in FIGURE_LABELS and value:
        return f"{label}:{figure_identity(label, value)}"
    return NAME_PREFIX + " ".join(text.casefold().split())


def figure_identity(label: str, value: dict) -> str:
    """What makes two figures the same figure: amount and currency (and unit), a percentage,
    a number, or a date's ISO form."""
    if label == "MONEY":
        per = f" per {value['per'].casefold()}" if value.get("per") else ""
        return f"{value.get('amount')} {value.get('currency')}{per}"
    if label == "PERCENT":
        return f"{value.get('percent', value.get('percentage_points'))}"
    if label == "DATE":
        if value.get("unresolved") or value.get("granularity") in NOT_CALENDAR:
            # "P2W" or "-W-1" would stand in the entities pane and the matrix as they are
            return describe_value(label, value) or str(value.get("iso"))
        return str(value.get("iso"))
    return str(value.get("number"))


def readable_value(key: str) -> str | None:
    """A figure's normalised value as a reader wants it ("6,000,000 USD", "2025-01"), from
    its key; None for names."""
    label, _, identity = key.partition(":")
    if label not in FIGURE_LABELS or not identity:
        return None
    number, _, rest = identity.partition(" ")
    try:
        value = float(number)
    except ValueError:
        return identity
    if label == "DATE":
        return identity
    shown = grouped(value, 2)
    return f"{shown} {rest}".strip() + ("%" if label == "PERCENT" else "")


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

    @property
    def value(self) -> str | None:
        """The normalised value of a figure or date; None for a name."""
        return readable_value(self.key)


def group_mentions(mentions: Iterable[tuple[int, str, str, str]]) -> list[EntityGroup]:
    """Group (article_id, key, label, text) mentions into entities, most mentioned first."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    counts: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    for article_id, key, label, text in mentions:
        surfaces[key][text] += 1
        counts[key][article_id] += 1
        labels[key][label] += 1
    canonical = {}
    for key in counts:
        bare = GENITIVE.sub("", key) if key.startswith(NAME_PREFIX) else key
        canonical[key] = bare if bare != key and bare in counts else key
    groups: dict[str, EntityGroup] = {}
    for key, target in canonical.items():
        group = groups.setdefault(target, EntityGroup(target, "", ""))
        group.per_article.update(counts[key])
        group.keys.add(key)
    for group in groups.values():
        group_labels = Counter()
        for key in group.keys:
            group_labels.update(labels[key])
        group.label = _most_common(group_labels)
        # The name is the bare form's most used surface ("China", not "Chinas").
        group.name = _most_common(surfaces[group.key])
    return sorted(groups.values(), key=lambda group: (-group.total, group.name.casefold()))


def _most_common(counter: Counter) -> str:
    """The most frequent item; ties go to the alphabetically first, so results are stable."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def describe_value(label: str, value: dict | None) -> str | None:
    """A figure's normalised value in words a reader checks against the text:
    "less than 6 000 000 USD", "2.2 USD per Million Tokens", "2025-01, late",
    "2025-01-30 (year assumed)", "2025-01-27 (Monday)", "Monday (date of article unknown)",
    "for 20 years, since 2005", "billions of CNY", "0.2 (1/5)", "from 27.5 EUR".
    None for names and figures without a value."""
    if not value or label not in FIGURE_LABELS:
        return None
    shown = _describe_date(value) if label == "DATE" else _describe_amount(label, value)
    if shown is None:
        return None
    return {"from": "from ", "to": "to "}.get(str(value.get("range")), "") + shown


def _describe_amount(label: str, value: dict) -> str | None:
    qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
    magnitude = _magnitude_words(value.get("magnitude"))
    if label == "MONEY" and "amount" in value:
        per = f" per {value['per']}" if value.get("per") else ""
        if magnitude:
            return f"{magnitude} of {value.get('currency', '')}".rstrip() + per
        return f"{qualifier}{_number(value['amount'])} {value.get('currency', '')}".rstrip() + per
    if label == "PERCENT":
        if "percentage_points" in value:
            return f"{qualifier}{_number(value['percentage_points'])} percentage points"
        return f"{qualifier}{_number(value.get('percent', 0))}%"
    if "number" in value:
        if magnitude:
            return magnitude
        fraction = f" ({value['fraction']})" if value.get("fraction") else ""
        return f"{qualifier}{_number(value['number'])}{fraction}"
    return None


MAGNITUDE_WORDS = {12: "dozens", 10: "tens", 100: "hundreds"}
SCALE_WORDS = ((10**12, "trillions"), (10**9, "billions"), (10**6, "millions"), (10**3, "thousands"))


def _magnitude_words(magnitude: object) -> str | None:
    """ "hundreds", "tens of thousands", "hundreds of millions" for 100, 10 000, 100 000 000."""
    if not isinstance(magnitude, int) or magnitude <= 0:
        return None
    for scale, word in SCALE_WORDS:
        if magnitude % scale == 0:
            factor = magnitude // scale
            return word if factor == 1 else f"{MAGNITUDE_WORDS[factor]} of {word}" if factor in MAGNITUDE_WORDS else None
    return MAGNITUDE_WORDS.get(magnitude)


DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
CLOCK_UNITS = {"H": "hour", "M": "minute", "S": "second"}
RELATIONS = {"since": "for {0}, since {1}", "ago": "{0} ago: {1}", "in": "in {0}: {1}"}


def _describe_date(value: dict) -> str | None:
    iso = value.get("iso")
    if not iso:
        return None
    iso = str(iso)
    unknown = " (date of article unknown)" if value.get("unresolved") else ""
    granularity = value.get("granularity")
    if granularity == "duration":
        return _describe_duration(value, iso)
    if granularity == "decade" and iso.endswith("X"):
        shown = iso[:-1] + "0s"
    elif value.get("weekday"):
        day = f"{value['relative']} {value['weekday']}" if value.get("relative") else str(value["weekday"])
        shown = day + unknown if unknown else f"{iso} ({day})"
    elif value.get("relative"):
        if not unknown:
            shown = f"{iso} ({value['relative']})"
        elif iso.startswith("--"):  # "Februar dieses Jahres": the month is known, the year is not
            shown = f"{iso} ({value['relative']}; date of article unknown)"
        else:
            shown = f"{value['relative']}{unknown}"
        unknown = ""
    else:
        shown = iso.lstrip("-") + " (year unknown)" if granularity in ("quarter", "half") and unknown else iso
        unknown = ""
    if value.get("qualifier"):
        shown += f", {value['qualifier']}"
    return shown + (" (year assumed)" if value.get("year_assumed") else "") + ("" if value.get("weekday") else unknown)


def _describe_duration(value: dict, iso: str) -> str:
    """ "P2W" -> "2 weeks"; with its relation "for 20 years, since 2005", "3 years ago: 2022"."""
    found = re.fullmatch(r"P(T?)([\d.]+)([YMWDHS])", iso)
    if not found:
        return iso
    clock, amount, unit = found.groups()
    name = (CLOCK_UNITS if clock else DURATION_UNITS).get(unit, unit)
    length = f"{amount} {name}" + ("" if amount == "1" else "s")
    if value.get("qualifier"):
        length = f"{value['qualifier']} {length}"
    relation, reached = value.get("relation"), value.get("resolved")
    if relation in RELATIONS and reached:
        return RELATIONS[relation].format(length, reached)
    return {"since": f"for {length}", "ago": f"{length} ago", "in": f"in {length}", "within": f"within {length}",
            "after": f"after {length}"}.get(str(relation), length)


def _number(number: float | int) -> str:
    return grouped(number, 6)


THOUSANDS = "\u00a0"
"""Digits are grouped by a (no-break) space, as SI and DIN 5008 both allow: "1 200" reads
the same to a German and an English reader, where "1,200" and "1.200" do not."""


def grouped(number: float | int, decimals: int) -> str:
    """A number with its thousands grouped by spaces and no trailing zeros: "6 000 000", "2.2"."""
    if float(number) == int(number):
        return f"{int(number):,}".replace(",", THOUSANDS)
    return f"{number:,.{decimals}f}".rstrip("0").rstrip(".").replace(",", THOUSANDS)
