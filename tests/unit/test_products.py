"""Product and model names found by shape and context (corpus/nlp/products.py), on a blank pipeline."""

from __future__ import annotations

import pytest
import spacy

from gegenlesen.corpus.nlp.products import name_shaped, product_spans


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("de")


def found(text, word, label):
    """The model's entity for `word` in `text`, as product_spans takes it."""
    start = text.index(word)
    return [(start, start + len(word), label)]


def names(nlp, text, entities=()):
    doc = nlp(text)
    return [text[start:end] for start, end in product_spans(doc, entities)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Lufthansa flog zuerst mit der A350 nach Boston.", ["A350"]),
        ("Sie testeten GPT-4 gegen o1 und k1.5 in einer Woche.", ["GPT-4", "o1", "k1.5"]),
        ("Am Ende stand die Boeing B777.", ["B777"]),  # the sentence's full stop is not part of it
    ],
)
def test_letter_digit_designators_are_names(nlp, text, expected):
    assert names(nlp, text) == expected


def test_a_brand_the_model_found_joins_its_designator(nlp):
    text = "Der Airbus A350 hebt ab."
    assert names(nlp, text, found(text, "Airbus", "ORG")) == ["Airbus A350"]


def test_a_name_shaped_brand_takes_a_version(nlp):
    assert names(nlp, "Das neue iPhone 15 kostet mehr.") == ["iPhone 15"]
    text = "Das Modell Gemini 1.5 ist schnell."
    assert names(nlp, text, found(text, "Gemini", "MISC")) == ["Gemini 1.5"]


def test_a_club_or_an_abbreviation_with_a_number_is_no_product(nlp):
    text = "Gegen Schalke 04 gewann Mainz."
    assert names(nlp, text, found(text, "Schalke", "ORG")) == []
    assert names(nlp, "Siehe ISBN 3 und Seite 12.") == []


@pytest.mark.parametrize("word", ["CO2", "G20", "U21", "MP3", "Q1", "H2"])
def test_forms_that_name_no_product_stay_out(nlp, word):
    assert names(nlp, f"Es geht um {word} im Bericht.") == []


def test_the_name_before_a_classifier_head_in_a_compound(nlp):
    text = "Die S24-Serie und die H100-Chips und die Llama-3-Modelle verkaufen sich."
    assert names(nlp, text) == ["S24", "H100", "Llama-3"]


def test_a_common_noun_before_a_classifier_head_is_no_name(nlp):
    assert names(nlp, "Das Vorgänger-Modell und die Erfolgs-Serie und das KI-Modell.") == []


def test_a_name_after_a_product_noun(nlp):
    assert names(nlp, "Er nutzt die App WhatsApp täglich.") == ["WhatsApp"]
    text = "Er nutzt den Chatbot Gemini täglich."
    assert names(nlp, text, found(text, "Gemini", "PER")) == ["Gemini"]


def test_a_plain_noun_after_a_product_noun_is_not_taken(nlp):
    assert names(nlp, "Damit bietet die Plattform Nutzern mehr.") == []


@pytest.mark.parametrize(
    ("word", "shaped"),
    [("iPhone", True), ("OpenAI", True), ("IBM", True), ("A380", True), ("Haus", False), ("KI", False), ("1990", False)],
)
def test_name_shaped(word, shaped):
    assert name_shaped(word) is shaped
