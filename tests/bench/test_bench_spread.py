"""Benchmark: importing 10 new articles into a 1,000- and a 10,000-article database, analysis
and name spreading included (issue 15: under 5 s at 10,000).

The database is the cross-reading corpus (`crossref_corpus`: stories sharing names from a
skewed pool) stored with its fast rule analysis (the place names among the filler words
tagged too), except that a fifth of the names' mentions are left out at random (seed 5), as
a model misses some: so spreading has places to fill.
It is built untimed and spread once (the first spread, timed on its own, `spread_first`,
keeps the index the next ones start from), then copied: one copy for each way of spreading.

One round: 10 new article files of the same stories (`crossref_corpus.article_text`) are
imported with `storage.importer.import_paths`, analysed with the pipeline the app loads
(`storage.library.analyse_pending`; `load_pipeline` once, untimed; GEGENLESEN_BENCH_MODEL
chooses another), and the names spread:
- `before`: what `spread_names` did before it was incremental (every corpus mention
  deleted, `corpus_spreads` over the whole corpus, all inserted);
- `after`: `spread_names`, incremental.
Three rounds each, alternating, the same new articles for both; medians.

GEGENLESEN_BENCH_ARTICLES=FILE.jsonl (one {"text": ...} per line; e.g. 10kGNAD, which may
only be used locally) takes real articles instead: the last 30 are the new ones, the others
are analysed with the pipeline once (`analyse_base`) and stored again and again up to the
size, each copy with its number appended so that its sha256 differs. The last `after` round's rows are checked against
`corpus_spreads` (they must be the same). Nothing about speed is asserted.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path

import pytest

import crossref_corpus  # tests/bench is on sys.path (no __init__.py: rootdir-relative import)
from gegenlesen.corpus.article import Article
from gegenlesen.corpus.entities import entity_key
from gegenlesen.corpus.nlp.records import MODEL, Analysis
from gegenlesen.storage import articles
from gegenlesen.storage.db import Store, open_database, write
from gegenlesen.storage.importer import import_paths
from gegenlesen.storage.library import analyse_pending
from gegenlesen.storage.names import CORPUS, corpus_spreads, spread_names

pytestmark = pytest.mark.bench

SIZES = (1_000, 10_000)
NEW = 10
ROUNDS = 3
MISSED = 0.2
TARGET_S = 5.0
FILLER_NAMES = [(name, "LOC") for name in ("Berlin", "München", "Köln", "Hamburg", "Leipzig", "Europa", "Brüssel")]
FILLER_NAMES.append(("Bundestag", "ORG"))
"""Names among `corpus_generator`'s filler words, which the model tags in the new articles:
tagged in the corpus too, as a database analysed by that model would have them."""


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def build(path: Path, count: int, seed: int = 14) -> Store:
    """The cross-reading corpus of `count` articles, a fifth of the names' mentions left out."""
    rng, missed = random.Random(seed), random.Random(5)
    pool = crossref_corpus.name_pool(random.Random(seed * 7919 + 1))
    stories = [crossref_corpus.make_story(rng, pool) for _ in range(count // crossref_corpus.STORY_SIZE)]
    db = open_database(path)
    with write(db):
        for number in range(count):
            story = stories[number % len(stories)]
            text = f"Meldung {number}\n\n" + crossref_corpus.article_text(rng, story, shifted=rng.random() < 0.2)
            article_id, _ = articles.add_article(db, Article(source=f"bench_{number:05}.txt", text=text))
            full = crossref_corpus.analysis_of(text, list(story.names) + FILLER_NAMES)
            kept = [e for e in full.entities if e.origin != MODEL or missed.random() >= MISSED]
            articles.store_analysis(db, article_id, Analysis(full.sentences, kept, full.pipeline))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def write_new(folder: Path, count: int, seed: int) -> Path:
    """`NEW` article files about the stories of a corpus of `count` articles."""
    rng = random.Random(seed)
    pool = crossref_corpus.name_pool(random.Random(14 * 7919 + 1))
    story_rng = random.Random(14)
    stories = [crossref_corpus.make_story(story_rng, pool) for _ in range(count // crossref_corpus.STORY_SIZE)]
    texts = [f"Neue Meldung {seed}-{number}\n\n" + crossref_corpus.article_text(rng, rng.choice(stories), False)
             for number in range(NEW)]
    return write_files(folder, texts)


def write_files(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True)
    for number, text in enumerate(texts):
        (folder / f"neu_{number:02}.txt").write_text(text, encoding="utf-8")
    return folder


def real_articles() -> list[str] | None:
    """The texts of GEGENLESEN_BENCH_ARTICLES, if set."""
    path = os.environ.get("GEGENLESEN_BENCH_ARTICLES")
    if not path:
        return None
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def build_real(path: Path, count: int, texts: list[str], analyses: list[Analysis]) -> Store:
    """`count` articles: `texts` again and again (the copy's number appended), each with its analysis."""
    db = open_database(path)
    with write(db):
        for number in range(count):
            copy, original = divmod(number, len(texts))
            text = texts[original] + (f"\n\n{copy}" if copy else "")
            article_id, _ = articles.add_article(db, Article(source=f"real_{number:05}.txt", text=text))
            articles.store_analysis(db, article_id, analyses[original])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def spread_before(db: Store) -> int:
    """Name spreading as it was: everything deleted and computed again over the whole corpus."""
    with write(db):
        db.execute("DELETE FROM entities WHERE origin = ?", [CORPUS])
        rows = [(s.place.article, s.place.start, s.place.end, s.label, s.place.form,
                 entity_key(s.place.form, s.label), None, CORPUS) for s in corpus_spreads(db)]
        db.conn.executemany("INSERT INTO entities (article_id, start, end, label, text, key, value, origin) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def one_round(db: Store, folder: Path, pipeline, spread) -> dict[str, float]:
    from gegenlesen.corpus.nlp.pipeline import analyze

    times = {}
    began = time.perf_counter()
    result = import_paths(db, [folder])
    assert result.added == NEW
    times["import"] = time.perf_counter() - began
    began = time.perf_counter()
    assert analyse_pending(db, lambda text, published: analyze(text, pipeline, published)) == NEW
    times["analysis"] = time.perf_counter() - began
    began = time.perf_counter()
    spread(db)
    times["spread"] = time.perf_counter() - began
    times["total"] = sum(times.values())
    return times


def test_importing_ten_articles_into_a_large_database(tmp_path):
    from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline

    pipeline = load_pipeline(os.environ.get("GEGENLESEN_BENCH_MODEL") or None)
    report("pipeline", name=pipeline.name)
    real = real_articles()
    if real is not None:
        base, fresh = real[:-NEW * ROUNDS], real[-NEW * ROUNDS:]
        began = time.perf_counter()
        analyses = [analyze(text, pipeline) for text in base]
        report("analyse_base", articles=len(base), seconds=f"{time.perf_counter() - began:.1f}",
               source="GEGENLESEN_BENCH_ARTICLES")
    for size in SIZES:
        began = time.perf_counter()
        built = build(tmp_path / f"base{size}.db", size) if real is None else \
            build_real(tmp_path / f"base{size}.db", size, base, analyses)
        build_seconds = time.perf_counter() - began
        began = time.perf_counter()
        mentions = spread_names(built)
        report("spread_first", size=size, build_seconds=f"{build_seconds:.1f}",
               seconds=f"{time.perf_counter() - began:.2f}", corpus_mentions=mentions,
               note="full recompute that keeps the index; once per database")
        built.close()
        dbs = {}
        for way in ("before", "after"):
            for suffix in ("", "-wal", "-shm"):
                if (tmp_path / f"base{size}.db{suffix}").exists():
                    shutil.copy(tmp_path / f"base{size}.db{suffix}", tmp_path / f"{way}{size}.db{suffix}")
            dbs[way] = open_database(tmp_path / f"{way}{size}.db")
        measured: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for number in range(ROUNDS):
            for way, spread in (("before", spread_before), ("after", spread_names)):
                folder = tmp_path / f"new{size}_{way}_{number}"
                if real is None:
                    write_new(folder, size, seed=100 + number)
                else:
                    write_files(folder, fresh[number * NEW:(number + 1) * NEW])
                measured[way].append(one_round(dbs[way], folder, pipeline, spread))
        rows = sorted(dbs["after"].execute(
            "SELECT article_id, start, end, label, text, key FROM entities WHERE origin = ?", [CORPUS]).fetchall())
        expected = sorted((s.place.article, s.place.start, s.place.end, s.label, s.place.form,
                           entity_key(s.place.form, s.label)) for s in corpus_spreads(dbs["after"]))
        assert rows == expected, "the incremental spread differs from the full recompute"
        median = {way: {part: statistics.median(r[part] for r in runs) for part in runs[0]}
                  for way, runs in measured.items()}
        for way in ("before", "after"):
            report(f"import_10_into_{size}_{way}", **{part: f"{seconds:.3f}s" for part, seconds in median[way].items()},
                   rounds=ROUNDS, spread_each="/".join(f"{r['spread']:.2f}" for r in measured[way]))
        after = median["after"]["total"]
        report(f"import_10_into_{size}", before=f"{median['before']['total']:.2f}s", after=f"{after:.2f}s",
               ratio_after_before=f"{after / median['before']['total']:.3f}",
               spread_ratio=f"{median['after']['spread'] / median['before']['spread']:.3f}",
               target=f"<={TARGET_S:.0f}s", meets_target=after <= TARGET_S, same_as_full_recompute=True,
               articles="real" if real is not None else "generated")
        for db in dbs.values():
            db.close()
