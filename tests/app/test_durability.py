"""Nothing typed is lost: a killed process, two processes on one database."""

from __future__ import annotations

import sqlite3
import subprocess


from gegenlesen.tui.app import create_app

from .helpers import stored_claims, screen_text
from .terminal import AppProcess


claims_in = stored_claims


def test_a_claim_shown_as_tagged_survives_sigkill(demo_db_path):
    app = AppProcess("--db", str(demo_db_path), "--annotator", "kim")
    try:
        app.read_until("0 claims in view")
        app.press("j")
        app.press("c")
        app.read_until("1 claim in view")
        app.press("1")
        app.read_until("Statistic")
    finally:
        app.kill()
    (claim,) = claims_in(demo_db_path)
    assert claim.annotator == "kim" and claim.type == "statistic"


def test_sigkill_in_the_middle_of_typing_leaves_a_sound_database(demo_db_path):
    app = AppProcess("--db", str(demo_db_path), "--annotator", "kim")
    try:
        app.read_until("0 claims in view")
        app.press("cjcjcjc1t")
    finally:
        app.kill()
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    claims = claims_in(demo_db_path)
    assert len(claims) <= 4
    assert all(claim.quote for claim in claims)


async def test_two_instances_tag_on_one_database_and_see_each_other(demo_db_path):
    other = AppProcess("--db", str(demo_db_path), "--annotator", "ann")
    try:
        other.read_until("0 claims in view")
        other.press("c")
        other.read_until("1 claim in view")
        app = create_app(demo_db_path, annotator="ben")
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert "1 claim in view" in screen_text(app)  # ann's claim, read at start
            await pilot.press("j", "j", "c", "2")
            await pilot.pause()
            assert "2 claims in view" in screen_text(app)
            other.press("jjjjc")
            other.read_until("3 claims in view")
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert "3 claims in view" in screen_text(app)
        other.press("\x0c")  # ctrl+l
        other.read_until("3 claims in view")
    finally:
        other.kill()
    claims = claims_in(demo_db_path)
    assert sorted(claim.annotator for claim in claims) == ["ann", "ann", "ben"]
    assert "locked" not in other.output


def test_after_q_the_db_file_alone_holds_every_claim_while_another_process_keeps_it_open(demo_db_path, tmp_path):
    holder = sqlite3.connect(demo_db_path)  # another program reading: no close will fold the WAL in
    holder.execute("SELECT count(*) FROM articles").fetchall()
    app = AppProcess("--db", str(demo_db_path), "--annotator", "kim")
    try:
        app.read_until("0 claims in view")
        app.press("jc")
        app.read_until("1 claim in view")
        app.press("q")
        assert app.wait_for_exit() == 0
    finally:
        app.kill()
    copy = tmp_path / "copy.db"
    subprocess.run(["cp", str(demo_db_path), str(copy)], check=True)  # another process: our locks stay
    holder.close()
    alone = sqlite3.connect(copy)
    assert alone.execute("SELECT count(*) FROM claims").fetchone()[0] == 1
    assert alone.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    alone.close()
