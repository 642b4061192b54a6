"""The overviews' queries: entity × article counts and the timeline of dates."""

from __future__ import annotations

from collections import Counter

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.entities import FIGURE_LABELS
from gegenlesen.corpus.nlp.records import MODEL, RULE, Analysis, Entity
from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.overview import ALL, FIGURES, NAMES, entity_matrix, is_figure, of_kind, timeline


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "overview.db")
    yield database
    database.close()


def add(db, text: str, entities: list[Entity], title: str = "") -> int:
    """An article with sentences split after '. ' and the given entities."""
    article_id, _ = articles.add_article(db, Article(source=f"{len(text)}-{text[:8]}", text=text, given_title=title or None))
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            sentences.append((start, index + 1))
            start = index + 2
    articles.store_analysis(db, article_id, Analysis(sentences, entities, "fake-1.0"))
    return article_id


def name(text: str, word: str, label: str = "ORG", nth: int = 0) -> Entity:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return Entity(at, at + len(word), label, word, MODEL)


def date(text: str, words: str, value: dict) -> Entity:
    at = text.index(words)
    return Entity(at, at + len(words), "DATE", words, RULE, value)


# -- the matrix ----------------------------------------------------------------------------


def test_matrix_counts_each_articles_mentions_and_puts_the_most_mentioned_first(db):
    one = "Nvidia verliert. DeepSeek gewinnt. DeepSeeks Modell auch."
    two = "DeepSeek und Nvidia. Im Januar 2025 war das."
    first = add(db, one, [name(one, "Nvidia"), name(one, "DeepSeek"), name(one, "DeepSeeks")])
    second = add(db, two, [name(two, "DeepSeek", "MISC"), name(two, "Nvidia"),
                           date(two, "Januar 2025", {"iso": "2025-01", "granularity": "month"})])
    matrix = entity_matrix(db)
    assert [column.id for column in matrix.articles] == [first, second]
    deepseek = matrix.groups[0]
    assert deepseek.name == "DeepSeek" and deepseek.label == "ORG"  # genitive merged, label by majority
    assert deepseek.per_article == Counter({first: 2, second: 1})
    assert deepseek.keys == {"name:deepseek", "name:deepseeks"}
    by_name = {group.value or group.name: group for group in matrix.groups}
    assert by_name["Nvidia"].per_article == Counter({first: 1, second: 1})
    assert by_name["2025-01"].per_article == Counter({second: 1})


def test_the_filter_separates_names_from_figures_and_dates(db):
    text = "DeepSeek kostet 6 Millionen Dollar. Im Januar 2025 kam es."
    add(db, text, [
        name(text, "DeepSeek"),
        Entity(16, 34, "MONEY", "6 Millionen Dollar", RULE, {"amount": 6000000, "currency": "USD"}),
        date(text, "Januar 2025", {"iso": "2025-01", "granularity": "month"}),
        name(text, "Januar", "MISC"),
    ])
    groups = entity_matrix(db).groups
    assert {g.value or g.name for g in of_kind(groups, NAMES)} == {"DeepSeek", "Januar"}
    assert {g.value for g in of_kind(groups, FIGURES)} == {"6\u00a0000\u00a0000 USD", "2025-01"}
    assert len(of_kind(groups, ALL)) == 4
    assert all(is_figure(g) == (g.label in FIGURE_LABELS) for g in groups)


def test_the_matrix_of_a_corpus_agrees_with_the_stored_mentions(handmade_db):
    matrix = entity_matrix(handmade_db)
    ids = articles.article_ids(handmade_db)
    assert [column.id for column in matrix.articles] == ids
    mentions = articles.entities(handmade_db, ids)
    widest = max(matrix.groups, key=lambda group: (len(group.per_article), group.total))
    stored = Counter(m.article_id for m in mentions if m.key in widest.keys)
    assert widest.per_article == stored and len(stored) >= 2
    totals = [group.total for group in matrix.groups]
    assert totals == sorted(totals, reverse=True)
    assert sum(totals) == len(mentions)


# -- the timeline --------------------------------------------------------------------------


def test_the_timeline_is_in_calendar_order_coarser_first_and_dates_without_a_year_last(db):
    text = ("Im Januar 2024 begann es. Am 30. Januar kam mehr. 2025 folgte. Ende Januar 2025 auch. "
            "Im vierten Quartal 2023 lag es. Am Montag sprach er. Seit zwei Wochen nichts.")
    add(db, text, [
        date(text, "Januar 2024", {"iso": "2024-01", "granularity": "month"}),
        date(text, "30. Januar", {"iso": "--01-30", "granularity": "day"}),
        date(text, "2025", {"iso": "2025", "granularity": "year"}),
        date(text, "Ende Januar 2025", {"iso": "2025-01", "granularity": "month", "qualifier": "late"}),
        date(text, "vierten Quartal 2023", {"iso": "2023-Q4", "granularity": "quarter"}),
        date(text, "Montag", {"iso": "-W-1", "granularity": "weekday", "weekday": "Monday", "unresolved": True}),
        date(text, "zwei Wochen", {"iso": "P2W", "granularity": "duration"}),
    ])
    rows = timeline(db)
    assert [(row.iso, row.qualifier) for row in rows] == [
        ("2023-Q4", None), ("2024-01", None), ("2025", None), ("2025-01", "late"), ("--01-30", None), ("-W-1", None),
    ]  # a duration is no point in time
    january_2024 = rows[1]
    assert text[january_2024.start:january_2024.end] == january_2024.surface == "Januar 2024"
    assert january_2024.granularity == "month" and january_2024.claim_id is None
    assert january_2024.context == "Im Januar 2024 begann es."
    assert not rows[-1].has_year and not rows[-2].has_year


def test_a_date_inside_a_claim_comes_with_the_claim_and_others_with_their_sentence(db):
    text = "Der Start war Ende Januar 2025. Danach, im Februar, fiel Nvidia."
    article_id = add(db, text, [
        date(text, "Ende Januar 2025", {"iso": "2025-01", "granularity": "month", "qualifier": "late"}),
        date(text, "Februar", {"iso": "2025-02", "granularity": "month", "year_assumed": True}),
    ])
    claim = add_claim(db, article_id, 0, text.index("."), "anna")
    late, february = timeline(db)
    assert (late.iso, late.qualifier, late.claim_id, late.context) == ("2025-01", "late", claim.id, claim.quote)
    assert (february.iso, february.year_assumed, february.claim_id) == ("2025-02", True, None)
    assert february.context == "Danach, im Februar, fiel Nvidia."
    assert february.context_start == text.index("Danach")


def test_the_same_date_twice_in_one_sentence_is_one_row_and_articles_can_be_chosen(db):
    text = "Im Jahr 2024 und noch 2024 sowieso. Dann 2023."
    year = {"iso": "2024", "granularity": "year"}
    first = add(db, text, [
        Entity(3, 12, "DATE", "Jahr 2024", RULE, year),
        Entity(22, 26, "DATE", "2024", RULE, year),
        date(text, "2023", {"iso": "2023", "granularity": "year"}),
    ])
    other = "Das war 2024."
    second = add(db, other, [date(other, "2024", {"iso": "2024", "granularity": "year"})])
    rows = timeline(db)
    assert [(row.iso, row.article_id) for row in rows] == [("2023", first), ("2024", first), ("2024", second)]
    assert [row.article_id for row in timeline(db, [second])] == [second]


def test_an_empty_corpus_has_an_empty_matrix_and_timeline(db):
    assert entity_matrix(db).groups == [] and entity_matrix(db).articles == []
    assert timeline(db) == []
