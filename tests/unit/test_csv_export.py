"""`gegenlesen export --format csv|jsonl` with claims, and `--codebook` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.codebook import default_codebook
from fixtures.handmade import pipeline_name
from gegenlesen.corpus.nlp.records import Analysis
from gegenlesen.storage import articles
from gegenlesen.storage.claims import COLUMNS, add_claim, list_claims, update_claim
from gegenlesen.storage.codebooks import codebook_in_use
from gegenlesen.storage.db import open_database
from gegenlesen.storage.exports.csv import HEADER, export_csv, is_formula, safe_cell
from gegenlesen.tui.cli import main

BOM = b"\xef\xbb\xbf"
SPEC_HEADER = [
    "article_source", "article_title", "start", "end", "quote", "type", "verdict",
    "check_worthiness", "note", "annotator", "created", "modified",
]
FORMULA_TEXT = (
    "=SUMME(A1:A9) steht hier als Text. +49 30 1234567 ist eine Nummer. "
    '-5 Prozent, sagte Müller, "nicht mehr". @bundesamt meldete: „Äpfel, Öl und Übergrößen“ kosten 2,5 Mio. Euro.'
)
# (quote in FORMULA_TEXT, annotator, changes)
TAGGED = [
    ("=SUMME(A1:A9)", "anna", {"note": '=HYPERLINK("http://example.com/x","klick")', "type": "statistic"}),
    ("+49 30 1234567", "anna", {"note": "+1", "verdict": "true"}),
    ('-5 Prozent, sagte Müller, "nicht mehr"', "bob", {"note": "-", "worthiness": 3, "type": "quotation"}),
    ("@bundesamt meldete", "@bob", {"note": "@SUMME(1;2)", "verdict": "mostly true"}),
    ("„Äpfel, Öl und Übergrößen“", "bob", {"note": 'Zeile 1\nZeile 2, mit "Zitat"\r\nZeile 3: ä ö ü ß €'}),
    ("2,5 Mio. Euro", "anna", {"note": "\tTab vorne, dann Text"}),
    ("kosten", "anna", {"note": "\rWagenrücklauf vorne"}),
]


@pytest.fixture
def claims_db_path(handmade_db_path) -> Path:
    """The hand-built database with an article full of formula-like text and claims on it."""
    db = open_database(handmade_db_path)
    article_id, _ = articles.add_article(db, Article("=formeln.txt", FORMULA_TEXT))
    articles.store_analysis(db, article_id, Analysis([], [], pipeline_name()))  # so export runs no pipeline
    for quote, annotator, changes in TAGGED:
        start = FORMULA_TEXT.index(quote)
        claim = add_claim(db, article_id, start, start + len(quote), annotator)
        update_claim(db, claim.id, annotator, **changes)
    first = articles.get_article(db, 1).text
    start = first.index("Hansebau")
    claim = add_claim(db, 1, start, start + len("Hansebau"), "carla")
    update_claim(db, claim.id, "carla", note="schlicht, ohne Formel", type="other")
    db.close()
    return handmade_db_path


def stored_claims(path: Path):
    db = open_database(path)
    try:
        summaries = {a.id: a for a in articles.list_articles(db)}
        return list_claims(db), summaries
    finally:
        db.close()


def expected_row(claim, article) -> list[str]:
    values = [
        article.source, article.title, claim.start, claim.end, claim.quote, claim.type or "", claim.verdict,
        claim.worthiness, claim.note, claim.annotator, claim.created, claim.modified, claim.id, claim.modified_by,
    ]
    return [str(value) for value in values]


def run_export(db_path: Path, target: Path, fmt: str, capsys, *extra: str) -> str:
    assert main(["export", "--format", fmt, "-o", str(target), "--db", str(db_path), *extra]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_csv_export_writes_utf8_with_bom_and_the_header(claims_db_path, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "claims.csv"
    err = run_export(claims_db_path, target, "csv", capsys)
    assert f"exported {len(TAGGED) + 1} claims to {target}" in err
    raw = target.read_bytes()
    assert raw.startswith(BOM) and not raw[3:].startswith(BOM)
    raw[3:].decode("utf-8")  # strictly UTF-8
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][: len(SPEC_HEADER)] == SPEC_HEADER
    assert rows[0] == HEADER and set(HEADER[len(SPEC_HEADER):]) == {
        "claim_id", "modified_by", "curated_verdict", "curated_by", "curated_at"}
    assert len(rows) == len(TAGGED) + 2
    assert all(len(row) == len(HEADER) for row in rows)
    assert [p.name for p in target.parent.iterdir()] == ["claims.csv"]  # no .part left behind


def test_csv_cells_round_trip_and_formulas_get_an_apostrophe(claims_db_path, tmp_path, capsys):
    target = tmp_path / "claims.csv"
    run_export(claims_db_path, target, "csv", capsys)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    claims, summaries = stored_claims(claims_db_path)
    assert len(rows) == len(claims)
    escaped = 0
    for row, claim in zip(rows, claims):
        for name, cell, value in zip(HEADER, row, expected_row(claim, summaries[claim.article_id])):
            if is_formula(value):
                assert cell == "'" + value, name
                escaped += 1
            else:
                assert cell == value, name
    # Every claim on the formula article starts its source, and most its title, quote or note, with one.
    assert escaped >= 2 * len(TAGGED)
    by_id = {int(row[HEADER.index("claim_id")]): row for row in rows}
    formula = next(c for c in claims if c.quote.startswith("="))
    row = by_id[formula.id]
    assert row[HEADER.index("article_source")] == "'=formeln.txt"
    assert row[HEADER.index("article_title")].startswith("'=SUMME")
    assert row[HEADER.index("quote")] == "'=SUMME(A1:A9)"
    assert row[HEADER.index("note")] == '\'=HYPERLINK("http://example.com/x","klick")'
    multi = next(c for c in claims if c.quote.startswith("„"))
    assert by_id[multi.id][HEADER.index("note")] == 'Zeile 1\nZeile 2, mit "Zitat"\r\nZeile 3: ä ö ü ß €'
    assert by_id[multi.id][HEADER.index("quote")] == "„Äpfel, Öl und Übergrößen“"
    assert by_id[multi.id][HEADER.index("annotator")] == "bob"
    at = next(c for c in claims if c.quote.startswith("@"))
    assert by_id[at.id][HEADER.index("annotator")] == "'@bob"
    plain = next(c for c in claims if c.annotator == "carla")
    assert by_id[plain.id][HEADER.index("note")] == "schlicht, ohne Formel"
    assert by_id[plain.id][HEADER.index("type")] == "other"


def test_csv_rows_end_with_crlf_and_keep_newlines_inside_cells(claims_db_path, tmp_path, capsys):
    target = tmp_path / "claims.csv"
    run_export(claims_db_path, target, "csv", capsys)
    text = target.read_bytes()[3:].decode("utf-8")
    assert text.endswith("\r\n")
    assert 'Zeile 1\nZeile 2, mit ""Zitat""\r\nZeile 3' in text  # quoted cell, inner line ends untouched


def test_csv_to_standard_output_has_no_bom(claims_db_path, capsys):
    assert main(["export", "--format", "csv", "--db", str(claims_db_path)]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == HEADER and len(rows) == len(TAGGED) + 2


def test_csv_without_claims_is_the_header_alone(handmade_db_path, tmp_path, capsys):
    target = tmp_path / "leer.csv"
    err = run_export(handmade_db_path, target, "csv", capsys)
    assert "exported 0 claims" in err
    assert target.read_bytes() == BOM + (",".join(HEADER) + "\r\n").encode()


@pytest.mark.parametrize(
    "value, cell",
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=x", "'\t=x"), ("\r=x", "'\r=x"),
     ("a=1", "a=1"), ("", ""), (" =1", "' =1"), (3, 3), (-3, -3), (None, None)],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_export_csv_of_some_articles(claims_db_path):
    db = open_database(claims_db_path)
    try:
        out = io.StringIO(newline="")
        assert export_csv(db, out, [1]) == 1
        rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
        assert [row[HEADER.index("annotator")] for row in rows[1:]] == ["carla"]
    finally:
        db.close()


# -- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_export_carries_every_claim_field(claims_db_path, tmp_path, capsys):
    target = tmp_path / "export.jsonl"
    err = run_export(claims_db_path, target, "jsonl", capsys)
    assert "exported 4 articles" in err
    records = {record["id"]: record for record in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    claims, _ = stored_claims(claims_db_path)
    exported = [claim for record in records.values() for claim in record["claims"]]
    assert len(exported) == len(claims) == len(TAGGED) + 1
    for record in records.values():
        assert record["claims"] == [{**c.as_row(), "curated": None, "links": []} for c in claims if c.article_id == record["id"]]
        for claim in record["claims"]:
            assert list(claim) == [*COLUMNS, "curated", "links"]
            assert record["text"][claim["start"] : claim["end"]] == claim["quote"]
    formula = next(c for c in exported if c["quote"].startswith("="))
    assert formula["note"].startswith("=HYPERLINK")  # JSON is not a spreadsheet: no apostrophe


# -- --codebook on the command line ----------------------------------------------------------


def test_bad_codebook_exits_1_with_one_line_naming_the_line(handmade_db_path, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "kaputt"\n[[types]]\nkey = "a"\n[[types]]\nlabel = "ohne Schlüssel"\n', encoding="utf-8")
    target = tmp_path / "out.csv"
    code = main(["export", "--format", "csv", "-o", str(target), "--db", str(handmade_db_path), "--codebook", str(bad)])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("gegenlesen: ")
    assert str(bad) in captured.err and "line 4" in captured.err and "needs a key" in captured.err
    assert not target.exists()


def test_codebook_that_is_not_toml_exits_1_naming_the_line(handmade_db_path, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nworthiness = drei\n', encoding="utf-8")
    assert main(["articles", "--db", str(handmade_db_path), "--codebook", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and "line 2" in err


def test_missing_codebook_exits_1(handmade_db_path, tmp_path, capsys):
    assert main(["articles", "--db", str(handmade_db_path), "--codebook", str(tmp_path / "fehlt.toml")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def test_good_codebook_is_stored_in_the_database(handmade_db_path, tmp_path, capsys):
    good = tmp_path / "redaktion.toml"
    good.write_text('name = "Redaktion"\nverdicts = ["offen", "falsch"]\n[[types]]\nkey = "zahl"\n', encoding="utf-8")
    assert main(["articles", "--db", str(handmade_db_path), "--codebook", str(good)]) == 0
    capsys.readouterr()
    db = open_database(handmade_db_path)
    try:
        stored = codebook_in_use(db)
        assert stored.name == "Redaktion" and stored != default_codebook()
        assert [t.key for t in stored.types] == ["zahl"]
    finally:
        db.close()
