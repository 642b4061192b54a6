"""The library: list, search, entity filter, and opening an article into a pane."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.library import LibraryScreen, snippet_text
from gegenlesen.tui.widgets.article_pane import ArticlePane
from gegenlesen.tui.widgets.entities_pane import EntitiesPane
from gegenlesen.storage.search import MARK_CLOSE, MARK_OPEN

from .helpers import screen_text, wait_until

WIDE = (160, 48)


def listed(app) -> list[int]:
    table = app.screen.query_one(DataTable)
    return [int(row.value) for row in table.rows]


async def open_library(app, pilot) -> LibraryScreen:
    await pilot.pause()
    await pilot.press("L")
    await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
    return app.screen


async def test_l_lists_every_article_and_typing_searches(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        assert listed(app) == [1, 2, 3, 4, 5]
        assert "5 articles" in screen_text(app)
        await pilot.press(*"Trump")
        await wait_until(pilot, lambda: len(listed(app)) < 5)
        texts = {i: app.screen.summaries[i].title for i in listed(app)}
        assert texts and set(listed(app)) == {4, 5}
        assert f"{len(texts)} matches in 5 articles" in screen_text(app)
        assert "Trump" in screen_text(app)  # the snippet under the list


async def test_enter_opens_the_article_in_the_focused_pane_and_digits_in_that_pane(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        await pilot.press(*"Italien")
        await wait_until(pilot, lambda: listed(app) and len(listed(app)) < 5)
        first = listed(app)[0]
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        panes = list(app.screen.query(ArticlePane))
        assert panes[0].document.article.id == first
        await open_library(app, pilot)
        await pilot.press("down", "down", "3")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        assert panes[2].document.article.id == 2


async def test_the_entities_pane_opens_the_library_filtered_by_its_entity(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        pane = app.screen.query_one(EntitiesPane)
        await wait_until(pilot, lambda: app.focused is pane and pane.groups)
        name = pane.groups[pane.highlighted].name
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.screen.query_one(Input).value == f'@"{name}"'
        await wait_until(pilot, lambda: app.screen.hits)
        assert set(listed(app)) == set(app.screen.hits)


async def test_escape_clears_the_search_then_goes_back_and_bad_queries_are_harmless(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        await pilot.press(*'"unclosed AND ( *')
        await pilot.pause(0.4)
        await pilot.press("escape")
        await wait_until(pilot, lambda: listed(app) == [1, 2, 3, 4, 5])
        assert app.screen.query_one(Input).value == ""
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen))


def test_snippets_are_text_never_markup():
    text = snippet_text(f"[bold]x[/bold] {MARK_OPEN}Nvidia{MARK_CLOSE} \x1b[31mrot")
    assert text.plain == "[bold]x[/bold] Nvidia ␛[31mrot"
    assert [text.plain[span.start:span.end] for span in text.spans] == ["Nvidia"]


async def test_a_pane_on_an_old_version_shows_the_new_one_and_the_library_says_which_is_old(demo_db_path, tmp_path):
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.importer import import_paths

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "neu.txt").write_text("Die erste Fassung über Posemuckel und seine Bürger.", encoding="utf-8")
    db = open_database(demo_db_path)
    import_paths(db, [folder])
    db.close()
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        await pilot.press(*"Posemuckel")
        await wait_until(pilot, lambda: listed(app) == [6])
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        (folder / "neu.txt").write_text("Die zweite Fassung über Posemuckel und seine Bürger.", encoding="utf-8")
        db = open_database(demo_db_path)
        import_paths(db, [folder])
        db.close()
        await pilot.press("ctrl+l")
        await pilot.pause()
        panes = list(app.screen.query(ArticlePane))
        assert panes[0].document.article.id == 7 and "zweite" in panes[0].document.article.text
        assert 6 not in app.screen.article_ids
        await open_library(app, pilot)
        assert "old version, see #7" in screen_text(app)


def entity_cell(app, article_id: int) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row(str(article_id))[5])


async def test_j_and_k_move_in_the_list_and_type_in_the_search_field(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("j")  # the search field has focus: a letter
        await pilot.pause(0.3)
        assert app.screen.query_one(Input).value == "j"
        await pilot.press("backspace", "down")
        await wait_until(pilot, lambda: app.focused is table and listed(app) == [1, 2, 3, 4, 5])
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        assert app.screen.query_one(Input).value == ""


async def test_the_library_counts_entities_as_corrected(demo_db_path):
    from gegenlesen.storage import articles, corrections
    from gegenlesen.storage.db import open_database

    db = open_database(demo_db_path)
    before = {s.id: s.entities for s in articles.list_articles(db)}
    found = articles.entities(db, [1])
    form = max({e.text for e in found}, key=lambda text: sum(e.text == text for e in found))
    corrections.correct(db, form, None, "ana")
    expected = len(articles.entities(db, [1]))
    db.close()
    assert expected < before[1]
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        assert entity_cell(app, 1) == str(expected)


async def test_the_open_library_shows_the_counts_once_analysis_finishes(demo_db_path, tmp_path):
    from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
    from gegenlesen.storage import articles
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.importer import import_paths
    from gegenlesen.tui.messages import AnalysisFinished

    folder = tmp_path / "in"
    folder.mkdir()
    text = "Posemuckel liegt bei Quokkaland."
    (folder / "neu.txt").write_text(text, encoding="utf-8")
    db = open_database(demo_db_path)
    import_paths(db, [folder])
    db.close()
    app = create_app(demo_db_path)
    app.analyse_pending = lambda: None  # the test plays the analysis worker
    async with app.run_test(size=WIDE) as pilot:
        await open_library(app, pilot)
        await pilot.press("down", "j", "j")
        assert entity_cell(app, 6) == "0"
        db = open_database(demo_db_path)  # what the worker does: store, then say so
        found = [Entity(0, 10, "LOC", "Posemuckel", MODEL), Entity(21, 31, "LOC", "Quokkaland", MODEL)]
        articles.store_analysis(db, 6, Analysis([(0, len(text))], found, "fake-1.0"))
        db.close()
        app.post_message(AnalysisFinished(1, []))
        await wait_until(pilot, lambda: entity_cell(app, 6) == "2")
        assert app.screen.query_one(DataTable).cursor_row == 2  # the highlight stays


async def test_a_capped_search_says_how_many_matched_in_all(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_library(app, pilot)
        await pilot.press(*"die")
        await wait_until(pilot, lambda: screen.hits)
        box = screen.query_one("#library-box")
        assert box.border_subtitle == "5 matches in 5 articles"
        screen.limit = 2
        await pilot.press("backspace", "e")
        await wait_until(pilot, lambda: len(listed(app)) == 2)
        assert box.border_subtitle == "2 of 5 matches"
