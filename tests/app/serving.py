"""A real `gegenlesen serve` process, and a client that speaks to it as the browser page does."""

from __future__ import annotations

import codecs
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from .terminal import ANSI

ADDRESS = re.compile(r"at (http://\S+/) \(ctrl\+c stops\)")
TOKEN_LINE = re.compile(r"open (http://\S+/)\?token=(\S+)")
WEBSOCKET = re.compile(r'data-session-websocket-url="([^"]+)"')


class ServeProcess:
    """`gegenlesen serve --port 0` on a database; its output goes to files in `work`."""

    def __init__(self, db: Path, work: Path, *args: str, timeout: float = 60) -> None:
        self.out = work / "serve.out"
        self.err = work / "serve.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gegenlesen.tui.cli", "serve", "--db", str(db), "--port", "0", *args],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not (found := ADDRESS.search(self.out.read_text())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"serve did not start: {self.out.read_text()} {self.err.read_text()}")
            time.sleep(0.05)
        self.url = found.group(1)
        self.port = int(self.url.rsplit(":", 1)[1].rstrip("/"))

    def stop(self) -> int:
        """Stop it as ctrl+c does; its readers are asked to quit and waited for."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        return self.process.returncode


class WebReader:
    """One browser connection to the reader, at the websocket level: keys in, screen output out."""

    def __init__(self, session: aiohttp.ClientSession, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.session = session
        self.websocket = websocket
        self.output = ""
        self.messages: list = []
        """The JSON messages the server sent besides the screen (pong, deliver_file_start)."""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    @classmethod
    async def open(cls, base: str, annotator: str, token: str | None = None, size=(120, 40)) -> WebReader:
        """Load the page as `annotator` (with the token, if given) and open its websocket."""
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: cookies for 127.0.0.1
        query = {"annotator": annotator, **({"token": token} if token else {})}
        async with session.get(base, params=query) as response:
            assert response.status == 200, await response.text()
            page = await response.text()
        url = WEBSOCKET.search(page).group(1)
        websocket = await session.ws_connect(f"{url}?width={size[0]}&height={size[1]}", origin=base.rstrip("/"))
        reader = cls(session, websocket)
        await websocket.send_json(["resize", {"width": size[0], "height": size[1]}])
        return reader

    async def press(self, keys: str) -> None:
        for key in keys:
            await self.websocket.send_json(["stdin", key])

    async def pump(self, seconds: float) -> None:
        """Read what the reader sends for `seconds` (or until the connection ends)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await self.websocket.receive(timeout=left)
            except TimeoutError:
                return
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output += self._decoder.decode(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return

    async def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.shown():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {timeout}s: {self.shown()[-400:]!r}")
            await self.pump(0.1)

    def shown(self) -> str:
        return ANSI.sub("", self.output)

    async def close(self) -> None:
        await self.websocket.close()
        await self.session.close()

    async def drop(self) -> None:
        """Go away as a browser tab that is killed does: the connection just ends, no goodbye."""
        transport = self.websocket._response.connection.transport  # noqa: SLF001 - an abrupt end needs it
        transport.abort()
        await self.session.close()


def claims_with_history(path: Path) -> list[tuple]:
    """(claim id, annotator, quote is the text at its offsets, has its history row) per claim."""
    with sqlite3.connect(path) as db:
        return db.execute(
            """SELECT c.id, c.annotator, c.quote = substr(a.text, c.start + 1, c."end" - c.start),
                      EXISTS (SELECT 1 FROM history h WHERE h.kind = 'claims' AND h.target = c.id AND h.action = 'add')
               FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id"""
        ).fetchall()


def claim_count(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM claims WHERE status = 'claim'").fetchone()[0]


def drain(terminal) -> None:
    """Read what a terminal reader (tests/app/terminal.AppProcess) wrote so far: a full pty would stop it."""
    import select

    while select.select([terminal.master], [], [], 0)[0]:
        try:
            terminal.output += os.read(terminal.master, 65536).decode("utf-8", "replace")
        except OSError:
            return
