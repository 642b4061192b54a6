"""Parsing JSON and TOML that come from outside (files the user gives us) without letting
a hostile file reach the caller as anything but one `Unreadable` error.

Python's parsers recurse once per nesting level (`RecursionError` at about 1,000) and
refuse integers of more than 4,300 digits with a bare `ValueError`; SQLite stores integers
of at most 64 bits (`OverflowError` on insert). Here the first two become `Unreadable`, and
any JSON integer outside SQLite's range is refused while parsing, so that no value read
from a file can overflow a column later.
"""

from __future__ import annotations

import json

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""The range of an SQLite integer."""


class Unreadable(Exception):
    """A file's content that cannot be parsed safely; the message says why, for the user."""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > 19:
        raise Unreadable(f"a number with {len(digits.lstrip('-'))} digits, more than any field may hold")
    value = int(digits)
    if not INT64_MIN <= value <= INT64_MAX:
        raise Unreadable(f"the number {value} is out of range (at most 64 bits)")
    return value


def load_json(text: str) -> object:
    """`json.loads` for untrusted text.

    Raises:
        json.JSONDecodeError: for text that is not JSON (its position tells where).
        Unreadable: for nesting too deep to parse, or an integer out of SQLite's range.
    """
    try:
        return json.loads(text, parse_int=_integer)
    except RecursionError:
        raise Unreadable("nested too deeply (lists or objects inside each other)") from None


def load_toml(text: str) -> dict:
    """`tomllib.loads` for untrusted text.

    Raises:
        tomllib.TOMLDecodeError: for text that is not TOML.
        Unreadable: for nesting too deep to parse, or an integer of too many digits.
    """
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise Unreadable("nested too deeply (arrays or tables inside each other)") from None
    except ValueError as error:  # Python's limit on the digits of an integer
        raise Unreadable(f"a number with too many digits ({error.args[0].split(':')[-1].strip()})") from None
