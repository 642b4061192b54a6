"""`import-annotations`: w3c and jsonl exports read back, anchored, stored with history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fixtures.handmade import ROCKET, add_written, pipeline_name
from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import Analysis
from gegenlesen.corpus.selectors import FUZZY, POSITION, QUOTE, anchor
from gegenlesen.storage import articles, history
from gegenlesen.storage.db import open_database

from .test_export_common import run, stored

JUDGEMENT = ("start", "end", "quote", "type", "verdict", "worthiness", "note", "annotator")


@pytest.fixture
def fresh_db_path(handmade_db_template, tmp_path, no_model) -> Path:
    """Another hand-built database, with the astral article but without any claim."""
    path = tmp_path / "fresh.db"
    shutil.copy(handmade_db_template, path)
    db = open_database(path)
    try:
        add_written(db, ROCKET)
    finally:
        db.close()
    return path


def claims_by_text(path: Path) -> list[tuple]:
    texts, claims = stored(path)
    return sorted((texts[c.article_id].sha256, *(getattr(c, name) for name in JUDGEMENT)) for c in claims)


def export(capsys, db: Path, fmt: str, target: Path) -> Path:
    code, _, err = run(capsys, "export", "--format", fmt, "--db", str(db), "-o", str(target))
    assert code == 0, err
    return target


def claim_annotations(path: Path) -> list[dict]:
    """The claim annotations of a w3c export without their time stamps."""
    items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
    return [{k: v for k, v in i.items() if k not in ("created", "modified")} for i in items if i["motivation"] == "assessing"]


@pytest.mark.parametrize("fmt", ["w3c", "jsonl"])
def test_round_trip_into_a_fresh_database(annotated_db_path, fresh_db_path, tmp_path, capsys, fmt):
    exported = export(capsys, annotated_db_path, fmt, tmp_path / f"first.{fmt}")
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(fresh_db_path), "--annotator", "importer")
    assert code == 0, err
    expected = claims_by_text(annotated_db_path)
    assert f"imported {len(expected)} claims into 3 articles (from a {fmt} export); 0 exact duplicates skipped" in out
    assert "entities (compared, not imported):" in out and "0 with another label" in out
    assert claims_by_text(fresh_db_path) == expected
    again = export(capsys, fresh_db_path, "w3c", tmp_path / "again.w3c")
    first = export(capsys, annotated_db_path, "w3c", tmp_path / "first.w3c")
    assert claim_annotations(again) == claim_annotations(first)
    # each imported claim has its history row, under the annotator who made it
    db = open_database(fresh_db_path)
    try:
        assert db.execute("SELECT count(*) FROM history WHERE action = 'add'").fetchone()[0] == len(expected)
        step = history.undo(db, "carla")
        assert step is not None and step.kind == "claims"
    finally:
        db.close()


def test_importing_twice_skips_exact_duplicates(annotated_db_path, tmp_path, capsys):
    exported = export(capsys, annotated_db_path, "w3c", tmp_path / "x.w3c")
    before = claims_by_text(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(annotated_db_path))
    assert code == 0, err
    assert f"imported 0 claims into 0 articles (from a w3c export); {len(before)} exact duplicates skipped" in out
    assert claims_by_text(annotated_db_path) == before


def test_a_different_judgement_on_a_stored_span_is_a_conflict_not_an_overwrite(annotated_db_path, tmp_path, capsys):
    exported = export(capsys, annotated_db_path, "w3c", tmp_path / "x.w3c")
    document = json.loads(exported.read_text(encoding="utf-8"))
    for item in document["first"]["items"]:
        for body in item["body"]:
            if body.get("label") == "verdict":
                body["value"] = "true"
    exported.write_text(json.dumps(document), encoding="utf-8")
    before = claims_by_text(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(annotated_db_path))
    assert code == 0
    assert "judged differently from the claim already stored on the same span" in err
    assert claims_by_text(annotated_db_path) == before


def test_another_annotators_claims_on_the_same_spans_are_stored_beside_them(annotated_db_path, tmp_path, capsys):
    exported = export(capsys, annotated_db_path, "w3c", tmp_path / "x.w3c")
    document = json.loads(exported.read_text(encoding="utf-8"))
    for item in document["first"]["items"]:
        item["creator"] = {"type": "Person", "name": "zweitleserin"}
        for body in item["body"]:
            if body.get("label") == "verdict":
                body["value"] = "true"
    exported.write_text(json.dumps(document), encoding="utf-8")
    _, before = stored(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(annotated_db_path))
    assert code == 0 and "judged differently" not in err
    _, after = stored(annotated_db_path)
    theirs = [claim for claim in after if claim.annotator == "zweitleserin"]
    assert len(after) == 2 * len(before) and len(theirs) == len(before)
    assert {(c.article_id, c.start, c.end) for c in theirs} == {(c.article_id, c.start, c.end) for c in before}
    assert {c.verdict for c in theirs} == {"true"}


def test_annotations_for_unknown_articles_store_nothing(annotated_db_path, handmade_db_template, tmp_path, capsys):
    exported = export(capsys, annotated_db_path, "w3c", tmp_path / "x.w3c")
    other = tmp_path / "other.db"
    shutil.copy(handmade_db_template, other)  # lacks the astral article
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(other))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "belong to 1 article this database does not have (urn:sha256:" in err
    assert "nothing was imported" in err
    assert stored(other)[1] == []


@pytest.mark.parametrize("content, message", [
    ('{"@context": "http://www.w3.org/ns/anno.jsonld",\n "type": "AnnotationCollection",\n "total": 3,,\n}',
     "not valid JSON at line 3, column 13"),
    ('{"sha256": "abc", "claims": []}\n{"sha256": "def", "claims": [}\n', "line 2: not valid JSON (column 30"),
    ('{"sha256": "abc", "claims": [{"start": "3", "end": 5, "quote": "x"}]}\n', "line 1, claim 1: start is missing or not a number"),
    ('{"type": "Annotation", "motivation": "assessing", "target": "urn:sha256:abc"}', "its target has no source with selectors"),
    ("", "is empty"),
])
def test_malformed_files_are_one_line_and_store_nothing(annotated_db_path, tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = claims_by_text(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(bad), "--db", str(annotated_db_path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("gegenlesen: ") and message in err, err
    assert claims_by_text(annotated_db_path) == before


def test_a_missing_file_is_one_line(handmade_db_path, tmp_path, capsys):
    code, _, err = run(capsys, "import-annotations", str(tmp_path / "fehlt.json"), "--db", str(handmade_db_path))
    assert code == 1 and err.count("\n") == 1 and "fehlt.json" in err


def test_a_failure_half_way_rolls_back_every_claim(annotated_db_path, fresh_db_path, tmp_path, capsys, monkeypatch):
    exported = export(capsys, annotated_db_path, "jsonl", tmp_path / "x.jsonl")
    from gegenlesen.storage.exports import reimport

    calls = []
    real = reimport.add_claim

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise reimport.ExportError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(reimport, "add_claim", failing)
    code, _, err = run(capsys, "import-annotations", str(exported), "--db", str(fresh_db_path))
    assert code == 1 and "disk on fire" in err
    assert stored(fresh_db_path)[1] == []


def test_claims_are_found_again_in_a_slightly_changed_text(annotated_db_path, tmp_path, capsys):
    exported = export(capsys, annotated_db_path, "w3c", tmp_path / "x.w3c")
    texts, claims = stored(annotated_db_path)
    original = texts[1].text
    # the article as imported again: text added before it, a letter changed inside one claim
    changed = "Vorspann. " + original.replace("Katrin Albers", "Kathrin Albers", 1)
    claim = next(c for c in claims if c.quote == "Katrin Albers")
    db_path = tmp_path / "changed.db"
    db = open_database(db_path)
    try:
        article_id, _ = articles.add_article(db, Article("geändert.txt", changed))
        db.execute("UPDATE articles SET sha256 = ? WHERE id = ?", [texts[1].sha256, article_id])  # same identity
        articles.store_analysis(db, article_id, Analysis([(0, len(changed))], [], pipeline_name()))
    finally:
        db.close()
    document = json.loads(exported.read_text(encoding="utf-8"))
    items = [i for i in document["first"]["items"] if i["target"]["source"] == f"urn:sha256:{texts[1].sha256}"
             and i["motivation"] == "assessing"]
    document["first"]["items"] = items
    exported.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(db_path), "--empty")
    assert code == 0, err
    assert "found again by fuzzy matching" in out
    _, moved = stored(db_path)
    assert sorted(c.quote for c in moved) == sorted(
        "Kathrin Albers" if c.quote == claim.quote else c.quote for c in claims if c.article_id == 1)
    assert all(changed[c.start : c.end] == c.quote for c in moved)


@pytest.mark.parametrize("start, end, exact, prefix, suffix, found, how", [
    (5, 9, "zwei", "", "", (5, 9), POSITION),
    (0, 4, "zwei", "", "", (5, 9), QUOTE),
    (0, 4, "zwei", "drei ", "", (15, 19), QUOTE),  # the occurrence whose prefix fits
    (None, None, "zwei dre zwei", "", "", (5, 19), FUZZY),
    (0, 3, "ganz etwas anderes", "", "", None, None),
])
def test_anchor(start, end, exact, prefix, suffix, found, how):
    text = "eins zwei drei zwei vier"
    result = anchor(text, start, end, exact, prefix, suffix)
    if found is None:
        assert result is None
    else:
        assert (result.start, result.end, result.how) == (*found, how)


def links_by_quote(path: Path) -> list[tuple]:
    from gegenlesen.storage.claims import get_claim
    from gegenlesen.storage.links import links_of

    db = open_database(path)
    try:
        found = []
        for link in links_of(db):
            a, b = get_claim(db, link.claim_a), get_claim(db, link.claim_b)
            found.append((a.quote, link.relation, b.quote, link.annotator))
        return sorted(found)
    finally:
        db.close()


@pytest.mark.parametrize("fmt", ["w3c", "jsonl"])
def test_links_come_back_too(annotated_db_path, fresh_db_path, tmp_path, capsys, fmt):
    from gegenlesen.storage.claims import list_claims
    from gegenlesen.storage.links import add_link

    db = open_database(annotated_db_path)
    claims = list_claims(db)
    by_article = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, claim)
    first, second, third = list(by_article.values())[:3]
    add_link(db, first.id, second.id, "contradicts", "anna")
    add_link(db, third.id, first.id, "supports", "bob")
    db.close()
    expected = links_by_quote(annotated_db_path)
    exported = export(capsys, annotated_db_path, fmt, tmp_path / f"links.{fmt}")
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(fresh_db_path))
    assert code == 0, err
    assert "imported 2 links between claims; 0 links already there" in out
    assert links_by_quote(fresh_db_path) == expected
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(fresh_db_path))
    assert "imported 0 links between claims; 2 links already there" in out
    assert links_by_quote(fresh_db_path) == expected
