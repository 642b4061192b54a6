"""What counts as an annotator's name, wherever it comes from (--annotator, the environment,
the config file, an imported annotation file): one line of at most 64 printable characters."""

from __future__ import annotations

MAX_CHARS = 64
RULE = f"an annotator name is at most {MAX_CHARS} printable characters"


class BadAnnotator(ValueError):
    """A name that breaks the rule; the message says the rule and how it is broken."""


def annotator_name(raw: str) -> str | None:
    """`raw` with its runs of white space made single spaces; None for an empty name.

    Raises:
        BadAnnotator: the name is longer than `MAX_CHARS` or holds a control or format character.
    """
    name = " ".join(raw.split())
    if not name:
        return None
    if len(name) > MAX_CHARS:
        raise BadAnnotator(f"{RULE}; this one has {len(name)}")
    unprintable = next((char for char in name if not char.isprintable()), None)
    if unprintable is not None:
        raise BadAnnotator(f"{RULE}; this one holds U+{ord(unprintable):04X}")
    return name
