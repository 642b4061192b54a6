"""Cross-reading at 1,000 and 10,000 articles: the index, X, l, links suggest, M and T.

The corpus is `crossref_corpus` (stories of about four articles sharing names, figures and
dates, a fast rule-based analysis stored with storage's own functions), with a claim on the
second sentence of every tenth article. Each figure is printed with its wall and CPU time
(the machine is shared: CPU time is the steadier) and a ratio against a baseline measured in
the same run; targets are printed, never asserted.

    pytest tests/bench/test_bench_crossref_scale.py -m bench -s -q [-k 1000]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crossref_corpus import add_articles, build_corpus

from gegenlesen.corpus.crossref.meaning import meaning_of
from gegenlesen.storage import articles, crossindex, crossread
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import write
from gegenlesen.storage.overview import entity_matrix, timeline
from gegenlesen.tui.screens.matrix import CHUNK, busiest_columns, entity_cells

pytestmark = pytest.mark.bench
QUERIES = 40
"""Claims whose proposals are timed (the meaning cache emptied first: each is cold)."""


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def report(name: str, size: int, clock: Clock, baseline: float, target: float | None = None, **extra) -> None:
    met = f" target=<{target}s meets_target={clock.wall < target}" if target is not None else ""
    more = "".join(f" {key}={value}" for key, value in extra.items())
    print(f"BENCH {name} articles={size} wall_s={clock.wall:.3f} cpu_s={clock.cpu:.3f} "
          f"baseline_s={baseline:.3f} ratio={clock.wall / max(baseline, 1e-9):.2f}{met}{more}")


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


@pytest.mark.parametrize("size", [1000, 10000])
def test_cross_reading_at_scale(tmp_path, size):
    started = time.perf_counter()
    db = build_corpus(tmp_path / "scale.db", size)
    ids = articles.current_ids(db)
    claims = []
    with write(db):
        for article_id in ids[::10]:
            start, end = articles.sentences(db, article_id)[1]
            claims.append(add_claim(db, article_id, start, end, "bench").id)
    print(f"\nBENCH crossref_scale_corpus articles={size} claims={len(claims)} made_s={time.perf_counter() - started:.1f}")

    with Clock() as read:  # baseline: what the index must read at least
        for _ in crossindex._rows(db, ids):
            pass
    crossindex.forget(db)
    with Clock() as build:
        index = crossindex.current(db)
    report("crossref_index_build", size, build, read.wall, sentences=len(index.sentences()))

    rng = random.Random(size)
    with write(db):
        for article_id in rng.sample(ids, 10):
            start, end = articles.sentences(db, article_id)[2]
            add_claim(db, article_id, start, end, "bench")
    with Clock() as update_claims:
        updated = crossindex.current(db)
    report("crossref_index_update_10_claims", size, update_claims, build.wall)
    add_articles(db, 10, seed=size + 1, first=size)
    with Clock() as update_articles:
        updated = crossindex.current(db)
    report("crossref_index_update_10_articles", size, update_articles, build.wall, articles_now=len(updated.entries))

    with Clock() as conflicts:
        corpus = crossread.load_corpus(db)
        flagged = crossread.corpus_conflicts(db, corpus)
    report("crossref_X_index_built", size, conflicts, build.wall, target=2.0, flagged=len(flagged))
    with Clock() as again:
        crossread.corpus_conflicts(db, crossread.load_corpus(db))
    report("crossref_X_again", size, again, conflicts.wall, target=2.0)

    chosen = rng.sample(claims, min(QUERIES, len(claims)))
    crossread.proposals(corpus, chosen[0])  # the lexicon loads once per process
    for shortlisted, name in ((None, "crossref_l_all_passages"), (crossread.SHORTLIST, "crossref_l_shortlist")):
        meaning_of.cache_clear()
        times = []
        for claim_id in chosen[:10] if shortlisted is None else chosen:
            with Clock() as one:
                crossread.proposals(corpus, claim_id, shortlisted=shortlisted)
            times.append(one.wall)
        p50, p95 = percentiles(times)
        print(f"BENCH {name} articles={size} claims={len(times)} p50_ms={p50 * 1e3:.1f} p95_ms={p95 * 1e3:.1f} "
              f"target=<200ms meets_target={p95 < 0.2}")
        if shortlisted is None:
            full_p95 = p95
    print(f"BENCH crossref_l_shortlist_vs_all articles={size} p95_ratio={p95 / max(full_p95, 1e-9):.3f}")
    meaning_of.cache_clear()
    times = []
    for claim_id in chosen:  # what the link dialog's worker does: the index (built), then proposals
        with Clock() as one:
            crossread.proposals(crossread.load_corpus(db), claim_id)
        times.append(one.wall)
    p50, p95 = percentiles(times)
    print(f"BENCH crossref_link_dialog_work articles={size} p50_ms={p50 * 1e3:.1f} p95_ms={p95 * 1e3:.1f} "
          f"target=<200ms meets_target={p95 < 0.2}")

    meaning_of.cache_clear()
    with Clock() as pool_made:
        pool = crossread.ClaimPool(corpus)
    times = []
    for claim_id in chosen:
        with Clock() as one:
            pool.suggest(claim_id, 3)
        times.append(one.wall)
    p50, p95 = percentiles(times)
    print(f"BENCH crossref_links_suggest_one_claim articles={size} claims={len(corpus.claims)} "
          f"pool_s={pool_made.wall:.3f} p50_ms={p50 * 1e3:.1f} p95_ms={p95 * 1e3:.1f} target=<50ms meets_target={p95 < 0.05}")

    with Clock() as raw:  # baseline: reading every entity row
        db.execute("SELECT article_id, key, label, text, value FROM entities").fetchall()
    with Clock() as matrix_clock:
        matrix = busiest_columns(entity_matrix(db))
        for group in matrix.groups[:CHUNK]:  # the first rows the screen adds
            entity_cells(group, matrix.articles, {})
    report("crossref_M_matrix", size, matrix_clock, raw.wall, target=2.0, groups=len(matrix.groups),
           columns=len(matrix.articles))
    with Clock() as timeline_clock:
        rows = timeline(db)
    report("crossref_T_timeline", size, timeline_clock, raw.wall, target=2.0, rows=len(rows))

    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    command = Path(sys.executable).with_name("gegenlesen")
    with Clock() as baseline_process:
        subprocess.run([command, "--help"], check=True, stdout=subprocess.DEVNULL)
    children = os.times()
    with Clock() as process:
        done = subprocess.run([command, "conflicts", "--db", str(db.path), "--format", "jsonl"],
                              check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    after = os.times()
    lines = done.stdout.count(b"\n")
    process.cpu = (after.children_user - children.children_user) + (after.children_system - children.children_system)
    report("crossref_conflicts_command", size, process, baseline_process.wall, target=60.0, flags=lines)
    assert build.wall > 0 and lines == len(flagged) and len(rows) > 0 and matrix.groups
