"""Files named on the command line are read only when they are regular files: a FIFO would
block forever and a device never end (issue 17). One line, exit code 1, at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("how", ["fifo", "device"])
@pytest.mark.parametrize("command", [
    ["import-annotations", "{input}"],
    ["--codebook", "{input}", "articles"],
    ["eval-ner", "{input}"],
])
def test_a_fifo_or_device_is_refused_at_once_not_read(handmade_db_path, tmp_path, how, command):
    if how == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = tmp_path / "zero"
        target.symlink_to("/dev/zero")
    argv = [part.format(input=target) for part in command]
    result = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "--db", str(handmade_db_path), *argv],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "not a regular file" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
@pytest.mark.parametrize("command", [["export", "--format", "csv", "-o", "{target}"], ["backup", "--force", "{target}"]])
def test_export_and_backup_never_replace_a_fifo_or_a_link(handmade_db_path, tmp_path, kind, command):
    target = tmp_path / "out"
    real = tmp_path / "real.csv"
    real.write_text("kept\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(real)
    argv = [part.format(target=target) for part in command]
    result = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "--db", str(handmade_db_path), *argv],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "never replaces" in result.stderr
    assert target.is_symlink() if kind == "symlink" else not target.is_file()
    assert real.read_text(encoding="utf-8") == "kept\n"


def test_the_command_line_shows_hostile_names_as_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gut.txt").write_text("Die Stadt Kiel baut 40 Wohnungen.\n", encoding="utf-8")
    (folder / "bad\x1b]0;FN\x07.jsonl").write_text('{"text": 5}\n', encoding="utf-8")
    (folder / "quelle.jsonl").write_text('{"text": "Bremen plant neue Radwege.", "source": "s[/]\\u001b]0;P\\u0007"}\n',
                                         encoding="utf-8")
    db = tmp_path / "x.db"
    result = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "--db", str(db), "import", "--analyse",
                             str(folder)], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                            env={**os.environ, "TERM": "xterm-256color"})
    assert "Traceback" not in result.stderr
    assert "\x1b]" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "bad␛]0;FN␇.jsonl" in result.stderr
