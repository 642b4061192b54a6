"""The entity × article matrix (M): counts per article, filters, and reading a cell."""

from __future__ import annotations

from collections import Counter

from textual.widgets import DataTable

from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.matrix import FIXED, MatrixScreen, entity_cells, short_title
from gegenlesen.tui.widgets.article_pane import ArticlePane

from .helpers import notices, screen_text, wait_until

WIDE = (160, 48)


def stored_mentions(path, name: str) -> tuple[set[str], Counter]:
    """The keys of an entity as the entities pane groups it, and its mentions per article,
    read from the store with a connection of its own."""
    from gegenlesen.corpus.entities import group_mentions

    db = open_database(path)
    try:
        mentions = articles.entities(db, articles.article_ids(db))
    finally:
        db.close()
    group = next(g for g in group_mentions((m.article_id, m.key, m.label, m.text) for m in mentions) if g.name == name)
    return group.keys, Counter(m.article_id for m in mentions if m.key in group.keys)


def cell_texts(table: DataTable, row: int) -> list[str]:
    return [getattr(cell, "plain", cell) for cell in table.get_row_at(row)]


async def open_matrix(app, pilot) -> MatrixScreen:
    await pilot.pause()
    await pilot.press("M")
    await wait_until(pilot, lambda: isinstance(app.screen, MatrixScreen) and app.screen.shown)
    return app.screen


async def test_m_shows_deepseeks_mentions_per_article_as_stored(demo_db_path):
    keys, per_article = stored_mentions(demo_db_path, "DeepSeek")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(DataTable)
        ids = [column.id for column in screen.matrix.articles]
        assert ids == [1, 2, 3, 4, 5]
        row = next(i for i, group in enumerate(screen.shown) if group.name == "DeepSeek")
        totals = [group.total for group in screen.shown]
        assert totals == sorted(totals, reverse=True)  # the most mentioned first
        cells = cell_texts(table, row)
        assert cells[0] == "DeepSeek" and cells[2] == str(sum(per_article.values()))
        assert cells[FIXED:] == [str(per_article[i]) if per_article[i] else "" for i in ids]
        assert screen.shown[row].keys == keys
        shown = screen_text(app)
        assert "Entities × articles" in shown and "DeepSeek" in shown
        assert short_title(screen.matrix.articles[0].title)[:12] in shown  # the legend names the columns
        assert f"{len(screen.shown)} entities × 5 articles" in shown


async def test_f_shows_names_only_then_figures_and_dates_only(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_matrix(app, pilot)
        everything = len(screen.shown)
        await pilot.press("f")
        await wait_until(pilot, lambda: screen.kind == "names")
        assert screen.shown and all(group.value is None for group in screen.shown)
        assert "names only" in screen_text(app)
        await pilot.press("f")
        await wait_until(pilot, lambda: screen.kind == "figures")
        values = [group.value for group in screen.shown]
        assert all(values) and "2024-01" in values and "2025-01" in values
        assert len(screen.shown) + len([g for g in screen.matrix.groups if g.value is None]) == everything
        assert screen.query_one(DataTable).row_count == len(screen.shown)
        await pilot.press("f")
        await wait_until(pilot, lambda: len(screen.shown) == everything)


async def test_enter_reads_the_article_with_the_entity_chosen_at_its_first_mention(demo_db_path):
    from gegenlesen.storage.corrections import correct
    from gegenlesen.storage.db import open_database

    db = open_database(demo_db_path)
    correct(db, "DeepSeek", "ORG", "test")  # in every article, whatever the model finds
    db.close()
    keys, per_article = stored_mentions(demo_db_path, "DeepSeek")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panes = list(app.screen.query(ArticlePane))
        panes[1].view.focus()  # the focused pane is the one that changes
        reader = app.screen
        screen = await open_matrix(app, pilot)
        assert screen.query_one(DataTable).cursor_coordinate == (0, FIXED)  # article 1
        row = next(i for i, group in enumerate(screen.shown) if group.name == "DeepSeek")
        await pilot.press(*["j"] * row, "l", "l", "l")  # DeepSeek, article 4 (j k h l move as arrows do)
        assert "DeepSeek · " in screen_text(app) and "article 4: " in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is reader)
        document = panes[1].document
        assert document.article.id == 4 and panes[0].document.article.id == 1
        assert app.focused is panes[1].view
        assert reader.chosen is not None and reader.chosen.name == "DeepSeek" and "name:deepseek" in reader.chosen.keys
        assert panes[0].view.chosen_keys and panes[1].view.chosen_keys  # emphasised in every pane
        first = min(e.start for e in document.entities if e.key in keys)
        assert panes[1].view.cursor == document.sentence_at(first)
        assert f"DeepSeek: {per_article[4]} mention{'s' * (per_article[4] != 1)} here" in notices(app)


async def test_a_blank_cell_says_so_and_escape_changes_nothing(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.screen
        before = [pane.document.article.id for pane in reader.query(ArticlePane)]
        screen = await open_matrix(app, pilot)
        row = next(i for i, g in enumerate(screen.shown) if len(g.per_article) < 5)
        group = screen.shown[row]
        missing = next(column.id for column in screen.matrix.articles if column.id not in group.per_article)
        screen.query_one(DataTable).cursor_coordinate = (row, FIXED + missing - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert f"Article {missing} does not mention" in notices(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reader)
        assert [pane.document.article.id for pane in reader.query(ArticlePane)] == before
        assert reader.chosen is None


def test_cells_are_text_never_markup_and_blank_for_none():
    from gegenlesen.corpus.entities import EntityGroup
    from gegenlesen.storage.overview import ArticleColumn

    group = EntityGroup("name:[bold]x", "ORG", "[bold]x\x1b[31m", Counter({1: 3, 2: 1}), {"name:[bold]x"})
    columns = [ArticleColumn(1, "a", "a"), ArticleColumn(2, "b", "b"), ArticleColumn(3, "c", "c")]
    cells = entity_cells(group, columns, {"ORG": "#3d9df3"})
    assert cells[0].plain == "[bold]x␛[31m"
    assert [getattr(cell, "plain", cell) for cell in cells[2:]] == ["4", "3", "1", ""]
    assert cells[3].style.bold and cells[4].style.dim


def test_a_large_corpus_shows_the_articles_with_the_most_mentions_in_their_order():
    from gegenlesen.corpus.entities import EntityGroup
    from gegenlesen.storage.overview import ArticleColumn, EntityMatrix
    from gegenlesen.tui.screens.matrix import busiest_columns

    columns = [ArticleColumn(i, f"t{i}", f"s{i}") for i in range(1, 6)]
    one = EntityGroup("org:a", "ORG", "A", Counter({1: 1, 4: 5, 5: 2}), {"org:a"})
    two = EntityGroup("org:b", "ORG", "B", Counter({2: 3, 5: 1}), {"org:b"})
    limited = busiest_columns(EntityMatrix(columns, [one, two]), limit=3)
    assert [column.id for column in limited.articles] == [2, 4, 5]
    assert limited.groups == [one, two]  # counts in every article kept
    assert busiest_columns(EntityMatrix(columns, [one]), limit=5).articles == columns
