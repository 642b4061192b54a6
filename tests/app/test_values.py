"""The reader says what each figure and date in the cursor sentence was understood to mean."""

from __future__ import annotations

from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.article_pane import ArticlePane, values_line

from .helpers import screen_text

WIDE = (160, 48)


async def test_the_cursor_sentence_shows_its_normalised_amount(demo_db_path):
    app = create_app(demo_db_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        pane = app.screen.query(ArticlePane)[1]
        pane.view.focus()
        text = pane.document.article.text
        target = pane.document.sentence_at(text.index("6 Millionen Dollar"))
        for _ in range(target - pane.view.cursor):
            await pilot.press("j")
        await pilot.pause()
        assert pane.view.cursor == target
        assert "= only 6\u00a0000\u00a0000 USD" in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert "6\u00a0000\u00a0000 USD" not in screen_text(app)


def test_values_line_keeps_text_order_and_skips_what_says_nothing(demo_db):
    from gegenlesen.tui.document import load_document

    document = load_document(demo_db, 3)
    text = document.article.text
    sentence = document.sentence_at(text.index("im Januar 2024"))
    line = values_line(document, sentence, {}).plain
    assert "2024-01" in line
    assert "= " in line and " = " not in line[3:]
    assert values_line(None, 0, {}).plain == ""
