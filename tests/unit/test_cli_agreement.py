"""`gegenlesen agreement` and `gegenlesen curate`: the report in three formats, curated verdicts in
every export, and a clear line for each bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gegenlesen.storage import history
from gegenlesen.tui.cli import main

from .team import new_db, put_claim


@pytest.fixture
def team(tmp_path):
    """werk.txt judged by anna and ben: the same first sentence (verdicts differ), and one more each."""
    db = new_db(tmp_path / "team.db", ["werk.txt"])
    ids = {
        "anna0": put_claim(db, 1, 0, "anna", "event", "true"),
        "ben0": put_claim(db, 1, 0, "ben", "event", "false"),
        "anna1": put_claim(db, 1, 1, "anna", "figure", "true"),
        "ben2": put_claim(db, 1, 2, "ben", "quote", "unchecked"),
    }
    yield db, ids
    db.close()


def run(capsys, db, *argv):
    code = main([*argv, "--db", str(db.path), "--annotator", "lead"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_report_gives_each_figure_with_its_items(team, capsys):
    db, ids = team
    code, out, err = run(capsys, db, "agreement", "--format", "json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["annotators"] == ["anna", "ben"] and report["claims"] == {"anna": 2, "ben": 2}
    # Sentences: anna (1,1,0), ben (1,0,1): two items differ, one agrees.
    assert report["claim_sentences"]["items"] == 3 and report["claim_sentences"]["observed"] == pytest.approx(1 / 3)
    # Cohen's kappa: chance (2*2 + 1*1)/9 = 5/9, so (1/3 - 5/9) / (4/9) = -1/2.
    assert report["claim_sentences"]["kappa"] == pytest.approx(-0.5) and report["claim_sentences"]["kappa_items"] == 3
    assert report["per_article"][0]["source"] == "werk.txt"
    assert report["verdicts"]["items"] == 1 and report["verdicts"]["observed"] == 0.0
    assert report["types"]["alpha"] is None and report["types"]["reason"]
    (differing,) = report["differing_verdicts"]
    assert {c["claim"] for c in differing["claims"]} == {ids["anna0"], ids["ben0"]} and differing["curated"] is None


def test_table_and_csv_carry_the_same_figures(team, capsys):
    db, _ = team
    code, table, _ = run(capsys, db, "agreement")
    assert code == 0 and "claim sentences" in table and "verdicts that differ (1" in table
    assert "kappa: Cohen's kappa" in table and "-0.500" in table
    code, text, _ = run(capsys, db, "agreement", "--format", "csv", "--annotators", "ben", "anna")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["scope"] for row in rows] == ["claim sentences", "claim types", "verdicts", "claim sentences"]
    assert rows[0]["items"] == "3" and rows[3]["source"] == "werk.txt"


def test_one_annotator_or_none_says_what_agreement_needs(tmp_path, capsys):
    db = new_db(tmp_path / "solo.db", ["werk.txt"])
    code, out, err = run(capsys, db, "agreement")
    assert code == 2 and out == "" and "at least two annotators" in err and "nobody" in err
    put_claim(db, 1, 0, "anna")
    code, out, err = run(capsys, db, "agreement")
    assert code == 2 and "only 'anna'" in err and len(err.splitlines()) == 1
    db.close()


def test_unknown_or_single_names_are_refused_with_the_known_ones(team, capsys):
    db, _ = team
    code, out, err = run(capsys, db, "agreement", "--annotators", "anna", "zoe")
    assert code == 2 and out == "" and "'zoe'" in err and "'anna', 'ben'" in err
    code, _, err = run(capsys, db, "agreement", "--annotators", "anna", "anna")
    assert code == 2 and "two or more" in err


def exported(db, capsys, fmt):
    code, out, err = run(capsys, db, "export", "--format", fmt)
    assert code == 0, err
    return out


def test_curate_settles_the_passage_and_every_export_carries_it(team, capsys):
    db, ids = team
    code, out, err = run(capsys, db, "curate", str(ids["ben0"]), "--verdict", "mostly true")
    assert code == 0 and f"#{ids['anna0']}, #{ids['ben0']}" in out
    rows = db.execute("SELECT id, curated, curated_by FROM claims WHERE curated IS NOT NULL ORDER BY id").fetchall()
    assert rows == [(ids["anna0"], "mostly true", "lead"), (ids["ben0"], "mostly true", "lead")]
    claims = [claim for line in exported(db, capsys, "jsonl").splitlines() for claim in json.loads(line)["claims"]]
    curated = {claim["id"]: claim["curated"] for claim in claims}
    assert curated[ids["anna0"]]["verdict"] == "mostly true" and curated[ids["anna0"]]["by"] == "lead"
    assert curated[ids["anna1"]] is None
    sheet = list(csv.DictReader(io.StringIO(exported(db, capsys, "csv"))))
    assert {row["claim_id"]: row["curated_verdict"] for row in sheet} == {
        str(ids["anna0"]): "mostly true", str(ids["ben0"]): "mostly true", str(ids["anna1"]): "", str(ids["ben2"]): ""}
    items = json.loads(exported(db, capsys, "w3c"))["first"]["items"]
    bodies = [body for item in items if item["motivation"] == "assessing" for body in item["body"]
              if body.get("label") == "curated verdict"]
    assert len(bodies) == 2 and all(b["value"] == "mostly true" and b["creator"]["name"] == "lead" for b in bodies)
    reviews = json.loads(exported(db, capsys, "claimreview"))["@graph"]
    on_first = [r for r in reviews if r["claimReviewed"].startswith("Die Firma Nordlicht")]
    assert len(on_first) == 1  # two claims, one curated verdict: one review
    assert on_first[0]["reviewRating"]["alternateName"] == "mostly true" and on_first[0]["author"]["name"] == "lead"
    code, table, _ = run(capsys, db, "agreement")
    assert "curated: mostly true" in table


def test_undo_takes_a_curation_back_in_one_step(team, capsys):
    db, ids = team
    run(capsys, db, "curate", str(ids["anna0"]), "--verdict", "misleading")
    step = history.undo(db, "lead")
    assert step.more == 1 and "curated" in step.fields
    assert db.execute("SELECT count(*) FROM claims WHERE curated IS NOT NULL").fetchone()[0] == 0


@pytest.mark.parametrize(("claim", "verdict", "message"), [
    ("999", "true", "does not exist"),
    (None, "   ", "empty"),
    (None, "unchecked", "no verdict"),
    (None, "wahr\u200b", "control"),
    (None, "x" * 81, "at most"),
])
def test_curate_refuses_bad_input_in_one_line(team, capsys, claim, verdict, message):
    db, ids = team
    code, out, err = run(capsys, db, "curate", claim or str(ids["anna0"]), "--verdict", verdict)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1
    assert db.execute("SELECT count(*) FROM claims WHERE curated IS NOT NULL").fetchone()[0] == 0


def test_a_curated_claim_still_passes_the_w3c_musts(team, capsys):
    from .test_export_w3c import failures, musts

    db, ids = team
    run(capsys, db, "curate", str(ids["anna0"]), "--verdict", "false")
    items = json.loads(exported(db, capsys, "w3c"))["first"]["items"]
    curated = [item for item in items if any(body.get("label") == "curated verdict" for body in item.get("body", []))]
    assert len(curated) == 2
    validators = musts("annotations/annotationMusts.test")
    assert [problem for item in curated for problem in failures(item, validators)] == []
