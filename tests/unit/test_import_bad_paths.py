"""One bad path among many is refused on its own line; the rest is imported (issue 17, items
7 and 8d). Real files and a real `gegenlesen import` process."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gegenlesen.corpus import importing
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database


def gegenlesen(cwd: Path, *argv: str | bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def sources(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        return sorted(row.source for row in articles.list_articles(db))
    finally:
        db.close()


def good_files(folder: Path) -> None:
    (folder / "eins.txt").write_text("Der erste Artikel, ganz gewöhnlich.\n", encoding="utf-8")
    (folder / "zwei.txt").write_text("Der zweite Artikel, nach den schlechten.\n", encoding="utf-8")


def test_a_jsonl_line_with_a_5000_digit_number_refuses_that_file_only(tmp_path):
    good_files(tmp_path)
    (tmp_path / "zahl.jsonl").write_text('{"text": "Hallo", "n": ' + "7" * 5000 + "}\n", encoding="utf-8")
    done = gegenlesen(tmp_path, "import", "--db", "x.db", "eins.txt", "zahl.jsonl", "zwei.txt")
    assert done.returncode == 1, done.stderr
    assert done.stderr == "gegenlesen: zahl.jsonl: line 1: a number with 5000 digits, more than any field may hold\n"
    assert "3 files read: 2 articles added, 0 already there, 1 refused" in done.stdout
    assert sources(tmp_path / "x.db") == ["eins.txt", "zwei.txt"]


def test_a_file_name_that_is_not_utf8_is_refused_and_shown_escaped(tmp_path):
    good_files(tmp_path)
    bad = os.path.join(os.fsencode(tmp_path), b"kaputt\xff.txt")
    with open(bad, "wb") as handle:
        handle.write("Ein Artikel in einer Datei mit kaputtem Namen.\n".encode())
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"ordner\xfe"))
    with open(os.path.join(os.fsencode(tmp_path), b"ordner\xfe", b"drin.txt"), "wb") as handle:
        handle.write(b"Im Ordner mit kaputtem Namen.\n")
    done = gegenlesen(tmp_path, "import", "--db", "x.db", "eins.txt", os.fsdecode(b"kaputt\xff.txt"), "zwei.txt", ".")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    # named once as given, once found in "."
    assert lines.count("gegenlesen: kaputt\\xff.txt: its name is not valid UTF-8 (rename it to import it)") == 2
    assert "gegenlesen: ordner\\xfe: its name is not valid UTF-8 (rename it to import it)" in lines
    assert "Traceback" not in done.stderr
    assert sources(tmp_path / "x.db") == ["eins.txt", "zwei.txt"]


def test_a_path_that_cannot_be_reached_is_refused_and_the_rest_imported(tmp_path):
    """A name too long to look at fails `stat` with an error that is not "missing", as a
    directory we may not enter does (which root cannot be shown: see the next test)."""
    good_files(tmp_path)
    too_long = "x" * 300 + "/a.txt"
    done = gegenlesen(tmp_path, "import", "--db", "x.db", "eins.txt", too_long, "zwei.txt")
    assert done.returncode == 1, done.stderr
    assert done.stderr == f"gegenlesen: {too_long}: cannot reach it: File name too long\n"
    assert sources(tmp_path / "x.db") == ["eins.txt", "zwei.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root enters a directory of mode 000; the in-process test below covers it")
def test_an_unreadable_directory_among_the_paths_is_refused(tmp_path):
    good_files(tmp_path)
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    (locked / "innen.txt").write_text("Geheim.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        done = gegenlesen(tmp_path, "import", "--db", "x.db", "eins.txt", "gesperrt", "gesperrt/innen.txt", "zwei.txt")
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "gegenlesen: gesperrt: cannot read this directory: Permission denied" in done.stderr.splitlines()
    assert "gegenlesen: gesperrt/innen.txt: cannot reach it: Permission denied" in done.stderr.splitlines()
    assert sources(tmp_path / "x.db") == ["eins.txt", "zwei.txt"]


def test_permission_denied_on_the_way_to_a_path_refuses_that_path_only(tmp_path, monkeypatch):
    """What a directory of mode 000 does to an ordinary user, made to happen as root too."""
    good_files(tmp_path)
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    (locked / "innen.txt").write_text("Geheim.\n", encoding="utf-8")
    real_stat, real_scandir = os.stat, os.scandir

    def stat(path, *args, **kwargs):
        if str(path).startswith(str(locked)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def scandir(path=".", *args):
        if str(path).startswith(str(locked)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(importing.os, "stat", stat)
    monkeypatch.setattr(importing.os, "scandir", scandir)
    collected = importing.collect([tmp_path / "eins.txt", locked / "innen.txt", tmp_path, tmp_path / "zwei.txt"])
    reasons = {refusal.path: refusal.reason for refusal in collected.refusals}
    assert reasons == {str(locked / "innen.txt"): "cannot reach it: Permission denied",
                       str(locked): "cannot read this directory: Permission denied"}
    assert [candidate.source for candidate in collected.files] == ["eins.txt", "zwei.txt"]


def test_links_to_dev_zero_are_not_regular_files_and_never_read(tmp_path):
    good_files(tmp_path)
    (tmp_path / "null.txt").symlink_to("/dev/zero")
    folder = tmp_path / "ordner"
    folder.mkdir()
    (folder / "auch.md").symlink_to("/dev/zero")
    (folder / "drei.txt").write_text("Der dritte Artikel im Ordner.\n", encoding="utf-8")
    done = gegenlesen(tmp_path, "import", "--db", "x.db", "eins.txt", "null.txt", "ordner", "zwei.txt")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert "gegenlesen: null.txt: not a regular file (a device, FIFO or socket); it was not read" in lines
    assert "gegenlesen: ordner/auch.md: not a regular file (a device, FIFO or socket); it was not read" in lines
    assert "loop" not in done.stderr
    assert sources(tmp_path / "x.db") == ["drei.txt", "eins.txt", "zwei.txt"]


def test_read_bytes_never_reads_a_device_even_when_stat_was_fooled(tmp_path, monkeypatch):
    """Between the check and the open a FIFO or device may take the file's place."""
    import stat as stat_module

    fake = os.stat_result((stat_module.S_IFREG | 0o644, 0, 0, 1, 0, 0, 100, 0, 0, 0))
    monkeypatch.setattr(importing.os, "stat", lambda path: fake)
    with pytest.raises(importing.Refused, match="not a regular file"):
        importing.read_bytes(Path("/dev/zero"))
