"""The one clock every stored time stamp is read from."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    """The current time in UTC as ISO 8601 with milliseconds ("2026-01-02T10:00:00.123+00:00").

    Milliseconds, since history and the claims' `modified` order changes made within one
    second. Rows written before this clock hold whole seconds; both forms parse with
    `datetime.fromisoformat` and sort in time order as text.
    """
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
