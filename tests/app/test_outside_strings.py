"""Strings from outside (sources, titles, annotators, notes, codebooks, colours) are data on
screen: shown literally, never markup, no control character sent to the terminal (issue 17)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import TextArea

from gegenlesen.storage import articles, claims
from gegenlesen.storage.db import open_database, write
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.help import HelpScreen
from gegenlesen.tui.screens.note import NoteScreen
from gegenlesen.tui.widgets.article_pane import ArticlePane
from gegenlesen.tui.widgets.claims_pane import ClaimsPane

from .helpers import notices, screen_text, stored_claims, wait_until
from .hostile import OSC_CLIPBOARD, OSC_TITLE, stray_controls, use_hostile_codebook

WIDE = (200, 50)


def change_db(path, change):
    db = open_database(path)
    try:
        with write(db):
            change(db)
    finally:
        db.close()


async def started(app, pilot):
    await wait_until(pilot, lambda: bool(app.screen.query(ClaimsPane)) and "in view" in screen_text(app))
    await pilot.pause()


def rename(path, **sources_and_titles):
    """Give the first articles (in reading order) these sources and titles."""
    def change(db):
        for article_id, (source, title) in zip(articles.current_ids(db), sources_and_titles.values()):
            db.execute("UPDATE articles SET source = ?, title = ? WHERE id = ?", [source, title, article_id])
    change_db(path, change)


# -- 2: source names and titles are not markup --------------------------------------------

async def test_a_source_with_markup_shows_literally_even_as_the_first_article(demo_db_path):
    rename(demo_db_path, first=("[link=http:x]q.txt", "[@click=app.quit]z[/]"), second=("Notiz [Entwurf].md", "Zweiter"))
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await wait_until(pilot, lambda: len(app.screen.query(ArticlePane)) >= 2)  # the demo opens two panes
        shown = screen_text(app)
        assert "[link=http:x]q.txt" in shown
        assert "Notiz [Entwurf].md" in shown
        assert "[@click=app.quit]z[/]" in shown
        first = app.screen.query(ArticlePane).first()
        await pilot.click(first, offset=(4, 0))  # on the border title: no action behind it
        await pilot.click(first, offset=(8, 1))  # on the title
        await pilot.pause()
        assert app.is_running
        # Analysis names the source it is at in the activity line.
        app.screen.activity = f"analysing 1/2 · [link=http:x]q.txt{OSC_TITLE} "
        await pilot.pause()
        assert "analysing 1/2 · [link=http:x]q.txt␛]0;PWNED␛\\" in screen_text(app)
        assert not stray_controls(app)


# -- 3: annotator names and codebook labels -----------------------------------------------

async def test_an_annotator_with_markup_starts_the_reader_and_shows_literally(demo_db_path):
    app = create_app(demo_db_path, annotator="[link=x:y]anno[/link]")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("C", "a")  # only my claims: the name is in the pane's subtitle too
        pane = app.screen.query_one(ClaimsPane)
        await wait_until(pilot, lambda: "only" in Content.from_markup(pane.border_subtitle).plain)
        assert "only [link=x:y]anno[/link]" in Content.from_markup(pane.border_subtitle).plain
        assert "· [link=x:y]anno[/link]" in screen_text(app)


async def test_a_codebook_label_with_markup_works_with_its_digit_key(demo_db_path):
    change_db(demo_db_path, lambda db: use_hostile_codebook(db, "[link=x:y]Fakt[/link]", "[bold]d[/bold]"))
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("c", "1")
        await pilot.pause()
        assert stored_claims(demo_db_path)[0].type == "fact"
        await wait_until(pilot, lambda: "#1: [link=x:y]Fakt[/link]" in screen_text(app))  # the toast
        assert app.is_running


async def test_imported_annotator_names_are_visible_and_shortened(demo_db_path):
    name = f"evil{OSC_TITLE}\nname" + "x" * 600

    def tag(db):
        article_id = articles.current_ids(db)[0]
        claims.add_claim(db, article_id, 0, 40, name)
    change_db(demo_db_path, tag)
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        shown = screen_text(app)
        assert "evil␛]0;PWN…" in shown and "x" * 20 not in shown
        assert not stray_controls(app)


# -- 4: colours Rich takes and Textual does not -------------------------------------------

async def test_colours_textual_cannot_parse_are_named_and_the_reader_starts(demo_db_path, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_COLORS", "ORG=bright_red,PER=RED,CLAIM=default,MISC=color(200),LOC=grey100,DATE=#00ff00")
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await wait_until(pilot, lambda: "GEGENLESEN_COLORS" in screen_text(app))  # the toast
        said = notices(app)
        for entry in ("ORG=bright_red", "PER=RED", "CLAIM=default", "MISC=color(200)", "LOC=grey100"):
            assert entry in said
        assert "DATE=#00ff00" not in said and app.label_colors["DATE"] == "#00ff00"


# -- 1: escapes in notes and codebook labels never reach the terminal ---------------------

def noted(path, note):
    def tag(db):
        article_id = articles.current_ids(db)[0]
        claim = claims.add_claim(db, article_id, 0, 40, "anna")
        claims.update_claim(db, claim.id, "anna", note=note)
    change_db(path, tag)


async def test_the_note_editor_shows_escapes_as_symbols_and_stores_none(demo_db_path):
    note = f"vorher {OSC_TITLE}{OSC_CLIPBOARD}\x07 nachher"
    noted(demo_db_path, note)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        assert not stray_controls(app)  # the claims pane's note line
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.pause()
        assert not stray_controls(app)
        area = app.screen.query_one(TextArea)
        assert "\x1b" not in area.text and "␛]0;PWNED␛\\" in area.text
        await pilot.press("ctrl+s")  # unchanged: the stored note stays as it was
        await pilot.pause()
        assert stored_claims(demo_db_path)[0].note == note
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen))
        app.screen.query_one(TextArea).insert("\x1b]0;again\x07!")  # pasted or typed
        await pilot.pause()
        assert not stray_controls(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        kept = stored_claims(demo_db_path)[0].note
        assert "\x1b" not in kept and "\x07" not in kept and "␛]0;again␇!" in kept


async def test_the_help_screen_shows_codebook_escapes_as_symbols(demo_db_path):
    change_db(demo_db_path, lambda db: use_hostile_codebook(db, f"Fakt{OSC_CLIPBOARD}", f"Beschreibung{OSC_TITLE}\x07"))
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        assert not stray_controls(app)
        assert "Fakt␛]52;c;Tk9URQ==␛\\" in screen_text(app)


async def test_a_change_by_an_annotator_with_a_hostile_name_is_reported_safely(demo_db_path):
    """The name of whoever changed a claim meanwhile (from an import, any length) is quoted."""
    noted(demo_db_path, "")
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        name = f"[link=x:y]evil[/link]{OSC_TITLE}\n" + "x" * 600
        change_db(demo_db_path, lambda db: claims.update_claim(db, 1, name, verdict="false"))
        await pilot.press("t")  # the claim under the cursor, changed in another window
        await wait_until(pilot, lambda: "meanwhile" in notices(app))
        await pilot.pause(0.2)
        said = notices(app)
        assert "by [link=x:y]evil[/link]␛]0;PWNED␛\\ xxx" in said and "x" * 100 not in said
        assert "[link=x:y]evil" in screen_text(app)  # the toast, as written
        assert app.is_running and not stray_controls(app)


async def test_a_long_codebook_label_makes_a_short_notice(demo_db_path):
    change_db(demo_db_path, lambda db: use_hostile_codebook(db, "Fakt" + "x" * 600, "lang"))
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("c", "1")
        await wait_until(pilot, lambda: "Fakt" in notices(app))
        said = [n.message for n in app._notifications if "Fakt" in n.message]
        assert said and all(len(message) < 100 and message.endswith("…") for message in said)
        assert stored_claims(demo_db_path)[0].type == "fact"
