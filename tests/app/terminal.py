"""Run the real `gegenlesen` in a pseudo-terminal, type into it and read its screen output."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\\\|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]|\x1b[=>78]")


SIZE = (120, 40)
"""Columns and lines of the pseudo-terminal."""


class AppProcess:
    """One gegenlesen process on a pty of a fixed size."""

    def __init__(self, *args: str, size: tuple[int, int] = SIZE) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gegenlesen.tui.cli", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.output = ""

    def read_until(self, text: str, timeout: float = 30) -> None:
        """Wait until `text` has appeared on screen since the last call."""
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    break
                seen += chunk
                if text in ANSI.sub("", seen):
                    self.output += seen
                    return
        self.output += seen
        raise AssertionError(f"{text!r} did not appear within {timeout}s; last output: {ANSI.sub('', seen)[-500:]!r}")

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for_exit(self, timeout: float = 30) -> int:
        """Wait until the process ends by itself, reading its output meanwhile (a full pty would block it)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    time.sleep(0.1)
        return self.process.wait(timeout=1)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)
