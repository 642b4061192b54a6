"""The reader served to browsers opens no path outside the folders named at start (issue 16)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from gegenlesen.tui.app import create_app
from gegenlesen.tui.limits import OutsideLimits, PathLimits, confined, importable
from gegenlesen.tui.screens.exporting import ExportScreen, StatusLine
from gegenlesen.tui.screens.importing import ImportScreen

from .helpers import notices, screen_text, wait_until

ARTICLE = "Die Gemeinde Beispielstadt baut bis 2031 eine neue Brücke für 40 Millionen Euro.\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A limit folder with a file, a sub-folder, and links pointing in and out; a secret beside it."""
    root = tmp_path / "inside"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "text.txt").write_text(ARTICLE)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE.replace("Brücke", "Straße"))
    os.symlink(outside / "secret.txt", root / "leak.txt")
    os.symlink(outside, root / "door")
    os.symlink(root / "sub" / "text.txt", root / "alias.txt")
    return root, outside


def test_a_relative_path_inside_is_resolved_in_the_folder(folders):
    root, _ = folders
    assert confined(root, "sub/text.txt", "--import-dir") == (root / "sub" / "text.txt").resolve()
    assert confined(root, "sub/../sub/text.txt", "--import-dir") == (root / "sub" / "text.txt").resolve()
    assert confined(root, str(root / "sub"), "--import-dir") == (root / "sub").resolve()
    assert confined(root, "alias.txt", "--import-dir") == (root / "sub" / "text.txt").resolve()
    assert confined(root, "new.jsonl", "--export-dir") == root.resolve() / "new.jsonl"
    assert confined(root, "~/x", "--export-dir") == root.resolve() / "~" / "x"  # ~ is not expanded: a name


@pytest.mark.parametrize("typed", ["../outside/secret.txt", "sub/../../outside", "/etc/passwd", ".."])
def test_paths_that_lead_outside_are_refused_as_written(folders, typed):
    root, _ = folders
    with pytest.raises(OutsideLimits, match="outside"):
        confined(root, typed, "--import-dir")


@pytest.mark.parametrize("typed", ["leak.txt", "door", "door/secret.txt", "door/new.jsonl"])
def test_links_that_point_outside_are_refused(folders, typed):
    root, _ = folders
    with pytest.raises(OutsideLimits, match="symbolic link"):
        confined(root, typed, "--export-dir")


@pytest.mark.parametrize("typed", ["", "   ", "a\0b"])
def test_empty_and_nul_paths_are_refused(folders, typed):
    with pytest.raises(OutsideLimits):
        confined(folders[0], typed, "--import-dir")


def test_without_a_folder_the_dialog_is_off(folders):
    with pytest.raises(OutsideLimits, match="without --export-dir"):
        confined(None, "x.jsonl", "--export-dir")


def test_a_folder_holding_a_link_out_is_refused_whole(folders):
    root, _ = folders
    assert importable(root, ["sub"]) == [(root / "sub").resolve()]
    with pytest.raises(OutsideLimits, match="leak.txt|door"):
        importable(root, ["."])


def test_the_limits_travel_through_the_environment(tmp_path):
    limits = PathLimits(tmp_path / "in", None)
    assert PathLimits.from_env(limits.to_env()) == limits
    for bad in ("", "{}", "[1]", '{"import_dir": 3, "export_dir": null}'):
        with pytest.raises(OutsideLimits):
            PathLimits.from_env(bad)


async def test_the_import_dialog_refuses_outside_and_imports_inside(demo_db_path, folders):
    root, outside = folders
    app = create_app(demo_db_path, limits=PathLimits(import_dir=root))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ImportScreen(demo_db_path))
        await pilot.pause()
        field = app.screen.query_one(Input)
        status = app.screen.query_one("#import-status", Static)
        for typed in (f"{outside}/secret.txt", "../outside", "leak.txt", "."):
            field.value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert str(status.render()).startswith("Not imported:"), typed
            assert not app.screen.running
        field.value = "sub"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.added == 1, 20)
    with app.db as db:
        texts = [row[0] for row in db.execute("SELECT text FROM articles")]
    assert any("Brücke" in text for text in texts)
    assert not any("Straße" in text for text in texts)


async def test_the_import_dialog_is_off_without_a_folder(demo_db_path, folders):
    app = create_app(demo_db_path, limits=PathLimits())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ImportScreen(demo_db_path))
        await pilot.pause()
        app.screen.query_one(Input).value = str(folders[0] / "sub")
        await pilot.press("enter")
        await pilot.pause()
        assert "without --import-dir" in str(app.screen.query_one("#import-status", Static).render())
        assert app.screen.added == 0


async def test_the_export_dialog_writes_only_inside_its_folder(demo_db_path, folders):
    root, outside = folders
    app = create_app(demo_db_path, limits=PathLimits(export_dir=root))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ExportScreen(demo_db_path, []))
        await pilot.pause()
        field = app.screen.query_one(Input)
        status = app.screen.query_one(StatusLine)
        assert Path(field.value).parent == root  # the suggestion is inside the folder
        await pilot.press("enter")  # the format (jsonl); the path field has the focus now
        for typed in (f"{outside}/stolen.jsonl", "../stolen.jsonl", "door/stolen.jsonl", "leak.txt"):
            field.value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert str(status.render()).startswith("Not exported:"), typed
        field.value = "mine.jsonl"
        await pilot.press("enter")
        await wait_until(pilot, lambda: str(status.render()).startswith("Exported"), 20)
    assert (root / "mine.jsonl").stat().st_size > 0
    assert sorted(path.name for path in outside.iterdir()) == ["secret.txt"]
    assert (outside / "secret.txt").read_text() == ARTICLE.replace("Brücke", "Straße")


async def test_a_screenshot_goes_into_the_export_folder_or_nowhere(demo_db_path, folders, tmp_path, monkeypatch):
    root, _ = folders
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for limits, where in ((PathLimits(export_dir=root), root), (PathLimits(), None)):
        app = create_app(demo_db_path, limits=limits)
        async with app.run_test(size=(120, 40)) as pilot:
            app.action_screenshot()
            await pilot.pause()
            said = notices(app)
        if where is None:
            assert "Screenshot not saved" in said and "--export-dir" in said
        else:
            assert [path.suffix for path in where.glob("*.svg")] == [".svg"]
    assert list(elsewhere.iterdir()) == []


async def test_served_the_export_dialog_offers_a_download_and_writes_nothing(demo_db_path, tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    app = create_app(demo_db_path, limits=PathLimits())  # no --export-dir: a download is the only way out
    delivered = []
    monkeypatch.setattr(app, "deliver_binary", lambda file, **kwargs: delivered.append((file.read(), kwargs)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ExportScreen(demo_db_path, []))
        await pilot.pause()
        await pilot.press("d")  # jsonl, highlighted first
        await wait_until(pilot, lambda: delivered, 20)
        assert str(app.screen.query_one(StatusLine).render()).startswith("Downloading 5 articles")
        await pilot.press(*["down"] * 5)  # spacy: binary, refused
        await pilot.press("d")
        await pilot.pause()
        assert "cannot be downloaded" in str(app.screen.query_one(StatusLine).render())
    ((data, kwargs),) = delivered
    terminal = create_app(demo_db_path)  # in a terminal, d is no key of the dialog
    async with terminal.run_test(size=(120, 40)) as pilot:
        terminal.push_screen(ExportScreen(demo_db_path, []))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert str(terminal.screen.query_one(StatusLine).render()) == ""
        assert "Download" not in screen_text(terminal)
    assert kwargs == {"save_filename": "gegenlesen.jsonl"}
    assert len([json.loads(line) for line in data.decode().splitlines()]) == 5
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith("gegenlesen.db")] == []
