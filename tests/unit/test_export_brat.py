"""`export --format brat`: standoff files whose spans match the .txt, and brat's configuration."""

from __future__ import annotations

import re

from gegenlesen.storage.exports.brat import attribute_value, fragments

from .test_export_common import ROCKET_TEXT, run, stored

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
A_LINE = re.compile(r"^(A\d+)\t(Verdict|Worthiness) (T\d+) (\S+)$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t(.+)$")


def parse_ann(text: str) -> tuple[dict, dict, dict]:
    spans, attributes, notes = {}, {}, {}
    for line in text.splitlines():
        if match := T_LINE.match(line):
            tid, label, offsets, surface = match.groups()
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            spans[tid] = (label, pieces, surface)
        elif match := A_LINE.match(line):
            attributes[(match.group(3), match.group(2))] = match.group(4)
        elif match := NOTE_LINE.match(line):
            notes[match.group(2)] = match.group(3)
        else:
            raise AssertionError(f"not a brat standoff line: {line!r}")
    return spans, attributes, notes


def test_brat_files_agree_with_their_text_and_the_database(annotated_db_path, tmp_path, capsys):
    target = tmp_path / "brat"
    code, _, err = run(capsys, "export", "--format", "brat", "--db", str(annotated_db_path), "-o", str(target))
    assert code == 0, err
    texts, claims = stored(annotated_db_path)
    names = sorted(p.name for p in target.iterdir())
    assert "annotation.conf" in names and "visual.conf" in names
    assert len([n for n in names if n.endswith(".txt")]) == len([n for n in names if n.endswith(".ann")]) == len(texts)
    by_text = {a.text: a for a in texts.values()}
    claim_count = 0
    for txt in sorted(target.glob("*.txt")):
        text = txt.read_bytes().decode("utf-8")
        article = by_text[text]  # the stored text, byte for byte
        spans, attributes, notes = parse_ann(txt.with_suffix(".ann").read_text(encoding="utf-8"))
        for tid, (label, pieces, surface) in spans.items():
            assert all("\n" not in text[a:b] for a, b in pieces)
            assert " ".join(text[a:b] for a, b in pieces) == surface
        mine = [c for c in claims if c.article_id == article.id]
        claim_ids = [tid for tid, span in spans.items() if span[0] == "Claim"]
        assert len(claim_ids) == len(mine)
        for tid, claim in zip(claim_ids, mine):
            _, pieces, _ = spans[tid]
            assert pieces[0][0] == claim.start and pieces[-1][1] == claim.end
            assert attributes[(tid, "Verdict")] == attribute_value(claim.verdict)
            assert attributes[(tid, "Worthiness")] == str(claim.worthiness)
            assert f"annotator: {claim.annotator}" in notes[tid] and f"type: {claim.type or 'none'}" in notes[tid]
            assert " ".join(claim.note.split()) in notes[tid]
        claim_count += len(mine)
        if text == ROCKET_TEXT:
            crossing = next(span for span in spans.values() if len(span[1]) == 2)
            assert crossing[0] == "Claim" and crossing[2] == "Dollar. Das sagte"
    assert claim_count == len(claims)
    conf = (target / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP>" in conf and "Verdict\tArg:Claim, Value:unchecked|true|mostly_true|" in conf
    assert "Worthiness\tArg:Claim, Value:1|2|3" in conf


def test_fragments_split_at_line_breaks_and_leave_out_white_space():
    text = "eins zwei\r\n\r\n drei vier\nfünf"
    assert fragments(text, 0, len(text)) == [(0, 9), (14, 23), (24, 28)]
    assert fragments(text, 9, 14) == []
