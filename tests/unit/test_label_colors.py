"""Label colours stay apart in 256 and 16 colours, dark and light (issue 12, item 7).

A terminal with 256 colours (tmux's default) or 16 shows each colour as the nearest one
of its palette; rich's `Color.downgrade` is what Textual uses to pick it. Every label
(labels given one colour on purpose count as one) must still differ from every other,
in each place its colour is drawn:

- the highlight under an entity: the label colour blended into the background
  (`ArticleView._label_styles`), with the claim colour as text over it;
- a chosen entity, the legend and the values line: the label colour itself, under
  black or contrasting text, or as text on the background.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from rich.color import ColorSystem
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from gegenlesen.tui.labels import CLAIM_COLOR, LABEL_COLORS

TINT = 0.35
"""How much of a label colour the highlight blends into the background (ArticleView)."""
CURSOR_TINT = 0.08
"""How much of the text colour tints the cursor sentence (ArticleView)."""
THEMES = ["textual-dark", "textual-light"]
SYSTEMS = {"256 colours": ColorSystem.EIGHT_BIT, "16 colours": ColorSystem.STANDARD}
BLACK = Color(0, 0, 0)
SHARED = {"CARDINAL", "QUANTITY"}
"""Labels that share one colour on purpose: plain numbers."""


def shown(color: Color, system: ColorSystem) -> int:
    """The palette entry a terminal with `system` shows for `color`."""
    return color.rich_color.downgrade(system).number


def background(theme: str) -> Color:
    return Color.parse(BUILTIN_THEMES[theme].to_color_system().generate()["background"])


def cursor_background(theme: str) -> Color:
    return background(theme).blend(Color.parse(BUILTIN_THEMES[theme].foreground or "#e0e0e0"), CURSOR_TINT)


def colours() -> dict[str, Color]:
    """One entry per distinct colour of the table, named by its labels."""
    by_colour: dict[str, list[str]] = {}
    for label, value in LABEL_COLORS.items():
        by_colour.setdefault(value.lower(), []).append(label)
    return {"/".join(labels): Color.parse(value) for value, labels in by_colour.items()}


def clashes(named: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(a, b, named[a]) for a, b in combinations(named, 2) if named[a] == named[b]]


def test_only_plain_numbers_share_a_colour():
    assert [name for name in colours() if "/" in name] == ["/".join(sorted(SHARED, key=list(LABEL_COLORS).index))]


@pytest.mark.parametrize("system", SYSTEMS.values(), ids=SYSTEMS.keys())
def test_label_colours_and_the_claim_colour_stay_distinct(system):
    """Chosen entities, the legend and the values line draw the label colour itself."""
    named = {name: shown(color, system) for name, color in colours().items()}
    named["CLAIM"] = shown(Color.parse(CLAIM_COLOR), system)
    assert clashes(named) == []


@pytest.mark.parametrize("system", SYSTEMS.values(), ids=SYSTEMS.keys())
@pytest.mark.parametrize("theme", THEMES)
def test_label_colours_stand_out_from_the_background_and_their_text(theme, system):
    ground = shown(background(theme), system)
    for name, color in colours().items():
        assert shown(color, system) != ground, name  # a chosen entity; a figure in the values line
        assert shown(color, system) != shown(BLACK, system), name  # the legend: black on the colour
        assert shown(color.get_contrast_text(1.0), system) != shown(color, system), name  # a chosen entity's text


@pytest.mark.parametrize("theme", THEMES)
def test_highlights_stay_distinct_in_256_colours(theme):
    system = ColorSystem.EIGHT_BIT
    tints = {name: shown(background(theme).blend(color, TINT), system) for name, color in colours().items()}
    assert clashes(tints) == []
    around = {
        "background": shown(background(theme), system),
        "cursor sentence": shown(cursor_background(theme), system),
        "claim text": shown(Color.parse(CLAIM_COLOR), system),
    }
    assert [(name, what) for name, tint in tints.items() for what, value in around.items() if tint == value] == []


@pytest.mark.parametrize("system", SYSTEMS.values(), ids=SYSTEMS.keys())
@pytest.mark.parametrize("theme", THEMES)
def test_the_claim_colour_shows_on_the_background(theme, system):
    claim = shown(Color.parse(CLAIM_COLOR), system)
    assert claim not in {shown(background(theme), system), shown(cursor_background(theme), system)}
