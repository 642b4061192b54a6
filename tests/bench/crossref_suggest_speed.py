"""How long `suggest` takes for one claim given a candidate set, and what reading a
passage's meaning costs (what a store would keep).

    python -m tests.bench.crossref_suggest_speed --db DB [--candidates 500] [--weight NAME=VALUE ...]

Candidate sets are drawn at random (fixed seed) from every sentence of DB; each query is a
sentence of another article. Meanings, and their words' vectors, are read once first (as
a store that keeps them would hand them in), then timed per query; the shipped weights
rank (with the word vectors when their weight is not 0).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

from gegenlesen.corpus.crossref import alignment, article_passages, name_index, suggest
from gegenlesen.corpus.crossref import vectors as word_vectors
from gegenlesen.corpus.crossref.meaning import meaning_of
from gegenlesen.corpus.crossref.suggest import passage_meaning
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database

from .crossref_recall import add_weight_option, chosen_weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    add_weight_option(parser)
    args = parser.parse_args()
    weights = chosen_weights(parser, args)
    db = open_database(Path(args.db))
    ids = articles.current_ids(db)
    mentions = articles.entities(db, ids)
    index = name_index(mentions)
    by_article = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    passages = []
    for article_id in ids:
        text = articles.get_article(db, article_id).text
        passages += article_passages(article_id, text, articles.sentences(db, article_id), by_article[article_id], index)
    meaning_of.cache_clear()
    started = time.perf_counter()
    for passage in passages:
        passage_meaning(passage)
    per_passage = (time.perf_counter() - started) / len(passages)
    word_vectors.vectors()
    started = time.perf_counter()
    for passage in passages:
        alignment.align(passage_meaning(passage), passage_meaning(passage))
    per_alignment = (time.perf_counter() - started) / len(passages)
    rng = random.Random(14)
    times = []
    for _ in range(args.queries):
        query = rng.choice(passages)
        pool = rng.sample(passages, args.candidates)
        started = time.perf_counter()
        suggest(query, pool, top=8, weights=weights)
        times.append(time.perf_counter() - started)
    times.sort()
    for problem in word_vectors.problems_once():
        print(f"BENCH note: {problem}")
    print(f"BENCH meaning_of {per_passage * 1e3:.2f} ms per sentence over {len(passages)} sentences (cold); "
          f"its words' vectors {per_alignment * 1e3:.2f} ms; vectors weight {weights.vectors}")
    print(f"BENCH suggest candidates={args.candidates} p50={times[len(times) // 2] * 1e3:.1f} ms "
          f"p95={times[int(0.95 * (len(times) - 1))] * 1e3:.1f} ms target=<50ms")


if __name__ == "__main__":
    main()
