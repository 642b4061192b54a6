"""Benchmark: full-text search over 10,000 articles of ~500 words (about 5 million words).

The articles come from `corpus_generator.article_text` (seed 11) and are stored with
`articles.add_article` (the FTS5 index is kept by triggers, so this also measures indexing).
Queries: a frequent word, a rare word, a prefix, a phrase, two words, and an entity filter
(entities are stored for a tenth of the articles). Each query runs 15 times; p50 and p95
in milliseconds are printed against the 50 ms target (the p50 of a baseline `SELECT count(*)`
over the same table is printed for comparison). Nothing about speed is asserted.
"""

from __future__ import annotations

import random
import statistics
import time

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.search import search
from corpus_generator import article_text  # tests/bench is on sys.path

pytestmark = pytest.mark.bench

ARTICLES = 10_000
TARGET_MS = 50.0
RUNS = 15


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "big.db"
    db = open_database(path, create_parent=True)
    rng = random.Random(11)
    started = time.perf_counter()
    words = 0
    with write(db):
        for number in range(ARTICLES):
            text = article_text(rng) + (" Nvidia liefert Chips." if number % 10 == 0 else "")
            words += len(text.split())
            article_id, _ = articles.add_article(db, Article(f"a{number:05}.txt", text))
            if number % 10 == 0:
                at = text.index("Nvidia")
                articles.store_analysis(db, article_id, Analysis([(0, len(text))], [Entity(at, at + 6, "ORG", "Nvidia", MODEL)], "bench"))
    report("search_build", articles=ARTICLES, words=words, seconds=round(time.perf_counter() - started, 1))
    yield db
    db.close()


def timed(call) -> tuple[float, float, int]:
    times, found = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        found = len(call())
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], found


def test_full_text_search_over_ten_thousand_articles(big_db):
    base, _, _ = timed(lambda: big_db.execute("SELECT count(*) FROM articles").fetchall())
    report("search_baseline", query="count(*)", p50_ms=round(base, 2))
    frequent = big_db.execute("SELECT text FROM articles LIMIT 1").fetchone()[0].split()[3].strip(".,")
    queries = {
        "frequent_word": frequent,
        "rare_word": "Nvidia",
        "prefix": frequent[:4],
        "phrase": '"liefert Chips"',
        "two_words": f"{frequent} Nvidia",
        "entity_filter": "@Nvidia",
        "entity_and_word": f"@Nvidia {frequent}",
    }
    medians = []
    for name, query in queries.items():
        p50, p95, found = timed(lambda query=query: search(big_db, query))
        medians.append(p50)
        report("search", query=name, typed=repr(query), hits=found, p50_ms=round(p50, 1), p95_ms=round(p95, 1),
               target=f"<={TARGET_MS:.0f}ms", meets_target=p50 <= TARGET_MS)
        assert p50 > 0
    report("search_overall", p50_of_medians_ms=round(statistics.median(medians), 1), worst_median_ms=round(max(medians), 1))
