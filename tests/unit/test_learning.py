"""Learning from corrections: which pipeline is used, what is taught, what is refused.

Plain tests on hand-made records and folders; none trains a model."""

from __future__ import annotations

import json

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp import learn, resolve
from gegenlesen.corpus.nlp.learn import LearningError, Taught
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles, corrections, learning
from gegenlesen.storage.db import open_database

TEXT = "Die Firma Quarkwerk baut den Zx9. Niemand kennt Quarkwerk-Produkte. Tante Ilse lebt in Grünstadt."


def learned_folder(db_path, name="de_gegenlesen+learned-2", base=None, meta=True):
    models = resolve.models_dir(db_path)
    (models / name).mkdir(parents=True)
    if meta:
        (models / name / "meta.json").write_text(json.dumps({"lang": "de", "name": name[3:], "version": "0.2.0"}))
    base = resolve.shipped_name() if base is None else base
    resolve.write_state(models, {"current": name, "last": 2, "base": base})
    return models / name


def test_models_live_beside_the_database(tmp_path):
    assert resolve.models_dir(tmp_path / "a.db") == tmp_path / "a.db.models"


def test_a_learned_pipeline_comes_after_a_named_one_and_before_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.setattr(resolve, "installed_official_packages", lambda: [])
    db_path = tmp_path / "a.db"
    assert resolve.model_to_use(None, db_path) is None  # nothing learned: the shipped one
    folder = learned_folder(db_path)
    assert resolve.model_to_use(None, db_path) == str(folder)
    assert resolve.model_to_use("de_mine", db_path) == "de_mine"
    assert resolve.expected_pipeline_name(str(folder)).startswith("de_gegenlesen+learned-2-0.2.0+rules")


def test_an_installed_official_package_comes_before_a_learned_pipeline(tmp_path, monkeypatch):
    monkeypatch.setattr(resolve, "installed_official_packages", lambda: ["de_core_news_sm"])
    learned_folder(tmp_path / "a.db")
    assert resolve.model_to_use(None, tmp_path / "a.db") is None


@pytest.mark.parametrize("state", [
    {"current": None, "last": 2},
    {"current": "../elsewhere", "last": 2},
    "not an object",
])
def test_a_state_that_names_no_learned_folder_means_the_shipped_pipeline(tmp_path, state):
    learned_folder(tmp_path / "a.db")
    (resolve.models_dir(tmp_path / "a.db") / resolve.STATE_FILE).write_text(json.dumps(state))
    assert resolve.learned_model(tmp_path / "a.db") is None


def test_a_half_written_or_outdated_learned_pipeline_is_not_loaded(tmp_path):
    learned_folder(tmp_path / "a.db", meta=False)  # a folder without meta.json is not whole
    assert resolve.learned_model(tmp_path / "a.db") is None
    learned_folder(tmp_path / "b.db", base="de_gegenlesen-0.0.1+rules1")  # learned from an older shipped one
    assert resolve.learned_model(tmp_path / "b.db") is None
    (resolve.models_dir(tmp_path / "c.db")).mkdir()
    (resolve.models_dir(tmp_path / "c.db") / resolve.STATE_FILE).write_text("{broken")
    assert resolve.learned_model(tmp_path / "c.db") is None


def test_reset_forgets_the_learned_pipeline_and_keeps_counting(tmp_path):
    folder = learned_folder(tmp_path / "a.db")
    assert learn.reset(folder.parent) == folder.name
    assert not folder.exists() and resolve.learned_model(tmp_path / "a.db") is None
    assert resolve.read_state(folder.parent)["last"] == 2  # the next one is learned-3, never a name used before
    assert learn.reset(folder.parent) is None
    assert learn.reset(tmp_path / "nothing.models") is None


def test_learning_refuses_without_sentences_or_without_training_data(tmp_path):
    taught = [Taught("Quarkwerk baut.", ((0, 9, "ORG"),))]
    with pytest.raises(LearningError, match="no correction occurs"):
        learn.learn(tmp_path / "m", [], tmp_path)
    with pytest.raises(LearningError, match=r"GermEval 2014 training split.*germeval2014-train/train\.tsv"):
        learn.learn(tmp_path / "m", taught, tmp_path / "no-data")
    assert not (tmp_path / "m").exists()


def test_a_second_run_for_the_same_database_is_refused(tmp_path):
    models = tmp_path / "m"
    models.mkdir()
    (tmp_path / "data" / "germeval2014-train").mkdir(parents=True)
    (tmp_path / "data" / "germeval2014-train" / "train.tsv").write_text("")
    with resolve.models_lock(models), pytest.raises(BlockingIOError):
        learn.learn(models, [Taught("Quarkwerk baut.", ((0, 9, "ORG"),))], tmp_path / "data")


def test_a_corrected_sentence_teaches_its_names_and_leaves_split_tokens_untaught():
    import spacy

    nlp = spacy.blank("de")
    text = "Quarkwerk baut Zx9-Chips in Grünstadt."
    example = learn.user_example(nlp, Taught(text, ((0, 9, "ORG"), (15, 18, "MISC"), (28, 37, "LOC"), (28, 32, "PER"))))
    reference = example.reference
    assert [(e.text, e.label_) for e in reference.ents] == [("Quarkwerk", "ORG"), ("Grünstadt", "LOC")]
    iob = {token.text: token.ent_iob_ for token in reference}
    assert iob["Zx9-Chips"] == ""  # "Zx9" ends inside the token: neither taught as a name nor as none
    assert iob["baut"] == "O" and iob["in"] == "O"


def test_a_name_across_the_sentence_end_is_left_untaught():
    import spacy

    example = learn.user_example(spacy.blank("de"), Taught("Bei Ilse Ober", (), ((4, 13),)))
    assert [token.ent_iob_ for token in example.reference] == ["O", "", ""]


def test_settings_take_caps_from_the_environment(monkeypatch):
    monkeypatch.setenv(learn.STEPS_VARIABLE, "3")
    monkeypatch.setenv(learn.GENERAL_VARIABLE, "bad")
    settings = learn.Settings.from_environment()
    assert settings.steps == 3 and settings.general_sentences == learn.Settings().general_sentences


@pytest.fixture
def made_db(tmp_path):
    """A database with one hand-made, hand-analysed article."""
    db = open_database(tmp_path / "made.db")
    article_id, _ = articles.add_article(db, Article(source="made.txt", text=TEXT))
    sentences = [(0, 33), (34, 67), (68, len(TEXT))]
    entities = [Entity(10, 19, "PER", "Quarkwerk", MODEL), Entity(68, 78, "PER", "Tante Ilse", MODEL),
                Entity(87, 96, "LOC", "Grünstadt", MODEL)]
    articles.store_analysis(db, article_id, Analysis(sentences=sentences, entities=entities, pipeline="hand"))
    yield db
    db.close()


def test_taught_sentences_are_those_a_correction_applies_to_with_the_names_as_the_reader_shows_them(made_db):
    assert learning.taught_sentences(made_db) == []
    corrections.correct(made_db, "Quarkwerk", "ORG", "anna")
    corrections.correct(made_db, "Zx9", "MISC", "anna")
    taught = learning.taught_sentences(made_db)
    assert [t.text for t in taught] == ["Die Firma Quarkwerk baut den Zx9.", "Niemand kennt Quarkwerk-Produkte."]
    assert taught[0].names == ((10, 19, "ORG"), (29, 32, "MISC"))
    assert taught[1].names == ((14, 23, "ORG"),)  # the compound's name, as the reader shows it


def test_learning_without_corrections_says_so(made_db, tmp_path):
    with pytest.raises(LearningError, match="no corrections to learn from"):
        learning.learn(made_db, data=tmp_path)
