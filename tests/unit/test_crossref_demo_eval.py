"""The cross-reading engine against the hand-made gold links of the demo corpus.

Passages come from the stored analysis (`articles.entities`), so the figures and dates
(rules) are stable while the names depend on the model in use; the numbers are printed
(`pytest tests/unit/test_crossref_demo_eval.py -s`). See tests/data/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gegenlesen.corpus.crossref import find_conflicts, name_index, passage_for_span, suggest
from gegenlesen.corpus.crossref.units import context_start_for
from gegenlesen.corpus.demo import demo_articles
from gegenlesen.storage import articles

GOLD = Path(__file__).resolve().parents[1] / "data" / "demo_gold_links.jsonl"
RELATIONS = {"same", "supports", "contradicts", "related"}
RECALL_TARGET = 0.8
# A floor against regressions, not the target: 0.46 when the gold was made (words only),
# 0.57 with lemmas, compounds and synonyms (tune half 0.65, held-out half 0.49; see
# tests/bench/crossref_recall.py for the split and tests/data/README.md).
RECALL_FLOOR = 0.5


def load_gold() -> tuple[dict[str, dict], list[dict]]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    claims = {r["id"]: r for r in records if "quote" in r}
    links = [r for r in records if "relation" in r]
    return claims, links


def test_gold_is_well_formed():
    claims, links = load_gold()
    texts = {article.source: article.text for article in demo_articles()}
    assert 25 <= len(claims) and 20 <= len(links)
    for claim in claims.values():
        assert set(claim) == {"id", "source", "quote"}
        assert texts[claim["source"]].count(claim["quote"]) == 1, claim["id"]
    pairs = set()
    for link in links:
        assert set(link) <= {"a", "b", "relation", "conflict"} and link["relation"] in RELATIONS
        assert claims[link["a"]]["source"] != claims[link["b"]]["source"]
        pair = frozenset((link["a"], link["b"]))
        assert pair not in pairs
        pairs.add(pair)


@pytest.fixture
def gold_passages(demo_db):
    claims, links = load_gold()
    ids = articles.ids_by_source(demo_db)
    stored = articles.entities(demo_db, list(ids.values()))
    index = name_index(stored)
    passages = {}
    for claim_id, claim in claims.items():
        article_id = ids[claim["source"]]
        text = articles.get_article(demo_db, article_id).text
        start = text.index(claim["quote"])
        own = [e for e in stored if e.article_id == article_id]
        context = context_start_for(articles.sentences(demo_db, article_id), start)
        passages[claim_id] = passage_for_span(article_id, text, start, start + len(claim["quote"]), own, index, context)
    return passages, links


def test_suggestions_and_conflicts_against_the_gold(gold_passages):
    passages, links = gold_passages
    partners = {claim_id: set() for claim_id in passages}
    for link in links:
        partners[link["a"]].add(link["b"])
        partners[link["b"]].add(link["a"])
    by_passage = {id(p): claim_id for claim_id, p in passages.items()}
    pool = list(passages.values())
    found = wanted = every = 0
    checked = {frozenset((link["a"], link["b"])) for link in links}
    for claim_id, passage in passages.items():
        top = {by_passage[id(s.candidate)] for s in suggest(passage, pool, top=3)}
        found += len(top & partners[claim_id])
        wanted += min(3, len(partners[claim_id]))
        every += len(partners[claim_id])
        checked |= {frozenset((claim_id, other)) for other in top}
    recall = found / wanted
    true_conflicts = {frozenset((link["a"], link["b"])) for link in links if link.get("conflict")}
    flagged = {pair for pair in checked if find_conflicts(*(passages[c] for c in sorted(pair)))}
    right = flagged & true_conflicts
    precision = len(right) / len(flagged) if flagged else 1.0
    print(
        f"\nCROSSREF recall@3={recall:.3f} ({found}/{wanted}; uncapped {found}/{every}={found / every:.3f}) "
        f"target>={RECALL_TARGET} meets_target={recall >= RECALL_TARGET}"
        f"\nCROSSREF conflicts flagged={len(flagged)} true={len(right)} gold={len(true_conflicts)} "
        f"precision={precision:.3f} over {len(checked)} pairs (top-3 suggestions and gold links)"
    )
    assert precision == 1.0, sorted(map(sorted, flagged - true_conflicts))
    assert right == true_conflicts
    assert recall >= RECALL_FLOOR


def test_the_release_date_conflict_is_described(gold_passages):
    passages, _ = gold_passages
    [conflict] = find_conflicts(passages["a2-jan2024"], passages["a3-jan2025"])
    names = {passages["a2-jan2024"].article_id: "002", passages["a3-jan2025"].article_id: "003"}
    assert conflict.describe(names).endswith(": 2024-01 (002) against 2025-01, late (003)")
