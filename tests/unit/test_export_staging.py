"""Export staging files are hidden and a killed export's are removed later (issue 17, item 8a)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports import formats
from gegenlesen.storage.exports.formats import STALE_AFTER, remove_stale_parts
from gegenlesen.tui.cli import main


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staging_file_is_hidden_and_names_target_and_process(handmade_db_path, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    seen = []
    real = formats.tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):
        handle = real(*args, **kwargs)
        seen.append(Path(handle.name).name)
        return handle

    monkeypatch.setattr(formats.tempfile, "NamedTemporaryFile", spy)
    assert main(["export", "--format", "jsonl", "--db", str(handmade_db_path), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert len(seen) == 1
    assert seen[0].startswith(f".out.jsonl.{os.getpid()}.") and seen[0].endswith(".part")
    assert formats.STAGING.match(seen[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_killed_export_leaves_a_hidden_part_that_the_next_export_removes(handmade_db_path, tmp_path):
    """A real export killed with SIGKILL while it writes (its writer is made slow)."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    script = (
        "import sys, time\n"
        "from gegenlesen.storage.exports import jsonl\n"
        "real = jsonl.export_jsonl\n"
        "def slow(db, out, ids, notes=None):\n"
        "    out.write('x' * 100); out.flush(); print('writing', flush=True); time.sleep(60)\n"
        "jsonl.export_jsonl = slow\n"
        "from gegenlesen.tui.cli import main\n"
        f"main(['export', '--format', 'jsonl', '--db', {str(handmade_db_path)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}])\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "writing\n"
    left = [p.name for p in tmp_path.iterdir()]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert len(left) == 1 and left[0].startswith(".out.jsonl.") and left[0].endswith(".part")
    assert (tmp_path / left[0]).exists()
    assert main(["export", "--format", "csv", "--db", str(handmade_db_path), "-o", str(tmp_path / "other.csv")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv"]


def test_only_stale_parts_of_ours_are_removed(handmade_db_path, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    db = open_database(handmade_db_path)
    now = time.time()
    gone, alive = dead_pid(), os.getpid()
    names = {
        f".a.jsonl.{gone}.abcd_123.part": True,            # its process is gone
        f".a.jsonl.{alive}.abcd_124.part": False,          # an export still running
        f".old.csv.{alive}.abcd_125.part": True,            # running, but untouched for too long
        "tmpab12cd34.part": True,                           # left by exports before the hidden names, old
        "tmpab12cd35.part": False,                          # same, but recent: perhaps someone's
        f".brat.{gone}.dir_1234.part": True,                # a directory export's staging folder
        "notes.part": False, f"a.jsonl.{gone}.abcd_126.part": False, f".x.{gone}.abc.part": False,
    }
    for name in names:
        if name.startswith(".brat"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "a.txt").write_text("x")
        else:
            (tmp_path / name).write_text("x")
    for name in (f".old.csv.{alive}.abcd_125.part", "tmpab12cd34.part"):
        os.utime(tmp_path / name, (now - STALE_AFTER - 60, now - STALE_AFTER - 60))
    (tmp_path / f".link.{gone}.abcd_127.part").symlink_to(tmp_path / "notes.part")
    notes: list[str] = []
    removed = remove_stale_parts(db, tmp_path, notes, now=now)
    db.close()
    assert sorted(removed) == sorted(name for name, stale in names.items() if stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [name for name, stale in names.items() if not stale] + [f".link.{gone}.abcd_127.part"])
    assert notes == []


def test_a_staging_name_that_is_the_database_is_never_removed(tmp_path):
    path = tmp_path / f".x.db.{dead_pid()}.abcd_123.part"
    db = open_database(path)
    try:
        assert remove_stale_parts(db, tmp_path, [], now=time.time() + 10 * STALE_AFTER) == []
        assert path.exists()
    finally:
        db.close()
