"""`export --format spacy`: a DocBin that spaCy reads back with the stored entities and claims."""

from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports.common import bundles

from .test_export_common import run, stored


def test_the_docbin_gives_back_texts_entities_and_claims(annotated_db_path, tmp_path, capsys):
    target = tmp_path / "corpus.spacy"
    code, out, err = run(capsys, "export", "--format", "spacy", "--db", str(annotated_db_path), "-o", str(target))
    assert code == 0 and out == "", err
    texts, claims = stored(annotated_db_path)
    assert f"exported {len(texts)} articles to {target}" in err
    docs = list(DocBin().from_disk(target).get_docs(spacy.blank("de").vocab))
    assert len(docs) == len(texts)
    db = open_database(annotated_db_path)
    try:
        expected = {b.article.sha256: b for b in bundles(db, list(texts))}
    finally:
        db.close()
    for doc in docs:
        bundle = expected[doc.user_data["sha256"]]
        assert doc.text == bundle.article.text
        assert doc.user_data["source"] == bundle.article.source and doc.user_data["id"] == bundle.article.id
        # Tokens are split at entity edges, so every entity comes back exactly.
        assert [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents] == \
            [(e.start, e.end, e.label, e.text) for e in bundle.entities]
        assert [(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["claims"]] == \
            [(c.start, c.end, c.type or "claim", c.quote) for c in bundle.claims]
        assert [c["note"] for c in doc.user_data["claims"]] == [c.note for c in bundle.claims]
    assert sum(len(doc.spans["claims"]) for doc in docs) == len(claims)
    rocket = next(doc for doc in docs if doc.user_data["source"] == "rakete.txt")
    assert [e.text for e in rocket.ents][:2] == ["𝔇eepSeek", "6 Millionen Dollar"]


def test_overlapping_entities_are_skipped_and_counted(annotated_db_path, tmp_path, capsys):
    db = open_database(annotated_db_path)
    try:
        article_id, start, end = db.execute("SELECT article_id, start, end FROM entities WHERE label = 'ORG' LIMIT 1").fetchone()
        db.execute("INSERT INTO entities (article_id, start, end, label, text, key, origin) VALUES (?, ?, ?, 'MISC', 'x', 'x', 'model')",
                   [article_id, start, end + 3])
    finally:
        db.close()
    target = tmp_path / "corpus.spacy"
    code, _, err = run(capsys, "export", "--format", "spacy", "--db", str(annotated_db_path), "-o", str(target))
    assert code == 0 and "skipped 1 entity that overlaps another" in err
