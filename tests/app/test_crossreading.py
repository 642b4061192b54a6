"""Cross-reading with the keys a user presses: links, conflicts, shared figures."""

from __future__ import annotations

from gegenlesen.storage import links
from gegenlesen.storage.claims import list_claims
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.conflicts import ConflictsScreen
from gegenlesen.tui.screens.linking import LinkScreen
from gegenlesen.tui.widgets.article_pane import ArticlePane

from .helpers import notices, screen_text, wait_until

WIDE = (160, 48)


def stored(path):
    db = open_database(path)
    try:
        return list_claims(db), links.links_of(db)
    finally:
        db.close()


async def test_x_shows_the_release_date_contradiction_and_c_links_both_sentences(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("X")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictsScreen) and app.screen.flagged, seconds=15)
        shown = screen_text(app)
        assert "2024-01" in shown and "2025-01, late" in shown
        assert "6\u00a0000\u00a0000 USD" in shown  # a figure two articles give
        await pilot.press("c")
        await wait_until(pilot, lambda: "✓ contradicts" in screen_text(app), seconds=15)
        claims, made = stored(demo_db_path)
        assert len(claims) == 2 and [link.relation for link in made] == ["contradicts"]
        assert {made[0].claim_a, made[0].claim_b} == {c.id for c in claims}
        await pilot.press("u")
        await wait_until(pilot, lambda: "Undid" in notices(app), seconds=15)
        assert stored(demo_db_path)[1] == []


async def test_o_opens_the_two_passages_side_by_side(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("X")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictsScreen) and app.screen.flagged, seconds=15)
        conflict = app.screen.flagged[0].conflict
        await pilot.press("o")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConflictsScreen))
        await pilot.pause(0.2)
        panes = list(app.screen.query(ArticlePane))
        for pane, passage in zip(panes, (conflict.a, conflict.b)):
            assert pane.document.article.id == passage.article_id
            start, end = pane.document.sentences[pane.view.cursor]
            assert start <= passage.start < end


async def test_s_links_a_figure_several_articles_give_as_the_same_claim(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("X")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictsScreen) and app.screen.recurring, seconds=15)
        count = len(app.screen.recurring[0].passages)
        options = app.screen.query_one("#conflicts-options")
        while not (options.options[options.highlighted].id or "").startswith("recurring-"):
            await pilot.press("j")
        await pilot.press("s")
        await wait_until(pilot, lambda: len(stored(demo_db_path)[1]) == count - 1, seconds=15)
        claims, made = stored(demo_db_path)
        assert len(claims) == count and {link.relation for link in made} == {"same"}


async def test_l_links_the_claim_at_the_cursor_to_a_proposal_and_the_pane_counts_it(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # the first sentence of article 1 becomes claim #1
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.proposals, seconds=15)
        assert "Proposed from the other articles" in screen_text(app)
        target = app.screen.proposals[0].passage
        await pilot.press("p")
        await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
        claims, made = stored(demo_db_path)
        assert [link.relation for link in made] == ["supports"]
        assert any((c.article_id, c.start, c.end) == (target.article_id, target.start, target.end) for c in claims)
        assert "supports" in notices(app)
        assert "⇄1" in screen_text(app)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen))
        assert "Linked (1)" in screen_text(app)
        await pilot.press("escape")


async def test_s_marks_candidates_c_accepts_one_x_dismisses_another(demo_db_path):
    from gegenlesen.storage.claims import list_candidates
    from gegenlesen.tui.widgets.article_view import ArticleView

    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await wait_until(pilot, lambda: "candidate sentence" in notices(app), seconds=15)
        view = app.screen.query(ArticleView).first()
        await wait_until(pilot, lambda: view.candidates)
        first, second = view.candidates[0], (view.candidates + [None])[1]
        view.focus()
        if view.candidate_at_cursor() is None:  # drawn apart, with ? in the gutter
            line = view.line_of(first.start) - round(view.scroll_offset.y)
            if 0 <= line < view.scrollable_content_region.height:
                assert view.render_line(line).text.startswith("? ")
        while view.candidate_at_cursor() is None or view.candidate_at_cursor().id != first.id:
            await pilot.press("j")
        await pilot.press("c")
        await pilot.pause()
        claims, _ = stored(demo_db_path)
        assert [c.id for c in claims] == [first.id]  # accepted: the candidate became the claim
        if second is not None:
            while view.candidate_at_cursor() is None or view.candidate_at_cursor().id != second.id:
                await pilot.press("j")
            await pilot.press("x")
            await pilot.pause()
            assert "dismissed" in notices(app)
            db = open_database(demo_db_path)
            try:
                assert second.id not in {c.id for c in list_candidates(db, [view.document.article.id])}
            finally:
                db.close()
        assert len(stored(demo_db_path)[0]) == 1  # candidates are never claims until accepted
