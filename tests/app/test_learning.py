"""R in the reader: learning runs in a worker, the reader stays usable, escape and q stop it."""

from __future__ import annotations

from gegenlesen.corpus.nlp import resolve
from gegenlesen.storage import corrections
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.learn_actions import LEARN_GROUP

from .helpers import notices, wait_until

WIDE = (160, 48)


def correct(path, surface: str, label: str) -> None:
    db = open_database(path)
    try:
        corrections.correct(db, surface, label, "anna")
    finally:
        db.close()


def learning(app) -> bool:
    return any(worker.group == LEARN_GROUP and not worker.is_finished for worker in app.workers)


def pipelines(path) -> set[str]:
    db = open_database(path)
    try:
        return {row[0] for row in db.execute("SELECT pipeline FROM articles")}
    finally:
        db.close()


async def test_r_without_corrections_says_so(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert "No corrections to learn from: E corrects an entity." in notices(app)
        assert not learning(app)


async def test_r_learns_in_the_background_and_the_articles_are_analysed_again(demo_db_path, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_LEARN_STEPS", "2")
    monkeypatch.setenv("GEGENLESEN_LEARN_GENERAL", "40")
    correct(demo_db_path, "Nvidia", "MISC")
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_until(pilot, lambda: "Learned de_gegenlesen+learned-1 from" in notices(app), seconds=60)
        assert app.model == str(resolve.models_dir(demo_db_path) / "de_gegenlesen+learned-1")
        await wait_until(pilot, lambda: "Analysed 5 articles." in notices(app), seconds=60)
        assert {name.split("-0")[0] for name in pipelines(demo_db_path)} == {"de_gegenlesen+learned-1"}
        assert app.screen.activity == ""


async def test_escape_stops_learning_while_the_reader_keeps_working(demo_db_path, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_LEARN_STEPS", "100000")
    monkeypatch.setenv("GEGENLESEN_LEARN_GENERAL", "40")
    correct(demo_db_path, "Nvidia", "MISC")
    before = pipelines(demo_db_path)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_until(pilot, lambda: "fine-tuning" in app.screen.activity, seconds=60)
        view = app.screen.active_view
        cursor = view.cursor
        await pilot.press("j")
        await wait_until(pilot, lambda: view.cursor == cursor + 1, seconds=2)  # the reader answers meanwhile
        await pilot.press("R")
        await pilot.pause()
        assert "Learning runs already; escape stops it." in notices(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not learning(app), seconds=10)
        await wait_until(pilot, lambda: "Learning stopped: the previous pipeline stays in use." in notices(app))
        assert app.screen.activity == ""
        assert app.model is None
    assert resolve.learned_model(demo_db_path) is None
    assert [p.name for p in resolve.models_dir(demo_db_path).iterdir() if p.is_dir()] == []  # nothing left over
    assert pipelines(demo_db_path) == before


async def test_q_while_learning_quits_at_once_and_nothing_is_learned(demo_db_path, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_LEARN_STEPS", "100000")
    monkeypatch.setenv("GEGENLESEN_LEARN_GENERAL", "40")
    correct(demo_db_path, "Nvidia", "MISC")
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_until(pilot, lambda: "fine-tuning" in app.screen.activity, seconds=60)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert resolve.learned_model(demo_db_path) is None
    assert [p.name for p in resolve.models_dir(demo_db_path).iterdir() if p.is_dir()] == []
