"""The command palette (ctrl+p): each action once, and a Screenshot that saves (issue 12,
item 8)."""

from __future__ import annotations

import re
from collections import Counter

from textual.command import CommandList, CommandPalette

from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.reader import ReaderScreen

from .helpers import notices, wait_until

WIDE = (160, 48)
KEYS = re.compile(r" \([^()]*\)$")
"""The keys after a title: "Add a pane (+)"."""


async def open_palette(app, pilot, query: str = "") -> list[list[str]]:
    """Open the palette, type `query`, and return each listed command as its lines."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    if query:
        await pilot.press(*query)
    listed = app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: listed.option_count > 0)
    await pilot.pause(0.3)  # the providers finish gathering
    return [str(listed.get_option_at_index(i).prompt).splitlines() for i in range(listed.option_count)]


async def test_the_palette_lists_each_action_once(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        listed = await open_palette(app, pilot)
        titles = [KEYS.sub("", lines[0]) for lines in listed]
        assert [title for title, count in Counter(titles).items() if count > 1] == []
        assert titles.count("Quit") == 1
        assert "Keys" not in titles  # Textual's key panel: "Help: every key (?)" is ours
        # Under each of our titles, the group it belongs to; never the title again.
        ours = [lines for lines in listed if KEYS.search(lines[0])]
        assert len(ours) > 50
        repeated = [lines for lines in ours if any(KEYS.sub("", lines[0]) in line for line in lines[1:])]
        assert repeated == []
        assert ["Add a pane (+)", "Panes"] in listed
        # Keys that act only on another screen or pane are not offered where they would do nothing.
        from gegenlesen.tui.actions import CATALOGUE

        elsewhere = {entry.description for entry in CATALOGUE if entry.scope in ("compare", "agreement", "entities")}
        assert elsewhere and not any(title.startswith(tuple(elsewhere)) for title in titles)


async def test_screenshot_saves_an_svg_of_the_reader_and_says_where(demo_db_path, tmp_path, monkeypatch):
    home = tmp_path / "home"  # no Downloads folder in it, as on many a server
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(work)
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        listed = await open_palette(app, pilot, "Screenshot")
        assert listed[0][0] == "Screenshot"
        await pilot.press("enter")
        await wait_until(pilot, lambda: list(work.glob("*.svg")) or "screenshot" in notices(app).lower())
        saved = list(work.glob("*.svg"))
        assert len(saved) == 1, notices(app)
        assert str(saved[0]) in notices(app)
        assert isinstance(app.screen, ReaderScreen)
        svg = saved[0].read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "gegenlesen" in svg
        assert "Search&#160;for&#160;commands" not in svg  # the reader, not the palette
