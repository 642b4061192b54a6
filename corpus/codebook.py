"""The codebook: which claim types, verdicts and check-worthiness levels a project uses.

A TOML file the user can replace (`--codebook FILE`)::

    name = "newsroom"
    verdicts = ["unchecked", "true", "mostly true", "misleading", "false", "unverifiable"]
    worthiness = 3

    [[types]]
    key = "statistic"
    label = "Statistic"
    description = "A number, amount or share that can be checked."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TYPES = 9  # the digit keys 1-9
MAX_WORTHINESS = 5
"""The most check-worthiness levels a codebook may have (so the highest level any claim has)."""


class CodebookError(Exception):
    """A codebook that cannot be used; the message names the file's line where it can."""


@dataclass(frozen=True)
class ClaimType:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Codebook:
    name: str
    types: tuple[ClaimType, ...]
    verdicts: tuple[str, ...]
    worthiness: int = 3
    source: str = field(default="", compare=False)
    """The TOML text it was read from, kept so that exports can carry it."""

    def type_for_digit(self, digit: int) -> ClaimType | None:
        return self.types[digit - 1] if 1 <= digit <= len(self.types) else None

    def type_label(self, key: str | None) -> str:
        return next((t.label for t in self.types if t.key == key), key or "untyped")

    def next_verdict(self, verdict: str) -> str:
        index = self.verdicts.index(verdict) if verdict in self.verdicts else -1
        return self.verdicts[(index + 1) % len(self.verdicts)]

    def next_worthiness(self, level: int) -> int:
        return level % self.worthiness + 1

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "types": [{"key": t.key, "label": t.label, "description": t.description} for t in self.types],
            "verdicts": list(self.verdicts),
            "worthiness": self.worthiness,
        }


DEFAULT_TOML = '''\
name = "gegenlesen default"
verdicts = ["unchecked", "true", "mostly true", "misleading", "false", "unverifiable"]
worthiness = 3

[[types]]
key = "statistic"
label = "Statistic"
description = "A number, amount, share or ranking that can be checked against a source."

[[types]]
key = "quotation"
label = "Quotation"
description = "Words attributed to a person or organisation."

[[types]]
key = "causal"
label = "Causal"
description = "One thing is said to cause or explain another."

[[types]]
key = "comparison"
label = "Comparison"
description = "More, less, first, cheaper, faster than something else."

[[types]]
key = "prediction"
label = "Prediction"
description = "A statement about the future."

[[types]]
key = "event"
label = "Event or date"
description = "Something happened, at a time or in an order."

[[types]]
key = "attribution"
label = "Attribution"
description = "A source or author is named for a fact."

[[types]]
key = "other"
label = "Other"
description = "Check-worthy, but none of the above."
'''


def _line_of_table(text: str, table: str, index: int) -> int | None:
    """The 1-based line of the index-th [[table]] header in the TOML text."""
    headers = [m.start() for m in re.finditer(rf"^[ \t]*\[\[\s*{re.escape(table)}\s*\]\]", text, re.M)]
    return text.count("\n", 0, headers[index]) + 1 if index < len(headers) else None


def _where(text: str, index: int) -> str:
    line = _line_of_table(text, "types", index)
    return f"line {line}: " if line else ""


def parse_codebook(text: str, origin: str = "codebook") -> Codebook:
    """Read a codebook from TOML text.

    Raises:
        CodebookError: naming the origin and, where it can, the line.
    """
    import tomllib

    from gegenlesen.corpus.untrusted import Unreadable, load_toml

    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(f"{origin}: not valid TOML: {error}") from None
    except Unreadable as error:
        raise CodebookError(f"{origin}: {error}") from None
    raw_types = data.get("types")
    if not isinstance(raw_types, list) or not raw_types:
        raise CodebookError(f"{origin}: needs at least one [[types]] table with a key and a label")
    if len(raw_types) > MAX_TYPES:
        raise CodebookError(f"{origin}: {_where(text, MAX_TYPES)}at most {MAX_TYPES} types (one per digit key)")
    types, seen = [], set()
    for index, entry in enumerate(raw_types):
        where = _where(text, index)
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not entry["key"].strip():
            raise CodebookError(f"{origin}: {where}type {index + 1} needs a key (a short text)")
        key = entry["key"].strip()
        if key in seen:
            raise CodebookError(f"{origin}: {where}type key {key!r} is used twice")
        seen.add(key)
        label = entry.get("label", key)
        description = entry.get("description", "")
        if not isinstance(label, str) or not isinstance(description, str):
            raise CodebookError(f"{origin}: {where}type {key!r}: label and description must be text")
        types.append(ClaimType(key, label.strip() or key, description.strip()))
    verdicts = data.get("verdicts", ["unchecked", "true", "mostly true", "misleading", "false", "unverifiable"])
    if not isinstance(verdicts, list) or not verdicts or not all(isinstance(v, str) and v.strip() for v in verdicts):
        raise CodebookError(f"{origin}: verdicts must be a list of texts, the first one meaning 'not yet checked'")
    stripped = [v.strip() for v in verdicts]
    duplicate = next((v for i, v in enumerate(stripped) if v in stripped[:i]), None)
    if duplicate is not None:
        raise CodebookError(f"{origin}: verdict {duplicate!r} is listed twice")
    worthiness = data.get("worthiness", 3)
    if not isinstance(worthiness, int) or isinstance(worthiness, bool) or not 1 <= worthiness <= MAX_WORTHINESS:
        raise CodebookError(f"{origin}: worthiness must be a whole number from 1 to {MAX_WORTHINESS}")
    name = data.get("name", "unnamed codebook")
    if not isinstance(name, str):
        raise CodebookError(f"{origin}: name must be text")
    return Codebook(name, tuple(types), tuple(v.strip() for v in verdicts), worthiness, source=text)


DEFAULT_TYPES = (
    ("statistic", "Statistic", "A number, amount, share or ranking that can be checked against a source."),
    ("quotation", "Quotation", "Words attributed to a person or organisation."),
    ("causal", "Causal", "One thing is said to cause or explain another."),
    ("comparison", "Comparison", "More, less, first, cheaper, faster than something else."),
    ("prediction", "Prediction", "A statement about the future."),
    ("event", "Event or date", "Something happened, at a time or in an order."),
    ("attribution", "Attribution", "A source or author is named for a fact."),
    ("other", "Other", "Check-worthy, but none of the above."),
)


def default_codebook() -> Codebook:
    """The default codebook, built without parsing TOML (start-up reads it; a test checks
    that it equals DEFAULT_TOML parsed)."""
    return Codebook(
        "gegenlesen default",
        tuple(ClaimType(*entry) for entry in DEFAULT_TYPES),
        ("unchecked", "true", "mostly true", "misleading", "false", "unverifiable"),
        3,
        source=DEFAULT_TOML,
    )
