"""Several annotators on one database file: each judges their own claim on a sentence, the
claims pane lists and colours them by annotator, A compares two, K reports agreement and curates."""

from __future__ import annotations

from gegenlesen.storage.db import open_database
from gegenlesen.tui.app import create_app
from gegenlesen.tui.screens.agreement import AgreementScreen
from gegenlesen.tui.screens.compare_annotators import CompareAnnotatorsScreen
from gegenlesen.tui.widgets.claims_pane import ClaimsList, ClaimsPane

from .helpers import notices, screen_text, stored_claims, wait_until

WIDE = (160, 48)


async def started(app, pilot):
    await wait_until(pilot, lambda: bool(app.screen.query(ClaimsPane)) and "in view" in screen_text(app))
    await pilot.pause()


def by_annotator(path) -> dict[str, list]:
    found: dict[str, list] = {}
    for claim in stored_claims(path):
        found.setdefault(claim.annotator, []).append(claim)
    return found


async def test_two_annotators_judge_the_same_sentence_each_on_their_own_claim(demo_db_path):
    anna = create_app(demo_db_path, annotator="anna")
    async with anna.run_test(size=WIDE) as pilot:
        await started(anna, pilot)
        await pilot.press("c", "t")  # true
    ben = create_app(demo_db_path, annotator="ben")
    async with ben.run_test(size=WIDE) as pilot:
        await started(ben, pilot)
        await pilot.press("t")  # on anna's claim: refused, it stays as she judged it
        assert "is anna's" in notices(ben)
        await pilot.press("c")
        await pilot.pause()
        assert "yours beside anna's" in notices(ben)
        await pilot.press("t", "t", "2")  # ben's own claim: mostly true, then misleading; a type
        claims = by_annotator(demo_db_path)
        (mine,), (hers,) = claims["ben"], claims["anna"]
        assert (mine.start, mine.end) == (hers.start, hers.end)
        assert (hers.verdict, hers.type, hers.modified_by) == ("true", None, "anna")
        assert mine.verdict == "mostly true" and mine.type is not None
        await pilot.press("x")  # deletes ben's claim, not anna's
        await pilot.pause()
        assert set(by_annotator(demo_db_path)) == {"anna"}
        await pilot.press("u")  # ben's undo brings his back
        await pilot.pause()
        assert [c.verdict for c in by_annotator(demo_db_path)["ben"]] == ["mostly true"]
    anna = create_app(demo_db_path, annotator="anna")
    async with anna.run_test(size=WIDE) as pilot:
        await started(anna, pilot)
        await pilot.press("t")  # anna's keys act on her claim, though ben's is on the same span
        await pilot.pause()
        claims = by_annotator(demo_db_path)
        assert claims["anna"][0].verdict == "mostly true" and claims["ben"][0].verdict == "mostly true"
        await pilot.press("u", "u", "u")  # anna's undos take back only her own work
        await pilot.pause()
        assert set(by_annotator(demo_db_path)) == {"ben"}


async def test_the_claims_pane_chooses_whose_claims_it_lists_and_colours_each_annotator(demo_db_path):
    for name, keys in (("ben", ("c",)), ("cleo", ("j", "c")), ("anna", ("j", "j", "c"))):
        app = create_app(demo_db_path, annotator=name)
        async with app.run_test(size=WIDE) as pilot:
            await started(app, pilot)
            await pilot.press(*keys)
            await pilot.pause()
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("C")
        claims = app.screen.query_one(ClaimsList)
        await wait_until(pilot, lambda: claims.has_focus)
        colors = claims.name_colors
        assert len({colors["anna"], colors["ben"], colors["cleo"]}) == 3
        shown = []
        for _ in range(4):
            shown.append({claim.annotator for claim in claims.shown})
            await pilot.press("a")
        assert shown == [{"anna", "ben", "cleo"}, {"anna"}, {"ben"}, {"cleo"}]
        assert {claim.annotator for claim in claims.shown} == {"anna", "ben", "cleo"}  # round again
        row = claims.render_line(0)
        styles = [segment.style for segment in row if segment.text.strip() == claims.shown[0].annotator]
        assert styles and styles[0].color.name == colors[claims.shown[0].annotator]


async def test_a_compares_two_annotators_passage_by_passage_and_enter_reads_one(demo_db_path):
    ben = create_app(demo_db_path, annotator="ben")
    async with ben.run_test(size=WIDE) as pilot:
        await started(ben, pilot)
        await pilot.press("c", "t", "t", "t", "t", "j", "j", "c")  # false; a second claim only ben made
    anna = create_app(demo_db_path, annotator="anna")
    async with anna.run_test(size=WIDE) as pilot:
        await started(anna, pilot)
        await pilot.press("c", "t", "A")  # true
        await wait_until(pilot, lambda: isinstance(anna.screen, CompareAnnotatorsScreen))
        await pilot.pause()
        screen = anna.screen
        assert (screen.left, screen.right) == ("anna", "ben")
        assert [(len(p.left), len(p.right), p.verdicts_differ) for p in screen.rows] == [(1, 1, True), (0, 1, False)]
        text = screen_text(anna)
        assert "≠" in text and "#1 untyped · true" not in text  # ids are per database: check by verdict
        assert "untyped · true" in text and "untyped · false" in text
        assert "2 passages: 1 tagged by both (verdicts differ in 1), 0 only by anna, 1 only by ben" in text
        await pilot.press("b")  # nobody else: ben stays on the right
        assert screen.right == "ben"
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: not isinstance(anna.screen, CompareAnnotatorsScreen))
        view = anna.screen.active_view
        (bens_second,) = [c for c in by_annotator(demo_db_path)["ben"] if c.verdict == "unchecked"]
        assert view.current_claim == bens_second.id


async def test_k_reports_agreement_and_curates_a_differing_verdict_which_u_takes_back(demo_db_path):
    for name, verdict_presses in (("ben", 4), ("anna", 1)):  # ben: false, anna: true
        app = create_app(demo_db_path, annotator=name)
        async with app.run_test(size=WIDE) as pilot:
            await started(app, pilot)
            await pilot.press("c", *["t"] * verdict_presses, "j", "j", "c")
    app = create_app(demo_db_path, annotator="lead")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen) and app.screen.report is not None)
        await pilot.pause()
        text = screen_text(app)
        assert "Agreement of anna, ben" in text and "verdicts" in text
        assert "Verdicts that differ: 1 passage" in text
        await pilot.press("2")  # ben's verdict, as the curated one
        await wait_until(pilot, lambda: app.screen.units and "false" in str(app.screen.units[0].claims["ben"].curated))
        db = open_database(demo_db_path)
        rows = db.execute("SELECT annotator, curated, curated_by FROM claims WHERE curated IS NOT NULL ORDER BY annotator").fetchall()
        assert rows == [("anna", "false", "lead"), ("ben", "false", "lead")]
        await pilot.press("u")
        await wait_until(pilot, lambda: app.screen.units and app.screen.units[0].claims["ben"].curated is None)
        assert db.execute("SELECT count(*) FROM claims WHERE curated IS NOT NULL").fetchone()[0] == 0
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"teils", "enter")
        await wait_until(pilot, lambda: app.screen.units and app.screen.units[0].claims["ben"].curated == "teils")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"unchecked", "enter")  # no verdict to curate: refused, in one line
        await wait_until(pilot, lambda: "Not curated" in notices(app))
        assert db.execute("SELECT DISTINCT curated FROM claims WHERE curated IS NOT NULL").fetchall() == [("teils",)]
        db.close()


async def test_k_with_one_annotator_says_what_it_needs(demo_db_path):
    app = create_app(demo_db_path, annotator="anna")
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("c", "K")
        await wait_until(pilot, lambda: "at least two annotators" in screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AgreementScreen)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareAnnotatorsScreen))
        await pilot.pause()
        assert "Comparing needs claims by two annotators; so far only anna has tagged claims" in screen_text(app)
