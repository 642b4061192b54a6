"""Issue 12, item 2, with the keys a user presses: `X` lists a contradiction once and not as
open once its claims are linked, and `c` there reuses a claim already on a sentence."""

from __future__ import annotations

from gegenlesen.storage import crossread, links
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.conflicts import ConflictsScreen

from .helpers import notices, screen_text, wait_until
from .test_crossreading import WIDE, stored


def prepare(path, tag):
    """Run `tag(db, conflict)` on the release-date contradiction before the app opens."""
    db = open_database(path)
    try:
        flagged = crossread.corpus_conflicts(db, crossread.load_corpus(db))
        tag(db, next(f for f in flagged if "2024-01" in f.conflict.describe()).conflict)
    finally:
        db.close()


def release_date_rows(screen: ConflictsScreen) -> list[tuple[int, str]]:
    """(index, what its row says) of each listed contradiction about the release date."""
    options = screen.query_one("#conflicts-options")
    return [(index, options.get_option(f"conflict-{index}").prompt.plain)
            for index, flagged in enumerate(screen.flagged) if "2024-01" in flagged.conflict.describe()]


async def open_conflicts(app, pilot) -> ConflictsScreen:
    await pilot.pause()
    await pilot.press("X")
    await wait_until(pilot, lambda: isinstance(app.screen, ConflictsScreen) and app.screen.flagged, seconds=15)
    return app.screen


async def test_x_lists_the_contradiction_once_and_claims_linked_with_l_are_not_open(demo_db_path):
    def tag_and_link(db, conflict):  # claims a little shorter than their sentences, linked as contradicting
        first = add_claim(db, conflict.a.article_id, conflict.a.start, conflict.a.end - 1, "anna")
        second = add_claim(db, conflict.b.article_id, conflict.b.start, conflict.b.end - 1, "anna")
        links.add_link(db, first.id, second.id, "contradicts", "anna")

    prepare(demo_db_path, tag_and_link)
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_conflicts(app, pilot)
        [(index, row)] = release_date_rows(screen)
        assert row.startswith("✓ contradicts") and screen.flagged[index].decision == "confirmed"
        open_count = sum(1 for f in screen.flagged if f.decision is None)
        assert f"Possible contradictions ({open_count} open of {len(screen.flagged)})" in screen_text(app)
        assert "claims you linked with l count as decided" in screen_text(app)


async def test_c_on_a_contradiction_reuses_the_claim_already_on_its_sentence(demo_db_path):
    tagged = []
    prepare(demo_db_path, lambda db, conflict: tagged.append(
        add_claim(db, conflict.a.article_id, conflict.a.start, conflict.a.start + 20, "anna")))  # part of the sentence
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_conflicts(app, pilot)
        [(index, row)] = release_date_rows(screen)
        assert row.startswith("?")
        options = screen.query_one("#conflicts-options")
        while options.options[options.highlighted].id != f"conflict-{index}":
            await pilot.press("j")
        await pilot.press("c")
        await wait_until(pilot, lambda: "Confirmed" in notices(app), seconds=15)
        claims, made = stored(demo_db_path)
        assert len(claims) == 2 and [link.relation for link in made] == ["contradicts"]
        assert tagged[0].id in {made[0].claim_a, made[0].claim_b}  # the claim on the sentence, not a second one
        assert len({(c.article_id, c.start) for c in claims}) == 2
