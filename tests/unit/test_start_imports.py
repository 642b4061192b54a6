"""What opening the reader imports and parses before its first frame (issue 15, first paint).

The reader's start imports only what its first frame needs: the file readers, the date
rules, the export formats and the other commands load when they are used. And the short
parser that reads the reader's arguments must read them as the full command line does.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

import pytest

from gegenlesen.tui.cli import build_parser, parse_arguments

DEFERRED = (
    "gegenlesen.storage.importer",
    "gegenlesen.corpus.importing",
    "gegenlesen.corpus.decoding",
    "gegenlesen.corpus.demo",
    "gegenlesen.corpus.nlp.calendar_math",
    "gegenlesen.storage.exports.formats",
    "gegenlesen.tui.agreement_command",
    "gegenlesen.tui.serve_command",
    "gegenlesen.tui.limits",
    "secrets",
    "spacy",
    "trafilatura",
    "charset_normalizer",
    "numpy",
    "rapidfuzz",
)
"""Modules the first frame does not need."""

START = """
import sys
from gegenlesen.tui.app import create_app
from gegenlesen.tui.cli import apply_settings, open_store, parse_arguments

args = parse_arguments(["--db", sys.argv[1]])
path, db = open_store(args)
create_app(path, model=args.pipeline, db=db, annotator=apply_settings(args, db))
print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
"""


def test_opening_the_reader_on_a_database_imports_nothing_its_first_frame_does_not_need(tmp_path, monkeypatch):
    from gegenlesen.tui.workflow import prepare_database

    path = tmp_path / "existing.db"
    prepare_database(path).db.close()  # the demo corpus is in it: this start does not seed
    monkeypatch.setenv("GEGENLESEN_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("GEGENLESEN_ANNOTATOR", raising=False)
    done = subprocess.run([sys.executable, "-c", START, str(path), *DEFERRED], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == []


@pytest.mark.parametrize("argv", [
    [], ["read"], ["--db", "x.db"], ["read", "--db", "x.db"], ["--db", "x.db", "read", "--annotator", "anna"],
    ["--annotator", "export"], ["--emp", "--model", "m", "--codebook", "c.toml"], ["--db=x.db", "read", "--empty"],
])
def test_the_readers_arguments_are_read_as_the_full_command_line_reads_them(argv):
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


def outcome(parse, argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result = vars(parse(argv))
        except SystemExit as exit:
            result = ("exit", exit.code)
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["read", "--help"], ["export", "--format", "jsonl"], ["export"], ["--bogus"],
    ["read", "extra"], ["--db"], ["articles", "--db", "x.db"], ["serve", "--help"], ["readx"],
])
def test_help_other_commands_and_mistakes_are_answered_by_the_full_command_line(argv):
    assert outcome(parse_arguments, argv) == outcome(lambda a: build_parser().parse_args(a), argv)
