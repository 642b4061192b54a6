"""Layout snapshots at fixed sizes (made with the Textual pinned in pyproject.toml).

Regenerate deliberately: `pytest tests/app/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/app/__snapshots__/.
"""

from __future__ import annotations

from gegenlesen.tui.app import create_app


def test_reader_three_panes(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), terminal_size=(160, 48))


def test_reader_with_an_entity_chosen(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), press=["e", "down", "enter", "escape", "n"], terminal_size=(160, 48))


def test_reader_narrow(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), terminal_size=(80, 24))


def test_reader_narrow_with_the_drawer_open(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), press=["e"], terminal_size=(80, 24))


def test_reader_light_theme(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), press=["ctrl+t"], terminal_size=(120, 36))


def test_help_screen(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), press=["question_mark"], terminal_size=(120, 40))


def test_wide_terminal(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), press=["plus"], terminal_size=(240, 70))


def test_reader_with_claims(snap_compare, demo_db_path):
    keys = ["c", "1", "t", "j", "j", "v", "w", "w", "w", "c", "4", "exclamation_mark", "tab", "c", "6", "t", "t", "t", "t"]
    assert snap_compare(create_app(demo_db_path, annotator="anna"), press=keys, terminal_size=(160, 48))


def test_note_editor(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path, annotator="anna"), press=["c", "m", *"Quelle?"], terminal_size=(100, 30))
