"""How long does another writer wait while a big JSONL file is imported? (issue 17, item 6)

    python -m tests.bench.import_lock_wait [--lines 100000] [--dir DIR]

Makes a database and a JSONL file of `--lines` articles (about 150 bytes each, each text
unique), then runs `gegenlesen import` on it in one process while this process, through
its own connection, does `BEGIN IMMEDIATE`, a one-row insert and `COMMIT` every 20 ms
until the import ends. Printed: the import's wall time, how many probes ran, and the
probes' wait for the write lock (max, p95, median) in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("Regierung Bundestag Haushalt Klimaschutz Energie Preise Wahl Gericht Urteil Streik Bahn Gewerkschaft "
         "Kanzler Ministerin Europa Handel Zölle Inflation Mieten Schulen").split()


def make_jsonl(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number in range(lines):
            words = " ".join(WORDS[(number * 7 + k) % len(WORDS)] for k in range(10))
            text = f"Meldung {number}: {words}. Am Tag {number % 365} berichtet."
            out.write(json.dumps({"text": text, "title": f"Meldung {number}"}, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="lockwait."))
    folder.mkdir(parents=True, exist_ok=True)
    db_path, feed = folder / "bench.db", folder / "feed.jsonl"
    make_jsonl(feed, args.lines)
    cli = [sys.executable, "-m", "gegenlesen.tui.cli"]
    subprocess.run([*cli, "articles", "--db", str(db_path), "--empty"], check=True, capture_output=True)
    probe = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    probe.execute("CREATE TABLE IF NOT EXISTS bench_probe (at REAL)")
    began = time.monotonic()
    child = subprocess.Popen([*cli, "import", "--db", str(db_path), str(feed)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    waits = []
    while child.poll() is None:
        asked = time.monotonic()
        probe.execute("BEGIN IMMEDIATE")
        waits.append(time.monotonic() - asked)
        probe.execute("INSERT INTO bench_probe VALUES (?)", [asked])
        probe.execute("COMMIT")
        time.sleep(0.02)
    took = time.monotonic() - began
    out, err = child.communicate()
    probe.close()
    waits_ms = sorted(1000 * wait for wait in waits)
    p95 = waits_ms[int(0.95 * (len(waits_ms) - 1))] if waits_ms else 0
    print(out.strip(), err.strip(), sep="\n")
    print(f"import of {args.lines} lines: {took:.1f} s (exit {child.returncode}); {len(waits_ms)} probes; "
          f"wait for BEGIN IMMEDIATE: max {max(waits_ms, default=0):.0f} ms, p95 {p95:.0f} ms, "
          f"median {statistics.median(waits_ms) if waits_ms else 0:.1f} ms")


if __name__ == "__main__":
    main()
