"""Where each annotator left off, kept in the database."""

from __future__ import annotations

from gegenlesen.storage.layout import PaneState, load_layout, save_layout
from gegenlesen.storage.meta import set_meta


def test_layout_round_trips_per_annotator(demo_db):
    assert load_layout(demo_db, "anna") == []
    save_layout(demo_db, "anna", [PaneState(3, 7), PaneState(1, 0)])
    assert load_layout(demo_db, "anna") == [PaneState(3, 7), PaneState(1, 0)]
    assert load_layout(demo_db, "bert") == []


def test_an_unreadable_layout_is_ignored(demo_db):
    for garbage in ("{", '{"panes": 3}', '{"panes": [{"cursor": 1}]}', '{"panes": [{"article": "x"}]}'):
        set_meta(demo_db, "layout:anna", garbage)
        assert load_layout(demo_db, "anna") == []
