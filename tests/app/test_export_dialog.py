"""The export dialog: a format, a path, written the same way the command line writes it."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input

from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.exporting import ExportScreen

from .helpers import screen_text, wait_until

WIDE = (160, 48)


async def open_dialog(app, pilot) -> ExportScreen:
    await pilot.pause()
    await pilot.press("c")  # one claim to export
    await pilot.press("ctrl+e")
    await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
    return app.screen


async def test_ctrl_e_writes_the_chosen_format_where_the_user_says(demo_db_path, tmp_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("down", "enter")  # csv
        target = tmp_path / "claims.csv"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Exported" in screen_text(app), seconds=15)
        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
        assert rows[0][0] == "article_source" and len(rows) == 2 and rows[1][-2] == "1"


async def test_a_limits_the_export_to_the_visible_articles(demo_db_path, tmp_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_dialog(app, pilot)
        await pilot.press("a")
        assert "articles in the panes" in screen_text(app)
        await pilot.press("enter")  # jsonl
        target = tmp_path / "out.jsonl"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Exported" in screen_text(app), seconds=15)
        ids = [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()]
        assert ids == sorted(set(screen.visible_ids))


async def test_a_path_that_cannot_be_written_says_why(demo_db_path, tmp_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("enter")
        app.screen.query_one(Input).value = str(tmp_path / "missing" / "out.jsonl")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Not exported" in screen_text(app), seconds=15)
        assert not (tmp_path / "missing").exists()
