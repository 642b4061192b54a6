"""Benchmark: claim actions commit in <= 5 ms (p99) and the claims list filters in <= 50 ms,
on a database that already holds 10,000 claims.

The database holds the five demo articles (no analysis: claims do not need it). 10,000
claims on random word spans, by three annotators, with types, verdicts and notes, are
tagged with `add_claim` inside one transaction (so each is a savepoint; the figure
`fill` is that), which also writes their 10,000 history rows, as tagging them one by one
would have.

* `commit_latency_*`: each action is the real call, its own `BEGIN IMMEDIATE ... COMMIT`
  with its history row, timed from call to return. Rounds of add (a new span), update
  (cycle the verdict of a random claim), delete (a random claim) and undo (that delete),
  on the full database and, as baseline in the same run, on the same articles without
  claims. The journal mode and `synchronous` are printed: with WAL and synchronous=FULL
  every commit waits for an fsync of the WAL, which is most of the time on a slow disk.
* `filter_order_*`: `filter_claims` then `order_claims` over every claim, as the claims
  pane does on each key in its filter box, for a few typical queries; with 1,000 claims
  as baseline. `list_claims_10k` is reading them all from the database, as the reading
  screen's `refresh_claims` does for the articles in view after every action, split into
  the SQL rows and building the `Claim` dataclasses.

Nothing about speed is asserted.
"""

from __future__ import annotations

import gc
import random
import re
import statistics
import time
from pathlib import Path

import pytest

from gegenlesen.corpus.codebook import default_codebook
from gegenlesen.storage import articles, history
from gegenlesen.storage.claims import SELECT, Claim, ClaimError, add_claim, delete_claim, list_claims, update_claim
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.library import seed_demo_corpus
from gegenlesen.tui.claim_list import filter_claims, order_claims

pytestmark = pytest.mark.bench

CLAIMS = 10_000
BASELINE_CLAIMS = 1_000
ROUNDS = 300
FILTER_REPEATS = 15
COMMIT_P99_TARGET_MS = 5.0
FILTER_TARGET_MS = 50.0
ANNOTATORS = ("anna", "bob", "carla")
NOTES = ("", "", "", "Quelle fehlt", "Zahl prüfen: Statistisches Bundesamt", "bis 2030?", "laut Reuters")
QUERIES = ("", "dollar", "statistic", "true", "anna", "china false", "quelle bob", "nichtvorhanden")
WORD = re.compile(r"\w+")
CODEBOOK = default_codebook()


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}ms"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Spans:
    """Random word spans (1 to 12 words) over the demo articles, each one at most once."""

    def __init__(self, db, seed: int) -> None:
        self.random = random.Random(seed)
        self.words = []
        for summary in articles.list_articles(db):
            text = articles.get_article(db, summary.id).text
            self.words.append((summary.id, [(m.start(), m.end()) for m in WORD.finditer(text)]))
        self.used: set[tuple[int, int, int]] = set()

    def next(self) -> tuple[int, int, int]:
        while True:
            article_id, words = self.random.choice(self.words)
            first = self.random.randrange(len(words))
            last = min(len(words) - 1, first + self.random.randrange(12))
            span = (article_id, words[first][0], words[last][1])
            if span not in self.used:
                self.used.add(span)
                return span


def make_database(path: Path) -> object:
    db = open_database(path)
    seed_demo_corpus(db)
    return db


def fill(db, spans: Spans, count: int, rng: random.Random) -> float:
    """Tag `count` claims with every field set, in one transaction; returns the seconds."""
    started = time.perf_counter()
    with write(db):
        done = 0
        while done < count:
            article_id, start, end = spans.next()
            who = rng.choice(ANNOTATORS)
            try:
                claim = add_claim(db, article_id, start, end, who, type=rng.choice(CODEBOOK.types).key,
                                  verdict=rng.choice(CODEBOOK.verdicts))
            except ClaimError:
                continue
            note = rng.choice(NOTES)
            if note:
                update_claim(db, claim.id, who, note=note, worthiness=rng.randint(1, 3))
            done += 1
    return time.perf_counter() - started


def commit_rounds(db, spans: Spans, rng: random.Random) -> dict[str, list[float]]:
    """ROUNDS x (add, update, delete, undo), each timed around the one call."""
    times = {"add_claim": [], "update_claim": [], "delete_claim": [], "undo": []}
    ids = [row[0] for row in db.execute("SELECT id FROM claims")]
    for _ in range(ROUNDS):
        who = rng.choice(ANNOTATORS)
        article_id, start, end = spans.next()
        t0 = time.perf_counter()
        claim = add_claim(db, article_id, start, end, who)
        times["add_claim"].append(time.perf_counter() - t0)
        ids.append(claim.id)

        target = rng.choice(ids)
        current = db.execute("SELECT verdict FROM claims WHERE id = ?", [target]).fetchone()[0]
        t0 = time.perf_counter()
        update_claim(db, target, who, verdict=CODEBOOK.next_verdict(current))
        times["update_claim"].append(time.perf_counter() - t0)

        victim = rng.choice(ids)
        t0 = time.perf_counter()
        delete_claim(db, victim, who)
        times["delete_claim"].append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        step = history.undo(db, who)
        times["undo"].append(time.perf_counter() - t0)
        assert step is not None and step.action == "delete" and step.target == victim
    return times


def test_commit_latency_with_10000_claims(tmp_path):
    rng = random.Random(1)
    full = make_database(tmp_path / "full.db")
    empty = make_database(tmp_path / "empty.db")
    try:
        full_spans = Spans(full, seed=2)  # goes on from the filled spans: never tags one twice
        filled = fill(full, full_spans, CLAIMS, rng)
        claims_stored = full.execute("SELECT count(*) FROM claims").fetchone()[0]
        history_rows = full.execute("SELECT count(*) FROM history").fetchone()[0]
        assert claims_stored == CLAIMS
        journal = full.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[full.execute("PRAGMA synchronous").fetchone()[0]]
        report("claims_fill", claims=claims_stored, history_rows=history_rows, seconds=f"{filled:.2f}",
               per_claim=ms(filled / CLAIMS), journal=journal, synchronous=synchronous)

        # Alternate the two databases round by round, so that other load hits both alike.
        results = {"full": {}, "empty": {}}
        spans = {"full": full_spans, "empty": Spans(empty, seed=3)}
        # The empty database needs a few claims for update/delete to act on.
        add_claim(empty, *spans["empty"].next(), "anna")
        gc.collect()
        for name, db in (("full", full), ("empty", empty), ("full", full), ("empty", empty)):
            for action, values in commit_rounds(db, spans[name], rng).items():
                results[name].setdefault(action, []).extend(values)
        for action in ("add_claim", "update_claim", "delete_claim", "undo"):
            figures = {}
            for name in ("full", "empty"):
                values = results[name][action]
                assert len(values) == 2 * ROUNDS and all(v > 0 for v in values)
                figures[name] = values
            p99 = percentile(figures["full"], 0.99)
            report(
                f"commit_latency_{action}",
                n=len(figures["full"]),
                p50_10k=ms(statistics.median(figures["full"])),
                p99_10k=ms(p99),
                max_10k=ms(max(figures["full"])),
                p50_empty=ms(statistics.median(figures["empty"])),
                p99_empty=ms(percentile(figures["empty"], 0.99)),
                ratio_p50=f"{statistics.median(figures['full']) / statistics.median(figures['empty']):.2f}",
                target=f"p99<={COMMIT_P99_TARGET_MS:g}ms",
                meets_target=p99 * 1000 <= COMMIT_P99_TARGET_MS,
            )
        assert full.execute("SELECT count(*) FROM claims").fetchone()[0] == CLAIMS + 2 * ROUNDS
    finally:
        full.close()
        empty.close()


def test_filter_and_order_10000_claims(tmp_path):
    rng = random.Random(4)
    db = make_database(tmp_path / "full.db")
    try:
        fill(db, Spans(db, seed=5), CLAIMS, rng)
        reads, fetches, builds = [], [], []
        for _ in range(5):
            t0 = time.perf_counter()
            claims = list_claims(db)
            reads.append(time.perf_counter() - t0)
            # The same read in two halves: the query's rows, then the frozen dataclasses.
            t0 = time.perf_counter()
            rows = db.execute(f"{SELECT} WHERE status = 'claim' ORDER BY article_id, start, \"end\", id").fetchall()
            t1 = time.perf_counter()
            [Claim(*row) for row in rows]
            fetches.append(t1 - t0)
            builds.append(time.perf_counter() - t1)
        assert len(claims) == CLAIMS
        report("list_claims_10k", n=len(claims), median=ms(statistics.median(reads)), max=ms(max(reads)),
               sql_rows=ms(statistics.median(fetches)), dataclasses=ms(statistics.median(builds)))
        pane_of = {summary.id: index for index, summary in enumerate(articles.list_articles(db)[:3], 1)}
        sample = rng.sample(claims, BASELINE_CLAIMS)
        gc.collect()
        for query in QUERIES:
            for order in ("position", "type"):
                figures, counts = {}, {}
                for name, pool in (("10k", claims), ("1k", sample)):
                    times = []
                    for _ in range(FILTER_REPEATS):
                        t0 = time.perf_counter()
                        shown = order_claims(filter_claims(pool, query, CODEBOOK), order, CODEBOOK, pane_of)
                        times.append(time.perf_counter() - t0)
                    assert all(t > 0 for t in times)
                    figures[name], counts[name] = times, len(shown)
                worst = max(figures["10k"])
                report(
                    "filter_order",
                    query=repr(query).replace(" ", "_"),
                    order=order,
                    shown_10k=counts["10k"],
                    median_10k=ms(statistics.median(figures["10k"])),
                    max_10k=ms(worst),
                    median_1k=ms(statistics.median(figures["1k"])),
                    ratio=f"{statistics.median(figures['10k']) / statistics.median(figures['1k']):.1f}",
                    target=f"<={FILTER_TARGET_MS:g}ms",
                    meets_target=worst * 1000 <= FILTER_TARGET_MS,
                )
        # One annotator's claims only ("mine"), with and without a query.
        for query in ("", "true"):
            times = []
            for _ in range(FILTER_REPEATS):
                t0 = time.perf_counter()
                shown = order_claims(filter_claims(claims, query, CODEBOOK, annotator="anna"), "position", CODEBOOK, pane_of)
                times.append(time.perf_counter() - t0)
            assert 0 < len(shown) < CLAIMS
            report("filter_order_mine", query=repr(query).replace(" ", "_"), shown_10k=len(shown),
                   median_10k=ms(statistics.median(times)), max_10k=ms(max(times)),
                   target=f"<={FILTER_TARGET_MS:g}ms", meets_target=max(times) * 1000 <= FILTER_TARGET_MS)
    finally:
        db.close()
