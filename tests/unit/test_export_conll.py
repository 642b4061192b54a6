"""`export --format conll`: CoNLL-2003 columns, BIO tags from the stored entities."""

from __future__ import annotations

from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports.common import bundles

from .test_export_common import run, stored


def parse(text: str) -> list[list[list[tuple[str, str]]]]:
    """Documents → sentences → (token, tag), checking the column layout on the way."""
    documents = []
    sentence: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if line == "-DOCSTART- -X- -X- O":
            documents.append([])
            continue
        if not line:
            if sentence:
                documents[-1].append(sentence)
            sentence = []
            continue
        token, pos, chunk, tag = line.split(" ")
        assert (pos, chunk) == ("-X-", "_") and token.strip() == token and token
        sentence.append((token, tag))
    assert not sentence
    return documents


def entities_from_bio(sentences) -> list[tuple[str, str]]:
    found, current = [], None
    for sentence in sentences:
        for token, tag in sentence:
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                current = [tag[2:], [token]]
                found.append(current)
            elif tag.startswith("I-"):
                assert current[0] == tag[2:]
                current[1].append(token)
            else:
                assert tag == "O"
                current = None
        current = None
    return [(label, "".join(tokens)) for label, tokens in found]


def test_conll_has_a_document_per_article_and_the_stored_entities(annotated_db_path, capsys):
    code, out, err = run(capsys, "export", "--format", "conll", "--db", str(annotated_db_path))
    assert code == 0 and err == ""
    documents = parse(out)
    texts, _ = stored(annotated_db_path)
    assert len(documents) == len(texts)
    db = open_database(annotated_db_path)
    try:
        expected = list(bundles(db, list(texts), sentences=True))
    finally:
        db.close()
    labels = set()
    for sentences, bundle in zip(documents, expected):
        assert len(sentences) >= len(bundle.sentences) > 0
        # the tokens are the text without its white space, in order
        assert "".join(t for s in sentences for t, _ in s) == "".join(bundle.article.text.split())
        got = entities_from_bio(sentences)
        assert got == [(e.label, "".join(e.text.split())) for e in bundle.entities]
        labels |= {label for label, _ in got}
    assert {"PER", "ORG", "LOC", "MONEY", "DATE"} <= labels
    rocket = documents[-1]
    assert len(rocket) == 2  # its two stored sentences
    assert ("𝔇eepSeek", "B-ORG") in rocket[0] and ("Berlin", "B-LOC") in rocket[1]
    assert [t for t in rocket[1] if t[1] != "O"][:3] == [("Anna", "B-PER"), ("Weber", "I-PER"), ("27.", "B-DATE")]


def test_a_name_opening_a_compound_gets_its_own_token(annotated_db_path, capsys):
    code, out, _ = run(capsys, "export", "--format", "conll", "--db", str(annotated_db_path), "--articles", "1")
    assert code == 0
    tokens = [line.split(" ") for line in out.splitlines() if line and not line.startswith("-DOCSTART-")]
    # "Hansebau-Sprecher": the entity "Hansebau" is a token of its own, tagged; the rest is O.
    pairs = [(t[0], t[3]) for t in tokens]
    position = next(i for i, (token, _) in enumerate(pairs) if token.startswith("-Sprecher"))
    assert pairs[position - 1] == ("Hansebau", "B-ORG") and pairs[position][1] == "O"
