"""The command line, run in-process: articles, export, errors, help."""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3

import pytest

from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.tui.cli import build_parser, main

SUBCOMMANDS = ["read", "articles", "export", "eval-ner", "import", "import-annotations", "links", "backup", "check",
               "correct", "learn", "conflicts", "agreement", "curate", "merge", "serve"]


def row_lines(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0].split() == ["id", "source", "words", "entities", "title"]
    return lines[1:]


def test_articles_lists_a_row_per_article(handmade_db_path, capsys):
    assert main(["articles", "--db", str(handmade_db_path)]) == 0
    captured = capsys.readouterr()
    rows = row_lines(captured.out)
    assert len(rows) == 3
    assert [int(row.split()[0]) for row in rows] == [1, 2, 3]
    assert [row.split()[1] for row in rows] == ["hafenbruecke.txt", "stadthafen.txt", "radwege.txt"]
    assert [int(row.split()[3]) for row in rows] == [11, 9, 7]  # the entities written for each
    assert captured.err == ""  # already analysed: no pipeline was loaded


def test_db_option_works_before_the_subcommand(handmade_db_path, capsys):
    assert main(["--db", str(handmade_db_path), "articles"]) == 0
    assert len(row_lines(capsys.readouterr().out)) == 3


def test_database_from_environment(handmade_db_path, capsys, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_DB", str(handmade_db_path))
    assert main(["articles"]) == 0
    assert len(row_lines(capsys.readouterr().out)) == 3


def test_export_jsonl_to_file(handmade_db_path, tmp_path, capsys):
    target = tmp_path / "export.jsonl"
    assert main(["export", "--db", str(handmade_db_path), "--format", "jsonl", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "exported 3 articles" in captured.err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        record = json.loads(line)
        assert set(record) == {"id", "source", "title", "sha256", "url", "published", "author", "version_of", "text",
                               "entities", "claims", "codebook"}
        assert hashlib.sha256(record["text"].encode("utf-8")).hexdigest() == record["sha256"]
        assert isinstance(record["claims"], list)
        previous = (0, 0)
        for entity in record["entities"]:
            assert {"start", "end", "label", "text", "origin"} <= set(entity)
            assert entity["origin"] in {"model", "rule", "corpus", "user"}
            assert 0 <= entity["start"] < entity["end"] <= len(record["text"])
            assert entity["text"] == record["text"][entity["start"]:entity["end"]]
            assert (entity["start"], entity["end"]) >= previous
            previous = (entity["start"], entity["end"])
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert sum(len(r["entities"]) for r in records) > 0
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_export_matches_the_database(handmade_db_path, tmp_path, capsys):
    target = tmp_path / "export.jsonl"
    main(["export", "--db", str(handmade_db_path), "--format", "jsonl", "--output", str(target)])
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    db = open_database(handmade_db_path)
    try:
        for record in records:
            stored = articles.get_article(db, record["id"])
            assert (stored.source, stored.title, stored.text) == (record["source"], record["title"], record["text"])
            assert len(articles.entities(db, [record["id"]])) == len(record["entities"])
    finally:
        db.close()


def test_export_jsonl_to_stdout(handmade_db_path, capsys):
    assert main(["export", "--db", str(handmade_db_path), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["text"] for line in lines)


def test_export_into_a_missing_directory_fails_cleanly(handmade_db_path, tmp_path, capsys):
    target = tmp_path / "fehlt" / "x.jsonl"
    assert main(["export", "--db", str(handmade_db_path), "--format", "jsonl", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not target.parent.exists()


@pytest.mark.parametrize("end", ["", "-wal"])
def test_export_never_writes_over_the_database_it_reads(handmade_db_path, capsys, end):
    target = handmade_db_path.with_name(handmade_db_path.name + end)
    assert main(["export", "--db", str(handmade_db_path), "--format", "jsonl", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the database being exported" in err
    assert main(["articles", "--db", str(handmade_db_path)]) == 0
    assert len(row_lines(capsys.readouterr().out)) == 3


@pytest.mark.parametrize(
    "argv",
    [["articles", "--bogus"], ["export", "--format", "xml"], ["export"], ["nonsense"], ["--frobnicate"]],
)
def test_wrong_usage_exits_2_with_usage(argv, tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--db", str(tmp_path / "x.db")])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert "usage:" in captured.err
    assert captured.out == ""
    assert not (tmp_path / "x.db").exists()  # nothing was created


@pytest.mark.parametrize("argv", [[], *([command] for command in SUBCOMMANDS)])
def test_help_exits_0(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: gegenlesen")
    assert "--db" in out


def test_every_subcommand_and_option_has_help():
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert sorted(subparsers.choices) == sorted(SUBCOMMANDS)
    summaries = {action.dest: action.help for action in subparsers._choices_actions}
    for name, subparser in subparsers.choices.items():
        assert summaries.get(name), f"{name} has no help line"
        assert subparser.description, f"{name} has no description"
        for action in subparser._actions:
            assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.option_strings} has no help"
    top_help = parser.format_help()
    for name in SUBCOMMANDS:
        assert name in top_help


def test_not_sqlite_db_exits_1_with_one_line(tmp_path, capsys):
    path = tmp_path / "notiz.txt"
    path.write_text("Einkaufsliste: Milch, Brot\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["articles", "--db", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("gegenlesen: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert path.read_bytes() == before


def test_other_programs_db_exits_1(tmp_path, capsys):
    path = tmp_path / "fremd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (x)")
    conn.commit()
    conn.close()
    assert main(["export", "--format", "jsonl", "--db", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "another program" in captured.err


def test_db_in_missing_directory_exits_1_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "fehlt" / "x.db"
    assert main(["articles", "--db", str(path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert not path.parent.exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_empty_creates_a_database_without_articles(tmp_path, capsys, where):
    path = tmp_path / "leer.db"
    argv = ["--empty", "articles", "--db", str(path)] if where == "before" else ["articles", "--db", str(path), "--empty"]
    assert main(argv) == 0
    assert row_lines(capsys.readouterr().out) == []
    assert main(["articles", "--db", str(path)]) == 0  # and the demo is not added later either
    assert row_lines(capsys.readouterr().out) == []
    db = open_database(path)
    assert articles.count(db) == 0
    db.close()


def test_titles_with_control_characters_are_listed_safely(tmp_path, capsys):
    from gegenlesen.corpus.article import Article

    path = tmp_path / "ctl.db"
    db = open_database(path)
    from gegenlesen.storage.library import seed_demo_corpus

    seed_demo_corpus(db, empty=True)
    article_id, _ = articles.add_article(db, Article("evil\x1b[2J.txt", "Titel\x1b]0;x\x07 mit Steuerzeichen."))
    from gegenlesen.corpus.nlp.records import Analysis

    articles.store_analysis(db, article_id, Analysis([], [], "none"))
    db.close()
    assert main(["articles", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert len(row_lines(out)) == 1
