"""The reader in a web browser: textual-serve's server with a door that checks who comes in.

Each browser connection runs its own reader process on the same database (SQLite's WAL and
`BEGIN IMMEDIATE` keep the processes apart). Before the reader starts, the page asks who is
annotating (or takes `?annotator=NAME`), and the websocket is opened on a one-time session
key that carries that name to the reader process.

Who may come in: with a token, every request must carry it (`?token=` once, after which a
cookie carries it; or an `Authorization: Bearer` header), else 403. Without one the server
listens on loopback only and still refuses requests whose Host is not a loopback name (a
page elsewhere that rebinds its DNS name to 127.0.0.1 is not let in). A websocket is only
opened from a page of this server (its Origin), so another site cannot drive the reader.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import json
import logging
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from gegenlesen.corpus.annotators import RULE, BadAnnotator, annotator_name
from gegenlesen.tui.serve_command import ANNOTATOR_ENV

log = logging.getLogger("gegenlesen.serve")

COOKIE = "gegenlesen_token"
SESSION_SECONDS = 600
"""How long a page may wait before it opens its websocket."""
MAX_SESSIONS = 1000
"""Pages loaded but not yet connected; the oldest are forgotten beyond this."""
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 with or without brackets) is this machine only."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(authority: str) -> str:
    """The host of a Host header or an Origin's authority, without its port."""
    if authority.startswith("["):
        return authority[1:].split("]", 1)[0]
    return authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority


def refusal(token: str | None, host: str, origin: str | None, offered: list[str], websocket: bool) -> str | None:
    """Why a request may not come in, or None when it may.

    Args:
        token: the server's token; None when it serves loopback without one.
        host: the request's Host header.
        origin: its Origin header, if any.
        offered: the tokens the request carries (query, cookie, bearer header).
        websocket: whether it asks to open the reader's websocket.
    """
    if token is not None:
        if not any(hmac.compare_digest(candidate.encode(), token.encode()) for candidate in offered):
            return "403: this gegenlesen needs its token: open the address serve printed, with ?token="
    elif not is_loopback(host_name(host)):
        return "403: this gegenlesen serves only addresses of this machine (localhost, 127.0.0.1)"
    if websocket and origin is not None and origin.split("://", 1)[-1].rstrip("/").lower() != host.lower():
        return "403: the reader opens only from a page of this server"
    return None


class Sessions:
    """One-time keys for pages that asked who is annotating, until their websocket opens."""

    def __init__(self, seconds: float = SESSION_SECONDS, limit: int = MAX_SESSIONS) -> None:
        self.seconds = seconds
        self.limit = limit
        self._open: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def start(self, annotator: str) -> str:
        """A new key for `annotator`."""
        key = secrets.token_urlsafe(18)
        self._open[key] = (annotator, time.monotonic())
        while len(self._open) > self.limit:
            self._open.popitem(last=False)
        return key

    def take(self, key: str) -> str | None:
        """The annotator of `key`, once; None for an unknown, used or expired key."""
        found = self._open.pop(key, None)
        if found is None or time.monotonic() - found[1] > self.seconds:
            return None
        return found[0]


class ReaderService(AppService):
    """textual-serve's process for one connection, with the annotator and limits in its environment."""

    def __init__(self, command: str, environment: dict[str, str], **kwargs) -> None:
        super().__init__(command, **kwargs)
        self.environment = environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.environment}


@dataclass(frozen=True)
class Door:
    """Who may come in, and what each reader process gets."""

    token: str | None
    """None: loopback only, no token asked."""
    environment: dict[str, str]
    """Added to the environment of every reader process (the path limits)."""


class ReaderServer(Server):
    """Serves the reader: asks the name, checks the token, starts one reader per connection."""

    def __init__(self, command: str, host: str, port: int, door: Door, title: str = "gegenlesen") -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.door = door
        self.sessions = Sessions()
        self.readers = 0
        """Reader processes running now."""

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{session}", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Every request, HTTP or websocket, passes here first: 403 unless it may come in."""
        offered = [request.query.get("token", ""), request.cookies.get(COOKIE, "")]
        scheme, _, bearer = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            offered.append(bearer.strip())
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        why = refusal(self.door.token, request.host, request.headers.get("Origin"), [o for o in offered if o], websocket)
        if why is not None:
            log.warning("refused %s %s from %s: %s", request.method, request.path, request.remote, why)
            raise web.HTTPForbidden(text=why)
        if "token" in request.query and request.path == "/":
            # The token moves into a cookie, and out of the address bar and the browser's history.
            query = {key: value for key, value in request.query.items() if key != "token"}
            found = web.Response(status=303, headers={"Location": str(request.rel_url.with_query(query))})
            found.set_cookie(COOKIE, request.query["token"], httponly=True, samesite="Strict", path="/")
            return found
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The name form, or (for a valid `annotator`) the page that runs the reader."""
        typed = request.query.get("annotator")
        try:
            name = annotator_name(typed) if typed is not None else None
        except BadAnnotator as error:
            return self.name_form(str(error))
        if name is None:
            return self.name_form("Type a name first." if typed is not None else "")
        key = self.sessions.start(name)
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws/{key}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": f"gegenlesen · {name}"},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    def name_form(self, problem: str) -> web.Response:
        """The page that asks who is annotating; `problem` says what was wrong with the last answer."""
        said = f'<p class="problem">{html.escape(problem)}</p>' if problem else ""
        page = FORM.format(rule=html.escape(RULE), problem=said)
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One browser connection: a reader process for it, fed with its keys, until either ends."""
        annotator = self.sessions.take(request.match_info["session"])
        if annotator is None:
            raise web.HTTPForbidden(text="403: this page has expired; load it again")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: ReaderService | None = None
        try:
            await websocket.prepare(request)
            service = ReaderService(
                self.command, {**self.door.environment, ANNOTATOR_ENV: annotator},
                write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close,
                download_manager=self.download_manager, debug=self.debug,
            )
            await service.start(width, height)
            self.readers += 1
            log.info("reader started for %s (%d running)", annotator, self.readers)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except (ConnectionError, OSError) as error:
            log.warning("a connection ended: %s", error)
        finally:
            if service is not None:
                # The reader is asked to quit and waited for: a write it has begun is committed
                # or rolled back by SQLite, never left half done.
                await service.stop()
                self.readers -= 1
                log.info("reader of %s ended (%d running)", annotator, self.readers)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """What the browser sends: keys, sizes, focus and pings; anything else is ignored with a note."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)
                if kind == "stdin":
                    await app_service.send_bytes(str(data).encode("utf-8"))
                elif kind == "resize":
                    await app_service.set_terminal_size(int(data["width"]), int(data["height"]))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
            except (ValueError, TypeError, KeyError):
                log.warning("ignored a message the reader page does not send: %.80r", message.data)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; the command line says what it serves instead."""


FORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gegenlesen</title>
<style>
body {{ background: #0c181f; color: #eee; font-family: monospace; display: flex; justify-content: center;
       align-items: center; height: 100vh; margin: 0; }}
form {{ background: #12232d; padding: 2em 3em; }}
input {{ font: inherit; padding: .3em; }}
.problem {{ color: #ff8080; }}
</style></head>
<body><form method="get" action="/">
<p><label for="annotator">Who is annotating?</label></p>
<p><input id="annotator" name="annotator" autofocus maxlength="200" required>
<button type="submit" id="start">Start</button></p>
{problem}<p><small>Every claim you tag carries this name ({rule}).</small></p>
</form></body></html>
"""
