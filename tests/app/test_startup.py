"""Start-up: the first frame comes from cached rows, spaCy only loads when analysis is due."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import asyncio, sys
    from gegenlesen.tui.app import create_app
    from gegenlesen.tui.widgets.article_view import ArticleView

    seen = {}

    async def main():
        app = create_app(sys.argv[1])
        async with app.run_test(size=(160, 48)) as pilot:
            # The first frame: panes are on screen with their text.
            view = app.screen.query(ArticleView).first()
            seen["first_frame_text"] = view.render_line(0).text.strip()[:20]
            seen["spacy_at_first_frame"] = "spacy" in sys.modules
            for _ in range(600):  # analysis, if due, runs in a worker; its last message reloads the panes
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                if any(v.document.entities for v in app.screen.query(ArticleView)):
                    break
            seen["spacy_after"] = "spacy" in sys.modules
            seen["entities"] = sum(len(v.document.entities) for v in app.screen.query(ArticleView))
            seen["activity"] = str(app.screen.query_one("#activity").render())
    asyncio.run(main())
    print(seen)
    """
)


def probe(db_path) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own probe's dict


def test_app_modules_do_not_import_spacy():
    code = "import sys, gegenlesen.tui.app, gegenlesen.tui.cli; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_later_start_runs_no_nlp(demo_db_path):
    seen = probe(demo_db_path)
    assert seen["first_frame_text"]
    assert not seen["spacy_at_first_frame"]
    assert not seen["spacy_after"], "an analysed database must open without loading spaCy"
    assert seen["entities"] > 0


def test_first_start_shows_the_text_before_spacy_then_analyses(tmp_path):
    from gegenlesen.storage import articles
    from gegenlesen.storage.db import open_database
    from gegenlesen.storage.library import seed_demo_corpus

    path = tmp_path / "new.db"
    db = open_database(path)
    seed_demo_corpus(db)
    assert len(articles.unanalysed(db)) == 5
    seen = probe(path)
    assert seen["first_frame_text"].startswith("▌ Als das")
    assert not seen["spacy_at_first_frame"]
    assert seen["spacy_after"]
    assert seen["entities"] > 0
    assert articles.unanalysed(db) == []
    assert {a.pipeline for a in articles.list_articles(db)} != {None}
