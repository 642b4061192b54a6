"""Entity highlights stay apart in every colour system a terminal may have (issue 12, item 7)."""

from __future__ import annotations

from rich.color import ColorSystem

from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.article_view import ArticleView

from .helpers import wait_until

LABELS = ["PER", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "DATE"]


async def highlight_colors(demo_db_path, system: ColorSystem) -> dict[str, tuple]:
    app = create_app(demo_db_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ArticleView)))
        app.console._color_system = system
        view = app.screen.query(ArticleView).first()
        view._styles.clear()
        found = {}
        for label in LABELS:
            normal, _ = view._label_styles(label)
            color = normal.bgcolor or normal.color
            found[label] = (normal.bgcolor is not None, color.downgrade(system).number if system != ColorSystem.TRUECOLOR
                            else color.triplet)
        return found


async def test_sixteen_colours_colour_the_words_and_keep_labels_apart(demo_db_path):
    found = await highlight_colors(demo_db_path, ColorSystem.STANDARD)
    assert not any(tinted for tinted, _ in found.values())  # a tint would be the same grey for all
    assert len({number for _, number in found.values()}) == len(LABELS)


async def test_256_colours_keep_the_tints_apart(demo_db_path):
    found = await highlight_colors(demo_db_path, ColorSystem.EIGHT_BIT)
    assert all(tinted for tinted, _ in found.values())
    assert len({number for _, number in found.values()}) == len(LABELS)
