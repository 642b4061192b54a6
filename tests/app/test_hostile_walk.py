"""Every screen, with hostile strings in every field that comes from outside: no control
character of theirs reaches the terminal, and none of them is read as markup (issue 17)."""

from __future__ import annotations

import re
import time

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.pipeline import analyze
from gegenlesen.storage import articles, claims, corrections
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending
from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.claims_pane import ClaimsPane

from .helpers import screen_text, wait_until
from .terminal import AppProcess
from .hostile import HOSTILE, MARKUP, OSC_TITLE, stray_controls, use_hostile_codebook

ENTITY = f"Acme{OSC_TITLE}Holding"
"""An entity's text with an escape in it (made an ORG by a correction)."""


READER = "[link=x:y]anno[/link]"
"""The annotator of the app under test: markup, as a name may be."""


@pytest.fixture
def hostile_db(tmp_path, pipeline):
    """Two analysed articles, a claim, a note, a codebook and an entity, all hostile."""
    path = tmp_path / "hostile.db"
    db = open_database(path)
    ids = []
    for number in (1, 2):
        text = (
            f"Die Firma {ENTITY} meldet am 3. März 2024 einen Gewinn von 5 Millionen Euro {MARKUP}. "
            f"Angela Merkel sagte in Berlin: {HOSTILE} Nummer {number}.\n"
            "Siemens verlor 12 Prozent in Deutschland."
        )
        article_id, _ = articles.add_article(db, Article(f"{HOSTILE}.txt", text, given_title=HOSTILE))
        ids.append(article_id)
    use_hostile_codebook(db, HOSTILE, HOSTILE)
    corrections.correct(db, ENTITY, "ORG", HOSTILE)
    analyse_pending(db, lambda text, published: analyze(text, pipeline, published))
    for article_id in ids:
        start, end = articles.sentences(db, article_id)[0]
        for annotator in (HOSTILE, READER):  # the reader's own claim beside a hostile annotator's
            claim = claims.add_claim(db, article_id, start, end, annotator, type="fact")
            claims.update_claim(db, claim.id, annotator, note=HOSTILE, verdict=HOSTILE if annotator == HOSTILE else "false")
    db.close()
    return path


def assert_safe(app, where: str, literal: bool = True) -> None:
    assert app.is_running, where
    assert not stray_controls(app), f"{where}: control characters reach the terminal"
    if literal:
        assert MARKUP in screen_text(app), f"{where}: {MARKUP} is not shown literally"


# (key, what the screen is, whether it shows one of the hostile strings)
SCREENS = [
    ("question_mark", "help", True),
    ("L", "library", True),
    ("X", "conflicts", False),
    ("M", "matrix", True),
    ("T", "timeline", True),
    ("ctrl+e", "export dialog", False),
    ("I", "import dialog", False),
    ("ctrl+p", "command palette", True),
    ("E", "correction", True),
    ("m", "note editor", True),
    ("l", "link dialog", True),
    ("A", "two annotators compared", True),
    ("K", "agreement", False),
]


async def test_every_screen_shows_hostile_strings_as_data(hostile_db):
    app = create_app(hostile_db, annotator=READER)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ClaimsPane)) and "in view" in screen_text(app))
        await pilot.pause()
        assert_safe(app, "reader")
        for key, what in (("C", "claims pane"), ("e", "entities pane")):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert_safe(app, what)
        assert "Acme␛]0;PWN" in screen_text(app)  # the entity, in the entities pane
        await pilot.press("escape", "escape")
        reader = app.screen
        for key, what, shows in SCREENS:
            reader.panes[0].view.focus()
            await pilot.pause()
            await pilot.press(key)
            await wait_until(pilot, lambda: app.screen is not reader)
            await pilot.pause(0.3)
            if what == "command palette":  # the codebook's types are commands
                await pilot.press(*"Set the claim")
                await wait_until(pilot, lambda: "Set the claim's type: " in screen_text(app))
            assert_safe(app, what, literal=shows)
            for _ in range(4):  # escape closes each (the palette, the correction's steps)
                if app.screen is reader:
                    break
                await pilot.press("escape")
                await pilot.pause(0.1)
            assert app.screen is reader, what
        assert_safe(app, "reader, at the end")


def test_a_real_terminal_is_sent_no_escape_from_the_data(hostile_db):
    """The bytes a real gegenlesen writes to its terminal, through the reader, the claims
    pane, the note editor and help: the data's escapes arrive only as symbols."""
    app = AppProcess("--db", str(hostile_db), "--annotator", READER)
    try:
        app.read_until("in view")
        # C, then a: only this annotator's claims (a hostile annotator's claim is first on the span)
        for key, shows in (("C", "✎"), ("a", None), ("m", "ctrl+s keeps the note"), ("\x1b", None), ("?", "escape closes")):
            app.press(key)
            if shows:
                app.read_until(shows)
            else:  # a lone escape is told from the start of a sequence by a pause
                time.sleep(0.5)
        time.sleep(0.5)
        app.read_until("")  # what came meanwhile
    finally:
        app.kill()
    output = app.output
    assert "␛]0;PWNED␛\\" in output and "␛]52;c;Tk9URQ==␛\\" in output  # shown, as symbols
    assert "\x1b]0;PWNED" not in output and "\x1b]52;c;" not in output
    osc = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
    assert {sequence[:5] for sequence in osc.findall(output)} <= {"\x1b]22;"}  # Textual's own: the pointer's shape
    assert "\x07" not in osc.sub("", output)
    assert MARKUP in output
