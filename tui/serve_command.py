"""`gegenlesen serve`, and the reader process it starts for each browser connection
(`python -m gegenlesen.tui.serve_command --db PATH`, with the annotator and the path limits
in its environment)."""

from __future__ import annotations

import argparse
import errno
import os
import secrets
import shlex
import socket
import sys
from pathlib import Path

PROG = "gegenlesen"
ANNOTATOR_ENV = "GEGENLESEN_SERVE_ANNOTATOR"
"""Who annotates in a reader process that `serve` starts (checked again by the reader)."""


def add_serve_command(commands, common: argparse.ArgumentParser) -> None:
    """Register `serve` on the command line's subcommands."""
    serving = commands.add_parser(
        "serve", parents=[common], help="serve the reader to web browsers",
        description="Serve the reader to web browsers: each browser connection runs the reader on the same "
                    "database, under the name it gives at the start (or ?annotator=NAME; --annotator is not used). "
                    "On 127.0.0.1, the default, only this machine can connect; on any other --host every request "
                    "must carry a token (--token, or one made and printed once), and with --token so must every "
                    "request on any host. Over the web the import dialog takes files only from --import-dir and "
                    "the export dialog writes only into --export-dir (each is off when not given) or, with d, "
                    "hands the export to the browser. Exit code 1 when serving cannot start (e.g. the port is in use).",
    )
    serving.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    serving.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0 takes a free one)")
    serving.add_argument("--token", metavar="SECRET",
                         help="every request must carry it (?token=SECRET once, then a cookie)")
    serving.add_argument("--import-dir", type=Path, metavar="DIR", help="the folder the import dialog reads from")
    serving.add_argument("--export-dir", type=Path, metavar="DIR", help="the folder the export dialog writes into")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) and listening.

    Raises:
        ServeError: the port is in use, or the host is not an address of this machine.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise ServeError(f"cannot listen on {host}: {error.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait for TIME_WAIT
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use (another gegenlesen serve?); "
                             "stop it or choose another with --port") from None
        raise ServeError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return sock


class ServeError(Exception):
    """Serving cannot start; the message is for the user."""


def folder(path: Path | None, option: str) -> Path | None:
    """An --import-dir or --export-dir as an absolute path, if it is a folder that exists."""
    if path is None:
        return None
    path = path.expanduser()
    if not path.is_dir():
        raise ServeError(f"{option} {path} is not a folder")
    return path.resolve()


def command_serve(args: argparse.Namespace, path: Path) -> int:
    """Serve the reader of the database at `path` until ctrl+c (or a signal to stop)."""
    import logging

    from aiohttp import web

    from gegenlesen.tui.limits import ENV, PathLimits
    from gegenlesen.tui.serve import Door, ReaderServer, is_loopback

    try:
        if not 0 <= args.port <= 65535:
            raise ServeError(f"--port must be between 0 and 65535, not {args.port}")
        if args.token is not None and not args.token.strip():
            raise ServeError("--token is empty")
        limits = PathLimits(folder(args.import_dir, "--import-dir"), folder(args.export_dir, "--export-dir"))
        token = args.token
        made = token is None and not is_loopback(args.host)
        if made:
            token = secrets.token_urlsafe(24)
        sock = listening_socket(args.host, args.port)
    except ServeError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    command = f"{shlex.quote(sys.executable)} -m gegenlesen.tui.serve_command --db {shlex.quote(str(path))}"
    if args.pipeline:
        command += f" --model {shlex.quote(str(args.pipeline))}"
    server = ReaderServer(command, args.host, port, Door(token, {ENV: limits.to_env()}))
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown_host}:{port}/"
    print(f"gegenlesen serves the reader of {path} at {address} (ctrl+c stops)", flush=True)
    if made:
        print(f"Only with this token, shown once: open {address}?token={token}", flush=True)
    elif token is not None:
        print(f"Open {address}?token=… with the token you gave.", flush=True)
    for option, where in (("--import-dir", limits.import_dir), ("--export-dir", limits.export_dir)):
        print(f"{option}: {where or 'not given, so that dialog is off'}", flush=True)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    web.run_app(server._make_app(), sock=sock, print=None, access_log=None, handle_signals=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """The reader for one browser connection (started by `serve`, not by hand)."""
    from gegenlesen.corpus.annotators import BadAnnotator, annotator_name
    from gegenlesen.storage.db import connect
    from gegenlesen.storage.errors import StoreError
    from gegenlesen.tui.app import create_app
    from gegenlesen.tui.limits import ENV, OutsideLimits, PathLimits

    parser = argparse.ArgumentParser(prog=f"{PROG} serve (reader)", description=main.__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--model")
    args = parser.parse_args(argv)
    try:
        # Never unlimited by mistake: a reader without the limits serve sets does not start.
        limits = PathLimits.from_env(os.environ.get(ENV, ""))
        annotator = annotator_name(os.environ.get(ANNOTATOR_ENV, ""))
        if annotator is None:
            raise BadAnnotator(f"${ANNOTATOR_ENV} names nobody")
        db = connect(args.db)
    except (OutsideLimits, BadAnnotator, StoreError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    app = create_app(args.db, model=args.model, db=db, annotator=annotator, limits=limits)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
