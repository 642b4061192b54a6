"""The reader owns each pane's current claim (the one its claim keys act on, drawn
emphasised): it follows the cursors, and survives a pane being removed before it."""

from __future__ import annotations

from gegenlesen.storage.articles import sentences
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app

from .helpers import stored_claims, wait_until

SIZE = (160, 48)


async def test_each_pane_keeps_its_current_claim_and_removing_a_pane_keeps_the_others(handmade_db_path):
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("c", "tab", "j", "c")  # a claim in pane 1, then one on pane 2's second sentence
        await wait_until(pilot, lambda: len(stored_claims(handmade_db_path)) == 2)
        first, second = sorted(stored_claims(handmade_db_path), key=lambda c: c.id)
        panes = screen.panes
        assert screen.current_claims[:2] == (first.id, second.id)
        assert [pane.view.current_claim for pane in panes[:2]] == [first.id, second.id]  # both drawn emphasised
        await pilot.press("j")  # pane 2's cursor leaves its claim
        await wait_until(pilot, lambda: panes[1].view.current_claim is None)
        assert panes[0].view.current_claim == first.id
        await pilot.press("k")
        await wait_until(pilot, lambda: panes[1].view.current_claim == second.id)
        panes[0].view.focus()
        await pilot.pause()
        await pilot.press("minus")  # pane 1 goes: pane 2 becomes pane 1, with its claim
        await wait_until(pilot, lambda: len(screen.panes) == len(panes) - 1)
        assert screen.panes[0] is panes[1] and screen.panes[0].number == 1
        assert screen.current_claims[0] == second.id and screen.panes[0].view.current_claim == second.id
        await pilot.press("t")  # the claim keys act on it
        await wait_until(pilot, lambda: next(c for c in stored_claims(handmade_db_path) if c.id == second.id).verdict != "unchecked")


async def test_a_claim_chosen_among_several_at_the_cursor_stays_current_when_a_pane_before_it_goes(handmade_db_path):
    db = open_database(handmade_db_path)
    start, end = sentences(db, 2)[0]
    whole = add_claim(db, 2, start, end, "anna").id
    part = add_claim(db, 2, start + 8, end, "anna").id  # later in the text: the one a cursor would take
    db.close()
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        second = screen.panes[1]
        assert second.document.article.id == 2
        await wait_until(pilot, lambda: second.view.current_claim == part)
        await pilot.press("C")
        await wait_until(pilot, lambda: screen.claims_pane.list.claim is not None)
        assert screen.claims_pane.list.claim.id == whole
        await pilot.press("enter")  # go to the whole sentence's claim
        await wait_until(pilot, lambda: second.view.current_claim == whole)
        screen.panes[0].view.focus()
        await pilot.pause()
        await pilot.press("minus")
        await wait_until(pilot, lambda: screen.panes[0] is second)
        await pilot.pause()
        assert second.view.current_claim == whole and screen.current_claims[0] == whole


async def test_a_claim_key_typed_right_after_a_move_acts_on_the_claim_at_the_new_cursor(handmade_db_path):
    # Keys typed in one burst (a fast typist, a paste, key repeat) reach the claim keys before
    # the cursor's message has reached the screen: the claim is read from the cursor itself.
    db = open_database(handmade_db_path)
    start, end = sentences(db, 1)[1]
    tagged = add_claim(db, 1, start, end, "anna").id
    db.close()
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.panes[0].view
        view.focus()
        await wait_until(pilot, lambda: screen.claims_pane is not None and screen.claim_count == 1)
        assert view.cursor == 0 and screen.current_claim() is None
        view.cursor = 1  # no await: the CursorMoved message is still queued
        claim = screen.current_claim()
        assert claim is not None and claim.id == tagged
        view.cursor = 0
        assert screen.current_claim() is None
