"""`gegenlesen serve`: who gets in, who annotates, and several readers on one database (issue 16).

The server and its readers are real processes; a client speaks the browser page's websocket
protocol to them (tests/app/test_serve_browser.py drives a real browser).
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time

import aiohttp
import pytest

from gegenlesen.tui.serve import Sessions, is_loopback, refusal

from .serving import ServeProcess, WebReader, claim_count, claims_with_history, drain
from .terminal import ANSI, AppProcess

TOKEN = "s3cret-for-the-test"


# -- the door, as plain logic --------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.5.0.1", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_names(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.4", "example.org", "localhost.example.org", "::"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_with_a_token_only_requests_carrying_it_come_in():
    assert refusal(TOKEN, "example.org:80", None, [TOKEN], websocket=False) is None
    assert refusal(TOKEN, "example.org:80", None, ["wrong", TOKEN], websocket=False) is None
    for offered in ([], ["wrong"], [TOKEN[:-1]], [TOKEN + "x"]):
        assert refusal(TOKEN, "example.org:80", None, offered, websocket=False).startswith("403")


def test_without_a_token_only_loopback_hosts_come_in():
    assert refusal(None, "127.0.0.1:8000", None, [], websocket=False) is None
    assert refusal(None, "localhost:8000", None, [], websocket=False) is None
    # A page whose DNS name was made to point at 127.0.0.1 still says its own name.
    assert refusal(None, "attacker.example:8000", None, [], websocket=False).startswith("403")


def test_a_websocket_opens_only_from_a_page_of_this_server():
    assert refusal(None, "127.0.0.1:8000", "http://127.0.0.1:8000", [], websocket=True) is None
    assert refusal(None, "127.0.0.1:8000", "http://evil.example", [], websocket=True).startswith("403")
    assert refusal(TOKEN, "a.example:80", "https://b.example", [TOKEN], websocket=True).startswith("403")


def test_a_session_key_is_used_once_and_expires():
    sessions = Sessions(seconds=60)
    key = sessions.start("anna")
    assert sessions.take(key) == "anna"
    assert sessions.take(key) is None
    stale = Sessions(seconds=0)
    old = stale.start("ben")
    time.sleep(0.01)
    assert stale.take(old) is None
    few = Sessions(limit=2)
    first, *_ = [few.start(name) for name in ("a", "b", "c")]
    assert few.take(first) is None


# -- a real server ---------------------------------------------------------------------------


@pytest.fixture
def served(demo_db_path, tmp_path):
    server = ServeProcess(demo_db_path, tmp_path, "--token", TOKEN)
    yield server
    server.stop()


async def status(url: str, **kwargs) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, allow_redirects=False, **kwargs) as response:
        return response.status


async def test_a_wrong_or_missing_token_is_refused_with_403(served):
    assert await status(served.url) == 403
    assert await status(served.url, params={"token": "wrong"}) == 403
    assert await status(f"{served.url}static/js/textual.js") == 403
    assert await status(f"{served.url}ws/anything") == 403
    assert await status(served.url, headers={"Authorization": f"Bearer {TOKEN}"}) == 200
    assert await status(served.url, params={"token": TOKEN}) == 303  # on into a cookie, out of the address


async def test_a_websocket_without_the_token_is_refused(served):
    async with aiohttp.ClientSession() as session:
        async with session.get(served.url, params={"annotator": "anna"},
                               headers={"Authorization": f"Bearer {TOKEN}"}) as page:
            url = (await page.text()).split('data-session-websocket-url="')[1].split('"')[0]
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url, origin=served.url.rstrip("/"))
    assert refused.value.status == 403


async def test_the_page_asks_who_is_annotating(served):
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(served.url, params={"token": TOKEN}) as page:
            assert "Who is annotating?" in await page.text()
        async with session.get(served.url, params={"annotator": "a\x07<b>"}) as page:
            text = await page.text()
        assert "U+0007" in text and "<b>" not in text  # the rule, and the name shown as text
        async with session.get(served.url, params={"annotator": "Anna Berg"}) as page:
            assert "data-session-websocket-url" in await page.text()
        async with session.get(served.url, params={"annotator": "<script>x</script>"}) as page:
            text = await page.text()
        assert "<script>x" not in text and "&lt;script&gt;x" in text  # a name is text, never markup


def test_a_reader_without_the_limits_serve_sets_does_not_start(demo_db_path, monkeypatch, capsys):
    from gegenlesen.tui.limits import ENV
    from gegenlesen.tui.serve_command import ANNOTATOR_ENV, main

    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv(ANNOTATOR_ENV, "anna")
    assert main(["--db", str(demo_db_path)]) == 1
    assert capsys.readouterr().err.strip() == f"gegenlesen: ${ENV} is not what gegenlesen serve sets"
    monkeypatch.setenv(ENV, '{"import_dir": null, "export_dir": null}')
    monkeypatch.setenv(ANNOTATOR_ENV, " ")
    assert main(["--db", str(demo_db_path)]) == 1
    assert "names nobody" in capsys.readouterr().err


async def test_each_connection_tags_under_its_own_name(served, demo_db_path):
    reader = await WebReader.open(served.url, "Anna Berg", token=TOKEN)
    try:
        await reader.wait_for("Anna Berg")
        await reader.press("c")
        for _ in range(100):
            if claim_count(demo_db_path):
                break
            await reader.pump(0.1)
    finally:
        await reader.close()
    assert [(annotator, quoted, logged) for _, annotator, quoted, logged in claims_with_history(demo_db_path)] == [
        ("Anna Berg", 1, 1)
    ]


async def test_an_export_reaches_the_browser_as_a_download(served):
    reader = await WebReader.open(served.url, "anna", token=TOKEN)
    try:
        await reader.wait_for("anna")
        await reader.press("\x05")  # ctrl+e: the export dialog, on jsonl
        await reader.wait_for("Export annotations")
        await reader.press("d")
        for _ in range(100):
            if any(message[0] == "deliver_file_start" for message in reader.messages):
                break
            await reader.pump(0.1)
        (key,) = [message[1] for message in reader.messages if message[0] == "deliver_file_start"]
        async with reader.session.get(f"{served.url}download/{key}") as download:
            assert download.status == 200
            assert "gegenlesen.jsonl" in download.headers["Content-Disposition"]
            lines = (await download.text()).splitlines()
    finally:
        await reader.close()
    assert len(lines) == 5 and all(line.startswith("{") for line in lines)


def test_a_second_serve_on_a_port_in_use_says_so(served, demo_db_path):
    result = subprocess.run(
        [sys.executable, "-m", "gegenlesen.tui.cli", "serve", "--db", str(demo_db_path), "--port", str(served.port)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"gegenlesen: port {served.port} on 127.0.0.1 is in use (another gegenlesen serve?); "
        "stop it or choose another with --port"
    ]


def test_another_host_without_a_token_gets_one_made_and_printed_once(demo_db_path, tmp_path):
    server = ServeProcess(demo_db_path, tmp_path, "--host", "0.0.0.0")
    try:
        import re

        printed = server.out.read_text()
        (token,) = re.findall(r"\?token=(\S+)", printed)
        assert len(token) >= 24
        assert asyncio.run(status(f"http://127.0.0.1:{server.port}/")) == 403
        assert asyncio.run(status(f"http://127.0.0.1:{server.port}/", params={"token": token})) == 303
    finally:
        server.stop()
    assert server.out.read_text().count(token) == 1


# -- several readers at once ------------------------------------------------------------------


SENTENCES = 8
"""Claims each session tags: the cursor sentence, then the next one, and so on."""


async def tag_sentences(reader: WebReader, articles_on: int) -> None:
    await reader.press("]" * articles_on)
    await reader.pump(0.5)
    for _ in range(SENTENCES):
        await reader.press("cj")


async def test_two_browsers_and_a_terminal_tag_one_database_at_once(served, demo_db_path):
    terminal = AppProcess("--db", str(demo_db_path), "--annotator", "terminal")
    browsers = await asyncio.gather(*(WebReader.open(served.url, name, token=TOKEN) for name in ("anna", "ben")))
    try:
        await asyncio.gather(*(reader.wait_for(name) for reader, name in zip(browsers, ("anna", "ben"))))
        terminal.read_until("terminal")
        # Each on another article, so that no span is tagged twice (which is refused, rightly).
        terminal.press("]]" + "cj" * SENTENCES)
        await asyncio.gather(*(tag_sentences(reader, n) for n, reader in enumerate(browsers)))
        deadline = time.monotonic() + 60
        while claim_count(demo_db_path) < 3 * SENTENCES and time.monotonic() < deadline:
            await asyncio.gather(*(reader.pump(0.2) for reader in browsers))
            drain(terminal)
        shown = " ".join(reader.shown() for reader in browsers)
    finally:
        await asyncio.gather(*(reader.close() for reader in browsers))
        terminal.press("q")
        terminal.wait_for_exit()
    claims = claims_with_history(demo_db_path)
    by_name = {name: sum(1 for claim in claims if claim[1] == name) for name in ("anna", "ben", "terminal")}
    assert by_name == {"anna": SENTENCES, "ben": SENTENCES, "terminal": SENTENCES}
    assert all(quoted and logged for _, _, quoted, logged in claims)
    for problem in ("locked", "busy", "failed"):
        assert problem not in shown + ANSI.sub("", terminal.output)


async def test_a_browser_that_goes_away_mid_write_leaves_whole_claims(served, demo_db_path):
    reader = await WebReader.open(served.url, "gone", token=TOKEN)
    await reader.wait_for("gone")
    await reader.press("cj" * 30)
    await reader.pump(0.3)  # some claims are written, others still queued
    await reader.drop()
    deadline = time.monotonic() + 30
    counts = []
    while time.monotonic() < deadline:  # until the reader process has ended and nothing changes any more
        counts.append(claim_count(demo_db_path))
        if len(counts) > 10 and len(set(counts[-10:])) == 1:
            break
        await asyncio.sleep(0.2)
    claims = claims_with_history(demo_db_path)
    assert 0 < len(claims) <= 30
    assert all(name == "gone" and quoted and logged for _, name, quoted, logged in claims)
    with sqlite3.connect(demo_db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
