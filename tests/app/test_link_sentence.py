"""Issue 14: `l` on a sentence that is no claim yet proposes too, and accepting a proposal
tags the sentence and links it, in one step that `u` takes back."""

from __future__ import annotations

from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim, list_claims
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.linking import LinkScreen

from .helpers import notices, screen_text, wait_until

SIZE = (160, 48)


def stored(path) -> tuple[list, list, int]:
    """Claims, links and history rows in the database at `path`."""
    db = open_database(path)
    try:
        return list_claims(db), links.links_of(db), db.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        db.close()


def tag_top_proposal(path, article_id: int, start: int, end: int) -> int:
    """Tag, as another annotator, the passage proposed first for a sentence: its claim id."""
    db = open_database(path)
    try:
        [top, *_] = crossread.sentence_proposals(crossread.load_corpus(db), article_id, start, end)
        return add_claim(db, top.passage.article_id, top.passage.start, top.passage.end, "ben").id
    finally:
        db.close()


async def open_dialog(app, pilot) -> LinkScreen:
    await pilot.press("l")
    await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.proposals, seconds=15)
    return app.screen


def cursor_sentence(app) -> tuple[int, int, int]:
    view = app.screen.panes[0].view
    return (view.document.article.id, *view.cursor_span())


async def test_l_on_an_untagged_sentence_proposes_and_escape_tags_nothing(handmade_db_path):
    before = stored(handmade_db_path)
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article_id, _, _ = cursor_sentence(app)
        dialog = await open_dialog(app, pilot)
        assert dialog.sentence is not None and dialog.claim is None
        assert all(p.passage.article_id != article_id for p in dialog.proposals)
        shown = screen_text(app)
        assert "Link a sentence" in shown and "not yet a claim" in shown and "Linked (" not in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
    assert stored(handmade_db_path) == before


async def test_accepting_a_proposal_tags_the_sentence_and_links_it_and_u_takes_both_back(handmade_db_path):
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sentence = cursor_sentence(app)
        target = tag_top_proposal(handmade_db_path, *sentence)
        claims_before, links_before, _ = stored(handmade_db_path)
        assert links_before == []
        dialog = await open_dialog(app, pilot)
        options = dialog.query_one("#link-options")
        wanted = next(i for i, p in enumerate(dialog.proposals) if p.claim_id == target)
        while options.options[options.highlighted].id != f"proposal-{wanted}":
            await pilot.press("j")
        await pilot.press("p")
        await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
        claims, made, _ = stored(handmade_db_path)
        [new] = [c for c in claims if c not in claims_before]
        assert (new.article_id, new.start, new.end, new.annotator) == (*sentence, "anna")
        assert [(link.claim_a, link.claim_b, link.relation) for link in made] == [(new.id, target, "supports")]
        assert f"Sentence tagged as claim #{new.id} and linked" in notices(app)
        assert "⇄1" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        claims, made, _ = stored(handmade_db_path)
        assert claims == claims_before and made == []


async def test_l_on_a_claim_still_opens_its_links(handmade_db_path):
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        dialog = await open_dialog(app, pilot)
        assert dialog.claim is not None and dialog.sentence is None
        assert "Link a claim" in screen_text(app) and "Linked (0)" in screen_text(app)


async def test_l_in_the_claims_pane_without_a_claim_says_what_to_do(handmade_db_path):
    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("C", "l")
        await pilot.pause()
        assert not isinstance(app.screen, LinkScreen)
        assert "No claim here" in notices(app)
