"""`export --format doccano`: doccano's sequence-labelling JSONL, read as doccano reads it."""

from __future__ import annotations

import json

from gegenlesen.storage.exports.doccano import utf16_offsets

from .test_export_common import ROCKET_TEXT, run, stored


def utf16_slice(text: str, start: int, end: int) -> str:
    """What a browser (JavaScript, UTF-16) shows for doccano's offsets."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * end].decode("utf-16-le")


def test_doccano_lines_carry_text_labels_and_metadata(annotated_db_path, capsys):
    code, out, err = run(capsys, "export", "--format", "doccano", "--db", str(annotated_db_path))
    assert code == 0 and err == ""
    texts, claims = stored(annotated_db_path)
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(texts)
    for record in records:
        # doccano: the text column and the label column; every other key becomes metadata
        assert isinstance(record["text"], str) and record["text"]
        article = texts[record["article_id"]]
        assert record["text"] == article.text and record["sha256"] == article.sha256
        assert record["source"] == article.source
        mine = [c for c in claims if c.article_id == article.id]
        assert [c["quote"] for c in record["claims"]] == [c.quote for c in mine]
        assert {"type", "verdict", "worthiness", "note", "annotator"} <= set(record["claims"][0] if mine else {"type", "verdict", "worthiness", "note", "annotator"})
        assert sum(1 for *_, label in record["label"] if label == "CLAIM") == len(mine)
        for start, end, label in record["label"]:
            assert isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and start < end
            shown = utf16_slice(record["text"], start, end)
            if label == "CLAIM":
                assert shown in {c.quote for c in mine}
            else:
                assert shown.strip() == shown and shown
    rocket = next(r for r in records if r["text"] == ROCKET_TEXT)
    spans = {utf16_slice(ROCKET_TEXT, s, e): (s, e, label) for s, e, label in rocket["label"]}
    assert spans["𝔇eepSeek"][2] == "ORG" and spans["🚀 Start"][2] == "CLAIM"
    # 🚀 and 𝔇 are two UTF-16 units each: offsets after them are larger than Python's
    python_start = ROCKET_TEXT.index("𝔇eepSeek")
    assert spans["𝔇eepSeek"][:2] == (python_start + 1, python_start + 1 + len("𝔇eepSeek") + 1)


def test_utf16_offsets_equal_python_offsets_in_the_basic_plane():
    at = utf16_offsets("Grüße, Müller – „ja“")
    assert [at(i) for i in range(5)] == [0, 1, 2, 3, 4]
    at = utf16_offsets("a🚀b")
    assert [at(i) for i in range(4)] == [0, 1, 3, 4]
