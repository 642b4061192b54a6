"""tui.claim_list: filtering and ordering the claims pane's list (pure functions)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gegenlesen.corpus.codebook import default_codebook, parse_codebook
from gegenlesen.storage.claims import Claim
from gegenlesen.tui.claim_list import ORDERS, filter_claims, haystack, order_claims

CODEBOOK = default_codebook()


def claim(id: int, article_id: int = 1, start: int = 0, end: int = 10, **fields) -> Claim:
    values = dict(
        id=id, article_id=article_id, start=start, end=end, quote=f"Zitat {id}", prefix="", suffix="",
        type=None, verdict="unchecked", worthiness=1, note="", status="claim", orphaned=0,
        annotator="anna", created="2025-01-01T00:00:00.000+00:00", modified="2025-01-01T00:00:00.000+00:00",
        modified_by="anna",
    )
    values.update(fields)
    return Claim(**values)


CLAIMS = [
    claim(1, quote="DeepSeek kostete 5,6 Mio. US-Dollar", type="statistic", verdict="misleading", note="Quelle fehlt"),
    claim(2, quote="Nvidia verlor 600 Mrd. Dollar", type="event", verdict="true", annotator="bob"),
    claim(3, quote="Die Straße war gesperrt", verdict="mostly true", note="Polizei fragen", annotator="bob"),
    claim(4, quote="„Wir sind vorn“, sagte Liang", type="quotation", verdict="false", note="Zitat prüfen"),
    claim(5, quote="China wird aufholen", type="prediction", annotator="carla", note="bis 2030?"),
]


def ids(claims: list[Claim]) -> list[int]:
    return [c.id for c in claims]


def test_empty_query_keeps_every_claim_in_order():
    assert ids(filter_claims(CLAIMS, "", CODEBOOK)) == [1, 2, 3, 4, 5]
    assert ids(filter_claims(CLAIMS, "   ", CODEBOOK)) == [1, 2, 3, 4, 5]
    assert filter_claims([], "x", CODEBOOK) == []


def test_filter_accepts_any_iterable():
    assert ids(filter_claims(iter(CLAIMS), "dollar", CODEBOOK)) == [1, 2]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("dollar", [1, 2]),  # the quote
        ("DOLLAR", [1, 2]),  # case does not matter
        ("statistic", [1]),  # the type key
        ("date", [2]),  # the type label "Event or date"
        ("event or", [2]),
        ("zitat", [4]),  # a note ("Zitat prüfen"), not the German label
        ("quotation", [4]),
        ("untyped", [3]),  # no type
        ("mostly", [3]),  # the verdict
        ("true", [2, 3]),  # "true" and "mostly true"
        ("misleading", [1]),
        ("quelle", [1]),  # the note
        ("2030?", [5]),
        ("bob", [2, 3]),  # the annotator
        ("carla", [5]),
        ("strasse", [3]),  # case-folded: ß is ss
        ("„wir", [4]),
        ("keinetreffer", []),
    ],
)
def test_filter_matches_quote_type_label_verdict_note_and_annotator(query, expected):
    assert ids(filter_claims(CLAIMS, query, CODEBOOK)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bob true", [2, 3]),
        ("bob mostly", [3]),
        ("dollar bob", [2]),
        ("dollar misleading quelle anna", [1]),
        ("dollar carla", []),
        ("  bob   polizei  ", [3]),
    ],
)
def test_every_word_must_match(query, expected):
    assert ids(filter_claims(CLAIMS, query, CODEBOOK)) == expected


def test_words_do_not_match_across_fields():
    one = claim(9, quote="Das Wort", note="bruch")
    assert filter_claims([one], "wortbruch", CODEBOOK) == []
    assert filter_claims([one], "wort bruch", CODEBOOK) == [one]


def test_annotator_restriction():
    assert ids(filter_claims(CLAIMS, "", CODEBOOK, annotator="bob")) == [2, 3]
    assert ids(filter_claims(CLAIMS, "true", CODEBOOK, annotator="bob")) == [2, 3]
    assert ids(filter_claims(CLAIMS, "dollar", CODEBOOK, annotator="anna")) == [1]
    assert ids(filter_claims(CLAIMS, "", CODEBOOK, annotator="niemand")) == []
    # The restriction is exact: it is a name, not a search word.
    assert filter_claims(CLAIMS, "", CODEBOOK, annotator="bo") == []


def test_labels_come_from_the_codebook_in_use():
    codebook = parse_codebook('[[types]]\nkey = "statistic"\nlabel = "Zahl"\n', "redaktion.toml")
    assert ids(filter_claims(CLAIMS, "zahl", codebook)) == [1]
    assert filter_claims(CLAIMS, "zahl", CODEBOOK) == []
    # A type the codebook does not know is still found by its key.
    assert ids(filter_claims(CLAIMS, "prediction", codebook)) == [5]


def test_haystack_is_casefolded_and_holds_every_field():
    text = haystack(CLAIMS[0], CODEBOOK)
    assert text == text.casefold()
    for part in ("deepseek", "statistic", "misleading", "quelle fehlt", "anna"):
        assert part in text


# -- order --------------------------------------------------------------------------------

PLACED = [
    claim(1, article_id=2, start=50, end=60, type="other"),
    claim(2, article_id=1, start=100, end=140, type="statistic"),
    claim(3, article_id=1, start=100, end=120),
    claim(4, article_id=1, start=5, end=30, type="statistic"),
    claim(5, article_id=3, start=0, end=10, type="quotation"),
    claim(6, article_id=1, start=100, end=120, type="event"),
    claim(7, article_id=4, start=1, end=2, type="causal"),  # not in a pane
]
PANES = {1: 2, 2: 1, 3: 3}  # article id -> pane number


def test_order_by_position_is_pane_then_start_then_end_then_id():
    ordered = order_claims(PLACED, "position", CODEBOOK, PANES)
    assert ids(ordered) == [1, 4, 3, 6, 2, 5, 7]


def test_order_by_type_follows_the_codebook_with_untyped_last():
    ordered = order_claims(PLACED, "type", CODEBOOK, PANES)
    # The codebook's order: statistic, quotation, causal, comparison, prediction, event,
    # attribution, other; within a type by pane and position.
    assert [c.type for c in ordered] == ["statistic", "statistic", "quotation", "causal", "event", "other", None]
    assert ids(ordered) == [4, 2, 5, 7, 6, 1, 3]


def test_order_by_type_then_position_within_a_type():
    same = [claim(i, article_id=a, start=s, type="causal") for i, a, s in [(1, 1, 50), (2, 2, 0), (3, 1, 10)]]
    assert ids(order_claims(same, "type", CODEBOOK, {1: 1, 2: 2})) == [3, 1, 2]


def test_types_of_another_codebook_sort_after_known_ones():
    mixed = [claim(1, type="gerücht", start=0), claim(2, type="other", start=50)]
    assert ids(order_claims(mixed, "type", CODEBOOK, {1: 1})) == [2, 1]


def test_order_does_not_change_its_input():
    before = list(PLACED)
    order_claims(PLACED, "type", CODEBOOK, PANES)
    order_claims(PLACED, "position", CODEBOOK, PANES)
    assert PLACED == before


def test_unknown_order_falls_back_to_position():
    assert ORDERS == ("position", "type")
    assert order_claims(PLACED, "nonsense", CODEBOOK, PANES) == order_claims(PLACED, "position", CODEBOOK, PANES)


def test_filter_then_order():
    shown = order_claims(filter_claims(PLACED, "statistic", CODEBOOK), "position", CODEBOOK, PANES)
    assert ids(shown) == [4, 2]
    moved = [replace(c, article_id=2) if c.id == 2 else c for c in PLACED]
    assert ids(order_claims(filter_claims(moved, "statistic", CODEBOOK), "position", CODEBOOK, PANES)) == [2, 4]
