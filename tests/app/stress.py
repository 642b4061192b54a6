"""The stress test of "nothing is lost", shared by tests/app/test_stress.py and `python -m tests.stress`.

A real reader in a pseudo-terminal tags, types, judges and undoes, one key at a time, and
counts an action as done only when the screen reported it ("Claim #7 tagged", "Claim #7:
true", "Undid: type of claim #7"). Meanwhile another thread runs `articles`, `import`,
`export` and `import-annotations` on the same file in a loop; both the reader and the
commands are killed with SIGKILL at seeded random moments, the reader is then restarted
(under a new annotator name, so that its undo stack is its own). After each reader kill and
at the end, every claim of the expected model must be in the database as the screen said;
an action whose report had not yet appeared when the reader was killed may be either way.

The commands import-annotations a file of their own (claims on another article), not the
reader's export: that export holds claims the reader later undid, and importing it would
rightly bring them back.
"""

from __future__ import annotations

import codecs
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .terminal import ANSI, SIZE, AppProcess

WINDOW = 9.0
"""Seconds a notification may still be repainted after it appeared (Textual shows one for
5 s): an action whose report would read the same as one this recent is not chosen."""
SENTENCES = 10
"""The reader works on the first sentences of its article."""
PROBLEMS = re.compile(r"Traceback|database is locked|disk I/O error|malformed|busy or unwritable|nothing changed|failed:|Not stored|NOT STORED|is busy")


@dataclass
class Figures:
    """What a stress run did and found."""

    seed: int
    runs: int = 0
    """Reader processes started."""
    actions: int = 0
    """Actions the screen reported as done."""
    kills: int = 0
    reader_kills: int = 0
    commands: int = 0
    losses: int = 0
    integrity: str = "not checked"
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"runs {self.runs}, actions {self.actions}, kills {self.kills}, losses {self.losses}"

    def details(self) -> str:
        return (f"seed {self.seed}: reader runs {self.runs}, reader kills {self.reader_kills}, "
                f"commands {self.commands}, command kills {self.kills - self.reader_kills}, "
                f"integrity {self.integrity}, problems {len(self.problems)}")


@dataclass
class State:
    """One claim as the screen reported it."""

    present: bool
    sentence: int
    type: str | None = None
    verdict: str = "unchecked"


def gegenlesen(*args: str) -> list[str]:
    return [sys.executable, "-m", "gegenlesen.tui.cli", *args]


def read_db(path: Path, article_id: int) -> dict[int, tuple[int, str | None, str]]:
    """id -> (start, type, verdict) of the claims stored on the article, read by SQLite alone."""
    conn = sqlite3.connect(path, timeout=60)
    try:
        rows = conn.execute("SELECT id, start, type, verdict FROM claims WHERE article_id = ? AND status = 'claim'",
                            [article_id]).fetchall()
    finally:
        conn.close()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path, timeout=60)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


class Commands(threading.Thread):
    """The other processes: one command after another on the same file, some killed."""

    def __init__(self, db: Path, work: Path, seed_file: Path, rng: random.Random, figures: Figures,
                 lock: threading.Lock) -> None:
        super().__init__(daemon=True)
        self.db, self.work, self.seed_file, self.rng, self.figures, self.lock = db, work, seed_file, rng, figures, lock
        self.stop = threading.Event()

    def arguments(self, n: int) -> list[str]:
        kind = self.rng.choice(["articles", "import", "export", "import-annotations"])
        if kind == "import":
            text = self.work / f"neu-{n}.txt"
            text.write_text(f"Meldung {n} aus Berlin.\n\nDie Stadt meldet {n * 7} neue Wohnungen. "
                            f"Der Senat plant {n % 13 + 2} Prozent mehr bis 2030.\n", encoding="utf-8")
            return ["import", str(text)]
        if kind == "export":
            return ["export", "--format", "jsonl", "-o", str(self.work / "export.jsonl")]
        if kind == "import-annotations":
            return ["import-annotations", str(self.seed_file)]
        return ["articles"]

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            args = self.arguments(n)
            kill_after = self.rng.uniform(0.1, 2.0) if self.rng.random() < 0.4 else None
            proc = subprocess.Popen(gegenlesen("--db", str(self.db), "--annotator", "stress-cli", *args),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            try:
                out, err = proc.communicate(timeout=kill_after if kill_after is not None else 300)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                with self.lock:
                    self.figures.kills += 1
                    self.figures.commands += 1
                continue
            with self.lock:
                self.figures.commands += 1
                text = (out + err).decode("utf-8", "replace")
                if proc.returncode != 0 or PROBLEMS.search(text):
                    self.figures.problems.append(f"`{' '.join(args[:1])}` exited {proc.returncode}: {text.strip()[-300:]}")


class Reader:
    """One reader process, read through its screen output."""

    def __init__(self, db: Path, annotator: str) -> None:
        import pyte

        self.app = AppProcess("--db", str(db), "--annotator", annotator)
        self.screen = pyte.Screen(*SIZE)
        """What the terminal shows now: Textual repaints only what changed, so a message may
        never stand whole in the byte stream."""
        self.stream = pyte.Stream(self.screen)
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        """A character may be split between two reads."""
        self.before = ""
        """The screen when the last keys were sent: a message already on it then is no answer to them."""
        self.raw = ""
        self.closed = False
        self.exited = False
        """Whether it ended by itself before it was killed."""

    def pump(self, seconds: float) -> None:
        ready, _, _ = select.select([self.app.master], [], [], seconds)
        if ready:
            try:
                chunk = self.decoder.decode(os.read(self.app.master, 65536))
            except OSError:
                time.sleep(seconds)
                return
            self.raw += chunk
            self.stream.feed(chunk)

    def stacks(self) -> str:
        """What the reader's threads are doing (with py-spy, where it is installed)."""
        import shutil

        spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        if not Path(spy).exists():
            return ""
        found = subprocess.run([spy, "dump", "--pid", str(self.app.process.pid)], capture_output=True, text=True)
        return found.stdout[-4000:] + found.stderr[-500:]

    def said(self, since: int) -> list[str]:
        """The messages painted since `since` (each a fragment: only what changed is painted)."""
        text = ANSI.sub(" ", self.raw[since:])
        return sorted({" ".join(m.split()) for m in re.findall(r"[^\n│]{0,60}(?:[Cc]laim|stored|changed|Undid)[^\n│]{0,60}", text)})

    def shown(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait(self, pattern: re.Pattern, timeout: float, accept=lambda match: True) -> re.Match | None:
        """The first new match (see `search`) that `accept`s; None after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            match = self.search(pattern, accept)
            if match is not None or time.monotonic() > deadline or self.app.process.poll() is not None:
                return match
            self.pump(0.05)

    def search(self, pattern: re.Pattern, accept=lambda match: True) -> re.Match | None:
        """A message on the screen now that was not there as often when the last keys were sent.

        The screen, not the byte stream: Textual repaints a toast that is still up whenever the
        ones around it change, so an old message shows up in the stream again after new keys."""
        shown = self.shown()
        return next((m for m in pattern.finditer(shown)
                     if accept(m) and shown.count(m.group(0)) > self.before.count(m.group(0))), None)

    def kill(self) -> None:
        """SIGKILL; what it had written to the terminal before is still read."""
        if self.closed:
            return
        self.closed = True
        self.exited = self.app.process.poll() is not None
        if not self.exited:
            os.killpg(self.app.process.pid, signal.SIGKILL)
        self.app.process.wait(timeout=10)
        for _ in range(50):
            ready, _, _ = select.select([self.app.master], [], [], 0)
            if not ready:
                break
            try:
                chunk = os.read(self.app.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            text = self.decoder.decode(chunk)
            self.raw += text
            self.stream.feed(text)
        os.close(self.app.master)

    def problems(self) -> list[str]:
        seen = ANSI.sub("", self.raw)
        return [seen[max(0, m.start() - 80):m.end() + 120].replace("\n", " ") for m in PROBLEMS.finditer(seen)]


class Stress:
    """One stress run on the database at `db` (analysed, with the demo corpus)."""

    def __init__(self, db: Path, work: Path, seconds: float, seed: int, log=print) -> None:
        self.db, self.work, self.seconds, self.log = Path(db), Path(work), seconds, log
        self.rng = random.Random(seed)
        self.figures = Figures(seed)
        self.lock = threading.Lock()
        self.model: dict[int, State] = {}
        self.article: int | None = None
        self.sentences: list[tuple[int, int]] = []
        self.recent: dict[str, float] = {}
        self.journal: list[str] = []
        """What was pressed and what the screen answered, for GEGENLESEN_STRESS_LOG."""

    # -- setup -----------------------------------------------------------------------------

    def prepare(self) -> Path:
        """A file of claims (on the last article, away from the reader) for import-annotations."""
        from gegenlesen.storage import claims as claim_store
        from gegenlesen.storage.articles import current_ids, sentences
        from gegenlesen.storage.db import open_database

        db = open_database(self.db)
        try:
            last = current_ids(db)[-1]
            for start, end in sentences(db, last)[:3]:
                claim_store.add_claim(db, last, start, end, "stress-seed")
        finally:
            db.close()
        seed_file = self.work / "seed-claims.jsonl"
        subprocess.run(gegenlesen("--db", str(self.db), "export", "--format", "jsonl", "-o", str(seed_file)),
                       check=True, capture_output=True)
        return seed_file

    # -- the expected model ----------------------------------------------------------------

    def sentence_of(self, start: int) -> int:
        return next((i for i, (s, e) in enumerate(self.sentences) if s <= start < e), -1)

    def learn_article(self) -> None:
        """The reader's article: the one its claims are on."""
        if self.article is not None:
            return
        from gegenlesen.storage.articles import sentences
        from gegenlesen.storage.db import connect

        with connect(self.db) as db:
            row = db.execute("SELECT article_id FROM claims WHERE annotator LIKE 'stress-r%' LIMIT 1").fetchone()
            if row is not None:
                self.article = row[0]
                self.sentences = sentences(db, self.article)

    def check(self, pending: tuple | None) -> None:
        """Compare the database with the model; `pending` is the action not reported yet,
        which may be stored or not. Then take the database as the model."""
        self.learn_article()
        if self.article is None:
            return
        stored = read_db(self.db, self.article)
        pending_id = pending[1] if pending else None
        for claim_id, state in self.model.items():
            row = stored.get(claim_id)
            got = (row is not None, row[1] if row else None, row[2] if row else None)
            want = (state.present, state.type if state.present else None, state.verdict if state.present else None)
            if got == want:
                continue
            if claim_id == pending_id and got == pending[2]:
                continue
            self.journal.append(f"LOSS #{claim_id}: want {want} got {got}; stored {stored}")
            self.figures.losses += 1
            self.figures.problems.append(f"LOSS claim #{claim_id}: screen said {want}, database has {got}")
        extra = [claim_id for claim_id in stored if claim_id not in self.model]
        if len(extra) > (1 if pending and pending[0] == "tag" else 0):
            self.figures.problems.append(f"claims nobody reported: {extra}")
        self.model = {claim_id: State(True, self.sentence_of(start), type_, verdict)
                      for claim_id, (start, type_, verdict) in stored.items()}

    # -- choosing and doing actions --------------------------------------------------------

    def is_recent(self, message: str) -> bool:
        return time.monotonic() - self.recent.get(message, -1e9) < WINDOW

    def choose(self, undo: list, mine: set[int]) -> tuple | None:
        """(kind, claim id, keys-to-press, expected message, change) or None; types and
        verdicts only on `mine`, the claims this reader's annotator tagged (claims are per
        annotator: another's is left as they judged it)."""
        now = time.monotonic()
        present = [(cid, s) for cid, s in self.model.items() if s.present and 0 <= s.sentence < SENTENCES]
        options = []
        taken = {s.sentence for s in self.model.values() if s.present}
        free = [i for i in range(SENTENCES) if i not in taken]
        if free and not any(now - t < WINDOW for m, t in self.recent.items() if m.endswith(" tagged") or m.startswith("Undid: add")):
            options += [("tag", None)] * (4 if len(present) < 4 else 1)
        for cid, state in present:
            if cid in mine:
                options += [("type", cid), ("verdict", cid)]
        if undo:
            options += [("undo", None)] * 2
        self.rng.shuffle(options)
        for kind, cid in options:
            if kind == "tag":
                return ("tag", None, self.rng.choice(free), "c", None, None)
            if kind == "undo":
                claim_id, name, before = undo[-1]
                message = f"Undid: {'add claim' if name == 'present' else name + ' of claim'} #{claim_id}"
                if not self.is_recent(message):
                    return ("undo", claim_id, self.model[claim_id].sentence, "u", message, (name, before))
                continue
            state = self.model[cid]
            if kind == "type":
                digit = self.rng.randrange(1, len(self.types) + 1)
                key, label = self.types[digit - 1]
                message = f"Claim #{cid}: {label}"
                if key != state.type and not self.is_recent(message):
                    return ("type", cid, state.sentence, str(digit), message, ("type", key))
            else:
                verdict = self.verdicts[(self.verdicts.index(state.verdict) + 1) % len(self.verdicts)] \
                    if state.verdict in self.verdicts else self.verdicts[0]
                message = f"Claim #{cid}: {verdict}"
                if not self.is_recent(message):
                    return ("verdict", cid, state.sentence, "t", message, ("verdict", verdict))
        return None

    def stored_form(self, claim_id: int, name: str, value) -> tuple:
        state = self.model.get(claim_id)
        if state is None:
            return (True, None, "unchecked")
        got = {"present": state.present, "type": state.type, "verdict": state.verdict}
        got[name] = value
        present = got["present"]
        return (present, got["type"] if present else None, got["verdict"] if present else None)

    def drive(self, reader: Reader, annotator: str, until: float) -> tuple | None:
        """Actions until a kill (returns the action not reported yet, if any) or the deadline."""
        # The claims reach the panes with the side panes, right after the first frame: keys
        # pressed before act on a view that has none yet.
        started = reader.wait(re.compile(r"\d+ claims? in view(?s:.*)─ Claims ─"), 120)
        if started is None:
            self.figures.problems.append(f"{annotator}: the reader did not start: {ANSI.sub('', reader.raw)[-300:]!r}")
            return None
        undo: list[tuple[int, str, object]] = []
        mine: set[int] = set()
        while time.monotonic() < until:
            action = self.choose(undo, mine)
            if action is None:
                reader.pump(0.5)
                continue
            kind, claim_id, sentence, key, message, change = action
            reader.before = reader.shown()
            pressed_at = len(reader.raw)
            self.journal.append(f"{time.monotonic():.2f} {annotator} {kind} #{claim_id} sentence {sentence} keys {key!r}")
            reader.app.press("g" + "j" * sentence + key)  # from the top: a reload may move the cursor
            if kind == "tag":
                tagged = re.compile(r"Claim #(\d+) tagged")
                pending = ("tag", None, None)
            else:
                tagged = re.compile(re.escape(message) + r"(?!\d)")
                name, value = change
                pending = (kind, claim_id, self.stored_form(claim_id, name, value))
            killing = self.rng.random() < 0.12
            if killing:
                time.sleep(self.rng.uniform(0, 0.4))
                reader.kill()
                match = reader.search(tagged)
            else:
                match = reader.wait(tagged, 60)
            if match is None:
                if not killing:
                    self.figures.problems.append(f"{annotator}: no report of {kind} {message or ''} within 60 s; "
                                                 f"said since: {reader.said(pressed_at)}; the screen showed:\n"
                                                 f"{reader.shown()}\n{reader.stacks()}")
                    reader.kill()
                return pending
            self.figures.actions += 1
            self.journal.append(f"{time.monotonic():.2f} {annotator}   -> {match.group(0)}")
            self.recent[match.group(0)] = time.monotonic()
            if kind == "tag":
                claim_id = int(match.group(1))
                self.learn_article()
                self.model[claim_id] = State(True, sentence)
                mine.add(claim_id)
                undo.append((claim_id, "present", False))
            elif kind == "undo":
                name, before = change
                setattr(self.model[claim_id], name, before)
                undo.pop()
            else:
                name, value = change
                undo.append((claim_id, name, getattr(self.model[claim_id], name)))
                setattr(self.model[claim_id], name, value)
            if killing:
                return None
        return None

    # -- the run ---------------------------------------------------------------------------

    def run(self) -> Figures:
        from gegenlesen.storage.codebooks import codebook_in_use
        from gegenlesen.storage.db import connect

        seed_file = self.prepare()
        with connect(self.db) as db:
            codebook = codebook_in_use(db)
        self.types = [(t.key, t.label) for t in codebook.types][:9]
        self.verdicts = list(codebook.verdicts)
        commands = Commands(self.db, self.work, seed_file, random.Random(self.rng.random()), self.figures, self.lock)
        commands.start()
        until = time.monotonic() + self.seconds
        try:
            while time.monotonic() < until:
                self.figures.runs += 1
                annotator = f"stress-r{self.figures.runs}"
                reader = Reader(self.db, annotator)
                try:
                    pending = self.drive(reader, annotator, until)
                finally:
                    reader.kill()
                    if reader.exited:
                        self.figures.problems.append(f"{annotator} ended by itself: {ANSI.sub('', reader.raw)[-500:]!r}")
                    else:
                        with self.lock:
                            self.figures.kills += 1
                            self.figures.reader_kills += 1
                    self.figures.problems += [f"{annotator} screen: {p}" for p in reader.problems()]
                    if os.environ.get("GEGENLESEN_STRESS_LOG"):  # every byte each reader painted, for a post-mortem
                        log = Path(os.environ["GEGENLESEN_STRESS_LOG"])
                        log.mkdir(parents=True, exist_ok=True)
                        (log / f"{annotator}.txt").write_text(ANSI.sub(" ", reader.raw), encoding="utf-8")
                        with (log / "actions.txt").open("a", encoding="utf-8") as actions:
                            actions.write("\n".join(self.journal) + "\n")
                        self.journal.clear()
                with self.lock:
                    self.check(pending)
        finally:
            commands.stop.set()
            commands.join(timeout=300)
        self.check(None)
        self.figures.integrity = integrity(self.db)
        return self.figures


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.app.stress --seconds 600 --seed 7`: a long run on a new demo database."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "stress.db"
        subprocess.run(gegenlesen("--db", str(db), "articles"), check=True, capture_output=True)
        started = time.monotonic()
        figures = Stress(db, work, args.seconds, args.seed).run()
        print(f"{figures.line()} in {time.monotonic() - started:.0f} s")
        print(figures.details())
        for problem in figures.problems:
            print("  ", problem)
    return 0 if figures.losses == 0 and figures.integrity == "ok" and not figures.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
