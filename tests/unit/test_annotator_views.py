"""tui.claim_list and tui.labels for several annotators: whose claims the pane lists, which
claim the keys act on, passages of two annotators side by side, and a colour for each."""

from __future__ import annotations

from textual.color import Color
from rich.color import ColorSystem
from textual.theme import BUILTIN_THEMES

from gegenlesen.storage.claims import Claim
from gegenlesen.tui.claim_list import next_annotator, own_claim, passages
from gegenlesen.tui.labels import ANNOTATOR_COLORS, annotator_colors


def claim(id: int, annotator: str, start: int, end: int, verdict: str = "unchecked") -> Claim:
    return Claim(id, 1, start, end, "quote", "", "", None, verdict, 1, "", "claim", 0, annotator, "t", "t", annotator)


def test_the_pane_goes_from_everybody_to_me_to_each_other_annotator_and_round():
    names = ["cleo", "anna", "ben"]
    seen, current = [], None
    for _ in range(5):
        current = next_annotator(current, "ben", names)
        seen.append(current)
    assert seen == ["ben", "anna", "cleo", None, "ben"]


def test_with_nobody_else_the_pane_toggles_between_everybody_and_me():
    assert next_annotator(None, "anna", []) == "anna"
    assert next_annotator("anna", "anna", ["anna"]) is None
    assert next_annotator("gone", "anna", ["anna"]) == "anna"  # someone no longer there: from the start


def test_the_keys_act_on_my_claim_where_several_annotators_tagged():
    theirs, mine, also_mine = claim(1, "anna", 0, 50), claim(2, "ben", 0, 50), claim(3, "ben", 10, 20)
    here = [theirs, mine, also_mine]
    assert own_claim(here, "ben", preferred=theirs.id) == mine  # on the same span as the one drawn current
    assert own_claim(here, "ben", preferred=also_mine.id) == also_mine
    assert own_claim(here, "ben") == mine
    assert own_claim(here, "cleo", preferred=theirs.id) is None
    assert own_claim([theirs, also_mine], "ben", preferred=theirs.id) == also_mine


def test_passages_pair_overlapping_claims_and_keep_one_sided_ones():
    left = [claim(1, "anna", 0, 50, "true"), claim(2, "anna", 100, 150, "false"), claim(5, "anna", 300, 320)]
    right = [claim(3, "ben", 10, 60, "false"), claim(4, "ben", 200, 250, "true"), claim(6, "ben", 300, 320)]
    found = passages(left, right)
    assert [(p.start, p.end, [c.id for c in p.left], [c.id for c in p.right]) for p in found] == [
        (0, 60, [1], [3]), (100, 150, [2], []), (200, 250, [], [4]), (300, 320, [5], [6]),
    ]
    assert [p.verdicts_differ for p in found] == [True, False, False, False]
    assert [p.verdicts_agree for p in found] == [False, False, False, False]  # unchecked is no verdict


def test_claims_that_only_touch_are_separate_passages():
    found = passages([claim(1, "anna", 0, 10, "true")], [claim(2, "ben", 10, 20, "true"), claim(3, "ben", 0, 10, "true")])
    assert [(p.start, p.end) for p in found] == [(0, 10), (10, 20)]
    assert found[0].verdicts_agree


def shown(color: str, system: ColorSystem) -> int:
    return Color.parse(color).rich_color.downgrade(system).number


def contrast(a: Color, b: Color) -> float:
    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_annotator_colours_stay_apart_in_256_colours():
    """TERM=xterm-256color without COLORTERM: each colour keeps a palette entry of its own."""
    entries = [shown(color, ColorSystem.EIGHT_BIT) for color in ANNOTATOR_COLORS]
    assert len(set(entries)) == len(entries)


def test_annotator_names_are_readable_on_the_dark_and_the_light_background():
    # 3:1 is WCAG's least for large text; a light theme's grey leaves mid colours a little less.
    for theme, least in (("textual-dark", 3.0), ("textual-light", 2.5)):
        palette = BUILTIN_THEMES[theme].to_color_system().generate()
        for name in ("background", "surface"):
            ground = Color.parse(palette[name])
            for color in ANNOTATOR_COLORS:
                assert contrast(Color.parse(color), ground) >= least, (theme, name, color)


def test_each_annotator_gets_a_colour_of_their_own_the_same_in_every_set():
    names = ["anna", "ben", "cleo", "dirk", "ella", "finn", "gina"]
    colors = annotator_colors(names)
    assert len(set(colors.values())) == len(names) == len(ANNOTATOR_COLORS)
    assert annotator_colors(["anna", "ben"]) == annotator_colors(["ben", "anna"])
    alone = {name: annotator_colors([name])[name] for name in names}
    pair = annotator_colors(["anna", "ben"])
    assert pair["anna"] == alone["anna"]  # the first by name always keeps their own
    assert len(set(pair.values())) == 2
