"""Make the README's screenshots from the real app on the demo corpus.

    python screenshots/make_screenshots.py        # writes screenshots/*.svg

Uses a temporary database, analysed with the pipeline the app resolves by default.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

os.environ["TEXTUAL_COLOR_SYSTEM"] = "truecolor"  # the pictures show a true-colour terminal, whatever TERM says

from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending, seed_demo_corpus
from gegenlesen.storage.names import spread_names
from gegenlesen.tui.app import create_app

HERE = Path(__file__).resolve().parent

SHOTS = [
    # (file name, terminal size, keys to press first)
    ("reader.svg", (160, 48), []),
    ("entity-chosen.svg", (160, 48), ["e", "down", "enter", "escape", "n", "n"]),
    ("claims.svg", (160, 48), [
        "c", "1", "t", "j", "j", "v", "w", "w", "w", "c", "4", "exclamation_mark", "exclamation_mark",
        "tab", "j", "c", "6", "t", "t", "t", "t", "m", *"Datum widerspricht Artikel 3", "ctrl+s",
        "tab", "c", "6", "t", "C",
    ]),
    ("correction.svg", (160, 48), ["e", "E"]),
    ("library.svg", (160, 48), ["L", *"Trump"]),
    ("help.svg", (120, 40), ["question_mark"]),
    ("narrow.svg", (80, 24), ["e"]),
]


async def shoot(db_path: Path, name: str, size: tuple[int, int], keys: list[str]) -> None:
    app = create_app(db_path, annotator="anna")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=name, path=str(HERE))
    print(f"wrote {HERE / name}")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "demo.db"
        db = open_database(db_path)
        seed_demo_corpus(db)
        pipeline = load_pipeline()
        analyse_pending(db, lambda text, published: analyze(text, pipeline, published))
        spread_names(db)  # as the app's analysis does
        db.close()
        for name, size, keys in SHOTS:
            asyncio.run(shoot(db_path, name, size, keys))


if __name__ == "__main__":
    main()
