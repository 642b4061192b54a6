"""Finding a word in an article with `/`, `n` / `N`, and a selection that starts at the
found word (issue 12, item 9)."""

from __future__ import annotations

from rich.cells import cell_len

from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.article_pane import FindBar, FindInput
from gegenlesen.tui.widgets.article_view import GUTTER, ArticleView
from gegenlesen.tui.widgets.entities_pane import EntitiesPane

from .helpers import notices, screen_text, stored_claims, wait_until

WIDE = (160, 48)


async def started(app, pilot) -> ArticleView:
    await pilot.pause()
    return app.screen.query(ArticleView).first()


async def find(pilot, query: str, enter: bool = True) -> None:
    await pilot.press("slash", *query)
    if enter:
        await pilot.press("enter")


def style_at(view: ArticleView, offset: int):
    """The style of the cell that shows text offset `offset` (it must be in view)."""
    line = view.line_of(offset)
    y = line - round(view.scroll_offset.y)
    assert 0 <= y < view.scrollable_content_region.height, "offset not in view"
    column = GUTTER + cell_len(view.document.shown[view._lines[line][0] : offset])
    cells = 0
    for segment in view.render_line(y):
        cells += segment.cell_length
        if cells > column:
            return segment.style
    raise AssertionError("offset past the line")


def find_status(app) -> str:
    return str(app.screen.query(FindBar).first().query_one(".find-status").render())


async def test_slash_highlights_every_match_and_enter_goes_to_the_first_after_the_cursor(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        text = view.document.article.text
        await pilot.press("j", "j")
        await find(pilot, "deepseek", enter=False)
        assert isinstance(app.focused, FindInput)
        total = text.casefold().count("deepseek")
        assert total > 3 and len(view.matches) == total
        assert all(text[start:end].casefold() == "deepseek" for start, end in view.matches)
        assert view.cursor == 2  # typing only shows the matches
        assert find_status(app) == f"{total} matches"
        await pilot.press("enter")
        assert app.focused is view
        sentence_start = view.document.sentences[2][0]
        first = next(i for i, (start, _) in enumerate(view.matches) if start >= sentence_start)
        assert view.match_index == first
        assert view.cursor == view.document.sentence_at(view.matches[first][0])
        assert find_status(app) == f"{first + 1}/{total} matches"
        assert f"{first + 1}/{total} matches" in screen_text(app)
        match_style, current_style = view._find_styles()
        assert style_at(view, view.matches[first][0]).bgcolor == current_style.bgcolor
        others = [start for start, _ in view.matches if start != view.matches[first][0]]
        visible = [o for o in others if 0 <= view.line_of(o) - round(view.scroll_offset.y) < view.size.height]
        assert visible, "another match is on screen"
        assert style_at(view, visible[0]).bgcolor == match_style.bgcolor != current_style.bgcolor
        assert stored_claims(demo_db_path) == []


async def test_n_and_N_go_through_the_matches_wrap_and_escape_gives_them_back_to_the_entity(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        # Choose an entity first: without a find, n / N go to its mentions.
        await pilot.press("e")
        entities = app.screen.query_one(EntitiesPane)
        target = next(g for g in entities.groups if g.per_article.get(view.document.article.id, 0) >= 2)
        entities.highlighted = entities.groups.index(target)
        await pilot.press("enter", "escape")
        assert app.focused is view
        jumps = notices(app).count(" in pane 1")
        await find(pilot, "deepseek")
        total = len(view.matches)
        assert view.match_index == 0 and find_status(app) == f"1/{total} matches"
        await pilot.press("n")
        assert view.match_index == 1 and view.cursor == view.document.sentence_at(view.matches[1][0])
        assert find_status(app) == f"2/{total} matches"
        await pilot.press("N", "N")
        assert view.match_index == total - 1
        assert find_status(app) == f"{total}/{total} matches · from the end"
        await pilot.press("n")
        assert view.match_index == 0 and find_status(app) == f"1/{total} matches · from the top"
        assert notices(app).count(" in pane 1") == jumps  # n and N went to matches, not to mentions
        await pilot.press("escape")  # ends the find, keeps the chosen entity
        assert view.matches == [] and view.find_query == ""
        assert not app.screen.query_one(FindBar).display
        assert app.screen.chosen is target
        await pilot.press("n")
        assert notices(app).count(" in pane 1") == jumps + 1
        assert f"{target.name}: " in notices(app)
        await pilot.press("escape")
        assert app.screen.chosen is None


async def test_find_ignores_case_and_accents_and_says_when_nothing_matches(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        text = view.document.article.text
        await find(pilot, "KUNSTLICHEN   intelligenz")
        assert [text[start:end] for start, end in view.matches][:1] == ["künstlichen Intelligenz"]
        await pilot.press("slash", *"xyzzy", "enter")  # the old words are selected: typing replaces them
        assert view.matches == [] and view.cursor == 0
        assert find_status(app) == "no match for “xyzzy”"
        assert "no match for “xyzzy”" in screen_text(app)
        await pilot.press("n")  # still the find's: it says again that nothing matches
        assert view.cursor == 0


async def test_v_after_a_find_starts_the_selection_at_the_found_word(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        text = view.document.article.text
        await find(pilot, "kunstl")
        assert view.cursor == 0
        await pilot.press("v")
        assert text[slice(*view.selection)] == "künstlichen"  # the whole word, not "Als"
        await pilot.press("w")
        assert text[slice(*view.selection)] == "künstlichen Intelligenz"
        await pilot.press("c")
        (claim,) = stored_claims(demo_db_path)
        assert claim.quote == "künstlichen Intelligenz"
        # One escape drops a selection, the next the find.
        await find(pilot, "modellen")
        await pilot.press("v")
        assert text[slice(*view.selection)] == "Modellen"
        await pilot.press("escape")
        assert view.selection is None and view.matches
        await pilot.press("escape")
        assert not view.matches
        await pilot.press("v")  # no find: the first word of the cursor sentence, as before
        assert view.selection == (view.document.sentences[view.cursor][0], view.selection[1])


async def test_escape_in_the_find_input_ends_the_find_and_text_stays_literal(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        await pilot.press("slash", *"[bold]")
        await wait_until(pilot, lambda: find_status(app) == "no match for “[bold]”")
        await pilot.press("escape")
        assert app.focused is view
        assert view.find_query == "" and not app.screen.query_one(FindBar).display
        await find(pilot, "deepseek")
        await pilot.press("slash")  # opens the input again with the same words
        assert app.screen.query_one(FindInput).value == "deepseek"
        assert view.match_index == 0


async def test_the_find_follows_the_pane_to_another_article(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await started(app, pilot)
        await find(pilot, "deepseek")
        before = view.document.article.id
        await pilot.press("right_square_bracket")
        assert view.document.article.id != before
        text = view.document.article.text
        assert len(view.matches) == text.casefold().count("deepseek") > 0
        assert view.match_index is None
        assert find_status(app) == f"{len(view.matches)} matches"
        await pilot.press("n")
        assert view.match_index == 0 and view.cursor == view.document.sentence_at(view.matches[0][0])
