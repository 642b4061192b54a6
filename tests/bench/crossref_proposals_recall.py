"""Recall@3 of `l`'s proposals (through the cross-reading index, as the reader asks for
them) on the demo gold links, with and without the short list, and the time per claim.

    python -m tests.bench.crossref_proposals_recall --db DB [--shortlist 60 0] [--claims]

DB must hold the five demo articles, analysed, and may hold others (1,000 unrelated news
articles, say); it is copied, and the gold claims are stored in the copy. A proposal is a
hit when it is the gold claim a link joins (the sentence holding it is offered as that
claim). `--shortlist 0` ranks every passage of the candidate articles. The halves are those
of `crossref_recall` (the tune half's claims are of articles 001 and 004).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from gegenlesen.corpus.crossref.meaning import meaning_of
from gegenlesen.storage import articles, crossread
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database

from tests.bench.crossref_recall import TUNE_ARTICLES, load_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--shortlist", type=int, nargs="+", default=[60, 0])
    parser.add_argument("--claims", action="store_true",
                        help="rank the other claims only, as `gegenlesen links suggest` does")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    shutil.copy(args.db, folder / "gold.db")
    db = open_database(folder / "gold.db")
    claims, links = load_gold()
    by_source = articles.ids_by_source(db)
    stored = {}
    for gold_id, claim in claims.items():
        article_id = by_source[claim["source"]]
        start = articles.get_article(db, article_id).text.index(claim["quote"])
        stored[gold_id] = add_claim(db, article_id, start, start + len(claim["quote"]), "gold").id
    partners: dict[int, dict[int, str]] = defaultdict(dict)
    for link in links:
        a, b = stored[link["a"]], stored[link["b"]]
        partners[a][b] = partners[b][a] = link["relation"]
    half = {stored[g]: "tune" if c["source"][:3] in TUNE_ARTICLES else "held_out" for g, c in claims.items()}
    corpus = crossread.load_corpus(db)
    crossread.proposals(corpus, next(iter(partners)))  # the lexicon loads once
    for size in args.shortlist:
        meaning_of.cache_clear()
        claim_pool = crossread.ClaimPool(corpus, size or None)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        times = []
        for claim_id, wanted in partners.items():
            started = time.perf_counter()
            if args.claims:
                chosen = {other for other, _ in claim_pool.suggest(claim_id, 3)}
            else:
                chosen = {p.claim_id for p in crossread.proposals(corpus, claim_id, top=3, shortlisted=size or None)}
            times.append(time.perf_counter() - started)
            for key in ("all", half[claim_id]):
                counts[key][0] += len(chosen & set(wanted))
                counts[key][1] += min(3, len(wanted))
            for other, relation in wanted.items():
                counts[f"pairs_{relation}"][0] += other in chosen
                counts[f"pairs_{relation}"][1] += 1
        times.sort()
        shown = " ".join(f"{key}={hit / total:.2f}({hit}/{total})" for key, (hit, total) in sorted(counts.items()))
        print(f"RECALL {'claims' if args.claims else 'proposals'} shortlist={size or 'none'} articles={len(corpus.index.entries)} {shown} "
              f"p50_ms={statistics.median(times) * 1e3:.1f} p95_ms={times[int(0.95 * (len(times) - 1))] * 1e3:.1f}")


if __name__ == "__main__":
    main()
