"""storage.claims: tagging, changing and deleting claims, each committed with its history row."""

from __future__ import annotations

import itertools

import pytest

from gegenlesen.corpus.anchoring import CONTEXT
from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles, history
from gegenlesen.storage.claims import (
    COLUMNS,
    Claim,
    ClaimError,
    add_claim,
    annotators,
    claims_of,
    delete_claim,
    get_claim,
    list_claims,
    update_claim,
)
from gegenlesen.storage.db import open_database


@pytest.fixture
def clock(monkeypatch):
    """Deterministic, strictly increasing time stamps for created / modified / history."""
    ticks = itertools.count(1)
    monkeypatch.setattr(history, "now", lambda: f"2025-01-01T00:00:00.{next(ticks):06d}+00:00")


def text_of(db, article_id: int = 1) -> str:
    return articles.get_article(db, article_id).text


def find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def claim_rows(db) -> int:
    return db.execute("SELECT count(*) FROM claims").fetchone()[0]


def history_rows(db) -> int:
    return db.execute("SELECT count(*) FROM history").fetchone()[0]


def test_a_new_database_starts_without_claims(handmade_db):
    assert claim_rows(handmade_db) == 0 and history_rows(handmade_db) == 0
    assert list_claims(handmade_db) == [] and annotators(handmade_db) == []


def test_add_claim_stores_quote_and_context_of_the_article(handmade_db):
    text = text_of(handmade_db)
    start, end = 200, 260
    claim = add_claim(handmade_db, 1, start, end, "anna")
    trimmed = text[start:end].strip()
    assert claim.quote == trimmed == text[claim.start : claim.end]
    assert claim.prefix == text[max(0, claim.start - CONTEXT) : claim.start]
    assert claim.suffix == text[claim.end : claim.end + CONTEXT]
    assert len(claim.prefix) == len(claim.suffix) == CONTEXT
    assert claim.annotator == claim.modified_by == "anna"
    assert (claim.type, claim.verdict, claim.worthiness, claim.note) == (None, "unchecked", 1, "")
    assert (claim.status, claim.orphaned) == ("claim", 0)
    assert claim.created == claim.modified
    assert get_claim(handmade_db, claim.id) == claim
    assert history_rows(handmade_db) == 1


def test_add_claim_trims_white_space_around_the_span(handmade_db):
    text = text_of(handmade_db)
    space = text.index(" ", 100)
    word_end = text.index(" ", space + 1)
    # Take in the space before the word, the space after it and a paragraph break if any.
    claim = add_claim(handmade_db, 1, space, word_end + 1, "anna")
    assert (claim.start, claim.end) == (space + 1, word_end)
    assert not claim.quote[0].isspace() and not claim.quote[-1].isspace()
    assert claim.quote == text[space + 1 : word_end]


PARAGRAPHS = "Erster Absatz endet hier.\n\n\tZweiter Absatz: 2,5 Prozent mehr.\u00a0\n"


def test_add_claim_trims_newlines_tabs_and_no_break_spaces(handmade_db):
    article_id, _ = articles.add_article(handmade_db, Article("absatz.txt", PARAGRAPHS))
    start, end = find(PARAGRAPHS, "hier.")
    claim = add_claim(handmade_db, article_id, end, len(PARAGRAPHS), "anna")
    assert claim.quote == "Zweiter Absatz: 2,5 Prozent mehr."
    assert claim.quote == PARAGRAPHS[claim.start : claim.end]
    assert claim.suffix == "\u00a0\n" and claim.prefix.endswith("hier.\n\n\t")


def test_prefix_and_suffix_are_shorter_at_the_ends_of_the_text(handmade_db):
    text = text_of(handmade_db)
    first = add_claim(handmade_db, 1, 0, 5, "anna")
    assert first.prefix == "" and first.suffix == text[5 : 5 + CONTEXT]
    end = len(text.rstrip())
    last = add_claim(handmade_db, 1, end - 4, len(text), "anna")
    assert last.end == end
    assert last.suffix == text[end : end + CONTEXT]
    assert len(last.suffix) < CONTEXT
    assert last.prefix == text[last.start - CONTEXT : last.start]


@pytest.mark.parametrize("span", [(10, 10), (20, 10)], ids=["empty", "inverted"])
def test_empty_or_inverted_span_is_refused_and_nothing_stored(handmade_db, span):
    with pytest.raises(ClaimError, match="empty"):
        add_claim(handmade_db, 1, *span, "anna")
    assert claim_rows(handmade_db) == 0 and history_rows(handmade_db) == 0


def test_whitespace_only_span_is_refused(handmade_db):
    article_id, _ = articles.add_article(handmade_db, Article("absatz.txt", PARAGRAPHS))
    paragraph = PARAGRAPHS.index("\n\n")
    with pytest.raises(ClaimError):
        add_claim(handmade_db, article_id, paragraph, paragraph + 3, "anna")
    text = text_of(handmade_db)
    space = text.index(" ")
    with pytest.raises(ClaimError):
        add_claim(handmade_db, 1, space, space + 1, "anna")
    assert claim_rows(handmade_db) == 0 and history_rows(handmade_db) == 0


def test_span_beyond_the_text_is_refused(handmade_db):
    length = len(text_of(handmade_db))
    with pytest.raises(ClaimError):
        add_claim(handmade_db, 1, length + 5, length + 20, "anna")
    assert claim_rows(handmade_db) == 0


def test_span_sticking_out_of_the_text_is_clamped(handmade_db):
    text = text_of(handmade_db)
    claim = add_claim(handmade_db, 1, -10, 8, "anna")
    assert claim.start == 0 and claim.quote == text[:8].strip()


def test_unknown_article_is_refused(handmade_db):
    with pytest.raises(ClaimError, match="no longer"):
        add_claim(handmade_db, 999, 0, 10, "anna")
    assert claim_rows(handmade_db) == 0


def test_span_already_tagged_is_refused_naming_the_claim(handmade_db):
    text = text_of(handmade_db)
    start, end = find(text, "Hansebau")
    first = add_claim(handmade_db, 1, start, end, "anna")
    with pytest.raises(ClaimError, match=f"#{first.id}"):
        add_claim(handmade_db, 1, start, end, "anna")
    # The same span with white space around it is the same span once trimmed.
    with pytest.raises(ClaimError, match=f"#{first.id}"):
        add_claim(handmade_db, 1, start - 1, end, "anna")  # " Hansebau"
    assert claim_rows(handmade_db) == 1 and history_rows(handmade_db) == 1
    assert list_claims(handmade_db) == [first]


def test_overlapping_spans_and_other_articles_are_separate_claims(handmade_db):
    text = text_of(handmade_db)
    start, end = find(text, "Hansebau")
    add_claim(handmade_db, 1, start, end, "anna")
    add_claim(handmade_db, 1, start, end + 4, "anna")
    add_claim(handmade_db, 2, start, end, "anna")
    assert claim_rows(handmade_db) == 3


def test_refused_add_keeps_the_redo_stack(handmade_db):
    claim = add_claim(handmade_db, 1, 0, 10, "anna")
    history.undo(handmade_db, "anna")
    add_claim(handmade_db, 1, 20, 30, "anna")  # a new action discards the redo ...
    history.undo(handmade_db, "anna")
    with pytest.raises(ClaimError):
        add_claim(handmade_db, 1, 5, 5, "anna")  # ... a refused one does not
    step = history.redo(handmade_db, "anna")
    assert step is not None and step.action == "add" and step.target != claim.id


def test_update_claim_changes_fields_and_who_modified_it(handmade_db, clock):
    claim = add_claim(handmade_db, 1, 0, 20, "anna")
    updated = update_claim(handmade_db, claim.id, "bob", type="statistic", verdict="false", worthiness=3, note="Quelle?")
    assert (updated.type, updated.verdict, updated.worthiness, updated.note) == ("statistic", "false", 3, "Quelle?")
    assert updated.annotator == "anna" and updated.modified_by == "bob"
    assert updated.created == claim.created and updated.modified > claim.modified
    assert get_claim(handmade_db, claim.id) == updated
    unchanged = {name: getattr(claim, name) for name in COLUMNS if name not in {"type", "verdict", "worthiness", "note", "modified", "modified_by"}}
    assert {name: getattr(updated, name) for name in unchanged} == unchanged


def test_update_one_field_leaves_the_others(handmade_db, clock):
    claim = add_claim(handmade_db, 1, 0, 20, "anna", type="causal", verdict="true")
    updated = update_claim(handmade_db, claim.id, "anna", note="nur die Notiz")
    assert (updated.type, updated.verdict, updated.worthiness) == ("causal", "true", 1)
    assert updated.note == "nur die Notiz"


def test_update_type_back_to_none(handmade_db):
    claim = add_claim(handmade_db, 1, 0, 20, "anna", type="causal")
    assert update_claim(handmade_db, claim.id, "anna", type=None).type is None


@pytest.mark.parametrize("field", ["quote", "start", "end", "created", "modified_by", "id", "status", "article_id"])
def test_update_refuses_fields_that_are_not_editable(handmade_db, field):
    claim = add_claim(handmade_db, 1, 0, 20, "anna")
    with pytest.raises(ValueError, match=field):
        update_claim(handmade_db, claim.id, "anna", **{field: 1}, note="egal")
    assert get_claim(handmade_db, claim.id) == claim
    assert history_rows(handmade_db) == 1


def test_update_of_a_missing_claim_is_a_claim_error(handmade_db):
    with pytest.raises(ClaimError, match="#42"):
        update_claim(handmade_db, 42, "anna", note="x")
    assert history_rows(handmade_db) == 0


def test_delete_claim_removes_it_and_returns_what_it_was(handmade_db):
    keep = add_claim(handmade_db, 1, 0, 20, "anna")
    claim = add_claim(handmade_db, 1, 30, 50, "anna")
    removed = delete_claim(handmade_db, claim.id, "anna")
    assert removed == claim
    assert get_claim(handmade_db, claim.id) is None
    assert list_claims(handmade_db) == [keep]
    assert history_rows(handmade_db) == 3
    with pytest.raises(ClaimError, match="already gone"):
        delete_claim(handmade_db, claim.id, "anna")
    assert history_rows(handmade_db) == 3


def test_ids_are_never_reused(handmade_db):
    claim = add_claim(handmade_db, 1, 0, 20, "anna")
    delete_claim(handmade_db, claim.id, "anna")
    again = add_claim(handmade_db, 1, 0, 20, "anna")
    assert again.id > claim.id


def test_claims_from_two_annotators(handmade_db):
    text = text_of(handmade_db)
    a = add_claim(handmade_db, 1, *find(text, "Hansebau"), "anna")
    b = add_claim(handmade_db, 1, *find(text, "Rostock"), "bob")
    assert annotators(handmade_db) == ["anna", "bob"]
    update_claim(handmade_db, a.id, "bob", verdict="true")
    rows = {claim.id: claim for claim in list_claims(handmade_db)}
    assert rows[a.id].annotator == "anna" and rows[a.id].modified_by == "bob"
    assert rows[b.id].annotator == rows[b.id].modified_by == "bob"
    # Both may tag the same span: bob's is a claim of his own beside anna's.
    own = add_claim(handmade_db, 1, a.start, a.end, "bob")
    assert own.id not in (a.id, b.id) and own.annotator == "bob"


def test_list_claims_orders_by_article_then_position_then_end_then_id(handmade_db):
    one, two = text_of(handmade_db, 1), text_of(handmade_db, 2)
    made = [
        add_claim(handmade_db, 2, *find(two, two.split()[3]), "anna"),
        add_claim(handmade_db, 1, *find(one, "Hafenbrücke in Rostock"), "bob"),
        add_claim(handmade_db, 1, *find(one, "Hafenbrücke"), "anna"),
        add_claim(handmade_db, 1, *find(one, "Die neue"), "bob"),
        add_claim(handmade_db, 3, 0, 3, "anna"),
    ]
    ordered = list_claims(handmade_db)
    assert [c.id for c in ordered] == [made[i].id for i in (3, 2, 1, 0, 4)]
    assert sorted(made, key=lambda c: (c.article_id, c.start, c.end, c.id)) == ordered
    assert [c.article_id for c in list_claims(handmade_db, [3, 2])] == [2, 3]
    assert list_claims(handmade_db, []) == []
    assert [row["id"] for row in claims_of(handmade_db, 1)] == [made[i].id for i in (3, 2, 1)]


def test_candidates_are_not_listed(handmade_db):
    claim = add_claim(handmade_db, 1, 0, 20, "anna")
    handmade_db.execute("UPDATE claims SET status = 'candidate' WHERE id = ?", [claim.id])
    assert list_claims(handmade_db) == []
    # Tagging the span of a candidate accepts that candidate.
    assert add_claim(handmade_db, 1, 0, 20, "anna").id == claim.id
    assert [c.id for c in list_claims(handmade_db)] == [claim.id]


NASTY_NOTE = "[bold red]x[/] [link=file:///etc/passwd]y[/link] \x1b[31mrot\x1b[0m\x00\x07\r\n\t\u202eabc ü €  "


def test_note_with_markup_and_control_characters_is_kept_verbatim(handmade_db_path):
    db = open_database(handmade_db_path)
    claim = add_claim(db, 1, 0, 20, "anna")
    assert update_claim(db, claim.id, "anna", note=NASTY_NOTE).note == NASTY_NOTE
    db.close()
    db = open_database(handmade_db_path)
    try:
        assert get_claim(db, claim.id).note == NASTY_NOTE
        assert claims_of(db, 1)[0]["note"] == NASTY_NOTE
    finally:
        db.close()


def test_claim_row_has_every_column():
    assert COLUMNS == [
        "id", "article_id", "start", "end", "quote", "prefix", "suffix", "type", "verdict", "worthiness",
        "note", "status", "orphaned", "annotator", "created", "modified", "modified_by",
    ]
    assert set(Claim.__dataclass_fields__) == set(COLUMNS)


def test_candidates_are_no_claims_until_accepted_and_dismissed_ones_stay_away(handmade_db):
    from gegenlesen.storage.claims import decide_candidate, list_candidates, mark_candidates

    assert mark_candidates(handmade_db, [(1, 0, 40), (1, 50, 90), (2, 0, 30)], "ana") == 3
    assert list_claims(handmade_db) == [] and len(list_candidates(handmade_db, [1, 2])) == 3
    first, second, third = list_candidates(handmade_db, [1, 2])
    accepted = add_claim(handmade_db, 1, 0, 40, "ana")  # c on a candidate accepts it
    assert accepted.id == first.id and accepted.status == "claim"
    decide_candidate(handmade_db, second.id, False, "ana")
    assert mark_candidates(handmade_db, [(1, 50, 90), (1, 0, 40)], "ana") == 0  # neither proposed again
    assert [c.id for c in list_claims(handmade_db)] == [first.id]
    assert [c.id for c in list_candidates(handmade_db, [1, 2])] == [third.id]
    with pytest.raises(ClaimError, match="no longer open"):
        decide_candidate(handmade_db, second.id, True, "ana")


def test_marking_candidates_is_undone_as_one(handmade_db):
    from gegenlesen.storage.claims import list_candidates, mark_candidates

    mark_candidates(handmade_db, [(1, 0, 40), (2, 0, 30)], "ana")
    step = history.undo(handmade_db, "ana")
    assert step.more == 1 and list_candidates(handmade_db, [1, 2]) == []
