"""eval-ner: span scoring and the command around it."""

from __future__ import annotations

import json

import pytest

from gegenlesen.corpus.nlp.evaluation import Score, score_spans
from gegenlesen.storage import articles
from gegenlesen.tui.cli import main

GOLD = [("a", 0, 8, "ORG"), ("a", 20, 32, "PER"), ("b", 5, 10, "LOC")]


def test_exact_scores_per_label_and_micro():
    predicted = [("a", 0, 8, "ORG"), ("a", 20, 30, "PER"), ("b", 5, 10, "LOC"), ("b", 40, 44, "LOC")]
    scores = score_spans(predicted, GOLD)
    assert scores["ORG"] == Score(1, 1, 1, 1) and scores["ORG"].f1 == 1.0
    assert scores["PER"].precision == 0.0 and scores["PER"].recall == 0.0
    assert scores["LOC"].precision == 0.5 and scores["LOC"].recall == 1.0
    micro = scores["micro"]
    assert (micro.precision, micro.recall) == (2 / 4, 2 / 3)
    assert micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_overlap_counts_partial_spans_of_the_same_label_only():
    predicted = [("a", 2, 6, "ORG"), ("a", 25, 40, "ORG"), ("b", 0, 6, "LOC")]
    scores = score_spans(predicted, GOLD, overlap=True)
    assert scores["ORG"].precision == 0.5 and scores["ORG"].recall == 1.0
    assert scores["PER"].recall == 0.0  # overlapped, but by an ORG
    assert scores["LOC"].f1 == 1.0


def test_one_long_prediction_over_two_gold_spans_keeps_scores_in_range():
    scores = score_spans([("a", 0, 40, "X")], [("a", 0, 5, "X"), ("a", 10, 15, "X")], overlap=True)
    assert scores["X"].precision == 1.0 and scores["X"].recall == 1.0
    assert score_spans([], [], overlap=True)["micro"].f1 == 0.0


def test_eval_ner_scores_the_stored_analysis(demo_db_path, demo_db, tmp_path, capsys):
    article = articles.get_article(demo_db, 5)
    stored = [e for e in articles.entities(demo_db, [5]) if e.label in ("ORG", "PER")]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(
        json.dumps({"source": article.source, "start": e.start, "end": e.end, "label": e.label}) + "\n" for e in stored
    ), encoding="utf-8")
    assert main(["eval-ner", str(gold), "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(stored)} gold spans in 1 articles" in out
    micro = next(line for line in out.splitlines() if line.startswith("micro"))
    assert micro.split()[3:6] == ["1.000", "1.000", "1.000"]  # the analysis against itself


@pytest.mark.parametrize(
    "content,message",
    [('{"source": "x.txt", "start": 0}\n', "line 1"), ("\n\nnot json\n", "line 3"),
     ('{"source": "nirgends.txt", "start": 0, "end": 4, "label": "ORG"}\n', "no article with source nirgends.txt"),
     ('{"source": "x", "start": 5, "end": 2, "label": "ORG"}\n', "start < end"), ("", "no gold spans"),
     ('{"source": "x", "start": 0, "end": 2, "label": "\\u001b]0;PWNED\\u0007[bold]X"}\n', "must be one of PER, ORG"),
     ('[' * 50_000 + ']' * 50_000 + '\n', "nested too deeply")],
)
def test_bad_gold_files_get_a_clear_message(demo_db_path, tmp_path, capsys, content, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    assert main(["eval-ner", str(gold), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
