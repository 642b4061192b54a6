"""What the export tests share (the hand-built database with claims, offline JSON-LD), and the
command line's handling of every format: --articles, -o, and one-line failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fixtures.handmade import ROCKET, add_written
from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim, list_claims, update_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports.formats import FORMATS
from gegenlesen.tui.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
# Characters outside the Basic Multilingual Plane: one code point each, two UTF-16 units.
ROCKET_TEXT = ROCKET.text
# Claims on the first hand-built article: (quote, annotator, type, verdict, worthiness, note)
CLAIMS = [
    ("Hansebau", "anna", "statistic", "false", 3, "Quelle fehlt"),
    ("Katrin Albers", "bob", None, "unchecked", 1, ""),
    ("Rostock", "carla", "comparison", "mostly true", 2, 'Zeile 1\nZeile 2 mit "Zitat" und Tab\t.'),
]


def tag(db, article_id: int, quote: str, annotator: str, type=None, verdict="unchecked", worthiness=1, note=""):
    """Tag the first occurrence of `quote` and judge it; returns the stored claim."""
    text = articles.get_article(db, article_id).text
    start = text.index(quote)
    claim = add_claim(db, article_id, start, start + len(quote), annotator, type=type, verdict=verdict)
    changes = {key: value for key, value in (("worthiness", worthiness), ("note", note)) if value not in (1, "")}
    return update_claim(db, claim.id, annotator, **changes) if changes else claim


def annotate(path: Path) -> Path:
    """Add claims to the hand-built articles, and an article with astral characters (with its
    analysis, tests/fixtures/handmade.py) and a line break inside a claim; returns `path`."""
    db = open_database(path)
    try:
        for quote, *fields in CLAIMS:
            tag(db, 1, quote, *fields)
        tag(db, 2, "neue Hafenbrücke über den Stadthafen", "anna", "event", "true", 2, "")
        rocket_id = add_written(db, ROCKET)
        tag(db, rocket_id, "🚀 Start", "anna", "event", "misleading", 3, "Rakete?")
        tag(db, rocket_id, "Dollar.\nDas sagte", "bob", None, "unverifiable", 1, "über die Zeile")
    finally:
        db.close()
    return path


def stored(path: Path):
    """(article rows by id, claims) of a database file."""
    db = open_database(path)
    try:
        return {a.id: articles.get_article(db, a.id) for a in articles.list_articles(db)}, list_claims(db)
    finally:
        db.close()


def local_loader(mapping: dict[str, str]):
    """A pyld document loader that serves contexts from tests/data and refuses the network."""

    def load(url: str, options=None) -> dict:
        name = mapping.get(url)
        if name is None:
            raise AssertionError(f"the test tried to fetch {url}")
        return {"contextUrl": None, "documentUrl": url, "document": json.loads((DATA / name).read_text(encoding="utf-8"))}

    return load


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- the command line, for every format ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_writes_only_the_chosen_articles(annotated_db_path, tmp_path, capsys, name):
    target = tmp_path / f"out.{name}"
    code, out, err = run(capsys, "export", "--format", name, "--db", str(annotated_db_path), "-o", str(target),
                         "--articles", "rakete.txt")
    assert code == 0, err
    assert out == "" and f"to {target}" in err
    if target.is_dir():
        written = "".join(p.read_text(encoding="utf-8") for p in target.iterdir() if p.suffix == ".txt")
    else:
        written = target.read_bytes().decode("utf-8", errors="replace")
    assert not [word for word in ("Rostock", "Schwerin", "Hansebau") if word in written]  # nothing of the others


@pytest.mark.parametrize("argv, message", [
    (["--format", "w3c", "--articles", "7777", "nope.txt"], "no article with id or source 7777, nope.txt"),
    (["--format", "spacy"], "--format spacy needs -o FILE"),
    (["--format", "brat"], "--format brat needs -o DIRECTORY"),
])
def test_export_failures_are_one_line(handmade_db_path, capsys, argv, message):
    code, out, err = run(capsys, "export", "--db", str(handmade_db_path), *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("gegenlesen: ") and message in err


def test_brat_refuses_a_directory_that_is_not_empty_and_a_file(handmade_db_path, tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    (tmp_path / "file").write_text("x")
    for target, message in ((tmp_path / "full", "is not empty"), (tmp_path / "file", "is a file")):
        code, _, err = run(capsys, "export", "--format", "brat", "--db", str(handmade_db_path), "-o", str(target))
        assert code == 1 and err.count("\n") == 1 and message in err
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]


def test_a_file_export_into_a_missing_directory_is_one_line(handmade_db_path, tmp_path, capsys):
    code, _, err = run(capsys, "export", "--format", "spacy", "--db", str(handmade_db_path),
                       "-o", str(tmp_path / "fehlt" / "x.spacy"))
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err


def test_articles_by_id_also_restricts_jsonl_and_csv(annotated_db_path, capsys):
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--db", str(annotated_db_path), "--articles", "2")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [2]
    code, out, _ = run(capsys, "export", "--format", "csv", "--db", str(annotated_db_path), "--articles", "2", "1")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert code == 0 and len(rows) == 1 + len(CLAIMS) + 1  # the header, then the claims of articles 1 and 2


def test_an_exported_file_gets_the_usual_permissions_not_a_temporary_files(annotated_db_path, tmp_path):
    import os
    import stat

    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.exports.formats import run_export

    db = open_database(annotated_db_path)
    target = tmp_path / "out.jsonl"
    run_export(db, "jsonl", target, [1], None)
    db.close()
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
