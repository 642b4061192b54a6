"""The reader's own background work: a failure is told in one line naming the work (it was
told nowhere), and a refused undo is a warning."""

from __future__ import annotations

from gegenlesen.storage import history, learning
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.corrections import correct
from gegenlesen.storage.db import open_database
from gegenlesen.storage.merge import merge
from gegenlesen.tui.app import create_app

from .helpers import wait_until
from .test_merge_undo import HAFEN, WERK, database

SIZE = (160, 48)


def said(app) -> list[tuple[str, str]]:
    """The notifications of this run: (severity, message)."""
    return [(notification.severity, notification.message) for notification in app._notifications]


async def test_suggesting_claims_that_cannot_run_is_named_in_one_line(handmade_db_path):
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        handmade_db_path.unlink()  # the reader's connection stays open; the worker's own cannot be made
        await pilot.press("S")
        await wait_until(pilot, lambda: any("failed" in message for _, message in said(app)))
        failures = [(severity, message) for severity, message in said(app) if "failed" in message]
        assert len(failures) == 1
        severity, message = failures[0]
        assert severity == "error" and message.startswith("Suggesting claims failed: the database file")
        assert "\n" not in message


async def test_a_learning_run_that_breaks_is_named_and_the_status_line_stops_saying_it_runs(
        handmade_db_path, monkeypatch):
    db = open_database(handmade_db_path)
    correct(db, "Hansebau", "ORG", "anna")
    db.close()

    def breaks(*args, **kwargs):
        raise RuntimeError("no space left for the pipeline")

    monkeypatch.setattr(learning, "learn", breaks)
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_until(pilot, lambda: any("failed" in message for _, message in said(app)))
        assert ("error", "Learning from the corrections failed: RuntimeError: no space left for the pipeline") in said(app)
        await wait_until(pilot, lambda: app.screen.activity == "")


async def test_a_refused_undo_of_a_merge_is_a_warning_and_a_done_one_is_not(tmp_path):
    mine = database(tmp_path / "anna.db", {"werk.txt": WERK}, "anna")
    theirs = database(tmp_path / "ben.db", {"hafen.txt": HAFEN}, "ben")
    db = open_database(mine)
    merge(db, theirs, "lead")
    work = add_claim(db, 2, HAFEN.index("Die"), len(HAFEN), "anna")  # anna's work on the merged article
    db.close()
    app = create_app(mine, annotator="lead")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: any("Cannot undo the merge" in message for _, message in said(app)))
        assert [severity for severity, message in said(app) if "Cannot undo the merge" in message] == ["warning"]
    db = open_database(mine)
    history.undo(db, "anna")  # anna takes her claim back: the merge can be undone now
    assert db.execute("SELECT count(*) FROM claims WHERE id = ?", [work.id]).fetchone()[0] == 0
    db.close()
    app = create_app(mine, annotator="lead")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: any(message.startswith("Undid") for _, message in said(app)))
        assert [severity for severity, message in said(app) if message.startswith("Undid")] == ["information"]

