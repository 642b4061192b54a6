"""Does learning from the user's links help? A simulated user on the demo gold links.

    python -m tests.bench.crossref_learning --db DB [--user-half tune|held_out]

A measurement, not a test, through the shipped code: the gold claims are tagged in a copy
of DB, a simulated user opens the link dialog on every claim of one half of the articles
(`--user-half`; `tune` is `crossref_recall.TUNE_ARTICLES`) and links that claim's gold
partners (the only evidence the model gets: those links, and the proposals shown above
them). Then recall@3 is measured, before and after, on the links the user did not make:
those between two claims of the other half, as the link dialog (`proposals`, claims and
sentences through the index) and `gegenlesen links suggest` (`ClaimPool`, claims only)
rank them, a partner already linked left out as the dialog leaves it out.

DB must hold the five demo articles, analysed; other articles in it are distractors. The
gold is used only to play the user and to judge, never to set a weight of the shipped code.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from gegenlesen.corpus.crossref.learning import SHOWN, enough_evidence
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS
from gegenlesen.storage import articles, crossread, link_evidence, links
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database

from .crossref_recall import TUNE_ARTICLES, load_gold

USER = "simulated"
TOP = 3


def tag_gold_claims(db, claims: dict[str, dict]) -> dict[str, int]:
    """Gold claim id -> the id of the claim tagged on its quote."""
    ids = articles.ids_by_source(db)
    tagged = {}
    for gold_id, claim in sorted(claims.items()):
        article_id = ids[claim["source"]]
        start = articles.get_article(db, article_id).text.index(claim["quote"])
        tagged[gold_id] = add_claim(db, article_id, start, start + len(claim["quote"]), USER).id
    return tagged


def recall(db, corpus, pairs: dict[int, set[int]]) -> dict[str, tuple[int, int]]:
    """(found, wanted) of the `pairs` (claim -> partners the user did not link) among the
    claim's top 3, by the dialog and by suggest, ranked with `corpus.weights`."""
    linked: dict[int, set[int]] = defaultdict(set)
    for link in links.links_of(db):
        linked[link.claim_a].add(link.claim_b)
        linked[link.claim_b].add(link.claim_a)
    pool = crossread.ClaimPool(corpus)
    counts = {"dialog": [0, 0], "suggest": [0, 0]}
    for claim_id, wanted in sorted(pairs.items()):
        skip = linked[claim_id]
        dialog = [p.claim_id for p in crossread.proposals(corpus, claim_id, top=TOP + len(skip))
                  if p.claim_id not in skip][:TOP]
        suggested = [c for c, _ in pool.suggest(claim_id, TOP + len(skip)) if c not in skip][:TOP]
        for name, chosen in (("dialog", dialog), ("suggest", suggested)):
            counts[name][0] += len(wanted & set(chosen))
            counts[name][1] += len(wanted)
    return {name: (found, wanted) for name, (found, wanted) in counts.items()}


def show(label: str, result: dict[str, tuple[int, int]]) -> None:
    for name, (found, wanted) in result.items():
        print(f"LEARN {label} {name} recall@{TOP}: {found / wanted if wanted else 0:.3f} ({found}/{wanted})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--user-half", choices=("tune", "held_out"), default="tune",
                        help="whose claims the simulated user links (the other half is measured)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gegenlesen-learning-"))
    path = folder / "copy.db"
    source = open_database(args.db)
    source.execute("VACUUM INTO ?", [str(path)])  # a whole copy, also of a database in WAL mode
    source.close()
    db = open_database(path)
    gold_claims, gold_links = load_gold()
    tagged = tag_gold_claims(db, gold_claims)

    def in_user_half(gold_id: str) -> bool:
        return (gold_claims[gold_id]["source"][:3] in TUNE_ARTICLES) == (args.user_half == "tune")

    partners: dict[int, set[int]] = defaultdict(set)
    held_out: dict[int, set[int]] = defaultdict(set)
    """Claim -> its partners, for the links between two claims of the measured half."""
    for link in gold_links:
        a, b = tagged[link["a"]], tagged[link["b"]]
        partners[a].add(b)
        partners[b].add(a)
        if not in_user_half(link["a"]) and not in_user_half(link["b"]):
            held_out[a].add(b)
            held_out[b].add(a)
    measured = [tagged[g] for g in sorted(gold_claims) if not in_user_half(g)]
    worked_on = [tagged[g] for g in sorted(gold_claims) if in_user_half(g)]
    relation = {frozenset((tagged[link["a"]], tagged[link["b"]])): link["relation"] for link in gold_links}

    print(f"LEARN db {args.db} ({articles.count(db)} articles); the user links the claims of the "
          f"{args.user_half} half ({len(worked_on)} claims), measured: the other {len(measured)}")
    made = 0
    for claim_id in worked_on:  # the user opens `l` on each claim and links its partners
        for partner in sorted(partners[claim_id]):
            if links.link_between(db, claim_id, partner) is None:
                links.add_link(db, claim_id, partner, relation[frozenset((claim_id, partner))], USER)
                made += 1
    corpus = crossread.load_corpus(db)
    started = time.perf_counter()
    corpus = crossread.with_learnt_weights(corpus)
    took = time.perf_counter() - started
    found = link_evidence.examples(db, corpus.claims, lambda c: [
        p.passage for p in crossread.proposals(corpus, c, top=SHOWN, weights=DEFAULT_WEIGHTS, conflicts=False)])
    kept = sum(e.linked for e in found)
    print(f"LEARN evidence: {made} links made, {kept} kept, {len(found) - kept} passed over or removed; "
          f"enough: {enough_evidence(found)}")
    print(f"LEARN weights learnt in {took * 1000:.0f} ms (cold: word tables loaded, meanings computed): {corpus.weights}")
    last = max(links.links_of(db), key=lambda link: link.id)
    links.delete_link(db, last.id, USER)
    links.add_link(db, last.claim_a, last.claim_b, last.relation, USER)
    started = time.perf_counter()
    crossread.with_learnt_weights(crossread.load_corpus(db))
    print(f"LEARN learnt again after one more change to the links in {(time.perf_counter() - started) * 1000:.0f} ms")
    show("shipped weights", recall(db, dataclasses.replace(corpus, weights=DEFAULT_WEIGHTS), held_out))
    show("learnt weights", recall(db, corpus, held_out))
    db.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
