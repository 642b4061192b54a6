"""`u` in the reader takes a whole merge back, the articles it brought included, and ctrl+r
brings it back: on hand-built databases (two articles, a few claims), not the model's analysis."""

from __future__ import annotations

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import RULE, Analysis, Entity
from gegenlesen.corpus.nlp.resolve import expected_pipeline_name
from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import seed_demo_corpus
from gegenlesen.storage.merge import merge
from gegenlesen.tui.app import create_app
from gegenlesen.tui.widgets.article_view import ArticleView

from .helpers import notices, wait_until

WERK = "Die Firma Nordlicht baute 2021 ein Werk in Kassel. Es kostete 40 Millionen Euro."
HAFEN = "Der Hafen von Emden wuchs 2023 um vier Prozent. Die Reederei Weser meldete einen Rekord."
KEPT_APART = ("history", "sqlite_sequence", "crossref_counter", "crossref_stamps", "_sqlite_migrations")
"""Changed on purpose by a merge and its undo (see tests/unit/test_merge_undo.py)."""


def database(path, texts: dict[str, str], annotator: str):
    """A database with these articles, analysed by hand (sentences, one entity each) as if by
    the pipeline in use (so that the reader does not analyse them again), and a claim of
    `annotator` on each article's first sentence."""
    db = open_database(path)
    for source, text in texts.items():
        article_id, _ = articles.add_article(db, Article(source, text))
        first = text.index(".") + 1
        name = text.split()[2]
        entity = Entity(text.index(name), text.index(name) + len(name), "ORG", name, RULE, None)
        articles.store_analysis(db, article_id, Analysis([(0, first), (first + 1, len(text))], [entity], expected_pipeline_name(None)))
        add_claim(db, article_id, 0, first, annotator)
    seed_demo_corpus(db, empty=True)
    db.close()
    return path


def snapshot(path) -> dict[str, list[tuple]]:
    """Every row of the user's tables; the reader's remembered layout left out (it is the reader's)."""
    db = open_database(path)
    try:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' ORDER BY name")]
        rows = {table: sorted(db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables if table not in KEPT_APART}
        rows["meta"] = [row for row in rows["meta"] if not row[0].startswith("layout:")]
        return rows
    finally:
        db.close()


async def test_u_in_the_reader_takes_the_merge_back_with_its_articles_and_ctrl_r_brings_it_back(tmp_path):
    mine = database(tmp_path / "anna.db", {"werk.txt": WERK}, "anna")
    theirs = database(tmp_path / "ben.db", {"hafen.txt": HAFEN, "werk.txt": WERK}, "ben")
    before = snapshot(mine)
    db = open_database(mine)
    merge(db, theirs, "lead")
    db.close()
    merged = snapshot(mine)
    assert len(merged["articles"]) == 2 and len(merged["claims"]) == 3

    app = create_app(mine, annotator="lead")
    async with app.run_test(size=(160, 48)) as pilot:
        def shown() -> list[str | None]:
            return [view.document.article.source if view.document else None for view in app.screen.query(ArticleView)]

        await wait_until(pilot, lambda: shown() == ["werk.txt", "hafen.txt"])  # the merged article in pane 2
        await pilot.press("u")
        await wait_until(pilot, lambda: "Undid: add 1 article with its analysis, 2 claims" in notices(app))
        assert snapshot(mine) == before
        await wait_until(pilot, lambda: shown() == ["werk.txt", "werk.txt"])  # pane 2 shows what is there
        assert app.screen.article_ids == [1]
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "Redid: add 1 article with its analysis, 2 claims" in notices(app))
        assert snapshot(mine) == merged
        assert app.screen.article_ids == [1, 2]


async def test_u_says_why_a_merge_cannot_be_taken_back_and_keeps_everything(tmp_path):
    mine = database(tmp_path / "anna.db", {"werk.txt": WERK}, "anna")
    theirs = database(tmp_path / "ben.db", {"hafen.txt": HAFEN}, "ben")
    db = open_database(mine)
    merge(db, theirs, "lead")
    add_claim(db, 2, HAFEN.index("Die"), len(HAFEN), "anna")  # anna's work on the merged article
    db.close()
    kept = snapshot(mine)

    app = create_app(mine, annotator="lead")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: "Cannot undo the merge" in notices(app))
        assert "1 claim (1 by anna) was made on its articles since" in notices(app)
        assert snapshot(mine) == kept
