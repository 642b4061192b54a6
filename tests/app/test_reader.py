"""The reader driven by its keys: what is shown, what is stored."""

from __future__ import annotations

from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles
from gegenlesen.tui.actions import CATALOGUE
from gegenlesen.tui.app import PALETTE_SCOPES, create_app
from gegenlesen.tui.screens.help import HelpScreen
from gegenlesen.tui.screens.reader import ReaderScreen
from gegenlesen.tui.widgets.article_pane import ArticlePane
from gegenlesen.tui.widgets.article_view import ArticleView
from gegenlesen.tui.widgets.entities_pane import EntitiesPane

from .helpers import notices, screen_text, view_lines, wait_until

WIDE = (160, 48)


async def test_opens_three_articles_side_by_side_with_titles(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        panes = app.screen.query(ArticlePane)
        assert len(panes) == 3
        shown = screen_text(app)
        assert "gegenlesen — 5 articles · 3 panes" in shown
        for number, pane in enumerate(panes, 1):
            article = pane.document.article
            assert f" {number}  {article.title[:10]}" in shown
            assert pane.border_title == article.source
            assert article.source[:12] in shown
        assert " 678 w" in shown and " 2.0k w" in shown
        first_words = panes[0].document.article.text.split()[:4]
        assert " ".join(first_words) in "\n".join(view_lines(panes[0].view))


async def test_sentence_cursor_moves_with_j_k_and_arrows(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        view = app.screen.query(ArticleView).first()
        assert app.focused is view and view.cursor == 0
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k", "up")
        assert view.cursor == 1
        start, _ = view.document.sentences[1]
        line = view.line_of(start) - round(view.scroll_offset.y)
        assert view.render_line(line).text.startswith("▌")


async def test_brackets_change_the_article_in_the_focused_pane(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        pane = app.screen.query(ArticlePane).first()
        assert pane.document.article.id == 1
        await pilot.press("right_square_bracket")
        assert pane.document.article.id == 4  # 2 and 3 are in the other panes already
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert pane.document.article.id == 5  # 1, then around the end to 5
        assert pane.document.article.text.split()[0] in "\n".join(view_lines(pane.view))


async def test_plus_and_minus_add_and_remove_panes(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        await pilot.press("plus")
        await pilot.pause()
        panes = app.screen.query(ArticlePane)
        assert len(panes) == 4
        assert panes[3].document.article.id == 4  # the first article not yet shown
        assert app.focused is panes[3].view
        await pilot.press("plus")
        assert len(app.screen.query(ArticlePane)) == 4  # at most four
        await pilot.press("minus", "minus", "minus")
        await pilot.pause()
        assert len(app.screen.query(ArticlePane)) == 1
        await pilot.press("minus")
        assert len(app.screen.query(ArticlePane)) == 1  # the last pane stays
        assert "1 pane " in screen_text(app)


async def test_removing_a_pane_from_a_side_pane_updates_status_and_counts(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press("e", "minus")
        await pilot.pause()
        assert len(app.screen.query(ArticlePane)) == 3
        assert "3 panes" in screen_text(app)
        entities = app.screen.query_one(EntitiesPane)
        assert all(len(str(option.prompt).split()[-1].split("·")) == 3 for option in entities._options)


async def test_tab_moves_between_panes(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        views = list(app.screen.query(ArticleView))
        await pilot.press("tab")
        assert app.focused is views[1]
        await pilot.press("tab")
        assert app.focused is views[2]
        await pilot.press("shift+tab")
        assert app.focused is views[1]


async def test_choosing_an_entity_highlights_it_everywhere_and_n_jumps(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        await pilot.press("e")
        entities = app.screen.query_one(EntitiesPane)
        assert app.focused is entities
        assert entities.groups, "the demo corpus has entities"
        first_id = app.screen.query(ArticlePane).first().document.article.id
        target = next(g for g in entities.groups if g.per_article.get(first_id, 0) >= 2)
        entities.highlighted = entities.groups.index(target)
        await pilot.press("enter")
        await pilot.pause()
        screen: ReaderScreen = app.screen
        assert screen.chosen is target
        for view in app.screen.query(ArticleView):
            assert view.chosen_keys == frozenset(target.keys)
        await pilot.press("escape")
        view = app.screen.query(ArticleView).first()
        assert app.focused is view
        occurrences = [e.start for e in view.document.entities if e.key in target.keys]
        seen = []
        for _ in occurrences:
            await pilot.press("n")
            seen.append(view.cursor)
        expected = sorted({view.document.sentence_at(offset) for offset in occurrences})
        assert sorted(set(seen)) == expected
        await wait_until(pilot, lambda: f"{target.name}: 1 of {len(occurrences)} in pane 1" in notices(app))
        await pilot.press("N")
        assert view.cursor in expected
        await pilot.press("escape")
        assert screen.chosen is None


async def test_s_scrolls_panes_together(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        views = list(app.screen.query(ArticleView))
        await pilot.press("pagedown")
        await pilot.pause()
        assert views[0].scroll_y > 0 and views[1].scroll_y == 0
        await pilot.press("s")
        assert "scroll together" in screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert views[1].scroll_y > 0 and views[2].scroll_y > 0
        await pilot.press("s")
        position = views[1].scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert views[1].scroll_y == position


async def test_help_lists_every_binding(demo_db_path):
    from rich.console import Console

    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Next sentence" in screen_text(app)
        console = Console(width=100, record=True, file=open("/dev/null", "w"))
        console.print(app.screen.table)
        listed = console.export_text()
        for entry in CATALOGUE:
            if entry.in_help:
                assert entry.description in listed, entry.description
                assert entry.display_keys in listed, entry.display_keys
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_offers_every_action(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for entry in CATALOGUE:
            if entry.action != "app.command_palette" and entry.in_help and not entry.action.startswith("set_type") \
                    and entry.scope in PALETTE_SCOPES:  # the rest act only on their own pane or screen
                assert any(entry.description in title for title in titles), entry.description
        for claim_type in app.codebook.types:
            assert any(claim_type.label in title for title in titles), claim_type.label
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Add a pane")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert len(app.screen.query(ArticlePane)) == 4


async def test_footer_and_q_quit(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        footer = ("v select", "c claim", "1-9 type", "t verdict", "m note", "u undo", "] article", "e entities", "? help", "q quit")
        await wait_until(pilot, lambda: all(" ".join(word.split()) in " ".join(screen_text(app).split()) for word in footer))
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_markup_and_escape_sequences_in_articles_are_shown_literally(demo_db_path, demo_db):
    text = "[bold]Nicht fett[/bold] und [red]nicht rot[/] \x1b[31mkein Escape\x1b[0m.\nZweite Zeile."
    article_id, _ = articles.add_article(demo_db, Article("markup.txt", text))
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        pane = app.screen.query(ArticlePane).first()
        for _ in range(10):
            if pane.document.article.id == article_id:
                break
            await pilot.press("right_square_bracket")
        assert pane.document.article.id == article_id
        lines = "".join(view_lines(pane.view))
        assert "[bold]Nicht fett[/bold]" in lines
        assert "[red]nicht rot[/]" in lines
        assert "\x1b" not in lines and "␛[31mkein" in lines and "Escape␛[0m." in lines
        assert "[bold]Nicht fett" in screen_text(app)


async def test_reader_opens_on_an_empty_database(tmp_path):
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.library import seed_demo_corpus

    path = tmp_path / "empty.db"
    seed_demo_corpus(open_database(path), empty=True)
    app = create_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        await pilot.press("right_square_bracket", "plus", "e", "n")
        assert "0 articles" in screen_text(app)
        assert "no article" in screen_text(app)


async def test_narrow_terminal_collapses_the_side_panes_into_a_drawer(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        screen = app.screen
        assert len(screen.query(ArticlePane)) == 2
        assert not screen.query_one("#side").display
        await pilot.press("e")
        await pilot.pause()
        assert screen.query_one("#side").display
        assert app.focused is screen.query_one(EntitiesPane)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one("#side").display


async def test_tiny_terminal_stays_usable(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        assert len(app.screen.query(ArticlePane)) == 1
        assert "Als das neueste" in screen_text(app)
        await pilot.press("j", "pagedown", "plus", "right_square_bracket", "question_mark", "escape")
        await pilot.pause()
        visible = [pane for pane in app.screen.query(ArticlePane) if pane.display]
        assert len(visible) == 1 and visible[0].view is app.focused
        words = visible[0].document.article.text.split()
        assert any(word in screen_text(app) for word in words if len(word) > 6)


async def test_a_terminal_shrunk_below_60_columns_shows_the_active_pane_only(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        shown = [pane.number for pane in app.screen.query(ArticlePane) if pane.display]
        assert shown == [2]
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert all(pane.display for pane in app.screen.query(ArticlePane))


async def test_light_and_dark_themes_colour_every_cell(demo_db_path):
    from textual.color import Color

    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the first frame, as a user sees it before pressing a key
        for dark in (True, False):
            assert app.current_theme.dark is dark
            view = app.screen.query(ArticleView)[1]
            background = Color.from_rich_color(list(view.render_line(20))[-1].style.bgcolor)
            for y in range(view.size.height):
                for segment in view.render_line(y):
                    assert segment.style is not None and segment.style.bgcolor is not None
                    assert segment.style.color is not None
            assert (background.brightness < 0.5) is dark
            await pilot.press("ctrl+t")
            await pilot.pause()


async def test_the_next_start_opens_where_the_annotator_left_off(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "j", "j", "j", "tab", "minus")
        await pilot.pause()
        await pilot.press("q")
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panes = list(app.screen.query(ArticlePane))
        assert [pane.document.article.id for pane in panes] == [4, 3]
        assert panes[0].view.cursor == 3
    app = create_app(demo_db_path, annotator="bert")  # another annotator has their own
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert [pane.document.article.id for pane in app.screen.query(ArticlePane)] == [1, 2, 3]


async def test_an_article_open_in_two_panes_is_counted_once(demo_db_path, demo_db):
    from gegenlesen.storage.layout import PaneState, save_layout

    save_layout(demo_db, "annotator", [PaneState(1), PaneState(1), PaneState(2)])
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        entities = app.screen.query_one(EntitiesPane)
        document = app.screen.query(ArticlePane).first().document
        for group in entities.groups:
            mentions = sum(1 for e in document.entities if e.key in group.keys)
            assert group.per_article.get(1, 0) == mentions, group.name
        shown = str(entities.get_option_at_index(0).prompt).split()[-1].split("·")
        assert shown[0] == shown[1] == str(entities.groups[0].per_article.get(1, 0))


# -- the reader's state: one way to open an article, one read after a change ----------------


async def test_the_library_the_matrix_and_a_conflict_open_articles_one_way_and_the_layout_follows(demo_db_path):
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.layout import PaneState, load_layout
    from gegenlesen.tui.messages import ArticleOpened
    from gegenlesen.tui.screens.conflicts import ConflictsScreen
    from gegenlesen.tui.screens.library import LibraryScreen
    from gegenlesen.tui.screens.matrix import MatrixScreen

    from .test_library import listed

    opened: list[ArticleOpened] = []

    def hear(message) -> None:
        if isinstance(message, ArticleOpened):
            opened.append(message)

    def stored_layout() -> list[PaneState]:
        db = open_database(demo_db_path)
        try:
            return load_layout(db, "anna")
        finally:
            db.close()

    def shown(reader) -> list[PaneState]:
        return [PaneState(pane.document.article.id, pane.view.cursor) for pane in reader.panes]

    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE, message_hook=hear) as pilot:
        await pilot.pause()
        reader = app.screen
        reader.panes[2].view.focus()
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and listed(app))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.screen is reader and len(opened) == 1)
        assert opened[0].pane == 3 and opened[0].article_id == reader.panes[2].document.article.id
        await wait_until(pilot, lambda: stored_layout() == shown(reader))

        reader.panes[1].view.focus()
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MatrixScreen) and app.screen.shown)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is reader and len(opened) == 2)
        assert opened[1].pane == 2 and opened[1].article_id == reader.panes[1].document.article.id
        await wait_until(pilot, lambda: stored_layout() == shown(reader))

        await pilot.press("X")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictsScreen) and app.screen.flagged, seconds=15)
        conflict = app.screen.flagged[0].conflict
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen is reader and len(opened) == 4)
        assert [(m.pane, m.article_id) for m in opened[2:]] == [(1, conflict.a.article_id), (2, conflict.b.article_id)]
        # stored once the cursors are on the passages, not where the articles opened
        assert any(state.cursor for state in shown(reader)[:2])
        await wait_until(pilot, lambda: stored_layout() == shown(reader))


async def test_tagging_a_claim_reads_the_claims_in_view_once(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.screen.claims_pane is not None)
        await pilot.press("j")
        statements: list[str] = []
        app.db.conn.set_trace_callback(statements.append)
        try:
            await pilot.press("c")
            await pilot.pause()
        finally:
            app.db.conn.set_trace_callback(None)
        after = statements[statements.index("COMMIT") + 1:]
        assert len([s for s in after if "FROM claims" in s]) == 1, after
        reader = app.screen
        (claim,) = reader.claims_in_view.claims
        assert reader.panes[0].view.claims == [claim] and reader.claims_pane.list.claim == claim
        assert "1 claim in view" in screen_text(app)


async def test_adding_and_removing_a_pane_stores_the_layout_at_once(handmade_db_path):
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.layout import load_layout

    def stored() -> list[int]:
        db = open_database(handmade_db_path)
        try:
            return [pane.article_id for pane in load_layout(db, "anna")]
        finally:
            db.close()

    app = create_app(handmade_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = [pane.document.article.id for pane in app.screen.panes]
        await pilot.press("plus")
        await wait_until(pilot, lambda: len(app.screen.panes) == len(shown) + 1 and len(stored()) == len(shown) + 1)
        assert stored() == [pane.document.article.id for pane in app.screen.panes]
        app.screen.panes[0].view.focus()
        await pilot.pause()
        await pilot.press("minus")
        await wait_until(pilot, lambda: stored() == [pane.document.article.id for pane in app.screen.panes])
        assert len(stored()) == len(shown)
