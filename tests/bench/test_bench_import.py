"""Benchmark: importing 2,000 article files of ~500 words, before any NLP (target >= 200/s).

The files come from `corpus_generator.write_corpus` (seed 7). `import` is
`storage.importer.import_paths` on a new database (no demo corpus): finding, reading,
decoding, hashing and storing each file in its own transaction (WAL, synchronous as the
app sets it). `import_read_only` is the reading part alone (collect + read_file for every
file, no database), `import_again` the same command once more (everything already there).
Nothing about speed is asserted.
"""

from __future__ import annotations

import time

import pytest

from gegenlesen.corpus.importing import collect, read_file
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.importer import import_paths
from corpus_generator import write_corpus  # tests/bench is on sys.path (no __init__.py: rootdir-relative import)

pytestmark = pytest.mark.bench

FILES = 2_000
TARGET_PER_S = 200.0


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def test_import_2000_files(tmp_path):
    began = time.perf_counter()
    write_corpus(tmp_path / "corpus", FILES, words=500, seed=7)
    report("import_generate", files=FILES, seconds=f"{time.perf_counter() - began:.2f}")

    began = time.perf_counter()
    found = [read_file(candidate) for candidate in collect([tmp_path / "corpus"]).files]
    read_seconds = time.perf_counter() - began
    words = sum(article.to_article().words for articles_found in found for article in articles_found)
    report("import_read_only", files=len(found), seconds=f"{read_seconds:.2f}",
           files_per_s=f"{len(found) / read_seconds:.0f}", words_per_file=f"{words / len(found):.0f}")

    db = open_database(tmp_path / "bench.db")
    try:
        synchronous = db.execute("PRAGMA synchronous").fetchone()[0]
        began = time.perf_counter()
        result = import_paths(db, [tmp_path / "corpus"])
        seconds = time.perf_counter() - began
        assert result.added == FILES and not result.refused
        rate = FILES / seconds
        report("import", files=FILES, seconds=f"{seconds:.2f}", articles_per_s=f"{rate:.0f}",
               target=f">={TARGET_PER_S:.0f}", meets_target=rate >= TARGET_PER_S,
               journal=db.execute("PRAGMA journal_mode").fetchone()[0], synchronous=synchronous)

        began = time.perf_counter()
        again = import_paths(db, [tmp_path / "corpus"])
        seconds = time.perf_counter() - began
        assert again.already == FILES and articles.count(db) == FILES
        report("import_again", files=FILES, seconds=f"{seconds:.2f}", files_per_s=f"{FILES / seconds:.0f}")
    finally:
        db.close()
