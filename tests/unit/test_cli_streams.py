"""Whatever a command prints, a terminal only shows: messages quoting outside text, and an
export to a terminal, carry no control character; a pipe or file gets the export exactly."""

from __future__ import annotations

import io
import json
import re
import sys

from gegenlesen.tui.streams import Shown, raw, shown_streams

from .test_export_common import run

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "\x1b]0;PWNED\x1b\\\x1b]52;c;Tk9URQ==\x07\x9b1m\u202e"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_standard_error_always_and_standard_output_on_a_terminal_show_controls_as_pictures(monkeypatch):
    terminal, pipe, errors = Terminal(), io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    for stdout in (terminal, pipe):
        monkeypatch.setattr(sys, "stdout", stdout)
        with shown_streams():
            print(f"a{HOSTILE}\tb")
            print(f"c{HOSTILE}", file=sys.stderr)
            assert raw(sys.stderr) is errors
        assert sys.stdout is stdout and sys.stderr is errors
    assert terminal.getvalue() == "a␛]0;PWNED␛\\␛]52;c;Tk9URQ==␇\ufffd1m\ufffd\tb\n"
    assert pipe.getvalue() == f"a{HOSTILE}\tb\n"  # a pipe gets the bytes as they are
    assert not CONTROLS.search(errors.getvalue())


def test_shown_keeps_the_streams_other_abilities():
    inner = Terminal()
    shown = Shown(inner)
    shown.writelines(["x\x07", "y\n"])
    shown.flush()
    assert inner.getvalue() == "x␇y\n" and shown.isatty()


def test_import_annotations_quotes_a_hostile_reference_safely(annotated_db_path, tmp_path, capsys):
    path = tmp_path / "fremd.jsonl"
    record = {"source": f"{HOSTILE}\nzeile2\rmissing", "claims": [{"start": 0, "end": 5, "quote": f"x{HOSTILE}"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", str(path), "--db", str(annotated_db_path))
    assert "PWNED" in out + err  # the reference is quoted, shown as text
    assert not CONTROLS.search(out + err), err


def test_a_model_name_is_neither_markup_nor_escapes(tmp_path, capsys):
    db = tmp_path / "neu.db"
    code, out, err = run(capsys, "--db", str(db), "--model", f"[/x][bold]m{HOSTILE}", "articles")
    assert code == 0 and "Traceback" not in err
    assert "[/x][bold]m" in err and not CONTROLS.search(err)
