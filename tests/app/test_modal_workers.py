"""The modal screens' background reads: a failure is told in one line naming the work, and the screen stops waiting."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from gegenlesen.tui.screens.library import LibraryScreen
from gegenlesen.tui.screens.matrix import MatrixScreen
from gegenlesen.tui.screens.timeline import TimelineScreen

from .helpers import ModalHost, notices, wait_until


async def test_the_matrix_and_the_timeline_say_what_failed_when_the_database_is_gone(handmade_db, handmade_db_path):
    handmade_db_path.unlink()  # the reader's connection stays open; a worker's new one cannot be made
    for screen, work, box, subtitle in (
        (MatrixScreen(handmade_db, {}), "Computing the matrix", "#matrix-box", "could not be computed"),
        (TimelineScreen(handmade_db, {}), "Reading the timeline", "#timeline-box", "could not be read"),
    ):
        app = ModalHost(screen)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_until(pilot, lambda: "failed" in notices(app))
            said = [notification.message for notification in app._notifications]
            assert len(said) == 1 and said[0].startswith(f"{work} failed: the database file"), said
            assert "\n" not in said[0]
            assert not screen.query_one(DataTable).loading
            assert screen.query_one(box).border_subtitle == subtitle


async def test_a_library_search_that_cannot_run_is_named_and_the_list_stays(handmade_db, handmade_db_path):
    screen = LibraryScreen(handmade_db)
    app = ModalHost(screen)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listed = screen.query_one(DataTable).row_count
        assert listed >= 3
        handmade_db_path.unlink()
        screen.query_one(Input).value = "Brücke"
        await wait_until(pilot, lambda: "failed" in notices(app))
        assert notices(app).startswith("Library search failed: the database file")
        assert screen.query_one(DataTable).row_count == listed
