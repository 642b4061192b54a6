"""The README names every `origin` an export can write (issue 12, item 11)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from gegenlesen.corpus.nlp.records import MODEL, RULE, USER
from gegenlesen.storage.exports.jsonl import export_jsonl
from gegenlesen.storage.names import CORPUS, spread_names

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_origins() -> set[str]:
    """The values the README's jsonl paragraph lists after "`origin` is"."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    sentence = re.search(r"`origin` is ([^;.]*)", text)
    assert sentence, "the README no longer says what `origin` is"
    return set(re.findall(r"`(\w+)`", sentence.group(1)))


def test_readme_lists_every_origin_the_code_stores():
    assert {MODEL, RULE, USER, CORPUS} <= readme_origins()


def test_readme_lists_every_origin_a_jsonl_export_of_the_demo_writes(demo_db):
    spread_names(demo_db)  # as the app does after an analysis
    out = io.StringIO()
    export_jsonl(demo_db, out)
    written = {e["origin"] for line in out.getvalue().splitlines() for e in json.loads(line)["entities"]}
    assert CORPUS in written  # the demo has names found across the corpus
    assert written <= readme_origins()
