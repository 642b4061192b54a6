"""Open name lists and the rules that correct the model's names (gazetteers.py, name_rules.py),
on a blank pipeline with the model's entities given by hand."""

from __future__ import annotations

import json

import pytest
import spacy

from gegenlesen.corpus.nlp import gazetteers
from gegenlesen.corpus.nlp.gazetteers import DATA, inflected, is_legal_form
from gegenlesen.corpus.nlp.name_rules import revise


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def corrected(nlp, text, model=()):
    """(surface, label, by rule) of the names after the rules, from the model's (word, label)."""
    spans = []
    for word, label in model:
        start = text.index(word)
        spans.append((start, start + len(word), label))
    return [(text[start:end], label, by_rule) for start, end, label, by_rule in revise(nlp(text), spans)]


def test_the_shipped_lists_are_small_and_say_where_they_come_from():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert DATA.stat().st_size < 2_000_000
    assert set(data["sources"]) == {"places", "companies", "legal_forms", "first_names"}
    assert "Bosnien und Herzegowina" in data["places"] and "Vereinigte Arabische Emirate" in data["places"]


def test_inflected_forms():
    assert inflected("Vereinigte Arabische Emirate") == {
        "Vereinigte Arabische Emirate", "Vereinigten Arabischen Emiraten", "Vereinigten Arabischen Emirate",
    }
    assert inflected("Kanada") == {"Kanada", "Kanadas"}
    assert inflected("Paris") == {"Paris"}


def test_legal_forms_are_written_with_a_capital():
    assert is_legal_form("AG") and is_legal_form("GmbH")
    assert not is_legal_form("ab")


def test_a_cut_place_name_is_mended(nlp):
    text = "Sie reiste nach Bosnien und Herzegowina und in die Vereinigten Arabischen Emirate."
    assert corrected(nlp, text, [("Bosnien", "LOC"), ("Arabischen Emirate", "LOC")]) == [
        ("Bosnien und Herzegowina", "LOC", True), ("Vereinigten Arabischen Emirate", "LOC", True),
    ]


def test_a_company_with_its_legal_form(nlp):
    text = "Gestern meldete die Muster Lebensmittel GmbH einen Verlust."
    assert corrected(nlp, text, [("Muster", "PER")]) == [("Muster Lebensmittel GmbH", "ORG", True)]


def test_a_person_name_cut_at_its_particles_is_mended(nlp):
    text = "Gestern sprach Johanna Van der Berghe in Wien."
    assert corrected(nlp, text, [("Johanna Van", "PER"), ("Wien", "LOC")]) == [
        ("Johanna Van der Berghe", "PER", True), ("Wien", "LOC", False),
    ]


def test_an_article_after_a_full_name_is_no_particle(nlp):
    text = "Damit traf Renate Schmidt den Nerv der Zeit."
    assert corrected(nlp, text, [("Renate Schmidt", "PER")]) == [("Renate Schmidt", "PER", False)]


def test_a_listed_first_name_and_a_capitalised_word_are_a_person(nlp):
    first = sorted(gazetteers.tables()["first_names"])[0]
    text = f"Am Abend sprach {first} Quaxmeier über die Lage."
    assert corrected(nlp, text) == [(f"{first} Quaxmeier", "PER", True)]


def test_media_are_organisations(nlp):
    text = "Das berichteten die Berliner Post und das Magazin Capital am Montag."
    assert corrected(nlp, text, [("Berliner Post", "LOC")]) == [
        ("Berliner Post", "ORG", True), ("Capital", "ORG", True),
    ]


def test_the_olympic_games_are_no_place(nlp):
    text = "Bei Olympia gewann sie zweimal."
    assert corrected(nlp, text, [("Olympia", "LOC")]) == [("Olympia", "ORG", True)]


def test_a_listed_company_stands_only_where_the_model_found_nothing(nlp):
    company = "Siemens"
    assert company in gazetteers.tables()["companies"]
    text = f"Die Aktie von {company} stieg, wie Siemens Energy meldete."
    assert corrected(nlp, text, [("Siemens Energy", "ORG")])[0] == (company, "ORG", True)
    assert corrected(nlp, text, [("Siemens Energy", "ORG")])[1] == ("Siemens Energy", "ORG", False)


def test_a_rule_never_overlaps_a_figure(nlp):
    text = "Der Airbus A350 kostet viel."
    start = text.index("A350")
    doc = nlp(text)
    kept = revise(doc, [(4, 10, "ORG")], lambda s, e, strict: s < start + 4 and start < e)
    assert kept == [(4, 10, "ORG", False)]
