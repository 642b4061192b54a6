"""`gegenlesen import`, run in-process: exit codes, one-line messages, never a traceback."""

from __future__ import annotations

import argparse
import os
import signal

import pytest

from gegenlesen.corpus import importing
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.tui import workflow
from gegenlesen.tui.cli import build_parser, main


def write_files(folder, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:02}.txt").write_text(f"Artikel {n}. Text über die Zahl {n}.\n", encoding="utf-8")


def run(tmp_path, *argv: str) -> int:
    return main(["import", "--db", str(tmp_path / "cli.db"), "--empty", *argv])


def count(tmp_path) -> int:
    db = open_database(tmp_path / "cli.db")
    try:
        return articles.count(db)
    finally:
        db.close()


def test_import_a_directory_exits_0_with_a_summary(tmp_path, capsys):
    write_files(tmp_path / "a", 3)
    (tmp_path / "a" / "bild.png").write_bytes(b"\x89PNG")
    assert run(tmp_path, str(tmp_path / "a")) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "3 files read: 3 articles added, 0 already there, 0 refused, 1 skipped" in captured.out
    assert "The reader analyses the new articles when it opens" in captured.out
    assert count(tmp_path) == 3


def test_import_again_says_already_there(tmp_path, capsys):
    write_files(tmp_path / "a", 3)
    run(tmp_path, str(tmp_path / "a"))
    capsys.readouterr()
    assert run(tmp_path, str(tmp_path / "a")) == 0
    out = capsys.readouterr().out
    assert "0 articles added, 3 already there" in out
    assert "analyses" not in out  # nothing new to analyse


def test_missing_path_exits_1_with_one_line(tmp_path, capsys):
    missing = tmp_path / "fehlt.txt"
    assert run(tmp_path, str(missing)) == 1
    captured = capsys.readouterr()
    assert captured.err == f"gegenlesen: {missing}: no such file or directory\n"
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("name, content, reason", [
    ("leer.txt", b"", "empty file"),
    ("bild.txt", b"\x00\x01\x02PNG", "binary"),
    ("sjis.txt", "日本語のテキストです。".encode("shift_jis"), "cannot be decoded"),
    ("login.html", b"<html><body><form><input></form></body></html>", "no article"),
    ("feed.jsonl", b'{"text": "ok"}\n"nur ein String"\n', "line 2: not a JSON object"),
])
def test_bad_file_exits_1_and_the_rest_is_imported(tmp_path, capsys, name, content, reason):
    write_files(tmp_path / "a", 2)
    (tmp_path / "a" / name).write_bytes(content)
    assert run(tmp_path, str(tmp_path / "a")) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"gegenlesen: {tmp_path / 'a' / name}: ") and reason in line
    assert "Traceback" not in captured.err
    assert "2 articles added" in captured.out and "1 refused" in captured.out
    assert count(tmp_path) == 2


def test_huge_file_is_refused(tmp_path, capsys):
    huge = tmp_path / "riesig.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 2**20)
    assert run(tmp_path, str(huge)) == 1
    assert "larger than the 20 MB" in capsys.readouterr().err


def test_encoding_other_than_utf8_is_named(tmp_path, capsys):
    path = tmp_path / "win.txt"
    path.write_bytes("Straße – „Zitat“".encode("cp1252"))
    assert run(tmp_path, str(path)) == 0
    assert f"{path}: read as cp1252" in capsys.readouterr().out


def test_no_path_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["import", "--db", str(tmp_path / "cli.db")])
    assert caught.value.code == 2
    assert "usage: gegenlesen import" in capsys.readouterr().err
    assert not (tmp_path / "cli.db").exists()


def test_ctrl_c_stops_after_the_current_file_with_130(tmp_path, capsys, monkeypatch):
    write_files(tmp_path / "a", 4)
    real_read = importing.read_file
    calls = []

    def read_then_interrupt(candidate):
        calls.append(candidate)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # the user presses ctrl+c while file 2 is read
        return real_read(candidate)

    monkeypatch.setattr("gegenlesen.storage.importer.read_file", read_then_interrupt)
    assert run(tmp_path, str(tmp_path / "a")) == 130
    captured = capsys.readouterr()
    assert captured.err == "gegenlesen: interrupted after 2 of 4 files; run the same command again to continue\n"
    assert count(tmp_path) == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    monkeypatch.setattr("gegenlesen.storage.importer.read_file", real_read)
    assert run(tmp_path, str(tmp_path / "a")) == 0
    assert "2 articles added, 2 already there" in capsys.readouterr().out
    assert count(tmp_path) == 4


def test_analyse_runs_the_analysis_right_after(tmp_path, capsys, monkeypatch):
    from gegenlesen.corpus.nlp.records import Analysis

    class FakeAnalyser:
        notes: list[str] = []

        def __init__(self, model=None) -> None:
            pass

        def __call__(self, text, published):
            return Analysis([(0, len(text))], [], "fake-1")

    monkeypatch.setattr(workflow, "PipelineAnalyser", FakeAnalyser)
    write_files(tmp_path / "a", 2)
    assert run(tmp_path, "--analyse", str(tmp_path / "a")) == 0
    assert "The new articles are analysed." in capsys.readouterr().out
    db = open_database(tmp_path / "cli.db")
    try:
        assert articles.unanalysed(db) == []
    finally:
        db.close()


def test_import_has_help_for_every_option(capsys):
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    command = subparsers.choices["import"]
    assert command.description
    for action in command._actions:
        assert action.help and action.help != argparse.SUPPRESS
    with pytest.raises(SystemExit) as caught:
        main(["import", "--help"])
    assert caught.value.code == 0
    assert "--analyse" in capsys.readouterr().out


def test_a_new_database_made_by_import_has_only_the_imported_articles(tmp_path, capsys):
    from gegenlesen.storage import articles
    from gegenlesen.storage.db import open_database
    from gegenlesen.tui.cli import main

    (tmp_path / "a.txt").write_text("Ein eigener Artikel über Posemuckel.", encoding="utf-8")
    assert main(["import", str(tmp_path / "a.txt"), "--db", str(tmp_path / "new.db")]) == 0
    db = open_database(tmp_path / "new.db")
    assert articles.count(db) == 1
    db.close()
    assert main(["articles", "--db", str(tmp_path / "new.db")]) == 0  # no demo corpus later either
    assert "--empty only applies" not in capsys.readouterr().err


def test_empty_on_a_zero_byte_file_is_a_new_database_without_a_warning(tmp_path, capsys):
    from gegenlesen.tui.cli import main

    (tmp_path / "leer.db").write_bytes(b"")
    assert main(["articles", "--empty", "--db", str(tmp_path / "leer.db")]) == 0
    assert "--empty only applies" not in capsys.readouterr().err
