"""Passages: names (also those the model missed), figures and words inside a span."""

from __future__ import annotations

from dataclasses import dataclass

from gegenlesen.corpus.crossref.units import (
    article_passages,
    content_words,
    context_start_for,
    name_index,
    passage_for_span,
)


@dataclass(frozen=True)
class E:
    start: int
    end: int
    label: str
    text: str
    value: dict | None = None


def ent(text: str, surface: str, label: str, value: dict | None = None) -> E:
    start = text.index(surface)
    return E(start, start + len(surface), label, surface, value)


TEXT = "Acme baute ein Modell. Sein Start im Januar 2025 kostete Acme 6 Millionen Dollar. Acmes Chef lobte das Acme-Modell."
MONEY = {"amount": 6000000, "currency": "USD"}
DATE = {"iso": "2025-01", "granularity": "month"}


def entities():
    return [
        ent(TEXT, "Acme", "ORG"),
        ent(TEXT, "Januar 2025", "DATE", DATE),
        ent(TEXT, "6 Millionen Dollar", "MONEY", MONEY),
        ent(TEXT, "Dollar", "MISC"),  # the model also took the currency for a name
    ]


def test_names_missed_by_the_model_are_found_through_the_index():
    index = name_index(entities())
    second = TEXT.index("Sein")
    passage = passage_for_span(1, TEXT, second, TEXT.index(" Acmes"), entities(), index)
    assert [(n.key, n.standalone) for n in passage.names] == [("acme", True)]
    assert [f.identity for f in passage.figures] == ["DATE:2025-01", "MONEY:6000000 USD"]


def test_a_name_inside_an_amount_is_not_a_name():
    index = name_index(entities())
    passage = passage_for_span(1, TEXT, 0, len(TEXT), entities(), index)
    assert "dollar" not in passage.name_keys


def test_genitive_and_compound_meet_the_bare_name():
    index = name_index(entities())
    last = TEXT.index("Acmes")
    passage = passage_for_span(1, TEXT, last, len(TEXT), entities(), index)
    assert passage.name_keys == {"acme"}
    assert passage.names[0].standalone  # "Acmes Chef" counts as standing alone


def test_a_name_only_in_a_compound_is_not_standalone():
    text = "Das Acme-Modell ist neu."
    index = name_index([E(0, 4, "ORG", "Acme")])
    passage = passage_for_span(1, text, 0, len(text), [], index)
    assert [(n.key, n.standalone) for n in passage.names] == [("acme", False)]


def test_context_holds_the_names_of_the_sentence_before():
    sentences = [(0, 22), (23, 81), (82, len(TEXT))]
    passages = article_passages(7, TEXT, sentences, entities(), name_index(entities()))
    assert [p.text[:4] for p in passages] == ["Acme", "Sein", "Acme"]
    assert passages[0].context == ()
    assert passages[1].context == ()  # the name is inside, so not repeated as context
    assert all(p.article_id == 7 for p in passages)


def test_context_start_for_a_clause_is_the_sentence_before():
    sentences = [(0, 10), (11, 30), (31, 50)]
    assert context_start_for(sentences, 15) == 0
    assert context_start_for(sentences, 11) == 0
    assert context_start_for(sentences, 5) == 0
    assert context_start_for(sentences, 0) is None


def test_content_words_are_stems_without_function_words():
    words = content_words("Die Kosten sind kostengünstig, weil das Modell günstig ist.")
    assert "koste" in words and "model" in words and "günst" in words
    assert not {"weil", "sind", "die"} & words
