"""Where each annotator left off: which article is in which pane, and where the cursor was."""

from __future__ import annotations

import json
from dataclasses import dataclass

from gegenlesen.storage.db import Store
from gegenlesen.storage.meta import get_meta, set_meta


@dataclass(frozen=True)
class PaneState:
    article_id: int
    cursor: int = 0


def _key(annotator: str) -> str:
    return f"layout:{annotator}"


def load_layout(db: Store, annotator: str) -> list[PaneState]:
    """The panes as the annotator left them; [] when unknown or unreadable."""
    text = get_meta(db, _key(annotator))
    if not text:
        return []
    try:
        return [PaneState(int(pane["article"]), max(0, int(pane.get("cursor", 0)))) for pane in json.loads(text)["panes"]]
    except (ValueError, KeyError, TypeError):
        return []


def save_layout(db: Store, annotator: str, panes: list[PaneState]) -> None:
    data = {"panes": [{"article": pane.article_id, "cursor": pane.cursor} for pane in panes]}
    text = json.dumps(data)
    if get_meta(db, _key(annotator)) != text:
        set_meta(db, _key(annotator), text)
