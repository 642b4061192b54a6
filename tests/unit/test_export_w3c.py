"""`export --format w3c`: every annotation passes the W3C test suite's MUST assertions,
and the JSON-LD expands (offline) to the oa: vocabulary."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from .test_export_common import CLAIMS, ROCKET_TEXT, local_loader, run, stored

REPO = Path(__file__).resolve().parents[2]
W3C_TESTS = REPO.parent / "shared" / "w3c-annotation-tests"
OA = "http://www.w3.org/ns/oa#"
LOADER = local_loader({"http://www.w3.org/ns/anno.jsonld": "anno-context.jsonld"})
# RFC 3986 absolute URI and RFC 3339 date-time: jsonschema checks these formats only with
# optional packages, which are not installed here, so the test brings its own.
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//[^\s/?#]*)?[^\s#?]*(\?[^\s#]*)?(#\S*)?$")
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def format_checker() -> FormatChecker:
    checker = FormatChecker([])
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.match(value)))

    @checker.checks("date-time")
    def date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        return bool(DATE_TIME.match(value)) and datetime.fromisoformat(value.replace("Z", "+00:00")) is not None

    return checker


@cache
def suite() -> tuple[Registry, Path]:
    """Every schema of the W3C suite in one registry, under the `id` they refer to each other by."""
    if not (W3C_TESTS / "annotations" / "annotationMusts.test").is_file():
        raise AssertionError(f"the W3C Web Annotation test suite is missing: expected it at {W3C_TESTS}")
    resources = []
    for path in sorted(W3C_TESTS.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources), W3C_TESTS


def musts(test_file: str) -> list[tuple[str, Draft4Validator]]:
    """The validators for one .test file's assertions (all of which must be met)."""
    registry, root = suite()
    listing = json.loads((root / test_file).read_text(encoding="utf-8"))
    validators = []
    for assertion in listing["assertions"]:
        schema = json.loads((root / assertion).read_text(encoding="utf-8"))
        assert schema.get("expectedResult", "valid") == "valid", assertion
        validators.append((assertion, Draft4Validator(schema, registry=registry, format_checker=format_checker())))
    return validators


def failures(document: dict, validators) -> list[str]:
    return [f"{name}: {error.message[:200]}" for name, validator in validators for error in validator.iter_errors(document)]


@pytest.fixture
def exported(annotated_db_path, tmp_path, capsys) -> dict:
    target = tmp_path / "export.jsonld"
    code, _, err = run(capsys, "export", "--format", "w3c", "--db", str(annotated_db_path), "-o", str(target))
    assert code == 0, err
    return json.loads(target.read_text(encoding="utf-8"))


def test_the_suite_is_found_and_its_musts_are_the_expected_list():
    assert len(musts("annotations/annotationMusts.test")) >= 50
    assert len(musts("collections/collectionMusts.test")) == 10


def test_the_suite_rejects_a_broken_annotation():
    validators = musts("annotations/annotationMusts.test")
    broken = {"@context": "http://example.org/other.jsonld", "id": "not a uri", "type": "Note",
              "body": "x", "bodyValue": "y", "created": "yesterday",
              "target": {"source": "urn:x:y", "selector": {"type": "TextQuoteSelector"}}}
    found = " ".join(failures(broken, validators))
    for assertion in ("3.1-annotationContextValidated", "3.1-annotationIdValidated", "3.1-annotationTypeValidated",
                      "3.2.5-notBodyBodyValue", "3.3.1-annotationCreatedValidated", "4.2.4-textQuoteSelectorValid"):
        assert assertion in found


def test_every_annotation_passes_the_w3c_musts(exported):
    validators = musts("annotations/annotationMusts.test")
    items = exported["first"]["items"]
    assert len(items) == exported["total"] > 0
    for item in items:
        assert failures(item, validators) == [], item["id"]


def test_the_collection_and_its_page_pass_the_w3c_musts(exported):
    assert failures(exported, musts("collections/collectionMusts.test")) == []
    page = {"@context": exported["@context"], **exported["first"]}
    assert failures(page, musts("collections/pages/pageMusts.test")) == []


def test_targets_carry_both_selectors_and_positions_count_code_points(exported, annotated_db_path):
    texts = {f"urn:sha256:{a.sha256}": a.text for a in stored(annotated_db_path)[0].values()}
    assert len({item["id"] for item in exported["first"]["items"]}) == exported["total"]  # ids are unique
    astral = 0
    for item in exported["first"]["items"]:
        target = item["target"]
        assert target["type"] == "SpecificResource"
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        text = texts[target["source"]]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[max(0, start - 32) : start] == quote.get("prefix", "")
        assert text[end : end + 32] == quote.get("suffix", "")
        astral += text == ROCKET_TEXT
    assert astral == 7  # five entities and two claims on the article with astral characters
    rocket = next(i for i in exported["first"]["items"] if i["target"]["selector"][0]["exact"] == "🚀 Start")
    assert rocket["target"]["selector"][1] == {"type": "TextPositionSelector", "start": 4, "end": 11}


def test_bodies_carry_label_type_verdict_worthiness_and_note(exported):
    items = exported["first"]["items"]
    claims = [i for i in items if i["motivation"] == "assessing"]
    entities = [i for i in items if i["motivation"] == "tagging"]
    assert len(claims) == len(CLAIMS) + 3 and len(entities) == len(items) - len(claims)
    for entity in entities:
        assert entity["body"][0]["purpose"] == "tagging" and entity["body"][0]["type"] == "TextualBody"
        assert entity["creator"]["type"] == "Software" and {"created", "modified"} <= set(entity)
    money = next(e for e in entities if e["target"]["selector"][0].get("prefix", "").endswith("𝔇eepSeek kostete "))
    assert json.loads(money["body"][1]["value"]) == {"amount": 6000000, "currency": "USD"}
    by_quote = {c["target"]["selector"][0]["exact"]: c for c in claims}
    for quote, annotator, type_, verdict, worthiness, note in CLAIMS:
        claim = by_quote[quote]
        bodies = {(b["purpose"], b.get("label")): b["value"] for b in claim["body"]}
        assert bodies.get(("classifying", "claim type")) == type_
        assert bodies[("assessing", "verdict")] == verdict
        assert bodies[("assessing", "check-worthiness")] == str(worthiness)
        assert bodies.get(("commenting", None)) == (note or None)
        assert claim["creator"] == {"type": "Person", "name": annotator}
        assert claim["created"].endswith("Z") and claim["modified"] >= claim["created"]


def test_the_json_ld_expands_to_the_oa_vocabulary(exported):
    expanded = jsonld.expand(exported, {"documentLoader": LOADER})
    collection = expanded[0]
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == exported["total"]
    claims = [i for i in items if i[f"{OA}motivatedBy"] == [{"@id": f"{OA}assessing"}]]
    claim = max(claims, key=lambda i: len(i[f"{OA}hasBody"]))  # one with type, verdict, worthiness and note
    assert claim["@type"] == [f"{OA}Annotation"]
    target = claim[f"{OA}hasTarget"][0]
    assert target["@type"] == [f"{OA}SpecificResource"] and target[f"{OA}hasSource"][0]["@id"].startswith("urn:sha256:")
    selectors = {s["@type"][0]: s for s in target[f"{OA}hasSelector"]}
    assert set(selectors) == {f"{OA}TextQuoteSelector", f"{OA}TextPositionSelector"}
    assert {f"{OA}exact", f"{OA}prefix", f"{OA}suffix"} <= set(selectors[f"{OA}TextQuoteSelector"])
    assert {f"{OA}start", f"{OA}end"} <= set(selectors[f"{OA}TextPositionSelector"])
    purposes = {b[f"{OA}hasPurpose"][0]["@id"] for b in claim[f"{OA}hasBody"]}
    assert {f"{OA}classifying", f"{OA}assessing", f"{OA}commenting"} <= purposes
    assert "http://purl.org/dc/terms/creator" in claim and "http://purl.org/dc/terms/created" in claim
    # Nothing was dropped for want of a term: every key of every item expanded to an IRI.
    for item, compact in zip(items, exported["first"]["items"]):
        assert len([k for k in item if not k.startswith("@")]) == len([k for k in compact if k not in ("@context", "id", "type")])


def test_the_w3c_export_to_standard_output_is_the_same_json(annotated_db_path, capsys, exported):
    code, out, err = run(capsys, "export", "--format", "w3c", "--db", str(annotated_db_path))
    assert code == 0 and err == ""
    again = json.loads(out)
    assert again["first"]["items"] == exported["first"]["items"]  # stable ids, same order
