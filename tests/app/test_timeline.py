"""The timeline (T): every date in date order, same dates together, and reading a row."""

from __future__ import annotations

from textual.widgets import DataTable

from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.overview import DatedRow, date_order, timeline
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.timeline import TimelineScreen, around_date, how_said
from gegenlesen.tui.widgets.article_pane import ArticlePane

from .helpers import screen_text, wait_until

WIDE = (160, 48)


def tag(path, article_id: int, words: str) -> int:
    """Tag the sentence holding `words` as a claim, with a connection of its own."""
    db = open_database(path)
    try:
        text = articles.get_article(db, article_id).text
        at = text.index(words)
        start, end = next((s, e) for s, e in articles.sentences(db, article_id) if s <= at < e)
        return add_claim(db, article_id, start, end, "anna").id
    finally:
        db.close()


def cell_texts(table: DataTable, row: int) -> list[str]:
    return [getattr(cell, "plain", cell) for cell in table.get_row_at(row)]


async def open_timeline(app, pilot) -> TimelineScreen:
    await pilot.pause()
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.rows)
    return app.screen


def stored_timeline(path) -> list[DatedRow]:
    db = open_database(path)
    try:
        return timeline(db)
    finally:
        db.close()


async def test_t_lists_the_dates_in_order_with_their_wording_and_claims(demo_db_path):
    claim = tag(demo_db_path, 4, "Ende Januar 2025")
    stored = stored_timeline(demo_db_path)
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_timeline(app, pilot)
        table = screen.query_one(DataTable)
        rows = [cell_texts(table, index) for index in range(table.row_count)]
        assert [row[0] for row in rows] == [
            "│" if at and stored[at - 1].iso == date.iso else date.iso for at, date in enumerate(stored)
        ]
        january_2024 = rows[next(at for at, date in enumerate(stored) if date.surface == "Januar 2024")]
        late_january_2025 = rows[next(at for at, date in enumerate(stored) if date.surface == "Ende Januar 2025")]
        assert january_2024[2] == "month" and january_2024[3] == "3" and january_2024[5] == ""
        assert "Januar 2024" in january_2024[6]
        assert late_january_2025[2] == "month, late" and late_january_2025[3] == "4"
        assert late_january_2025[5] == f"#{claim}" and "Ende Januar 2025" in late_january_2025[6]
        assert not any(date.iso.startswith("P") for date in stored)  # durations are no dates
        shown = screen_text(app)
        assert "2024-01" in shown and "2025-01" in shown and "month, late" in shown
        distinct = len({date.iso for date in stored})
        assert f"{len(stored)} dates · {distinct} distinct values" in shown


async def test_enter_reads_the_sentence_of_the_date_in_the_focused_pane(demo_db_path):
    row = next(at for at, date in enumerate(stored_timeline(demo_db_path)) if date.surface == "Januar 2024")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.screen
        panes = list(reader.query(ArticlePane))
        panes[2].view.focus()
        await open_timeline(app, pilot)
        for _ in range(row):
            await pilot.press("j")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is reader)
        document = panes[2].document
        assert document.article.id == 3 and app.focused is panes[2].view
        text = document.article.text
        assert panes[2].view.cursor == document.sentence_at(text.index("Januar 2024"))
        assert [pane.document.article.id for pane in panes[:2]] == [1, 2]


async def test_a_dated_claim_opens_with_the_claim_current_and_c_shows_claims_only(demo_db_path):
    claim = tag(demo_db_path, 4, "Ende Januar 2025")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.screen
        screen = await open_timeline(app, pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: len(screen.rows) == 1)
        assert "1 dated claims" in screen_text(app) or "1 dated claim" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is reader)
        pane = reader.query(ArticlePane).first()
        assert pane.document.article.id == 4
        assert pane.view.current_claim == claim
        text = pane.document.article.text
        assert pane.view.cursor == pane.document.sentence_at(text.index("Ende Januar 2025"))


async def test_escape_goes_back_without_changing_the_panes(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.screen
        before = [(pane.document.article.id, pane.view.cursor) for pane in reader.query(ArticlePane)]
        await open_timeline(app, pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reader)
        assert [(pane.document.article.id, pane.view.cursor) for pane in reader.query(ArticlePane)] == before


def row(context: str, surface: str, **value) -> DatedRow:
    start = context.index(surface)
    return DatedRow(iso=value.get("iso", "2025-01"), granularity=value.get("granularity", "month"),
                    qualifier=value.get("qualifier"), year_assumed=value.get("year_assumed", False),
                    article_id=1, start=100 + start, end=100 + start + len(surface), surface=surface,
                    context=context, context_start=100)


def test_the_sentence_is_cut_around_the_date_and_stays_text():
    long = "[bold]Vorher " + "viele Wörter " * 20 + "im Januar 2025\x1b[31m danach " + "noch mehr " * 20
    text = around_date(row(long, "Januar 2025"), "bold", width=60)
    assert "Januar 2025" in text.plain and len(text.plain) <= 60
    assert text.plain.startswith("…") and text.plain.endswith("…")
    assert "␛[31m" in text.plain
    assert [text.plain[s.start:s.end] for s in text.spans] == ["Januar 2025"]
    whole = around_date(row(long, "Januar 2025"), "bold", width=None)
    assert whole.plain.startswith("[bold]Vorher") and "\n" not in whole.plain
    assert how_said(row("am 30. Januar", "30. Januar", iso="2025-01-30", granularity="day", year_assumed=True)) == (
        "day, year assumed"
    )
    assert how_said(row("Ende Januar 2025", "Ende Januar 2025", qualifier="late")) == "month, late"


def test_weekdays_of_an_unknown_week_have_no_year_and_come_last():
    def row(iso: str) -> DatedRow:
        return DatedRow(iso, "", None, False, 1, 0, 1, "x", "x", 0)

    rows = sorted([row("-W-1"), row("2025-01"), row("--01-30"), row("2023-Q4")], key=date_order)
    assert [r.iso for r in rows] == ["2023-Q4", "2025-01", "--01-30", "-W-1"]
    assert [r.has_year for r in rows] == [True, True, False, False]
