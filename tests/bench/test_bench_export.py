"""Benchmark: every export format writes 10,000 articles in <= 30 s.

The database holds 10,000 synthetic articles, each 6 to 14 sentences drawn at random from
the demo articles (about 1.3 KB, 190 words) and numbered so that each text is unique. They
are stored with `add_article` and a fake analysis through `store_analysis` (the stored
sentences; entities where a few names and figures of the demo corpus occur, about 5 per
article), and about 1.5 claims per article are tagged with `add_claim` and judged with
`update_claim` (types, verdicts, notes), all in one transaction, as the fill figure says.

Each format is then exported through the same function the command line calls
(`run_export` for the new formats; `export_jsonl` / `export_csv` for the old two) into a
file or directory in the test's tmp dir. Printed per format: seconds, the size written,
and whether it meets the 30 s target. Nothing about speed is asserted.
"""

from __future__ import annotations

import io
import random
import re
import time
from pathlib import Path

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.codebook import default_codebook
from gegenlesen.corpus.demo import demo_articles
from gegenlesen.corpus.nlp.records import MODEL, RULE, Analysis, Entity
from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim, update_claim
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.exports.formats import FORMATS, run_export
from gegenlesen.storage.links import RELATIONS, add_link

pytestmark = pytest.mark.bench

ARTICLES = 10_000
TARGET_S = 30.0
NAMES = {"DeepSeek": "ORG", "OpenAI": "ORG", "Nvidia": "ORG", "China": "LOC", "USA": "LOC", "Europa": "LOC",
         "Liang Wenfeng": "PER", "Sam Altman": "PER", "ChatGPT": "MISC", "R1": "MISC"}
FIGURES = re.compile(r"\b\d+(?:[.,]\d+)?(?: Prozent| Millionen| Milliarden)?")
NAME_PATTERN = re.compile("|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)))
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
CODEBOOK = default_codebook()
NOTES = ("", "", "Quelle fehlt", "Zahl prüfen: Statistisches Bundesamt", "laut Reuters\nzweite Zeile")


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def pool() -> list[str]:
    return [m.group().strip() for a in demo_articles() for m in SENTENCE.finditer(a.text) if len(m.group()) > 30]


def synthetic(rng: random.Random, sentences: list[str], number: int) -> tuple[str, list[tuple[int, int]]]:
    chosen = [f"Artikel {number}."] + rng.sample(sentences, rng.randint(6, 14))
    text, spans = "", []
    for index, sentence in enumerate(chosen):
        if text:
            text += "\n\n" if index % 4 == 0 else " "
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text, spans


def analysis(text: str, spans: list[tuple[int, int]]) -> Analysis:
    found = [Entity(m.start(), m.end(), NAMES[m.group()], m.group(), MODEL) for m in NAME_PATTERN.finditer(text)]
    found += [Entity(m.start(), m.end(), "CARDINAL", m.group(), RULE, {"value": 1}) for m in FIGURES.finditer(text)][:3]
    return Analysis(spans, sorted(found, key=lambda e: e.start), "bench")


def fill(path: Path) -> tuple[object, dict]:
    rng = random.Random(7)
    sentences = pool()
    db = open_database(path)
    started = time.perf_counter()
    claims = 0
    with write(db):
        for number in range(ARTICLES):
            text, spans = synthetic(rng, sentences, number)
            article_id, _ = articles.add_article(db, Article(f"bench/{number:05d}.txt", text))
            articles.store_analysis(db, article_id, analysis(text, spans))
            for start, end in rng.sample(spans[1:], rng.choice((1, 1, 2, 2, 3))):
                who = rng.choice(("anna", "bob", "carla"))
                claim = add_claim(db, article_id, start, end, who, type=rng.choice(CODEBOOK.types).key,
                                  verdict=rng.choice(CODEBOOK.verdicts))
                note = rng.choice(NOTES)
                if note:
                    update_claim(db, claim.id, who, note=note, worthiness=rng.randint(1, 3))
                claims += 1
        # A link for every tenth claim, to a claim of the previous article.
        for claim_id in range(12, claims + 1, 10):
            add_link(db, claim_id - 10, claim_id, rng.choice(RELATIONS), "anna")
    figures = {
        "articles": ARTICLES, "claims": claims,
        "entities": db.execute("SELECT count(*) FROM entities").fetchone()[0],
        "text_mb": f"{db.execute('SELECT sum(length(text)) FROM articles').fetchone()[0] / 1e6:.1f}",
        "seconds": f"{time.perf_counter() - started:.1f}",
    }
    return db, figures


def size_of(target: Path) -> int:
    if target.is_dir():
        return sum(p.stat().st_size for p in target.iterdir())
    return target.stat().st_size


def test_export_every_format_of_10000_articles(tmp_path):
    db, figures = fill(tmp_path / "bench.db")
    report("export_fill", **figures)
    try:
        ids = articles.article_ids(db)

        jobs = {}
        for name in FORMATS:
            jobs[name] = lambda target, name=name: run_export(db, name, target, ids, io.StringIO()).count
        for name, job in jobs.items():
            target = tmp_path / f"export-{name}"
            started = time.perf_counter()
            count = job(target)
            seconds = time.perf_counter() - started
            assert count > 0 and seconds > 0 and target.exists()
            report("export", format=name, count=count, seconds=f"{seconds:.2f}",
                   size_mb=f"{size_of(target) / 1e6:.1f}", target=f"<={TARGET_S:g}s", meets_target=seconds <= TARGET_S)
    finally:
        db.close()
