"""Reloading (ctrl+l, or the window regaining focus) analyses what another process imported
(issue 12, item 4)."""

from __future__ import annotations

import threading

from textual import events

from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.importer import import_paths
from gegenlesen.tui.app import create_app
from gegenlesen.tui.messages import AnalysisFinished

from .helpers import notices, wait_until

WIDE = (160, 48)
TEXT = "Angela Merkel besuchte am Montag Paris. Dort traf sie Vertreter der Europäischen Union."


def import_beside(db_path, folder) -> int:
    """Import the folder as the command line would: on a connection of its own."""
    db = open_database(db_path)
    try:
        import_paths(db, [folder])
        return max(articles.article_ids(db))
    finally:
        db.close()


def analysis(db_path, article_id) -> tuple[bool, int]:
    """(analysed, entity count) of an article, read with a connection of its own."""
    db = open_database(db_path)
    try:
        entities = db.execute("SELECT count(*) FROM entities WHERE article_id = ?", [article_id]).fetchone()[0]
        return not articles.needs_analysis(db, article_id), entities
    finally:
        db.close()


def article_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "merkel.txt").write_text(TEXT, encoding="utf-8")
    return folder


async def test_ctrl_l_analyses_an_article_imported_beside_the_reader(demo_db_path, tmp_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not app.workers  # the demo is analysed: nothing to do at start
        article_id = import_beside(demo_db_path, article_file(tmp_path))
        assert analysis(demo_db_path, article_id) == (False, 0)
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: "Analysed 1 article." in notices(app), seconds=60)
        analysed, entities = analysis(demo_db_path, article_id)
        assert analysed and entities > 0
        assert len(articles.sentences(app.db, article_id)) == 2


async def test_regaining_focus_analyses_an_article_imported_meanwhile(demo_db_path, tmp_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        article_id = import_beside(demo_db_path, article_file(tmp_path))
        app.post_message(events.AppFocus())
        await wait_until(pilot, lambda: "Analysed 1 article." in notices(app), seconds=60)
        assert analysis(demo_db_path, article_id)[0]


async def test_a_reload_during_analysis_starts_no_second_worker(demo_db_path, tmp_path):
    app = create_app(demo_db_path)
    started: list[int] = []
    release = threading.Event()

    def blocking_worker():
        """Stands in for the analysis: runs until released, analyses nothing."""
        started.append(len(started) + 1)

        def run() -> None:
            release.wait(10)
            app.post_message(AnalysisFinished(0, []))

        return app.run_worker(run, thread=True, group="analysis", exclusive=True, description="Analysing articles")

    app.analysis_worker = blocking_worker
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        import_beside(demo_db_path, article_file(tmp_path))
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: started == [1])
        await pilot.press("ctrl+l", "ctrl+l")
        app.post_message(events.AppFocus())
        await pilot.pause(0.2)
        assert started == [1]  # the running analysis is neither doubled nor cancelled
        running = [worker for worker in app.workers if worker.group == "analysis"]
        assert len(running) == 1 and not running[0].is_cancelled
        release.set()
        # The article is still unanalysed (the stand-in did nothing), and reloads asked for
        # analysis meanwhile: exactly one more round follows.
        await wait_until(pilot, lambda: started == [1, 2])
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert started == [1, 2]
