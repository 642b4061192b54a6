"""Claim tagging with the keys a user presses: what is stored and what is shown."""

from __future__ import annotations

from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.note import NoteScreen
from gegenlesen.tui.widgets.article_view import ArticleView
from gegenlesen.tui.widgets.claims_pane import ClaimsList, ClaimsPane

from .helpers import stored_claims, notices, screen_text, wait_until

WIDE = (160, 48)


stored = stored_claims


async def started(app, pilot):
    """The reader with its side panes built (they come right after the first frame)."""
    await wait_until(pilot, lambda: bool(app.screen.query(ClaimsPane)) and "in view" in screen_text(app))
    await pilot.pause()
    return app.screen.query(ArticleView).first()


async def test_c_tags_the_cursor_sentence_and_the_pane_lists_it(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        await pilot.press("j", "c")
        (claim,) = stored(demo_db_path)
        start, end = view.document.sentences[1]
        assert (claim.article_id, claim.start, claim.end) == (view.document.article.id, start, end)
        assert claim.quote == view.document.article.text[start:end]
        assert claim.annotator == "anna" and claim.verdict == "unchecked" and claim.type is None
        assert claim.prefix == view.document.article.text[max(0, start - 32) : start]
        shown = screen_text(app)
        assert f"“{claim.quote[:12]}" in shown
        assert "untyped · unchecked · !" in shown
        assert "1 claim in view" in shown
        line = view.line_of(start) - round(view.scroll_offset.y)
        assert view.render_line(line).text.startswith("▌")
        assert view.current_claim == claim.id


async def test_selection_keys_move_the_ends_precisely(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        text = view.document.article.text
        await pilot.press("v")
        assert text[slice(*view.selection)] == "Als"
        await pilot.press("w", "w", "w")
        assert text[slice(*view.selection)] == "Als das neueste Meisterwerk"
        await pilot.press("b")
        assert text[slice(*view.selection)] == "Als das neueste"
        await pilot.press("shift+right", "shift+right")
        assert text[slice(*view.selection)] == "Als das neueste M"
        await pilot.press("shift+left")
        assert text[slice(*view.selection)] == "Als das neueste "
        await pilot.press("W")
        assert text[slice(*view.selection)] == "das neueste "
        await pilot.press("B")
        assert text[slice(*view.selection)] == "Als das neueste "
        await pilot.press("right_parenthesis")
        assert text[slice(*view.selection)] == text[slice(*view.document.sentences[0])]
        await pilot.press("escape")
        assert view.selection is None
        assert stored(demo_db_path) == []


async def test_tagging_a_selection_stores_its_trimmed_span(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        await pilot.press("v", "w", "w", "shift+right", "c")
        (claim,) = stored(demo_db_path)
        assert claim.quote == "Als das neueste"  # the trailing space is not part of the claim
        assert view.selection is None


async def test_type_verdict_worthiness_note_delete_and_undo(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "1")
        assert stored(demo_db_path)[0].type == "statistic"
        await pilot.press("6")
        assert stored(demo_db_path)[0].type == "event"
        await pilot.press("9")  # the default codebook has 8 types
        assert stored(demo_db_path)[0].type == "event"
        await pilot.press("t", "t", "t", "t")
        assert stored(demo_db_path)[0].verdict == "false"
        await pilot.press("exclamation_mark", "exclamation_mark")
        assert stored(demo_db_path)[0].worthiness == 3
        assert "Event or date · false · !!!" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"[bold]Quelle?[/bold]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(demo_db_path)[0].note == "[bold]Quelle?[/bold]"
        assert "✎" in screen_text(app)
        await pilot.press("m", "escape")  # cancelling the editor changes nothing
        assert stored(demo_db_path)[0].note == "[bold]Quelle?[/bold]"
        await pilot.press("x")
        assert stored(demo_db_path) == []
        await pilot.press("u")
        (claim,) = stored(demo_db_path)
        assert (claim.type, claim.verdict, claim.worthiness, claim.note) == ("event", "false", 3, "[bold]Quelle?[/bold]")
        for _ in range(11):
            await pilot.press("ctrl+z")
        assert stored(demo_db_path) == []
        await pilot.press("u")
        assert "Nothing to undo" in notices(app)
        await pilot.press("ctrl+r", "ctrl+y")
        assert stored(demo_db_path)[0].type == "statistic"


async def test_undo_history_survives_a_restart(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "2", "j", "c")
    assert len(stored(demo_db_path)) == 2
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        assert "2 claims in view" in screen_text(app)
        await pilot.press("u")
        assert len(stored(demo_db_path)) == 1
        await pilot.press("u")
        assert stored(demo_db_path)[0].type is None
        await pilot.press("u")
        assert stored(demo_db_path) == []


async def test_tagging_the_same_span_twice_is_refused(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "c")
        await pilot.pause()
        assert len(stored(demo_db_path)) == 1
        assert "already claim #" in notices(app)


async def test_claim_keys_without_a_claim_say_so(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("1", "t", "x")
        await pilot.pause()
        assert "No claim here" in notices(app)
        assert stored(demo_db_path) == []


async def test_claims_pane_filters_sorts_and_jumps(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "1", "j", "j", "c", "2", "tab", "c", "3")
        assert len(stored(demo_db_path)) == 3
        pane = app.screen.query_one(ClaimsPane)
        claims_list = app.screen.query_one(ClaimsList)
        await pilot.press("C")
        assert app.focused is claims_list
        assert [c.type for c in claims_list.shown] == ["statistic", "quotation", "causal"]
        await pilot.press("slash", *"quotation", "enter")
        assert [c.type for c in claims_list.shown] == ["quotation"]
        assert "1/3" in pane.border_subtitle
        await pilot.press("slash")
        await pilot.press("escape")
        assert len(claims_list.shown) == 3
        await pilot.press("o")
        assert "by type" in pane.border_subtitle
        await pilot.press("k", "k", "k", "j", "enter")
        await pilot.pause()
        target = claims_list.shown[1]
        focused = app.focused
        assert isinstance(focused, ArticleView)
        assert focused.document.article.id == target.article_id
        assert focused.document.sentences[focused.cursor][0] <= target.start
        assert focused.current_claim == target.id


async def test_claim_keys_in_the_claims_pane_act_on_the_highlighted_claim(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "j", "c", "C", "j", "4", "t")
        first, second = stored(demo_db_path)
        assert first.type is None and (second.type, second.verdict) == ("comparison", "true")


async def test_claims_of_other_annotators_can_be_hidden(demo_db_path):
    app = create_app(demo_db_path, annotator="bob")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c")
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("j", "c", "C")
        claims_list = app.screen.query_one(ClaimsList)
        assert {c.annotator for c in claims_list.shown} == {"anna", "bob"}
        await pilot.press("a")
        assert {c.annotator for c in claims_list.shown} == {"anna"}
        assert "only anna" in screen_text(app)
        await pilot.press("u")  # anna's undo leaves bob's claim alone
        assert [c.annotator for c in stored(demo_db_path)] == ["bob"]


async def test_a_note_with_control_characters_is_shown_safely(demo_db_path):
    from gegenlesen.storage.claims import add_claim, update_claim

    db = open_database(demo_db_path)
    claim = add_claim(db, 1, 0, 40, "anna")
    update_claim(db, claim.id, "anna", note="\x1b[31mrot\x1b[0m [b]fett[/b]")
    db.close()
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("escape")
        assert "✎" in screen_text(app)
        assert "\x1b" not in screen_text(app)


async def test_mouse_drag_selects_text(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        offset = view.region.offset
        await pilot.mouse_down(view, offset=(2, 0))
        await pilot.hover(view, offset=(14, 0))
        await pilot.mouse_up(view, offset=(14, 0))
        await pilot.pause()
        assert view.selection is not None
        text = view.document.article.text
        assert text[slice(*view.selection)].startswith("Als das")
        assert offset is not None


async def test_a_change_made_in_another_window_is_not_overwritten(demo_db_path):
    from gegenlesen.storage.claims import update_claim

    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "t")  # anna: true
        (claim,) = stored(demo_db_path)
        other = open_database(demo_db_path)
        update_claim(other, claim.id, "bert", verdict="misleading")
        other.close()
        await pilot.press("t")  # anna's window still shows "true"
        await pilot.pause()
        assert stored(demo_db_path)[0].verdict == "misleading"
        assert "changed by bert meanwhile" in notices(app)
        assert "misleading" in screen_text(app)
        await pilot.press("t")  # now it acts on what is stored
        assert stored(demo_db_path)[0].verdict == "false"


async def test_page_down_never_moves_the_cursor_back(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        last = len(view.document.sentences) - 1
        positions = []
        for _ in range(12):
            await pilot.press("pagedown")
            positions.append(view.cursor)
        assert positions == sorted(positions) and positions[-1] == last
        await pilot.press("G", "k", "k", "space")
        assert view.cursor == last
        await pilot.press("pageup")
        assert view.cursor < last
