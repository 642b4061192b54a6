"""The garbage collector is paused while the reader starts, and only then (issue 15, first paint)."""

from __future__ import annotations

import gc

from gegenlesen.tui.app import create_app
from gegenlesen.tui.cli import main


async def test_the_app_collects_again_once_its_first_frame_is_drawn(tmp_path):
    gc.disable()  # as the command line leaves it for the start
    try:
        app = create_app(tmp_path / "new.db", empty=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


def test_a_start_that_fails_leaves_the_collector_running(tmp_path, capsys):
    assert gc.isenabled()
    assert main(["--db", str(tmp_path / "no-such-folder" / "x.db")]) == 1
    assert "gegenlesen:" in capsys.readouterr().err
    assert gc.isenabled()
