"""`gegenlesen conflicts`: what X lists, as lines or JSON lines."""

from __future__ import annotations

import io
import json

from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.tui.conflicts_command import command_conflicts


def test_jsonl_gives_both_passages_with_offsets_text_and_values(handmade_db):
    out = io.StringIO()
    assert command_conflicts(handmade_db, "jsonl", out) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    opening = next(r for r in records if {r["a"]["value"], r["b"]["value"]} == {"2024-05-14", "2024-06, late"})
    for side in (opening["a"], opening["b"]):
        text = articles.get_article(handmade_db, side["article"]).text
        assert text[side["start"]:side["end"]] == side["text"]
        assert side["surface"] in side["text"]
    assert {opening["a"]["article"], opening["b"]["article"]} == {1, 2} and opening["decision"] is None


def test_table_is_one_line_per_flag(handmade_db):
    out = io.StringIO()
    command_conflicts(handmade_db, "table", out)
    lines = out.getvalue().splitlines()
    assert lines and all(line.startswith("? ") for line in lines)
    assert any("2024-05-14" in line and "2024-06, late" in line for line in lines)


def test_one_article_says_there_is_nothing_to_compare(tmp_path, capsys):
    fresh_db = open_database(tmp_path / "one.db")
    articles.add_article(fresh_db, Article("one.txt", "Acme baute 2024 ein Werk. Acme zahlte 5 Millionen Euro."))
    out = io.StringIO()
    assert command_conflicts(fresh_db, "jsonl", out) == 0
    assert out.getvalue() == ""
    assert "nothing to compare" in capsys.readouterr().err
