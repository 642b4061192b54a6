"""storage.history: undo and redo of claim actions, per annotator, kept across restarts."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from fixtures.handmade import CORPUS
from gegenlesen.corpus.codebook import default_codebook
from gegenlesen.storage import articles, history
from gegenlesen.storage.claims import COLUMNS, ClaimError, add_claim, delete_claim, get_claim, list_claims, update_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.history import Step, redo, undo


@pytest.fixture
def clock(monkeypatch):
    """Strictly increasing time stamps, so that 'modified' always changes."""
    ticks = itertools.count(1)
    def now() -> str:
        tick = next(ticks)
        return f"2025-01-01T{tick // 3600:02d}:{tick // 60 % 60:02d}:{tick % 60:02d}.000+00:00"

    monkeypatch.setattr(history, "now", now)


def table(db) -> list[tuple]:
    """The whole claims table, every column, by id."""
    names = ", ".join(f'"{name}"' for name in COLUMNS)
    return db.execute(f"SELECT {names} FROM claims ORDER BY id").fetchall()


def states(db, annotator: str) -> list[str]:
    return [row[0] for row in db.execute("SELECT state FROM history WHERE annotator = ? ORDER BY seq", [annotator])]


def span(db, needle: str, article_id: int = 1) -> tuple[int, int]:
    text = articles.get_article(db, article_id).text
    start = text.index(needle)
    return start, start + len(needle)


def undo_all(db, annotator: str, limit: int = 10_000) -> int:
    for count in itertools.count():
        if undo(db, annotator) is None:
            return count
        assert count < limit, "undo never ran out"
    raise AssertionError  # pragma: no cover


# -- add, update, delete ------------------------------------------------------------------


def test_nothing_to_undo_or_redo_is_none(handmade_db):
    assert undo(handmade_db, "anna") is None
    assert redo(handmade_db, "anna") is None
    add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    assert redo(handmade_db, "anna") is None  # nothing undone yet
    assert undo(handmade_db, "bob") is None  # not bob's


def test_undo_and_redo_an_add(handmade_db):
    claim = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    step = undo(handmade_db, "anna")
    assert step == Step("add", "claims", claim.id, "undo")
    assert step.describe() == f"Undid: add claim #{claim.id}"
    assert get_claim(handmade_db, claim.id) is None and table(handmade_db) == []
    assert undo(handmade_db, "anna") is None
    step = redo(handmade_db, "anna")
    assert step == Step("add", "claims", claim.id, "redo")
    assert step.describe() == f"Redid: add claim #{claim.id}"
    assert get_claim(handmade_db, claim.id) == claim  # same id, every field
    assert redo(handmade_db, "anna") is None


def test_undo_and_redo_an_update_restore_every_changed_field(handmade_db, clock):
    claim = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    updated = update_claim(handmade_db, claim.id, "anna", type="statistic", verdict="false", worthiness=3,
                           note="Zahl prüfen")
    assert updated.modified != claim.modified
    fields = ("type", "verdict", "worthiness", "note")
    step = undo(handmade_db, "anna")
    assert step == Step("update", "claims", claim.id, "undo", fields)
    assert step.describe() == f"Undid: type, verdict, worthiness, note of claim #{claim.id}"
    assert get_claim(handmade_db, claim.id) == claim  # modified and modified_by back too
    assert redo(handmade_db, "anna") == Step("update", "claims", claim.id, "redo", fields)
    assert get_claim(handmade_db, claim.id) == updated


def test_successive_updates_undo_one_at_a_time(handmade_db, clock):
    claim = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    codebook = default_codebook()
    seen = [claim]
    for _ in range(3):
        seen.append(update_claim(handmade_db, claim.id, "anna", verdict=codebook.next_verdict(seen[-1].verdict)))
    assert [c.verdict for c in seen] == ["unchecked", "true", "mostly true", "misleading"]
    for expected in reversed(seen[:-1]):
        undo(handmade_db, "anna")
        assert get_claim(handmade_db, claim.id) == expected
    for expected in seen[1:]:
        redo(handmade_db, "anna")
        assert get_claim(handmade_db, claim.id) == expected


def test_undone_delete_brings_the_claim_back_with_its_id_and_every_field(handmade_db, clock):
    claim = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna", type="causal", verdict="true")
    claim = update_claim(handmade_db, claim.id, "bob", worthiness=2, note="Notiz mit ü und \"Zitat\"\nzweite Zeile")
    other = add_claim(handmade_db, 1, *span(handmade_db, "Rostock"), "anna")
    before = table(handmade_db)
    delete_claim(handmade_db, claim.id, "anna")
    assert get_claim(handmade_db, claim.id) is None
    assert undo(handmade_db, "anna") == Step("delete", "claims", claim.id, "undo")
    assert get_claim(handmade_db, claim.id) == claim
    assert table(handmade_db) == before
    assert get_claim(handmade_db, other.id) == other
    assert redo(handmade_db, "anna") == Step("delete", "claims", claim.id, "redo")
    assert get_claim(handmade_db, claim.id) is None
    # A new claim never takes the id of the deleted one, so undo can always bring it back.
    newer = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    assert newer.id > other.id


def test_undo_walks_back_through_everything(handmade_db, clock):
    snapshots = [table(handmade_db)]
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    snapshots.append(table(handmade_db))
    b = add_claim(handmade_db, 2, 0, 12, "anna")
    snapshots.append(table(handmade_db))
    update_claim(handmade_db, a.id, "anna", note="eins")
    snapshots.append(table(handmade_db))
    delete_claim(handmade_db, b.id, "anna")
    snapshots.append(table(handmade_db))
    update_claim(handmade_db, a.id, "anna", type="other", worthiness=2)
    snapshots.append(table(handmade_db))
    for expected in reversed(snapshots[:-1]):
        assert undo(handmade_db, "anna") is not None
        assert table(handmade_db) == expected
    assert undo(handmade_db, "anna") is None
    for expected in snapshots[1:]:
        assert redo(handmade_db, "anna") is not None
        assert table(handmade_db) == expected
    assert redo(handmade_db, "anna") is None


def test_a_new_action_discards_the_redo_stack(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "anna", note="weg damit")
    undo(handmade_db, "anna")
    undo(handmade_db, "anna")
    assert states(handmade_db, "anna") == ["undone", "undone"]
    b = add_claim(handmade_db, 1, *span(handmade_db, "Rostock"), "anna")
    assert states(handmade_db, "anna") == ["discarded", "discarded", "done"]
    assert redo(handmade_db, "anna") is None
    assert [c.id for c in list_claims(handmade_db)] == [b.id]
    assert undo(handmade_db, "anna").target == b.id
    assert undo(handmade_db, "anna") is None  # the discarded actions are gone for good


def test_redo_after_partial_undo_then_new_action(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "anna", verdict="true")
    update_claim(handmade_db, a.id, "anna", verdict="false")
    undo(handmade_db, "anna")  # back to true
    update_claim(handmade_db, a.id, "anna", note="neu")  # discards the 'false'
    assert redo(handmade_db, "anna") is None
    assert get_claim(handmade_db, a.id).verdict == "true"
    undo(handmade_db, "anna")
    undo(handmade_db, "anna")
    assert get_claim(handmade_db, a.id).verdict == "unchecked"


# -- annotators ---------------------------------------------------------------------------


def test_undo_is_per_annotator(handmade_db, clock):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    b = add_claim(handmade_db, 1, *span(handmade_db, "Rostock"), "bob")
    b2 = update_claim(handmade_db, b.id, "bob", verdict="false")
    a2 = update_claim(handmade_db, a.id, "anna", note="annas Notiz")
    # bob's newest action is older than anna's; his undo still takes his own.
    assert undo(handmade_db, "bob") == Step("update", "claims", b.id, "undo", ("verdict",))
    assert get_claim(handmade_db, a.id) == a2 and get_claim(handmade_db, b.id) == b
    assert undo(handmade_db, "anna") == Step("update", "claims", a.id, "undo", ("note",))
    assert undo(handmade_db, "anna") == Step("add", "claims", a.id, "undo")
    assert undo(handmade_db, "anna") is None
    assert get_claim(handmade_db, a.id) is None and get_claim(handmade_db, b.id) == b
    assert redo(handmade_db, "bob") is not None and get_claim(handmade_db, b.id) == b2
    assert states(handmade_db, "bob") == ["done", "done"]


def test_one_annotators_new_action_keeps_the_others_redo(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    undo(handmade_db, "anna")
    add_claim(handmade_db, 1, *span(handmade_db, "Rostock"), "bob")
    assert redo(handmade_db, "anna") == Step("add", "claims", a.id, "redo")
    assert get_claim(handmade_db, a.id) == a


def test_undo_of_bobs_change_to_annas_claim_leaves_annas_add(handmade_db, clock):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "bob", type="statistic")
    assert undo(handmade_db, "bob").action == "update"
    assert get_claim(handmade_db, a.id) == a
    assert states(handmade_db, "anna") == ["done"]


def test_undo_keeps_the_stamp_of_a_later_change_by_someone_else(handmade_db, clock):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "anna", note="annas Notiz")
    by_bob = update_claim(handmade_db, a.id, "bob", verdict="false")
    undo(handmade_db, "anna")
    now = get_claim(handmade_db, a.id)
    assert now.note == "" and now.verdict == "false"  # anna's note gone, bob's verdict kept
    # bob's change is the newest one still in force: the claim should say so.
    assert (now.modified_by, now.modified) == ("bob", by_bob.modified)


def test_annas_undo_does_not_overwrite_bobs_later_change_of_the_same_field(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "anna", note="annas Notiz")
    update_claim(handmade_db, a.id, "bob", note="bobs Notiz")
    undo(handmade_db, "anna")
    assert get_claim(handmade_db, a.id).note == "bobs Notiz"


def test_annas_undo_of_her_add_keeps_a_claim_bob_judged_since(handmade_db, clock):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, a.id, "anna", type="statistic")
    by_bob = update_claim(handmade_db, a.id, "bob", verdict="mostly true")
    assert undo(handmade_db, "anna").action == "update"  # her type goes: bob did not touch it
    step = undo(handmade_db, "anna")
    assert step.action == "add" and not step.changed  # the claim stays, with bob's verdict
    now = get_claim(handmade_db, a.id)
    assert now is not None and now.verdict == "mostly true" and now.type is None
    assert (now.modified_by, now.modified) == ("bob", by_bob.modified)


def test_a_claim_its_adder_took_back_goes_when_the_last_change_to_it_is_undone(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "bob")
    update_claim(handmade_db, a.id, "anna", type="statistic")
    assert not undo(handmade_db, "bob").changed  # the claim stays: anna's type stands on it
    update_claim(handmade_db, a.id, "bob", type="statistic")
    undo(handmade_db, "anna")
    undo(handmade_db, "bob")  # no action holds the claim any more
    assert list_claims(handmade_db) == []


def test_claim_whose_add_was_undone_stays_gone(handmade_db):
    a = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    delete_claim(handmade_db, a.id, "bob")
    undo(handmade_db, "anna")  # anna takes back her claim (already deleted by bob)
    undo(handmade_db, "bob")  # bob takes back his delete
    assert list_claims(handmade_db) == []


# -- across restarts ----------------------------------------------------------------------


def test_undo_and_redo_survive_closing_the_database(handmade_db_path):
    db = open_database(handmade_db_path)
    a = add_claim(db, 1, *span(db, "Hafenbrücke"), "anna")
    a2 = update_claim(db, a.id, "anna", verdict="true", note="vor dem Neustart")
    b = add_claim(db, 1, *span(db, "Rostock"), "bob")
    delete_claim(db, b.id, "bob")
    db.close()

    db = open_database(handmade_db_path)
    assert undo(db, "anna") == Step("update", "claims", a.id, "undo", ("verdict", "note"))
    assert get_claim(db, a.id) == a
    assert undo(db, "bob") == Step("delete", "claims", b.id, "undo")
    assert get_claim(db, b.id) == b
    db.close()

    db = open_database(handmade_db_path)
    try:
        assert redo(db, "anna") == Step("update", "claims", a.id, "redo", ("verdict", "note"))
        assert get_claim(db, a.id) == a2
        assert redo(db, "bob") is not None and get_claim(db, b.id) is None
        assert undo_all(db, "anna") == 2 and undo_all(db, "bob") == 2
        assert table(db) == []
    finally:
        db.close()


def test_every_action_commits_with_its_history_row(handmade_db_path):
    """A second connection sees the claim and its history row as soon as the call returns."""
    db = open_database(handmade_db_path)
    other = open_database(handmade_db_path)
    try:
        a = add_claim(db, 1, *span(db, "Hafenbrücke"), "anna")
        assert other.execute("SELECT count(*) FROM claims").fetchone()[0] == 1
        assert other.execute("SELECT count(*) FROM history").fetchone()[0] == 1
        assert not db.conn.in_transaction
        undo(db, "anna")
        assert other.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
        assert get_claim(other, a.id) is None
    finally:
        db.close()
        other.close()


def test_history_refuses_to_write_other_tables(handmade_db):
    handmade_db.execute(
        "INSERT INTO history (action, kind, target, before, after, annotator, at) "
        "VALUES ('delete', 'articles', 1, NULL, NULL, 'mallory', 'x')"
    )
    with pytest.raises(ValueError, match="articles"):
        undo(handmade_db, "mallory")
    assert articles.get_article(handmade_db, 1) is not None
    assert states(handmade_db, "mallory") == ["done"]


# -- any sequence of actions --------------------------------------------------------------

CODEBOOK = default_codebook()
ANNOTATORS = ("anna", "bob")
MAX_ACTIONS = 30

adds = st.tuples(st.just("add"), st.integers(0, len(CORPUS) - 1), st.floats(0, 1), st.integers(1, 120))
actions = st.one_of(
    adds,
    adds,  # twice as likely: most actions need a claim to act on
    st.tuples(st.just("type"), st.integers(0, 999), st.integers(1, 9)),
    st.tuples(st.just("verdict"), st.integers(0, 999)),
    st.tuples(st.just("worthiness"), st.integers(0, 999), st.integers(1, 3)),
    st.tuples(st.just("note"), st.integers(0, 999), st.text(max_size=12)),
    st.tuples(st.just("delete"), st.integers(0, 999)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


@st.composite
def scripts(draw, annotators: tuple[str, ...]):
    """Up to MAX_ACTIONS (annotator, action) pairs; the length is drawn first so that long
    scripts are as common as short ones."""
    size = draw(st.integers(0, MAX_ACTIONS))
    return draw(st.lists(st.tuples(st.sampled_from(annotators), actions), min_size=size, max_size=size))


def bucket(count: int) -> str:
    """A coarse size for `hypothesis --hypothesis-show-statistics`."""
    return "0" if count == 0 else "1-4" if count < 5 else "5-14" if count < 15 else "15+"


class Run:
    """One example's database: a fresh copy of the hand-built database."""

    def __init__(self, template: Path) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="history-")
        path = Path(self.dir.name) / "handmade.db"
        shutil.copy(template, path)
        self.db = open_database(path)
        self.texts = [a.text for a in (articles.get_article(self.db, s.id) for s in articles.list_articles(self.db))]
        self.ids = [s.id for s in articles.list_articles(self.db)]

    def close(self) -> None:
        self.db.close()
        self.dir.cleanup()

    def act(self, who: str, action: tuple, only_own: bool) -> bool:
        """Do one action; False when it was refused or had no claim to act on."""
        db, name = self.db, action[0]
        if name == "undo":
            return undo(db, who) is not None
        if name == "redo":
            return redo(db, who) is not None
        if name == "add":
            _, index, where, length = action
            text = self.texts[index]
            start = int(where * (len(text) - 1))
            before = table(db)
            try:
                add_claim(db, self.ids[index], start, start + length, who)
            except ClaimError:
                assert table(db) == before  # a refusal changes nothing
                return False
            return True
        candidates = [c for c in list_claims(db) if not only_own or c.annotator == who]
        if not candidates:
            return False
        claim = sorted(candidates, key=lambda c: c.id)[action[1] % len(candidates)]
        if name == "type":
            claim_type = CODEBOOK.type_for_digit(action[2])
            if claim_type is None:
                return False
            update_claim(db, claim.id, who, type=claim_type.key)
        elif name == "verdict":
            update_claim(db, claim.id, who, verdict=CODEBOOK.next_verdict(claim.verdict))
        elif name == "worthiness":
            update_claim(db, claim.id, who, worthiness=action[2])
        elif name == "note":
            update_claim(db, claim.id, who, note=action[2])
        elif name == "delete":
            delete_claim(db, claim.id, who)
        return True

    def check_rows(self) -> None:
        """Every claim still anchors: its quote and context are the article's text."""
        by_id = dict(zip(self.ids, self.texts))
        for claim in list_claims(self.db):
            text = by_id[claim.article_id]
            assert 0 <= claim.start < claim.end <= len(text)
            assert claim.quote == text[claim.start : claim.end]
            assert claim.prefix == text[max(0, claim.start - 32) : claim.start]
            assert claim.suffix == text[claim.end : claim.end + 32]


# no_model (a monkeypatch) is function-scoped: it holds for every example of a test alike.
HYPOTHESIS = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@HYPOTHESIS
@given(script=scripts(("anna",)))
def test_one_annotator_undo_and_redo_follow_a_stack_of_table_states(handmade_db_template, no_model, script):
    """With one annotator, undo returns the whole claims table to the state before the
    action, redo to the state after it; undoing everything leaves no claim."""
    run = Run(handmade_db_template)
    try:
        done, undone = [table(run.db)], []
        for who, action in script:
            changed = run.act(who, action, only_own=False)
            if action[0] == "undo":
                assert changed == (len(done) > 1)
                if changed:
                    undone.append(done.pop())
                assert table(run.db) == done[-1]
            elif action[0] == "redo":
                assert changed == bool(undone)
                if changed:
                    done.append(undone.pop())
                assert table(run.db) == done[-1]
            elif changed:
                done.append(table(run.db))
                undone.clear()
            else:
                assert table(run.db) == done[-1]
            run.check_rows()
        event(f"actions that changed something: {bucket(len(done) - 1 + len(undone))}")
        event(f"claims before undoing everything: {bucket(len(done[-1]))}")
        while len(done) > 1:
            assert undo(run.db, "anna") is not None
            done.pop()
            assert table(run.db) == done[-1]
        assert undo(run.db, "anna") is None
        assert table(run.db) == []
    finally:
        run.close()


@HYPOTHESIS
@given(script=scripts(ANNOTATORS))
def test_two_annotators_on_their_own_claims_each_follow_their_own_stack(handmade_db_template, no_model, script):
    """Two annotators who each change only their own claims: each one's claims behave as
    if the other were not there; undoing everything (anna first, then bob) leaves no claim."""
    run = Run(handmade_db_template)

    def mine(who: str) -> list[tuple]:
        return [row for row in table(run.db) if row[COLUMNS.index("annotator")] == who]

    try:
        done = {who: [[]] for who in ANNOTATORS}
        undone = {who: [] for who in ANNOTATORS}
        for who, action in script:
            changed = run.act(who, action, only_own=True)
            if action[0] == "undo":
                if changed:
                    undone[who].append(done[who].pop())
            elif action[0] == "redo":
                if changed:
                    done[who].append(undone[who].pop())
            elif changed:
                done[who].append(mine(who))
                undone[who].clear()
            for name in ANNOTATORS:
                assert mine(name) == done[name][-1]
            run.check_rows()
        for who in ANNOTATORS:
            undo_all(run.db, who)
        assert table(run.db) == []
    finally:
        run.close()


@HYPOTHESIS
@given(script=scripts(ANNOTATORS))
def test_two_annotators_on_each_others_claims_never_break_history(handmade_db_template, no_model, script):
    """Anna and bob change each other's claims too: no action and no undo or redo raises,
    claims stay anchored, and each can undo until there is nothing left."""
    run = Run(handmade_db_template)
    try:
        changed = 0
        for who, action in script:
            changed += run.act(who, action, only_own=False)
            run.check_rows()
        event(f"actions that changed something: {bucket(changed)}")
        for who in ANNOTATORS:
            undo_all(run.db, who)
            run.check_rows()
        for who in ANNOTATORS:
            assert undo(run.db, who) is None
            assert all(state in {"undone", "discarded"} for state in states(run.db, who))
    finally:
        run.close()


@HYPOTHESIS
@example(script=[("anna", ("add", 0, 0.0, 20)), ("bob", ("delete", 0))])  # hypothesis finds this one
# ...and this one: an undone add superseded by a new action must not come back either.
@example(script=[("anna", ("add", 0, 0.0, 1)), ("bob", ("delete", 0)), ("anna", ("undo",)), ("anna", ("add", 0, 0.0, 1))])
@given(script=scripts(ANNOTATORS))
def test_two_annotators_undoing_everything_leaves_no_claim(handmade_db_template, no_model, script):
    """The property asked for: any actions by anna and bob, then each undoes until there is
    nothing to undo, and the claims table is empty again. It fails already for anna adding a
    claim and bob deleting it: anna's undo of her add finds nothing to delete, then bob's undo
    of his delete puts the claim back."""
    run = Run(handmade_db_template)
    try:
        for who, action in script:
            run.act(who, action, only_own=False)
        for who in ANNOTATORS:
            undo_all(run.db, who)
        assert table(run.db) == []
    finally:
        run.close()


def test_an_undo_that_finds_nothing_to_take_back_says_so(handmade_db, clock):
    claim = add_claim(handmade_db, 1, *span(handmade_db, "Hafenbrücke"), "anna")
    update_claim(handmade_db, claim.id, "anna", verdict="true")
    update_claim(handmade_db, claim.id, "bob", verdict="false")
    step = undo(handmade_db, "anna")
    assert not step.changed and "nothing changed" in step.describe()
    assert get_claim(handmade_db, claim.id).verdict == "false"
