"""Correcting entities with E, as a user does: what is stored and what every pane shows."""

from __future__ import annotations

from gegenlesen.storage import corrections
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.correction import CorrectionScreen
from gegenlesen.tui.widgets.article_view import ArticleView
from gegenlesen.tui.widgets.entities_pane import EntitiesPane

from .helpers import notices, screen_text, wait_until

WIDE = (160, 48)


def stored_corrections(path):
    db = open_database(path)
    try:
        return [(row["surface"], row["label"], row["annotator"]) for row in corrections.correction_rows(db)]
    finally:
        db.close()


def shown_entities(app, surface):
    """(pane number, label, origin) of every entity with this text in the visible panes."""
    return sorted(
        (number, e.label, e.origin)
        for number, view in enumerate(app.screen.query(ArticleView), 1)
        for e in view.document.entities if e.text == surface
    )


async def test_e_on_a_selection_adds_the_entity_in_every_pane_and_u_takes_it_back(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("v")  # selects "Als", which opens articles 1 and 2
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen))
        shown = screen_text(app)
        assert "“Als” is no entity now" in shown
        assert "applies to every occurrence" in shown and "articles" in shown
        await pilot.press("m")
        await wait_until(pilot, lambda: not isinstance(app.screen, CorrectionScreen))
        assert stored_corrections(demo_db_path) == [("Als", "MISC", "anna")]
        assert {(number, label) for number, label, _ in shown_entities(app, "Als")} >= {(1, "MISC"), (2, "MISC")}
        assert "“Als” → MISC in" in notices(app)
        assert app.screen.query(ArticleView).first().selection is None
        await pilot.press("u")
        await pilot.pause()
        assert stored_corrections(demo_db_path) == []
        assert shown_entities(app, "Als") == []
        assert "Undid: add correction of “Als”" in notices(app)


async def test_e_in_the_entities_pane_removes_that_entity_everywhere(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        pane = app.screen.query_one(EntitiesPane)
        await wait_until(pilot, lambda: app.focused is pane and pane.groups)
        group = pane.groups[pane.highlighted]
        mentions = [e for view in app.screen.query(ArticleView) for e in view.document.entities if e.key in group.keys]
        assert mentions
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen))
        await pilot.press("x")
        await pilot.pause()
        assert stored_corrections(demo_db_path) == [(group.name, None, "anna")]
        left = [e for view in app.screen.query(ArticleView) for e in view.document.entities if e.text == group.name]
        assert left == []
        assert group.key not in [g.key for g in pane.groups]
        await pilot.press("u")
        await pilot.pause()
        assert any(e.text == group.name for view in app.screen.query(ArticleView) for e in view.document.entities)


async def test_several_entities_in_the_sentence_are_offered_to_choose_from(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.screen.query(ArticleView).first()
        while len({e.text for e in view.document.entities_between(*view.cursor_span())}) < 2:
            await pilot.press("j")
        names = list(dict.fromkeys(e.text for e in view.document.entities_between(*view.cursor_span())))
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen))
        assert "Which one?" in screen_text(app)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert f"“{names[1]}” is" in screen_text(app)
        current = next(e.label for e in view.document.entities if e.text == names[1])
        other = "LOC" if current != "LOC" else "ORG"
        await pilot.press(other[0].lower())
        await pilot.pause()
        assert stored_corrections(demo_db_path) == [(names[1], other, "anna")]


async def test_escape_cancels_and_a_sentence_without_entities_says_what_to_do(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionScreen)
        assert stored_corrections(demo_db_path) == []
        view = app.screen.query(ArticleView).first()
        empty = next(i for i, s in enumerate(view.document.sentences) if not view.document.entities_between(*s))
        for _ in range(empty):
            await pilot.press("j")
        await pilot.press("E")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionScreen)
        assert "No entity here" in notices(app)


async def test_a_correction_is_in_the_database_for_the_next_start(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("v", "E")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen))
        await pilot.press("p")
        await pilot.pause()
    again = create_app(demo_db_path, annotator="bert")
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert (1, "PER", "user") in shown_entities(again, "Als")
