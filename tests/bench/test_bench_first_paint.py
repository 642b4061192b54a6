"""Benchmark: time to first paint of `gegenlesen --db PATH` against a minimal Textual app.

Both programs run as real processes on a pseudo-terminal (TERM=xterm-256color, 160x48).
First paint is the moment the first article's text first appears in what the child wrote:
gegenlesen opens it in its first pane, and the minimal app shows the same text in a
`Static` (issue 15). The marker is one word of that text, read from the database: near its
start (so both programs show it at once), in neither its title nor another article nor an
entity's name (so no title line, other pane or side pane can show it first). The moment
the child switches to the alternate screen is reported too.

Target: gegenlesen / minimal <= 1.5 (medians). Measured and printed, not asserted. The CPU
time each child used until then is printed too: on a loaded machine it varies less.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from gegenlesen.corpus.display import displayable
from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending, seed_demo_corpus

COLUMNS, ROWS = 160, 48
REPEATS = 5
TIMEOUT_S = 60.0
TARGET_RATIO = 1.5

MARKER_WITHIN = 400
"""The marker is taken from this many first characters of the article: both programs show them at once."""
MARKER_LETTERS = 8
ALT_SCREEN = b"\x1b[?1049h"

MINIMAL_APP = '''\
import sys
from pathlib import Path

from textual.app import App
from textual.widgets import Static


class MinimalApp(App):
    def compose(self):
        yield Static(Path(sys.argv[1]).read_text(encoding="utf-8"), markup=False)


if __name__ == "__main__":
    MinimalApp().run()
'''

# CSI, OSC, DCS/APC/PM strings and two-character escapes, removed before looking for the marker.
ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[()#][0-9A-Za-z]"
    rb"|\x1b[=>78DEHMc]"
)


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def gegenlesen_command() -> list[str]:
    # An editable install (the test venv's) adds an import finder that costs ~45 ms at start;
    # GEGENLESEN_BENCH_COMMAND measures another install, e.g. a plain `pip install .` one.
    if os.environ.get("GEGENLESEN_BENCH_COMMAND"):
        return os.environ["GEGENLESEN_BENCH_COMMAND"].split()
    script = Path(sys.executable).with_name("gegenlesen")
    if script.exists():
        return [str(script)]
    found = shutil.which("gegenlesen")
    return [found] if found else [sys.executable, "-m", "gegenlesen.tui.cli"]


def child_env(home: Path) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "GEGENLESEN_"))
        and key not in ("COLUMNS", "LINES", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
    }
    # Bytecode is cached as on a user's machine, but under the test's tmp dir, never in the repo.
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG=env.get("LANG", "C.UTF-8"),
               PYTHONPYCACHEPREFIX=str(home / "pycache"),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return env


def _make_controlling_terminal() -> None:  # runs in the child between fork and exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@dataclass(frozen=True)
class Paint:
    """One start, measured until the marker was drawn."""

    seconds: float
    alt_screen: float | None
    """Seconds until the alternate screen was entered (None if never)."""
    written: int
    """Bytes the child had written."""
    cpu: float | None
    """CPU seconds the child had used, all its threads (None where /proc has no schedstat):
    on a loaded machine a steadier measure of the work than the wall clock."""


def cpu_seconds(pid: int) -> float | None:
    """CPU time of every thread of a running process, from /proc/PID/task/*/schedstat (Linux)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        return sum(int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0]) for task in tasks) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def time_to_marker(argv: list[str], marker: str, env: dict[str, str], cwd: Path) -> Paint:
    """Start `argv` on a new pty and measure it until `marker` is drawn."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    wanted = marker.encode("utf-8")
    output = bytearray()
    alt_screen_at: float | None = None
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                             close_fds=True, preexec_fn=_make_controlling_terminal)
    os.close(slave)
    try:
        while True:
            elapsed = time.perf_counter() - started
            if elapsed > TIMEOUT_S:
                raise AssertionError(f"{argv[0]}: no {marker!r} after {TIMEOUT_S:.0f}s; last output: {bytes(output[-600:])!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if child.poll() is not None:
                    raise AssertionError(f"{argv[0]} exited with {child.returncode} before drawing; output: {bytes(output[-1500:])!r}")
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"{argv[0]} closed its terminal before drawing; output: {bytes(output[-1500:])!r}")
            now = time.perf_counter() - started
            output += chunk
            if alt_screen_at is None and ALT_SCREEN in output:
                alt_screen_at = now
            if wanted in output or wanted in ESCAPES.sub(b"", bytes(output)):
                return Paint(now, alt_screen_at, len(output), cpu_seconds(child.pid))
    finally:
        stop(child, master)


def stop(child: subprocess.Popen, master: int) -> None:
    """End the child we started (its own session and process group) and close the pty."""
    if child.poll() is None:
        try:
            os.killpg(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 5
        while child.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:  # drain, so it never blocks on a full pty
                try:
                    os.read(master, 1 << 16)
                except OSError:
                    break
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=5)
    os.close(master)


@pytest.fixture
def analysed_db(tmp_path) -> Path:
    """An existing database with the demo corpus, already analysed with the default pipeline."""
    path = tmp_path / "gegenlesen.db"
    db = open_database(path)
    seed_demo_corpus(db)
    pipeline = load_pipeline(os.environ.get("GEGENLESEN_BENCH_MODEL") or None)
    analyse_pending(db, lambda text, published: analyze(text, pipeline, published))
    assert articles.unanalysed(db) == [], "the reader would start analysing in the background"
    assert articles.count(db) == 5
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    report("first_paint_setup", pipeline=pipeline.name, articles=5)
    return path


@dataclass(frozen=True)
class FirstArticle:
    """The article gegenlesen opens in its first pane, and the word that shows it is drawn."""

    text: str
    marker: str


def first_article(path: Path) -> FirstArticle:
    """The first pane's article of a database no reader has opened yet (no stored layout),
    as the pane shows it, and a marker word of it no other part of either screen can show."""
    db = open_database(path)
    try:
        ids = articles.current_ids(db)
        first = articles.get_article(db, ids[0])
        elsewhere = [articles.get_article(db, other).text for other in ids[1:]]
        elsewhere += [first.title, *(entity.text for entity in articles.entities(db, ids))]
    finally:
        db.close()
    text = displayable(first.text)
    for word in re.findall(r"\w+", text[:MARKER_WITHIN]):
        if len(word) >= MARKER_LETTERS and not any(word in other for other in elsewhere):
            return FirstArticle(text, word)
    raise AssertionError(f"no word of {MARKER_LETTERS}+ letters in the first {MARKER_WITHIN} characters "
                         "of the first article is its own")


@pytest.mark.bench
def test_first_paint_vs_minimal_textual_app(tmp_path, analysed_db):
    minimal_script = tmp_path / "minimal_app.py"
    minimal_script.write_text(MINIMAL_APP, encoding="utf-8")
    shown = first_article(analysed_db)
    text_file = tmp_path / "first_article.txt"
    text_file.write_text(shown.text, encoding="utf-8")
    report("first_paint_marker", letters=len(shown.marker), at=shown.text.index(shown.marker))
    env = child_env(tmp_path)
    programs = {
        "minimal": ([sys.executable, str(minimal_script), str(text_file)], shown.marker),
        "gegenlesen": ([*gegenlesen_command(), "--db", str(analysed_db)], shown.marker),
    }

    # One unmeasured start of each: bytecode caches and the page cache are warm for both.
    for argv, marker in programs.values():
        time_to_marker(argv, marker, env, tmp_path)

    paint: dict[str, list[float]] = {name: [] for name in programs}
    alt: dict[str, list[float]] = {name: [] for name in programs}
    written: dict[str, list[int]] = {name: [] for name in programs}
    cpu: dict[str, list[float]] = {name: [] for name in programs}
    for repeat in range(REPEATS):
        order = list(programs) if repeat % 2 == 0 else list(reversed(programs))
        for name in order:
            argv, marker = programs[name]
            measured = time_to_marker(argv, marker, env, tmp_path)
            paint[name].append(measured.seconds)
            written[name].append(measured.written)
            if measured.alt_screen is not None:
                alt[name].append(measured.alt_screen)
            if measured.cpu is not None:
                cpu[name].append(measured.cpu)

    for name in programs:
        report(f"first_paint_runs_{name}", seconds="[" + ", ".join(f"{s:.3f}" for s in paint[name]) + "]")
    gegenlesen, minimal = statistics.median(paint["gegenlesen"]), statistics.median(paint["minimal"])
    ratio = gegenlesen / minimal
    report("first_paint", gegenlesen=f"{gegenlesen:.3f}s", minimal=f"{minimal:.3f}s",
           ratio=f"{ratio:.2f}", target=f"<={TARGET_RATIO}", meets_target=ratio <= TARGET_RATIO)
    report("first_paint_min", gegenlesen=f"{min(paint['gegenlesen']):.3f}s", minimal=f"{min(paint['minimal']):.3f}s",
           ratio=f"{min(paint['gegenlesen']) / min(paint['minimal']):.2f}")
    if alt["gegenlesen"] and alt["minimal"]:
        report("alt_screen_entered", gegenlesen=f"{statistics.median(alt['gegenlesen']):.3f}s",
               minimal=f"{statistics.median(alt['minimal']):.3f}s")
    if len(cpu["gegenlesen"]) == len(cpu["minimal"]) == REPEATS:
        report("first_paint_cpu", gegenlesen=f"{statistics.median(cpu['gegenlesen']):.3f}s",
               minimal=f"{statistics.median(cpu['minimal']):.3f}s",
               ratio=f"{statistics.median(cpu['gegenlesen']) / statistics.median(cpu['minimal']):.2f}")
    report("first_paint_bytes_written", gegenlesen=int(statistics.median(written["gegenlesen"])),
           minimal=int(statistics.median(written["minimal"])))

    # Sanity only: every start was measured and drew its marker.
    assert len(paint["gegenlesen"]) == len(paint["minimal"]) == REPEATS
    assert all(0 < seconds < TIMEOUT_S for runs in paint.values() for seconds in runs)


IMPORT_PROBE = """\
import sys, time
started = time.perf_counter()
for name in sys.argv[1:]:
    __import__(name)
print(time.perf_counter() - started)
"""

IMPORT_SETS = {
    "textual_app_and_widgets": ["textual.app", "textual.widgets"],
    "gegenlesen_cli_and_app": ["gegenlesen.tui.cli", "gegenlesen.storage.db", "gegenlesen.storage.library", "gegenlesen.tui.app"],
    "sqlite_utils": ["sqlite_utils"],
    "numpy": ["numpy"],
}


@pytest.mark.bench
def test_import_time_breakdown(tmp_path):
    """Where the start-up gap comes from: import time of each module set in a fresh interpreter."""
    env = child_env(tmp_path)
    medians = {}
    for label, modules in IMPORT_SETS.items():
        runs = []
        for _ in range(4):
            done = subprocess.run([sys.executable, "-c", IMPORT_PROBE, *modules], env=env, cwd=tmp_path,
                                  capture_output=True, text=True, timeout=120, check=True)
            runs.append(float(done.stdout.strip()))
        medians[label] = statistics.median(runs[1:])  # the first run warms the caches
    report("import_time", **{label: f"{seconds * 1000:.0f}ms" for label, seconds in medians.items()})
    done = subprocess.run([sys.executable, "-c", "import sqlite_utils, sys; print('numpy' in sys.modules, 'pandas' in sys.modules)"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True)
    numpy_loaded, pandas_loaded = done.stdout.split()
    report("import_side_effects", sqlite_utils_imports_numpy=numpy_loaded, sqlite_utils_imports_pandas=pandas_loaded)
    assert all(seconds > 0 for seconds in medians.values())
