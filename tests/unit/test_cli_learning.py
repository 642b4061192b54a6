"""`gegenlesen correct` and `gegenlesen learn` from the command line, bad input included;
learn is killed with -9 in a real process and the previous pipeline stays in use."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from gegenlesen.corpus.nlp import resolve
from gegenlesen.storage import corrections, history
from gegenlesen.storage.db import open_database
from gegenlesen.tui.cli import main

TINY = {"GEGENLESEN_LEARN_STEPS": "2", "GEGENLESEN_LEARN_GENERAL": "40"}


def stored(path) -> list[tuple[str, str | None, str]]:
    db = open_database(path)
    try:
        return [(row["surface"], row["label"], row["annotator"]) for row in corrections.correction_rows(db)]
    finally:
        db.close()


def pipelines(path) -> set[str]:
    db = open_database(path)
    try:
        return {row[0] for row in db.execute("SELECT pipeline FROM articles")}
    finally:
        db.close()


def test_correct_stores_the_rule_e_stores_says_its_reach_and_u_undoes_it(handmade_db_path, capsys):
    assert main(["correct", "Hansebau", "--label", "misc", "--db", str(handmade_db_path), "--annotator", "anna"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hansebau → MISC: 3 places in 2 articles")  # two tagged in article 1, one untagged in 2
    assert stored(handmade_db_path) == [("Hansebau", "MISC", "anna")]
    db = open_database(handmade_db_path)
    try:
        assert history.undo(db, "anna").describe() == "Undid: add correction of “Hansebau”"
        assert corrections.correction_rows(db) == []
    finally:
        db.close()


def test_correct_to_none_says_no_entity(handmade_db_path, capsys):
    assert main(["correct", " Hansebau ", "--label", "none", "--db", str(handmade_db_path), "--annotator", "anna"]) == 0
    assert capsys.readouterr().out.startswith("Hansebau → no entity: ")
    assert stored(handmade_db_path) == [("Hansebau", None, "anna")]


@pytest.mark.parametrize(("form", "label", "said"), [
    ("Quarkwerkstatt", "ORG", "“Quarkwerkstatt” occurs in no article; nothing stored"),
    ("   ", "ORG", "nothing to correct: the form is empty"),
    ("", "PER", "nothing to correct: the form is empty"),
    ("Hansebau", "COMPANY", "unknown label 'COMPANY': use one of PER, ORG, LOC, MISC, none"),
])
def test_correct_refuses_bad_input_in_one_line_with_exit_code_2(handmade_db_path, capsys, form, label, said):
    assert main(["correct", form, "--label", label, "--db", str(handmade_db_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"gegenlesen: {said}\n" and captured.out == ""
    assert stored(handmade_db_path) == []


def test_learn_without_corrections_says_so(demo_db_path, capsys):
    assert main(["learn", "--db", str(demo_db_path)]) == 1
    assert capsys.readouterr().err == ("gegenlesen: no corrections to learn from: correct an entity first "
                                       "(E in the reader, or gegenlesen correct FORM --label LABEL)\n")
    assert not resolve.models_dir(demo_db_path).exists()


def test_learn_without_training_data_says_what_it_needs(demo_db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_NER_DATA", str(tmp_path / "nowhere"))
    assert main(["correct", "Nvidia", "--label", "ORG", "--db", str(demo_db_path)]) == 0
    assert main(["learn", "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "needs the GermEval 2014 training split" in err and "GEGENLESEN_NER_DATA" in err
    assert resolve.learned_model(demo_db_path) is None


def test_learn_then_reset(demo_db_path, capsys, monkeypatch):
    for name, value in TINY.items():
        monkeypatch.setenv(name, value)
    shipped = pipelines(demo_db_path)
    assert main(["correct", "Nvidia", "--label", "MISC", "--db", str(demo_db_path)]) == 0
    assert main(["learn", "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert "Learned de_gegenlesen+learned-1 from " in out and "5 articles analysed again" in out
    assert resolve.learned_model(demo_db_path).name == "de_gegenlesen+learned-1"
    assert {name.split("-0")[0] for name in pipelines(demo_db_path)} == {"de_gegenlesen+learned-1"}
    assert main(["learn", "--db", str(demo_db_path)]) == 0  # again: the next number; the old one stays for now
    assert resolve.learned_model(demo_db_path).name == "de_gegenlesen+learned-2"
    assert main(["learn", "--reset", "--db", str(demo_db_path)]) == 0
    assert "Forgot de_gegenlesen+learned-2: back to the shipped pipeline." in capsys.readouterr().out
    assert resolve.learned_model(demo_db_path) is None
    assert [p.name for p in resolve.models_dir(demo_db_path).iterdir() if p.is_dir()] == []
    assert pipelines(demo_db_path) == shipped
    assert stored(demo_db_path)[0][:2] == ("Nvidia", "MISC")  # corrections are kept
    assert main(["learn", "--reset", "--db", str(demo_db_path)]) == 0
    assert capsys.readouterr().out == "No learned pipeline: the shipped one is in use.\n"


def test_kill_9_while_learning_leaves_the_previous_pipeline_in_use(demo_db_path, monkeypatch):
    for name, value in TINY.items():
        monkeypatch.setenv(name, value)
    assert main(["correct", "Nvidia", "--label", "MISC", "--db", str(demo_db_path)]) == 0
    assert main(["learn", "--db", str(demo_db_path)]) == 0
    before = pipelines(demo_db_path)
    models = resolve.models_dir(demo_db_path)
    environment = {**os.environ, "GEGENLESEN_LEARN_STEPS": "100000", "GEGENLESEN_LEARN_GENERAL": "40"}
    process = subprocess.Popen([sys.executable, "-m", "gegenlesen.tui.cli", "learn", "--db", str(demo_db_path)],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".learning-") for p in models.iterdir()):
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1.0)  # well into fine-tuning
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert resolve.learned_model(demo_db_path).name == "de_gegenlesen+learned-1"
    assert main(["articles", "--db", str(demo_db_path)]) == 0  # nothing to analyse again
    assert pipelines(demo_db_path) == before
    assert main(["learn", "--db", str(demo_db_path)]) == 0  # the next run clears what the killed one left
    assert sorted(p.name for p in models.iterdir() if p.is_dir()) == ["de_gegenlesen+learned-1", "de_gegenlesen+learned-2"]


def test_ctrl_c_while_learning_stops_and_writes_nothing(demo_db_path, tmp_path):
    assert main(["correct", "Nvidia", "--label", "MISC", "--db", str(demo_db_path)]) == 0
    environment = {**os.environ, "GEGENLESEN_LEARN_STEPS": "100000", "GEGENLESEN_LEARN_GENERAL": "40"}
    process = subprocess.Popen([sys.executable, "-m", "gegenlesen.tui.cli", "learn", "--db", str(demo_db_path)],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    models = resolve.models_dir(demo_db_path)
    deadline = time.monotonic() + 60
    while not (models.is_dir() and any(p.name.startswith(".learning-") for p in models.iterdir())):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    assert process.stderr.read().endswith("gegenlesen: learning interrupted; the previous pipeline stays in use\n")
    assert not models.is_dir() or [p.name for p in models.iterdir() if p.is_dir()] == []
    assert resolve.learned_model(demo_db_path) is None
