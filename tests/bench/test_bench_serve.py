"""Benchmark: claims per second when two browser sessions and one terminal session tag the
same database at once through `gegenlesen serve` (issue 16).

A real `serve` process on the analysed demo database; two clients speak the browser page's
websocket protocol (each its own reader process), and one reader runs in a pseudo-terminal,
as in tests/app/test_serve.py. Each session opens a different article (so no span is tagged
twice, which is refused) and gets `c j` (tag the cursor sentence, go to the next) SENTENCES
times, all keys sent at once; the clock runs from the first key to the moment the database
holds every claim, read by another connection. As baseline, one browser session alone.

Printed: claims per second, the claims lost (expected minus stored), and whether any
session showed a lock or busy message. Nothing about speed is asserted.
"""

from __future__ import annotations

import asyncio
import time

import pytest

# tests/ is on sys.path (it has no __init__.py), so tests/app is the package `app`, as in its own tests.
from app.serving import ServeProcess, WebReader, claim_count, claims_with_history, drain
from app.terminal import ANSI, AppProcess

pytestmark = pytest.mark.bench

SENTENCES = 20
"""Claims per session (the shortest demo article has 25 sentences)."""
TIMEOUT = 120
TOKEN = "bench"


async def tag(reader: WebReader, articles_on: int) -> None:
    await reader.press("]" * articles_on)
    await reader.pump(0.5)


async def run(db, tmp_path, browsers: int, terminal: bool) -> dict:
    server = ServeProcess(db, tmp_path, "--token", TOKEN)
    names = [f"browser{n}" for n in range(browsers)]
    term = AppProcess("--db", str(db), "--annotator", "terminal") if terminal else None
    readers = []
    try:
        readers = await asyncio.gather(*(WebReader.open(server.url, name, token=TOKEN) for name in names))
        await asyncio.gather(*(reader.wait_for(name) for reader, name in zip(readers, names)))
        await asyncio.gather(*(tag(reader, n) for n, reader in enumerate(readers)))
        if term is not None:
            term.read_until("terminal")
            term.press("]" * browsers)
            time.sleep(0.5)
            drain(term)
        expected = claim_count(db) + SENTENCES * (browsers + terminal)
        began = time.perf_counter()
        if term is not None:
            term.press("cj" * SENTENCES)
        await asyncio.gather(*(reader.press("cj" * SENTENCES) for reader in readers))
        while claim_count(db) < expected and time.perf_counter() - began < TIMEOUT:
            await asyncio.gather(*(reader.pump(0.02) for reader in readers))
            if term is not None:
                drain(term)
        elapsed = time.perf_counter() - began
        stored = claim_count(db)
        shown = " ".join(reader.shown() for reader in readers) + (ANSI.sub("", term.output) if term else "")
    finally:
        await asyncio.gather(*(reader.close() for reader in readers))
        if term is not None:
            term.press("q")
            term.wait_for_exit()
        server.stop()
    whole = all(quoted and logged for _, _, quoted, logged in claims_with_history(db))
    return {
        "claims": stored, "lost": expected - stored, "seconds": elapsed, "per_second": stored / elapsed,
        "lock_messages": any(word in shown for word in ("locked", "busy")), "whole": whole,
    }


async def test_claims_per_second_two_browsers_and_a_terminal(demo_db_path, tmp_path_factory):
    import shutil

    alone_db = tmp_path_factory.mktemp("alone") / "gegenlesen.db"
    shutil.copy(demo_db_path, alone_db)
    alone = await run(alone_db, tmp_path_factory.mktemp("alone-serve"), browsers=1, terminal=False)
    together = await run(demo_db_path, tmp_path_factory.mktemp("together-serve"), browsers=2, terminal=True)
    for label, figures in (("one_browser", alone), ("two_browsers_one_terminal", together)):
        print(f"BENCH serve_tagging {label} claims={figures['claims']} seconds={figures['seconds']:.2f} "
              f"claims_per_second={figures['per_second']:.1f} lost={figures['lost']} "
              f"lock_messages={figures['lock_messages']} all_whole={figures['whole']}")
    assert alone["claims"] > 0 and together["claims"] > 0
    assert alone["seconds"] > 0 and together["seconds"] > 0
