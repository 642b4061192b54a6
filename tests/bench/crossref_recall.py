"""Recall@3 of the link ranking on the demo gold links, by half and by relation, optionally
with the sentences of every other article in a database as distractors.

    python -m tests.bench.crossref_recall --db DB [--distractors claims|sentences]
        [--vectors FILE|none] [--weight NAME=VALUE ...]

DB must hold the five demo articles, analysed (any database the app made does), and may
hold others (1,000 unrelated news articles, say). `--distractors claims` chooses among the
gold claims as `gegenlesen links suggest` does among a database's claims, with the names
of every article in the name index; `--distractors sentences` adds every sentence of the
other articles to the pool (what `l` in the reader chooses from). The halves are fixed by the article of the claim
asked about (`TUNE_ARTICLES`, see tests/data/README.md): weights were set looking at the
tune half only; the held-out half is reported to show what that was worth.
`--vectors` ranks with another word-vector table (`none`: without vectors), `--weight`
changes one of the shipped weights (for trying values on the tune half).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections import defaultdict
from pathlib import Path

from gegenlesen.corpus.crossref import article_passages, name_index, passage_for_span, suggest
from gegenlesen.corpus.crossref import vectors as word_vectors
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, FEATURES, Weights
from gegenlesen.corpus.crossref.units import context_start_for
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database

GOLD = Path(__file__).resolve().parents[1] / "data" / "demo_gold_links.jsonl"
TUNE_ARTICLES = ("001", "004")
"""Claims of these demo articles are the tune half (41 of the 82 link ends), the claims of
000, 002 and 003 the held-out half."""


def load_gold() -> tuple[dict[str, dict], list[dict]]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in records if "quote" in r}, [r for r in records if "relation" in r]


def gold_passages(db, claims: dict[str, dict], index) -> dict:
    ids = articles.ids_by_source(db)
    passages = {}
    for claim_id, claim in claims.items():
        article_id = ids[claim["source"]]
        text = articles.get_article(db, article_id).text
        start = text.index(claim["quote"])
        own = articles.entities(db, [article_id])
        context = context_start_for(articles.sentences(db, article_id), start)
        passages[claim_id] = passage_for_span(article_id, text, start, start + len(claim["quote"]), own, index, context)
    return passages


def recall(passages: dict, links: list[dict], claims: dict, pool: list, top: int = 3,
           weights: Weights = DEFAULT_WEIGHTS) -> dict:
    """recall@top overall, per half and for `same` links, as in test_crossref_demo_eval."""
    partners: dict[str, dict[str, str]] = defaultdict(dict)
    for link in links:
        partners[link["a"]][link["b"]] = link["relation"]
        partners[link["b"]][link["a"]] = link["relation"]
    by_passage = {id(p): claim_id for claim_id, p in passages.items()}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    times = []
    for claim_id, passage in passages.items():
        started = time.perf_counter()
        found = suggest(passage, pool, top=top, weights=weights)
        times.append(time.perf_counter() - started)
        chosen = {by_passage.get(id(s.candidate)) for s in found}
        half = "tune" if claims[claim_id]["source"][:3] in TUNE_ARTICLES else "held_out"
        hits = len(chosen & set(partners[claim_id]))
        wanted = min(top, len(partners[claim_id]))
        for key in ("all", half):
            counts[key][0] += hits
            counts[key][1] += wanted
        for other, relation in partners[claim_id].items():
            counts[f"pairs_{relation}"][0] += other in chosen
            counts[f"pairs_{relation}"][1] += 1
    result = {key: (found, wanted, found / wanted if wanted else 0.0) for key, (found, wanted) in counts.items()}
    times.sort()
    result["p95_ms"] = times[int(0.95 * (len(times) - 1))] * 1000
    return result


def add_weight_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weight", action="append", default=[], metavar="NAME=VALUE",
                        help=f"set one weight ({', '.join(FEATURES)})")


def chosen_weights(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Weights:
    """The shipped weights with each `--weight NAME=VALUE` applied."""
    weights = DEFAULT_WEIGHTS
    for setting in args.weight:
        name, _, value = setting.partition("=")
        if name not in FEATURES:
            parser.error(f"no weight {name!r}: {', '.join(FEATURES)}")
        weights = dataclasses.replace(weights, **{name: float(value)})
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--distractors", choices=("none", "claims", "sentences"), default="none")
    parser.add_argument("--vectors", help="a word-vector table (.npz) to rank with, or 'none'")
    add_weight_option(parser)
    args = parser.parse_args()
    weights = chosen_weights(parser, args)
    if args.vectors:
        word_vectors.use(word_vectors.Vectors() if args.vectors == "none" else word_vectors.load(Path(args.vectors)))
    for problem in word_vectors.problems_once():
        print(f"RECALL note: {problem}")
    db = open_database(Path(args.db))
    claims, links = load_gold()
    demo = set(articles.ids_by_source(db)[c["source"]] for c in claims.values())
    every = articles.current_ids(db)
    others = [a for a in every if a not in demo] if args.distractors != "none" else []
    mentions = articles.entities(db, sorted(demo) + others)
    index = name_index(mentions)
    passages = gold_passages(db, claims, index)
    pool = list(passages.values())
    by_article = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    for article_id in others if args.distractors == "sentences" else []:
        text = articles.get_article(db, article_id).text
        pool += article_passages(article_id, text, articles.sentences(db, article_id), by_article[article_id], index)
    result = recall(passages, links, claims, pool, weights=weights)
    print(f"RECALL pool={len(pool)} passages ({len(others)} distractor articles); weights {weights}")
    for key in ("all", "tune", "held_out", "pairs_same", "pairs_supports", "pairs_contradicts", "pairs_related"):
        found, wanted, value = result.get(key, (0, 0, 0.0))
        print(f"RECALL {key}: {value:.3f} ({found}/{wanted})")
    print(f"RECALL suggest p95 {result['p95_ms']:.1f} ms over the pool")


if __name__ == "__main__":
    main()
