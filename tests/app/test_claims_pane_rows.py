"""The claims pane's rows: cut with an ellipsis, link marker and annotator always in view,
and the highlighted claim's note shown under the list (issue 12, item 10)."""

from __future__ import annotations

import pytest

from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim, update_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.links import add_link
from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.claims_pane import ClaimNote, ClaimsList

from .helpers import screen_text, wait_until

NOTE = (
    "Zahl prüfen: [bold]Quelle[/bold] ist das Statistische Bundesamt, Tabelle 12 von 2024, Seite 3; "
    "die Agentur nennt eine andere Zahl, und der Sprecher des Ministeriums wollte sie nicht bestätigen."
)


def add_long_linked_claim(path) -> int:
    """The longest sentence of article 1 as a claim with a note, a long type and verdict,
    linked to the first sentence of article 2; returns its id."""
    db = open_database(path)
    try:
        start, end = max(articles.sentences(db, 1), key=lambda span: span[1] - span[0])
        claim = add_claim(db, 1, start, end, "anna", type="attribution", verdict="unverifiable")
        update_claim(db, claim.id, "anna", note=NOTE, worthiness=3)
        other = add_claim(db, 2, *articles.sentences(db, 2)[0], "bert")
        add_link(db, claim.id, other.id, "contradicts", "anna")
        return claim.id
    finally:
        db.close()


def rows(claims: ClaimsList) -> list[str]:
    return [claims.render_line(y).text for y in range(claims.scrollable_content_region.height)]


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_a_cut_row_ends_in_an_ellipsis_and_keeps_links_and_annotator(demo_db_path, size):
    claim_id = add_long_linked_claim(demo_db_path)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("C")
        claims = app.screen.query_one(ClaimsList)
        await wait_until(pilot, lambda: claims.has_focus and claims.shown and claims.size.width)
        assert claims.claim.id == claim_id
        width = claims.scrollable_content_region.width
        first, second = rows(claims)[:2]
        assert len(first.rstrip()) <= width and len(second.rstrip()) <= width
        assert first.rstrip().endswith("…” ✎ ⇄1 anna"), first
        assert second.startswith(f"   #{claim_id} Attribution · unverifiable") and second.rstrip().endswith("…"), second
        other_first = rows(claims)[2]
        assert other_first.rstrip().endswith("⇄1 bert"), other_first
        shown = screen_text(app)
        for row in (first, second):
            assert row.rstrip() in shown


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_the_highlighted_claims_note_shows_under_the_list(demo_db_path, size):
    add_long_linked_claim(demo_db_path)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("C")
        claims = app.screen.query_one(ClaimsList)
        note = app.screen.query_one(ClaimNote)
        await wait_until(pilot, lambda: claims.has_focus and note.display and note.size.height)
        shown = " ".join(screen_text(app).split())
        assert "✎ Zahl prüfen: [bold]Quelle[/bold]" in shown  # literal: a note is data, not markup
        assert 1 <= note.size.height <= 4  # a rule above, at most three lines
        lines = [line.plain for line in note.render().split(allow_blank=True)]
        assert len(lines) == 3 and lines[-1].endswith("…")  # too long for three lines
        assert "nicht bestätigen" not in shown
        await pilot.press("j")  # the other claim has no note: the line goes away
        await wait_until(pilot, lambda: not note.display)
        assert "Zahl prüfen" not in screen_text(app)
        await pilot.press("k")
        await wait_until(pilot, lambda: note.display)
        assert "Zahl prüfen" in screen_text(app)
