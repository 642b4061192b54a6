"""Benchmarks for the team side (issue 16): `agreement` on 10,000 claims by three annotators
(target < 2 s) and `merge` of a database with 10,000 articles and 5,000 claims (target < 60 s).

The articles are the generator's German-looking texts (`corpus_generator.article_text`, 300
words), stored with sentences cut at full stops and two entities each, as if analysed; the
claims are whole sentences chosen at random, with random types and verdicts.

* `agreement_10k`: the whole command (`command_agreement`, JSON) on 10,000 claims by three
  annotators over 1,000 articles; baseline: reading the same claims with `list_claims`.
* `merge_10k`: `merge` of the 10,000-article database into an empty one; baseline: a copy of
  the same file with SQLite's backup API (`gegenlesen backup`), the least any merge must do.
  The second merge of the same file (nothing to add) is printed too.

Figures are printed, never asserted.
"""

from __future__ import annotations

import io
import random
import sqlite3
import time

import pytest

from corpus_generator import article_text
from gegenlesen.corpus.nlp.resolve import expected_pipeline_name
from gegenlesen.storage.claims import list_claims
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.library import seed_demo_corpus
from gegenlesen.storage.maintenance import backup
from gegenlesen.storage.merge import merge
from gegenlesen.tui.agreement_command import command_agreement

pytestmark = pytest.mark.bench

TYPES = ("event", "figure", "quote", "comparison")
VERDICTS = ("unchecked", "true", "mostly true", "misleading", "false")


def bench(name: str, **figures) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def fill(path, articles: int, claims: int, annotators: tuple[str, ...], seed: int = 16):
    """A database of generated, 'analysed' articles and random sentence claims."""
    import hashlib

    rng = random.Random(seed)
    db = open_database(path)
    seed_demo_corpus(db, empty=True)
    pipeline = expected_pipeline_name(None) or "bench"
    spans: list[tuple[int, int, int, str]] = []
    with write(db):
        for number in range(articles):
            text = article_text(rng, 300)
            article_id = db.execute(
                "INSERT INTO articles (source, title, sha256, text, words, imported_at, pipeline, analysed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [f"a{number}.txt", text[:40], hashlib.sha256(text.encode()).hexdigest(), text, 300,
                 "2026-01-01T00:00:00+00:00", pipeline, "2026-01-01T00:00:00+00:00"],
            ).lastrowid
            sentences, start = [], 0
            for index, char in enumerate(text):
                if char == "." and (index + 1 == len(text) or text[index + 1] in " \n"):
                    sentences.append((start, index + 1))
                    start = index + 2
            db.conn.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                                [(article_id, idx, s, e) for idx, (s, e) in enumerate(sentences)])
            first = text.split()[0]
            db.conn.executemany(
                'INSERT INTO entities (article_id, start, "end", label, text, key, origin) VALUES (?, ?, ?, ?, ?, ?, ?)',
                [(article_id, 0, len(first), "ORG", first, first.lower(), "model"),
                 (article_id, sentences[1][0], sentences[1][0] + 4, "MISC", text[sentences[1][0]:sentences[1][0] + 4],
                  "misc", "model")],
            )
            spans += [(article_id, s, e, text[s:e]) for s, e in sentences]
        chosen = rng.sample(range(len(spans)), min(claims, len(spans)))
        rows = []
        for number, index in enumerate(chosen):
            article_id, start, end, quote = spans[index]
            stamp = f"2026-01-01T00:00:{number % 60:02d}.000+00:00"
            rows.append((article_id, start, end, quote, rng.choice(TYPES), rng.choice(VERDICTS),
                         annotators[number % len(annotators)], stamp, stamp, annotators[number % len(annotators)]))
        db.conn.executemany(
            'INSERT INTO claims (article_id, start, "end", quote, type, verdict, annotator, created, modified, '
            "modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return db


def test_agreement_on_10k_claims_by_three_annotators(tmp_path):
    annotators = ("anna", "ben", "carla")
    db = fill(tmp_path / "team.db", 1000, 0, annotators)
    # Three annotators reading the same articles: each tags about a third of the sentences.
    rng = random.Random(3)
    sentences = db.execute('SELECT s.article_id, s.start, s."end", a.text FROM sentences s '
                           "JOIN articles a ON a.id = s.article_id").fetchall()
    rows = []
    for number in range(10_000):
        article_id, start, end, text = rng.choice(sentences)
        who = annotators[number % 3]
        rows.append((article_id, start, end, text[start:end], rng.choice(TYPES), rng.choice(VERDICTS), who,
                     "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", who))
    with write(db):
        db.conn.executemany('INSERT INTO claims (article_id, start, "end", quote, type, verdict, annotator, created, '
                            "modified, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    started = time.perf_counter()
    claims = list_claims(db)
    baseline = time.perf_counter() - started
    command_agreement(db, None, "json", io.StringIO())  # warm: the krippendorff and numpy imports
    started = time.perf_counter()
    out = io.StringIO()
    assert command_agreement(db, None, "json", out) == 0
    seconds = time.perf_counter() - started
    assert len(claims) == 10_000 and seconds > 0 and '"items"' in out.getvalue()
    bench("agreement_10k", claims=len(claims), annotators=3, agreement=f"{seconds:.3f}s",
          list_claims=f"{baseline:.3f}s", ratio=f"{seconds / baseline:.1f}", target="<2s",
          meets_target=seconds < 2)
    db.close()


def test_merge_of_10k_articles_and_5k_claims(tmp_path):
    other = fill(tmp_path / "other.db", 10_000, 5_000, ("ben", "carla"))
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    started = time.perf_counter()
    backup(other, tmp_path / "copy.db")
    baseline = time.perf_counter() - started
    other.close()
    mine = open_database(tmp_path / "mine.db")
    started = time.perf_counter()
    report = merge(mine, tmp_path / "other.db", "lead")
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = merge(mine, tmp_path / "other.db", "lead")
    second = time.perf_counter() - started
    assert report.articles_added == 10_000 and report.claims_added == 5_000 and not again.changed
    bench("merge_10k", articles=report.articles_added, claims=report.claims_added, merge=f"{seconds:.1f}s",
          merge_again=f"{second:.1f}s", backup=f"{baseline:.2f}s", ratio=f"{seconds / baseline:.1f}",
          target="<60s", meets_target=seconds < 60)
    mine.close()
    assert sqlite3.connect(tmp_path / "mine.db").execute("SELECT count(*) FROM claims").fetchone()[0] == 5_000
