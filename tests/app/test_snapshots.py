"""Layout snapshots at fixed sizes (made with the Textual pinned in pyproject.toml).

Regenerate deliberately: `pytest tests/app/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/app/__snapshots__/.
"""

from __future__ import annotations

from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.claims_pane import ClaimsPane

from .helpers import wait_until


def after(*keys: str):
    """Press `keys` on the reader as a person meets it, with its claims and entities panes
    (built right after the first frame), then take the notifications away: how long a toast
    stays depends on how fast the machine is, and a snapshot must not."""

    async def run_before(pilot) -> None:
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(ClaimsPane)))
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_reader_three_panes(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after(), terminal_size=(160, 48))


def test_reader_with_an_entity_chosen(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after("e", "down", "enter", "escape", "n"), terminal_size=(160, 48))


def test_reader_narrow(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after(), terminal_size=(80, 24))


def test_reader_narrow_with_the_drawer_open(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after("e"), terminal_size=(80, 24))


def test_reader_light_theme(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after("ctrl+t"), terminal_size=(120, 36))


def test_help_screen(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after("question_mark"), terminal_size=(120, 40))


def test_wide_terminal(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path), run_before=after("plus"), terminal_size=(240, 70))


def test_reader_with_claims(snap_compare, demo_db_path):
    keys = ["c", "1", "t", "j", "j", "v", "w", "w", "w", "c", "4", "exclamation_mark", "tab", "c", "6", "t", "t", "t", "t"]
    assert snap_compare(create_app(demo_db_path, annotator="anna"), run_before=after(*keys), terminal_size=(160, 48))


def test_note_editor(snap_compare, demo_db_path):
    assert snap_compare(create_app(demo_db_path, annotator="anna"), run_before=after("c", "m", *"Quelle?"), terminal_size=(100, 30))


def two_annotators(path) -> None:
    """Claims of anna and ben on article 1, two on the same sentences with different verdicts."""
    from gegenlesen.storage import articles
    from gegenlesen.storage.claims import add_claim, update_claim
    from gegenlesen.storage.db import open_database

    db = open_database(path)
    try:
        sentences = articles.sentences(db, 1)
        for name, verdicts in (("anna", ["true", "false", None]), ("ben", ["false", "false", "misleading"])):
            for index, verdict in zip((0, 2, 4 if name == "ben" else 5), verdicts):
                claim = add_claim(db, 1, *sentences[index], name)
                if verdict:
                    update_claim(db, claim.id, name, verdict=verdict)
    finally:
        db.close()


def test_compare_annotators(snap_compare, demo_db_path):
    two_annotators(demo_db_path)
    assert snap_compare(create_app(demo_db_path, annotator="anna"), run_before=after("A"), terminal_size=(120, 36))


def test_agreement_report(snap_compare, demo_db_path):
    two_annotators(demo_db_path)

    async def run_before(pilot) -> None:
        await after("K")(pilot)
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "report", None) is not None)
        await pilot.pause()

    assert snap_compare(create_app(demo_db_path, annotator="anna"), run_before=run_before, terminal_size=(120, 36))
