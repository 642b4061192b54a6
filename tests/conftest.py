"""Shared fixtures: a hand-built database whose analysis is written out (for storage, link and
export tests), and the demo database analysed by the model once per session (for evaluation,
snapshot and Pilot tests that need what the model finds); each test gets a fresh copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import textual.constants

# Snapshots and colours must not depend on the TERM of the machine that runs the tests. A
# plugin may have imported Textual already, so its constant is set too (apps read it when made);
# the variable is for the real processes some tests start.
os.environ["TEXTUAL_COLOR_SYSTEM"] = "truecolor"
textual.constants.COLOR_SYSTEM = "truecolor"

import pytest

from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending, seed_demo_corpus
from gegenlesen.storage.names import spread_names

from fixtures import handmade

REPO = Path(__file__).resolve().parent.parent
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    """The pipeline the app resolves by default (the one shipped in the package)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    db = open_database(path)
    seed_demo_corpus(db)
    analyse_pending(db, lambda text, published: analyze(text, pipeline, published))
    spread_names(db)  # as analyse_all does in the app: names found across the corpus
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_db_path(tmp_path, demo_db_template) -> Path:
    """A fresh copy of the analysed demo database."""
    path = tmp_path / "gegenlesen.db"
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path):
    db = open_database(demo_db_path)
    yield db
    db.close()


@pytest.fixture
def no_model(monkeypatch):
    """Loading the NLP pipeline fails the test: what the hand-built corpus is for."""
    from gegenlesen.corpus.nlp import pipeline as nlp_pipeline

    def refuse(requested=None):
        raise AssertionError("this test must not load the model: its articles carry their analysis")

    monkeypatch.setattr(nlp_pipeline, "load_pipeline", refuse)


@pytest.fixture(scope="session")
def handmade_db_template(tmp_path_factory) -> Path:
    return handmade.build(tmp_path_factory.mktemp("handmade") / "handmade.db")


@pytest.fixture
def handmade_db_path(tmp_path, handmade_db_template, no_model) -> Path:
    """A fresh copy of the hand-built database (tests/fixtures/handmade.py): three articles
    with their sentences and entities written out, ids 1 to 3, no claims."""
    path = tmp_path / "handmade.db"
    shutil.copy(handmade_db_template, path)
    return path


@pytest.fixture
def handmade_db(handmade_db_path):
    db = open_database(handmade_db_path)
    yield db
    db.close()
