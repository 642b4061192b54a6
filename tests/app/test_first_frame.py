"""The reader's first frame already shows the articles' text (issue 15, first paint)."""

from __future__ import annotations

from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.article_view import ArticleView
from gegenlesen.tui.workflow import prepare_database


async def test_the_first_frame_draws_every_panes_text(tmp_path, monkeypatch):
    path = tmp_path / "reader.db"
    prepare_database(path).db.close()  # the demo articles, not analysed: their text is all a pane needs
    first_lines: dict[int, str] = {}
    draw = ArticleView.render_line

    def drawing(view: ArticleView, y: int):
        strip = draw(view, y)
        first_lines.setdefault(id(view), strip.text)  # the first line each view draws
        return strip

    monkeypatch.setattr(ArticleView, "render_line", drawing)
    app = create_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert len(app.screen.query(ArticleView)) == 3
    assert len(first_lines) == 3
    assert all(text.strip() for text in first_lines.values()), first_lines
