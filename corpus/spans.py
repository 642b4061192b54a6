"""Character spans: whether one reaches into a set of others."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def overlaps_any(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] overlaps one of `spans`, which are sorted and never overlap
    each other: then only the last one starting before `end` can reach into it."""
    index = bisect_left(spans, (end, end)) - 1
    return index >= 0 and spans[index][1] > start
