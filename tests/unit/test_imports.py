"""Import hygiene: the core packages never pull in Textual, and spaCy only when a pipeline loads."""

from __future__ import annotations

import json
import subprocess
import sys

MODULES = [
    "gegenlesen.corpus",
    "gegenlesen.storage",
    "gegenlesen.corpus.article",
    "gegenlesen.corpus.display",
    "gegenlesen.corpus.entities",
    "gegenlesen.corpus.demo",
    "gegenlesen.corpus.nlp.figures",
    "gegenlesen.corpus.nlp.records",
    "gegenlesen.corpus.nlp.pipeline",
    "gegenlesen.storage.db",
    "gegenlesen.storage.articles",
    "gegenlesen.storage.library",
    "gegenlesen.storage.claims",
    "gegenlesen.storage.meta",
    "gegenlesen.storage.exports.jsonl",
]


def imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(result.stdout))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_core_imports_neither_textual_nor_spacy():
    loaded = top_level(imported_after(MODULES))
    assert "gegenlesen" in loaded  # the imports really happened
    assert "textual" not in loaded
    assert "spacy" not in loaded
    assert "thinc" not in loaded


def test_cli_module_imports_neither_textual_nor_spacy():
    """`gegenlesen articles` and `export` should start without the TUI or NLP stack."""
    loaded = top_level(imported_after(["gegenlesen.tui.cli", "gegenlesen.tui.wrapping", "gegenlesen.tui.labels"]))
    assert "textual" not in loaded
    assert "spacy" not in loaded
