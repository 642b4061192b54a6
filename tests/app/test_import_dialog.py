"""The import dialog: a path typed in, a progress bar, a report, the articles in the reader."""

from __future__ import annotations

from textual.widgets import Input

from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.importing import ImportScreen, split_paths

from .helpers import notices, screen_text, wait_until

WIDE = (160, 48)


def article_count(path) -> int:
    db = open_database(path)
    try:
        return articles.count(db)
    finally:
        db.close()


async def test_i_imports_a_folder_and_the_reader_knows_the_new_articles(demo_db_path, tmp_path):
    folder = tmp_path / "meine artikel"
    folder.mkdir()
    (folder / "eins.txt").write_text("Der Bundestag beschloss am Freitag ein neues Gesetz zur Förderung.\n", encoding="utf-8")
    (folder / "zwei.txt").write_bytes("Straße – „Zitat“ aus München.\r\nZweite Zeile.".encode("cp1252"))
    (folder / "leer.txt").write_text("   ", encoding="utf-8")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportScreen))
        app.screen.query_one(Input).value = f"'{folder}'"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.screen.running, seconds=20)
        # the report is drawn a frame after the worker's last message
        await wait_until(pilot, lambda: "leer.txt" in screen_text(app))
        shown = screen_text(app)
        assert "2 articles added" in shown and "leer.txt" in shown  # what was added, and what was refused and why
        assert article_count(demo_db_path) == 7
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ImportScreen))
        await wait_until(pilot, lambda: "2 articles added" in notices(app))
        assert len(app.screen.article_ids) == 7


async def test_a_missing_path_is_reported_and_nothing_changes(demo_db_path, tmp_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportScreen))
        app.screen.query_one(Input).value = str(tmp_path / "gibt es nicht")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.screen.running, seconds=20)
        assert "no such file or directory" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert article_count(demo_db_path) == 5


def test_paths_are_split_like_a_shell_would():
    assert [str(p) for p in split_paths("a 'b c' \"d e\"")] == ["a", "b c", "d e"]
    assert [str(p) for p in split_paths("'unclosed path")] == ["unclosed path"]
    assert split_paths("   ") == []
