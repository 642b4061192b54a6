"""Entity corrections: where a form occurs, how corrections change an analysis, and the store."""

import pytest
from hypothesis import given, strategies as st

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.corrections import Correction, apply_corrections, occurrences
from gegenlesen.corpus.nlp.records import MODEL, RULE, USER, Analysis, Entity
from gegenlesen.storage import articles, corrections, history
from gegenlesen.storage.corrections import CorrectionError
from gegenlesen.storage.db import open_database

TEXT = "DeepSeeks Modell und das DeepSeek-Modell: DeepSeek ist nicht DeepSeekers Freund. KI ist KI."


def spans(text, found):
    return [text[start:end] for start, end in found]


def test_occurrences_are_whole_words_with_genitive_and_inside_compounds():
    assert spans(TEXT, occurrences(TEXT, "DeepSeek")) == ["DeepSeeks", "DeepSeek", "DeepSeek"]


def test_occurrences_are_case_sensitive_and_escape_the_pattern():
    assert occurrences("Ki und KI", "KI") == [(7, 9)]
    assert occurrences("a (b) c", "(b)") == [(2, 5)]
    assert occurrences("text", "   ") == []


def test_a_label_makes_every_occurrence_an_entity_replacing_what_overlaps():
    model = [Entity(0, 16, "PER", "DeepSeeks Modell", MODEL), Entity(82, 84, "ORG", "KI", MODEL)]
    result = apply_corrections(TEXT, model, [Correction("DeepSeek", "ORG")])
    assert [(e.text, e.label, e.origin) for e in result] == [
        ("DeepSeeks", "ORG", USER), ("DeepSeek", "ORG", USER), ("DeepSeek", "ORG", USER), ("KI", "ORG", MODEL),
    ]


def test_no_entity_takes_away_exactly_that_form_and_nothing_else():
    text = "KI und KI-Arena und KIs"
    model = [Entity(0, 2, "ORG", "KI", MODEL), Entity(7, 15, "LOC", "KI-Arena", MODEL), Entity(20, 23, "ORG", "KIs", MODEL)]
    result = apply_corrections(text, model, [Correction("KI", None)])
    assert [e.text for e in result] == ["KI-Arena"]


def test_the_longer_form_wins_where_two_corrections_meet():
    text = "Alibaba Cloud gehört zu Alibaba."
    result = apply_corrections(text, [], [Correction("Alibaba", "ORG"), Correction("Alibaba Cloud", "MISC")])
    assert [(e.text, e.label) for e in result] == [("Alibaba Cloud", "MISC"), ("Alibaba", "ORG")]


def test_figures_found_by_rules_give_way_to_a_correction_over_them():
    text = "Die Zahl 100 steht im Nasdaq 100."
    figure = Entity(29, 32, "CARDINAL", "100", RULE, {"number": 100})
    result = apply_corrections(text, [Entity(9, 12, "CARDINAL", "100", RULE, {"number": 100}), figure],
                               [Correction("Nasdaq 100", "MISC")])
    assert [(e.text, e.label) for e in result] == [("100", "CARDINAL"), ("Nasdaq 100", "MISC")]


@given(st.text(alphabet="ab -.", max_size=40), st.sampled_from(["a", "ab", "b a"]), st.sampled_from(["ORG", None]))
def test_corrected_entities_never_overlap_and_stay_in_order(text, surface, label):
    model = [Entity(i, i + 1, "PER", text[i], MODEL) for i in range(0, len(text), 3)]
    result = apply_corrections(text, model, [Correction(surface, label)])
    assert result == sorted(result, key=lambda e: (e.start, e.end))
    users = [e for e in result if e.origin == USER]
    for user in users:
        assert not any(o is not user and o.start < user.end and user.start < o.end for o in result)
        assert text[user.start:user.end].startswith(surface)


# -- the store ------------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    store = open_database(tmp_path / "c.db")
    for name, text in (("a.txt", "DeepSeek baut KI. DeepSeeks KI ist billig."), ("b.txt", "Das DeepSeek-Modell kommt aus China.")):
        article_id, _ = articles.add_article(store, Article(name, text))
        found = [Entity(0, 8, "PER", "DeepSeek", MODEL)] if name == "a.txt" else []
        found += [Entity(m, m + 2, "ORG", "KI", MODEL) for m in (14, 28) if name == "a.txt"]
        articles.store_analysis(store, article_id, Analysis([(0, len(text))], found, "test"))
    yield store
    store.close()


def stored(db):
    return [(e.article_id, e.text, e.label) for e in articles.entities(db, articles.article_ids(db))]


def test_a_correction_reaches_every_article_and_says_how_far(db):
    assert corrections.reach(db, "DeepSeek").describe() == "3 places in 2 articles"
    assert corrections.correct(db, "DeepSeek", "ORG", "ana") == "add"
    assert stored(db) == [(1, "DeepSeek", "ORG"), (1, "KI", "ORG"), (1, "DeepSeeks", "ORG"), (1, "KI", "ORG"), (2, "DeepSeek", "ORG")]


def test_a_correction_wins_over_a_new_analysis(db):
    corrections.correct(db, "KI", None, "ana")
    text = articles.get_article(db, 1).text
    articles.store_analysis(db, 1, Analysis([(0, len(text))], [Entity(14, 16, "ORG", "KI", MODEL)], "test-2"))
    assert all(label != "ORG" or name != "KI" for _, name, label in stored(db))


def test_corrections_are_undone_and_redone_with_their_history(db):
    corrections.correct(db, "KI", None, "ana")
    corrections.correct(db, "KI", "MISC", "ana")
    assert ("KI", "MISC") in {(n, label) for _, n, label in stored(db)}
    step = history.undo(db, "ana")
    assert step.describe() == "Undid: label of correction of “KI”"
    assert "KI" not in {n for _, n, _ in stored(db)}
    assert history.undo(db, "ana").describe() == "Undid: add correction of “KI”"
    assert ("KI", "ORG") in {(n, label) for _, n, label in stored(db)}
    history.redo(db, "ana")
    assert "KI" not in {n for _, n, _ in stored(db)}


def test_forgetting_brings_back_the_model_and_is_undoable(db):
    corrections.correct(db, "DeepSeek", "ORG", "ana")
    corrections.forget(db, "DeepSeek", "ana")
    assert (1, "DeepSeek", "PER") in stored(db)
    history.undo(db, "ana")
    assert (1, "DeepSeek", "ORG") in stored(db)


@pytest.mark.parametrize("surface, label, message", [
    ("  ", "ORG", "empty"),
    ("x" * 300, "ORG", "at most one line"),
    ("zwei\nZeilen", "ORG", "at most one line"),
    ("DeepSeek", "PERSON", "Unknown label"),
])
def test_bad_corrections_are_refused_and_store_nothing(db, surface, label, message):
    with pytest.raises(CorrectionError, match=message):
        corrections.correct(db, surface, label, "ana")
    assert corrections.correction_rows(db) == []
    assert history.undo(db, "ana") is None


def test_the_same_correction_twice_is_refused_and_forgetting_nothing_too(db):
    corrections.correct(db, "KI", None, "ana")
    with pytest.raises(CorrectionError, match="already corrected to no entity"):
        corrections.correct(db, "KI", None, "bert")
    with pytest.raises(CorrectionError, match="no correction to drop"):
        corrections.forget(db, "China", "ana")
    assert [row["modified_by"] for row in corrections.correction_rows(db)] == ["ana"]


def test_no_entity_also_takes_the_bare_name_out_of_its_genitive():
    text = "DeepSeek’s Modell"
    model = [Entity(0, 8, "ORG", "DeepSeek", MODEL)]
    assert apply_corrections(text, model, [Correction("DeepSeek", None)]) == []
