"""The reader notices that its database file is gone and never shows an action as done that
was not stored (issue 12)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from gegenlesen.storage.errors import StoreLost
from gegenlesen.tui.app import create_app

from .helpers import notices, screen_text, wait_until


def claims_in(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_a_lost_file_is_said_once_and_the_claim_stays_visible_as_not_stored(demo_db_path, tmp_path, how):
    spare = tmp_path / "spare.db"
    shutil.copy(demo_db_path, spare)
    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "0 claims in view" in screen_text(app))
        for suffix in ("", "-wal", "-shm"):
            demo_db_path.with_name(demo_db_path.name + suffix).unlink(missing_ok=True)
        if how == "replaced":
            shutil.copy(spare, demo_db_path)
        await pilot.press("j", "c")
        await wait_until(pilot, lambda: "NOT STORED" in screen_text(app))
        shown = screen_text(app)
        assert "tagged" not in notices(app)
        assert how in shown and "Not stored (1): a claim on" in shown
        assert "0 claims in view" in shown
        await pilot.press("u")  # a second action is listed as well, newest first
        await wait_until(pilot, lambda: "Not stored (2): undo" in screen_text(app))
    assert app.return_code in (None, 0)
    if how == "replaced":
        assert claims_in(demo_db_path) == 0


async def test_the_reader_notices_a_deleted_file_before_any_action(demo_db_path):
    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "0 claims in view" in screen_text(app))
        demo_db_path.unlink()
        await wait_until(pilot, lambda: "NOT STORED" in screen_text(app), 6)
        assert "was deleted" in screen_text(app)


async def test_an_io_error_on_commit_is_a_lost_database_not_a_traceback(demo_db_path, monkeypatch):
    from gegenlesen.storage import claims as claim_store

    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "0 claims in view" in screen_text(app))

        def failing(*args, **kwargs):
            raise StoreLost("the database cannot be written any more (disk I/O error)")

        monkeypatch.setattr(claim_store, "add_claim", failing)
        await pilot.press("c")
        await wait_until(pilot, lambda: "NOT STORED" in screen_text(app))
        assert "disk I/O error" in screen_text(app)
    assert app.return_code in (None, 0)


def test_a_commit_into_a_replaced_file_is_refused(demo_db_path, tmp_path):
    """Below the screen: write() never reports a commit that went into an unlinked file."""
    from gegenlesen.storage import claims as claim_store
    from gegenlesen.storage.db import open_database

    db = open_database(demo_db_path)
    spare = tmp_path / "spare.db"
    shutil.copy(demo_db_path, spare)
    spare.replace(demo_db_path)
    with pytest.raises(StoreLost, match="replaced"):
        claim_store.add_claim(db, 1, 0, 20, "kim")
    db.close()
    assert claims_in(demo_db_path) == 0


async def test_no_screen_makes_a_new_file_where_the_database_was_deleted(demo_db_path):
    app = create_app(demo_db_path, annotator="kim")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "0 claims in view" in screen_text(app))
        for suffix in ("", "-wal", "-shm"):
            demo_db_path.with_name(demo_db_path.name + suffix).unlink(missing_ok=True)
        for keys in (["X"], ["escape", "L"], ["escape", "M"], ["escape", "T"], ["escape", "S"], ["escape", "ctrl+l"]):
            await pilot.press(*keys)
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "NOT STORED" in screen_text(app), 6)
        assert "was deleted" in screen_text(app)
        assert not demo_db_path.exists()
    assert not demo_db_path.exists()
