"""The export dialog: a format, a path, written the same way the command line writes it."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input

from gegenlesen.storage.exports.formats import FORMATS
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.exporting import ExportScreen, StatusLine

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
        assert rows[0][0] == "article_source" and len(rows) == 2 and rows[1][rows[0].index("claim_id")] == "1"


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


async def test_each_format_suggests_a_name_of_its_own(demo_db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_dialog(app, pilot)
        suggested = {}
        for _ in range(len(FORMATS)):
            suggested[app.screen.format_name] = app.screen.query_one(Input).value
            await pilot.press("down")
        assert set(suggested) == set(FORMATS)
        assert len(set(suggested.values())) == len(FORMATS)
        assert suggested["w3c"].endswith("gegenlesen-w3c.jsonld")
        assert suggested["claimreview"].endswith("gegenlesen-claimreview.jsonld")


async def choose(app, pilot, name: str) -> None:
    while app.screen.format_name != name:
        await pilot.press("down")
    await pilot.press("enter")


async def test_an_existing_file_is_replaced_only_after_asking(demo_db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await open_dialog(app, pilot)
        await choose(app, pilot, "w3c")
        target = tmp_path / "gegenlesen-w3c.jsonld"
        assert app.screen.query_one(Input).value == str(target)
        w3c = "an earlier export\n"
        target.write_text(w3c, encoding="utf-8")
        await pilot.press("enter")  # the file exists: the dialog asks
        await wait_until(pilot, lambda: "Replace it?" in screen_text(app))
        await pilot.press("n")  # back to the path, nothing written
        await pilot.pause()
        assert "Replace it?" not in screen_text(app)
        assert isinstance(app.screen.focused, Input)
        assert target.read_text(encoding="utf-8") == w3c

        await pilot.press("enter")
        await wait_until(pilot, lambda: "Replace it?" in screen_text(app))
        await pilot.press("escape")  # escape, too, goes back to the path and not out of the dialog
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and target.read_text(encoding="utf-8") == w3c

        await pilot.press("enter")
        await wait_until(pilot, lambda: "Replace it?" in screen_text(app))
        await pilot.press("y")
        await wait_until(pilot, lambda: "Exported" in screen_text(app), seconds=15)
        assert json.loads(target.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"


async def test_a_folder_format_suggests_a_folder_and_never_replaces_a_full_one(demo_db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await open_dialog(app, pilot)
        await choose(app, pilot, "brat")
        folder = tmp_path / "gegenlesen-brat"
        assert app.screen.query_one(Input).value == str(folder)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Exported" in screen_text(app), seconds=15)
        written = sorted(path.name for path in folder.iterdir())
        assert written
        await pilot.press("enter")
        # the status line wraps a long path anywhere: read its text, not the screen's lines
        status = app.screen.query_one(StatusLine)
        await wait_until(pilot, lambda: "is not empty" in str(status.render()), seconds=15)
        assert sorted(path.name for path in folder.iterdir()) == written
