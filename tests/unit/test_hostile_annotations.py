"""Annotations and files from outside: a wrong type, a huge number or the database itself is
one line and an exit code, never a traceback, and changes nothing (issue 12)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .test_export_common import run, stored


def digest(path: Path) -> str:
    from gegenlesen.storage.db import open_database

    db = open_database(path)  # what is stored, not the bytes: a WAL may hold part of it
    try:
        rows = db.execute("SELECT id, article_id, start, \"end\", type, verdict, note FROM claims ORDER BY id").fetchall()
        arts = db.execute("SELECT id, sha256 FROM articles ORDER BY id").fetchall()
    finally:
        db.close()
    return hashlib.sha256(repr((rows, arts)).encode()).hexdigest()


def dates(path: Path) -> set[tuple]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT sha256, published FROM articles"))
    finally:
        conn.close()


def annotation(**changes) -> dict:
    item = {
        "type": "Annotation", "motivation": "assessing",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "true"}],
        "target": {"source": "urn:sha256:00", "selector": [
            {"type": "TextPositionSelector", "start": 0, "end": 5},
            {"type": "TextQuoteSelector", "exact": "Hallo"}]},
    }
    item.update(changes)
    return item


def jsonl_claim(**changes) -> str:
    claim = {"start": 0, "end": 5, "quote": "Hallo"}
    claim.update(changes)
    return json.dumps({"sha256": "00", "source": "x.txt", "claims": [claim]})


W3C_CASES = {
    "motivation-objects": annotation(motivation=[{"a": 1}, {"b": 2}]),
    "purpose-list-of-lists": annotation(body=[{"purpose": [["assessing"]], "value": "true"}]),
    "huge-worthiness": annotation(body=[{"purpose": "assessing", "label": "check-worthiness", "value": "9" * 5000}]),
    "position-backwards": annotation(target={"source": "urn:sha256:00", "selector": [
        {"type": "TextPositionSelector", "start": 9, "end": 2}]}),
    "position-huge": annotation(target={"source": "urn:sha256:00", "selector": [
        {"type": "TextPositionSelector", "start": 0, "end": 10**30}]}),
    "creator-escapes": annotation(creator={"name": "anna\x1b]52;c;eA==\x07"}),
    "creator-bidi": annotation(creator="anna\u202egnaw"),
    "creator-600-chars": annotation(creator={"type": "Person", "name": "x" * 600}),
}

JSONL_CASES = {
    "note-is-a-list": jsonl_claim(note=["a", "b"]),
    "annotator-is-an-object": jsonl_claim(annotator={"name": "x"}),
    "annotator-nul": jsonl_claim(annotator="anna\x00"),
    "annotator-escape": jsonl_claim(annotator="\x1b]0;PWNED\x1b\\"),
    "annotator-600-chars": jsonl_claim(annotator="x" * 600),
    "link-annotator-escape": json.dumps({"sha256": "00", "claims": [
        {"id": 1, "start": 0, "end": 5, "quote": "Hallo", "links": [{"claim": 2, "direction": "from", "annotator": "b\x1bc"}]},
        {"id": 2, "start": 0, "end": 5, "quote": "Hallo"}]}),
    "worthiness-huge": jsonl_claim(worthiness=10**30),
    "id-is-a-list": jsonl_claim(id=[1]),
    "links-not-objects": jsonl_claim(links=[1, 2]),
    "huge-integer": '{"sha256": "00", "claims": [{"start": 0, "end": ' + "9" * 5000 + ', "quote": "x"}]}',
    "deep-nesting": '{"claims": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


@pytest.mark.parametrize("name", sorted(W3C_CASES))
def test_bad_w3c_values_are_one_line(annotated_db_path, tmp_path, capsys, name):
    path = tmp_path / "bad.jsonld"
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", **W3C_CASES[name]}), encoding="utf-8")
    before = digest(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(path), "--db", str(annotated_db_path))
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "nothing was imported" in err
    assert digest(annotated_db_path) == before


@pytest.mark.parametrize("name", sorted(JSONL_CASES))
def test_bad_jsonl_values_are_one_line(annotated_db_path, tmp_path, capsys, name):
    path = tmp_path / "bad.jsonl"
    path.write_text(JSONL_CASES[name] + "\n" + jsonl_claim() + "\n", encoding="utf-8")
    before = digest(annotated_db_path)
    code, out, err = run(capsys, "import-annotations", str(path), "--db", str(annotated_db_path))
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "line 1" in err and "nothing was imported" in err
    assert digest(annotated_db_path) == before


def test_a_claim_on_white_space_alone_is_skipped_with_a_warning(annotated_db_path, tmp_path, capsys):
    from gegenlesen.storage.articles import get_article

    _, claims = stored(annotated_db_path)
    from gegenlesen.storage.db import open_database

    db = open_database(annotated_db_path)
    article = get_article(db, 1)
    db.close()
    gap = article.text.index(" ")
    line = {"sha256": article.sha256, "claims": [{"start": gap, "end": gap + 1, "quote": " "}]}
    path = tmp_path / "blank.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", str(path), "--db", str(annotated_db_path))
    assert code == 0 and "Traceback" not in err
    assert "white space not imported" in err
    assert len(stored(annotated_db_path)[1]) == len(claims)


def test_a_jsonl_export_brings_its_articles_into_an_empty_database(annotated_db_path, tmp_path, capsys):
    exported = tmp_path / "all.jsonl"
    code, _, err = run(capsys, "export", "--format", "jsonl", "--db", str(annotated_db_path), "-o", str(exported))
    assert code == 0, err
    empty = tmp_path / "leer.db"
    code, out, err = run(capsys, "import-annotations", str(exported), "--db", str(empty), "--empty")
    assert code == 0, err
    texts, claims = stored(annotated_db_path)
    new_texts, new_claims = stored(empty)
    assert sorted(a.sha256 for a in new_texts.values()) == sorted(a.sha256 for a in texts.values())
    assert sorted((c.quote, c.type, c.verdict) for c in new_claims) == sorted((c.quote, c.type, c.verdict) for c in claims)
    assert f"added {len(texts)} articles the file carried in full" in out
    assert dates(empty) == dates(annotated_db_path)


def test_the_database_itself_is_refused_as_annotations_and_as_an_article(handmade_db_path, tmp_path, capsys):
    named_like_text = tmp_path / "notizen.txt"  # whatever its name, the database is never read as a file
    handmade_db_path.rename(named_like_text)
    db_path = named_like_text
    before = digest(db_path)
    code, _, err = run(capsys, "import-annotations", str(db_path), "--db", str(db_path))
    assert code == 1 and "is this gegenlesen database" in err
    code, out, err = run(capsys, "import", str(db_path.parent), "--db", str(db_path))
    assert "Traceback" not in err
    assert "this gegenlesen database" in err
    assert digest(db_path) == before
