"""Issue 12, item 3: in the link dialog the highlight starts on the existing link, and `r`
changes that link; on a proposal it says what to do and changes nothing."""

from __future__ import annotations

from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.linking import LinkScreen

from .helpers import notices, stored_claims, wait_until
from .test_crossreading import WIDE, stored


async def link_first_claim(app, pilot, demo_db_path):
    """Tag the cursor sentence of pane 1 and link it, with `l` and `p`, to the top proposal
    (a sentence of another article, tagged by linking): two claims, one link."""
    await pilot.pause()
    await pilot.press("c")
    await pilot.press("l")
    await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.proposals, seconds=15)
    await pilot.press("p")
    await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
    claims, made = stored(demo_db_path)
    assert len(claims) == 2 and [link.relation for link in made] == ["supports"]
    await pilot.press("l")
    await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.proposals, seconds=15)
    await pilot.pause(0.1)
    return made[0]


async def test_r_in_the_link_dialog_changes_the_existing_link_and_tags_nothing(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        link = await link_first_claim(app, pilot, demo_db_path)
        options = app.screen.query_one("#link-options")
        assert options.options[options.highlighted].id == f"link-{link.id}"  # the highlight starts on the link
        await pilot.press("r")
        await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
        claims, made = stored(demo_db_path)
        assert len(claims) == 2 and len(made) == 1
        assert made[0].id == link.id and made[0].relation == "contradicts"  # the next relation after supports
        assert "is now 'contradicts'" in notices(app)


async def test_r_on_a_proposal_says_what_to_do_and_changes_nothing(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await link_first_claim(app, pilot, demo_db_path)
        options = app.screen.query_one("#link-options")
        while not (options.options[options.highlighted].id or "").startswith("proposal-"):
            await pilot.press("j")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LinkScreen)
        assert "r changes an existing link" in notices(app) and "a related" in notices(app)
        claims, made = stored(demo_db_path)
        assert len(claims) == 2 and [link.relation for link in made] == ["supports"]
        await pilot.press("a")  # the key that links a proposal as related
        await wait_until(pilot, lambda: not isinstance(app.screen, LinkScreen))
        assert sorted(link.relation for link in stored(demo_db_path)[1]) == ["related", "supports"]


async def test_without_links_the_highlight_starts_on_the_first_proposal(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c", "l")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.proposals, seconds=15)
        options = app.screen.query_one("#link-options")
        assert options.options[options.highlighted].id == "proposal-0"
        assert len(stored_claims(demo_db_path)) == 1
