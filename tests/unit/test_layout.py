"""Where each annotator left off, kept in the database."""

from __future__ import annotations

from gegenlesen.storage.layout import PaneState, load_layout, save_layout
from gegenlesen.storage.meta import set_meta


def test_layout_round_trips_per_annotator(handmade_db):
    assert load_layout(handmade_db, "anna") == []
    save_layout(handmade_db, "anna", [PaneState(3, 7), PaneState(1, 0)])
    assert load_layout(handmade_db, "anna") == [PaneState(3, 7), PaneState(1, 0)]
    assert load_layout(handmade_db, "bert") == []


def test_an_unreadable_layout_is_ignored(handmade_db):
    for garbage in ("{", '{"panes": 3}', '{"panes": [{"cursor": 1}]}', '{"panes": [{"article": "x"}]}'):
        set_meta(handmade_db, "layout:anna", garbage)
        assert load_layout(handmade_db, "anna") == []
