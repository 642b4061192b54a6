"""How long `suggest` takes for one sentence against every sentence of the demo corpus."""

from __future__ import annotations

import statistics
import time

import pytest

from gegenlesen.corpus.crossref import article_passages, claim_candidates, find_conflicts, name_index, suggest
from gegenlesen.storage import articles

pytestmark = pytest.mark.bench
TARGET_MS = 200


def test_suggest_for_every_sentence_of_the_demo_corpus(demo_db):
    started = time.perf_counter()
    ids = articles.article_ids(demo_db)
    stored = articles.entities(demo_db, ids)
    index = name_index(stored)
    passages = []
    for article_id in ids:
        text = articles.get_article(demo_db, article_id).text
        own = [e for e in stored if e.article_id == article_id]
        passages += article_passages(article_id, text, articles.sentences(demo_db, article_id), own, index)
    build_ms = (time.perf_counter() - started) * 1000

    times = []
    conflicts = 0
    for passage in passages:
        start = time.perf_counter()
        found = suggest(passage, passages, top=5)
        times.append((time.perf_counter() - start) * 1000)
        conflicts += sum(len(find_conflicts(passage, s.candidate)) for s in found)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]

    start = time.perf_counter()
    candidates = claim_candidates(passages)
    candidates_ms = (time.perf_counter() - start) * 1000

    print(f"\nBENCH crossref_build_passages sentences={len(passages)} ms={build_ms:.1f}")
    print(
        f"BENCH crossref_suggest sentences={len(passages)} p50_ms={p50:.2f} p95_ms={p95:.2f} "
        f"max_ms={times[-1]:.2f} target=<{TARGET_MS}ms meets_target={p95 < TARGET_MS}"
    )
    print(f"BENCH crossref_conflicts_in_top5 flagged={conflicts}")
    print(f"BENCH crossref_claim_candidates found={len(candidates)} of={len(passages)} ms={candidates_ms:.2f}")
    assert len(times) == len(passages) > 0 and all(t >= 0 for t in times)
