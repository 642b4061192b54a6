"""`export --format claimreview`: schema.org ClaimReview JSON-LD for the judged claims."""

from __future__ import annotations

import json

import pytest
from pyld import jsonld

from gegenlesen.storage.exports.claimreview import rating

from .test_export_common import local_loader, run, stored

SCHEMA = "http://schema.org/"
LOADER = local_loader({"https://schema.org": "schema-context.jsonld"})


@pytest.fixture
def exported(annotated_db_path, tmp_path, capsys) -> dict:
    target = tmp_path / "reviews.jsonld"
    code, _, err = run(capsys, "export", "--format", "claimreview", "--db", str(annotated_db_path), "-o", str(target))
    assert code == 0, err
    judged = [c for c in stored(annotated_db_path)[1] if c.verdict != "unchecked"]
    assert f"exported {len(judged)} claim reviews" in err
    return json.loads(target.read_text(encoding="utf-8"))


def test_one_review_per_judged_claim_with_its_fields(exported, annotated_db_path):
    texts, claims = stored(annotated_db_path)
    judged = {c.quote: c for c in claims if c.verdict != "unchecked"}
    graph = exported["@graph"]
    assert exported["@context"] == "https://schema.org"
    assert sorted(r["claimReviewed"] for r in graph) == sorted(judged)
    for item in graph:
        claim = judged[item["claimReviewed"]]
        article = texts[claim.article_id]
        assert item["@type"] == "ClaimReview"
        assert item["reviewRating"]["@type"] == "Rating" and item["reviewRating"]["alternateName"] == claim.verdict
        assert item["author"] == {"@type": "Person", "name": claim.annotator}
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["itemReviewed"]["appearance"]["name"] == article.title
        assert item["itemReviewed"]["appearance"]["identifier"] == f"urn:sha256:{article.sha256}"
        assert item["datePublished"].endswith("Z") and item["dateModified"] >= item["datePublished"]
        assert item.get("reviewBody", "") == claim.note
    false = next(r for r in graph if r["reviewRating"]["alternateName"] == "false")
    assert {k: false["reviewRating"][k] for k in ("ratingValue", "worstRating", "bestRating")} == \
        {"ratingValue": 1, "worstRating": 1, "bestRating": 5}


@pytest.mark.parametrize("verdict, value", [("true", 5), ("mostly true", 4), ("misleading", 2), ("false", 1),
                                            ("Falsch", 1), ("unverifiable", None), ("offen", None)])
def test_verdicts_map_onto_a_1_to_5_scale_where_they_can(verdict, value):
    found = rating(verdict)
    assert found["alternateName"] == verdict
    assert found.get("ratingValue") == value
    assert ("bestRating" in found) == (value is not None)


def test_the_json_ld_expands_to_schema_org(exported):
    expanded = jsonld.expand(exported, {"documentLoader": LOADER})
    assert len(expanded) == len(exported["@graph"])
    for node, compact in zip(expanded, exported["@graph"]):
        assert node["@type"] == [f"{SCHEMA}ClaimReview"]
        # every term of the compact form is a schema.org property once expanded: none dropped
        assert {k for k in node if not k.startswith("@")} == {f"{SCHEMA}{k}" for k in compact if k != "@type"}
        rating_node = node[f"{SCHEMA}reviewRating"][0]
        assert rating_node["@type"] == [f"{SCHEMA}Rating"]
        assert {k for k in rating_node if not k.startswith("@")} == {f"{SCHEMA}{k}" for k in compact["reviewRating"] if k != "@type"}
        claim = node[f"{SCHEMA}itemReviewed"][0]
        assert claim["@type"] == [f"{SCHEMA}Claim"]
        assert claim[f"{SCHEMA}appearance"][0][f"{SCHEMA}name"][0]["@value"]
        assert node[f"{SCHEMA}author"][0]["@type"] == [f"{SCHEMA}Person"]


def test_no_judged_claims_is_an_empty_graph(handmade_db_path, capsys):
    code, out, _ = run(capsys, "export", "--format", "claimreview", "--db", str(handmade_db_path))
    assert code == 0 and json.loads(out) == {"@context": "https://schema.org", "@graph": []}
