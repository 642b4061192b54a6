"""Reading files for import (no database): finding, decoding, refusing, extracting."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gegenlesen.corpus.importing import (
    MAX_BYTES,
    Candidate,
    ImportedArticle,
    Refusal,
    collect,
    decode,
    read_file,
)

CP1252_TEXT = "Straße – „Zitat“ sagte die Bürgermeisterin. Es kostet 5 €."
ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Streit um Windkraft | Der Beispielbote</title>
<meta name="author" content="Anna Beispiel">
<meta property="article:published_time" content="2025-01-27T10:00:00+01:00">
<link rel="canonical" href="https://example.org/windkraft"></head>
<body><nav><a href="/">Start</a> | <a href="/politik">Politik</a></nav>
<article><h1>Streit um Windkraft</h1>
<p>Der Gemeinderat hat am Montag über den Bau von drei neuen Windrädern beraten. Die Bürgermeisterin sagte, man wolle die Anwohner früh beteiligen.</p>
<p>Kritiker fürchten Lärm und sinkende Grundstückspreise. Eine Entscheidung soll im März fallen, heißt es aus dem Rathaus.</p>
</article><footer>Impressum · Datenschutz</footer></body></html>
"""
NO_ARTICLE_HTML = """<html><head><title>Anmelden</title></head><body>
<nav><a href="/">Start</a></nav><form><input name="user"><button>Los</button></form></body></html>
"""


def read(path: Path, source: str | None = None):
    return read_file(Candidate(path, source or path.name))


def only_article(path: Path) -> ImportedArticle:
    found = read(path)
    assert not isinstance(found, Refusal), found
    (article,) = found
    return article


def refusal(path: Path) -> str:
    found = read(path)
    assert isinstance(found, Refusal), found
    assert found.path == str(path)
    assert "\n" not in found.message()
    return found.reason


# -- encodings and line ends -------------------------------------------------------------------


def test_utf8_is_read_as_it_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Grüße aus Köln.\n".encode("utf-8"))
    article = only_article(path)
    assert (article.source, article.text, article.encoding) == ("a.txt", "Grüße aus Köln.\n", "utf-8")


def test_utf8_with_bom_loses_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Grüße.".encode("utf-8"))
    article = only_article(path)
    assert (article.text, article.encoding) == ("Grüße.", "utf-8-sig")


def test_cp1252_is_detected(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    article = only_article(path)
    assert (article.text, article.encoding) == (CP1252_TEXT, "cp1252")


def test_latin1_is_detected(tmp_path):
    path = tmp_path / "alt.txt"
    path.write_bytes("Grüße aus Köln, sagte der Bürger. Die Straße ist naß.".encode("latin-1"))
    article = only_article(path)
    assert article.text == "Grüße aus Köln, sagte der Bürger. Die Straße ist naß."
    assert article.encoding == "latin-1"


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("Grüße aus Köln.".encode("utf-16"))
    assert only_article(path).text == "Grüße aus Köln."


def test_utf8_wins_when_it_decodes():
    # These bytes are also valid cp1252 ("GrÃ¼ÃŸe"); strict UTF-8 is preferred.
    assert decode("Grüße".encode("utf-8")) == ("Grüße", "utf-8")


@pytest.mark.parametrize("raw, expected", [
    (b"eins\r\nzwei\r\n", "eins\nzwei\n"),
    (b"eins\rzwei\r", "eins\nzwei\n"),
    (b"eins\r\n\r\nzwei\rdrei\n", "eins\n\nzwei\ndrei\n"),
])
def test_line_ends_become_lf(tmp_path, raw, expected):
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw)
    assert only_article(path).text == expected


def test_control_characters_other_than_newline_stay(tmp_path):
    path = tmp_path / "ctrl.txt"
    path.write_bytes(b"Ein \x1b[31mroter\x1b[0m Text\tmit Tab und \x07 Klingel.\n")
    assert only_article(path).text == "Ein \x1b[31mroter\x1b[0m Text\tmit Tab und \x07 Klingel.\n"


# -- refusals ----------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "leer.txt"
    path.write_bytes(b"")
    assert refusal(path) == "empty file"


def test_whitespace_only_is_refused(tmp_path):
    path = tmp_path / "weiss.md"
    path.write_bytes(b" \r\n\t\n  \n")
    assert "empty" in refusal(path)


def test_binary_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in refusal(path)


def test_control_character_soup_is_refused_as_binary(tmp_path):
    path = tmp_path / "steuer.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"abc")
    assert "binary" in refusal(path)


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "riesig.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 2**20)  # sparse: takes no disk space
    opened = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    reason = refusal(path)
    assert "200 MB" in reason and "20 MB" in reason
    assert path not in opened and str(path) not in opened


def test_file_just_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "knapp.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert "larger than" in refusal(path)


def test_undecodable_bytes_are_refused(tmp_path):
    path = tmp_path / "kaputt.txt"
    # Mostly UTF-8, then a stray cp1252 byte: neither encoding reads it all correctly.
    path.write_bytes("Grüße aus Köln ".encode("utf-8") + b"\x93Zitat" + " und mehr Text.".encode("utf-8"))
    assert refusal(path) == "cannot be decoded: UTF-8 mixed with another encoding (invalid UTF-8 at byte 18)"


def test_text_in_an_unsupported_encoding_is_refused(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes("日本語のテキストです。これはテストです。".encode("shift_jis"))
    assert refusal(path) == "cannot be decoded: not UTF-8, cp1252 or latin-1 text"


def test_short_cp1252_text_is_read_leniently(tmp_path):
    path = tmp_path / "kurz.txt"
    path.write_bytes("„Ja“ – „Nein“".encode("cp1252"))  # charset-normalizer's mess ratio: 0.39
    assert only_article(path).text == "„Ja“ – „Nein“"


def test_bad_utf8_after_a_bom_is_refused(tmp_path):
    path = tmp_path / "bom-kaputt.txt"
    path.write_bytes(b"\xef\xbb\xbfGr\xfc\xdfe")
    assert "byte-order mark" in refusal(path)


# -- HTML --------------------------------------------------------------------------------------


def test_html_article_with_metadata(tmp_path):
    path = tmp_path / "seite.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    article = only_article(path)
    assert "Der Gemeinderat hat am Montag" in article.text
    assert "Impressum" not in article.text and "Politik" not in article.text
    assert article.title == "Streit um Windkraft"
    assert article.author == "Anna Beispiel"
    assert article.url == "https://example.org/windkraft"
    assert article.published == "2025-01-27"
    assert article.source == "seite.html"
    assert article.to_article().title == "Streit um Windkraft"


def test_html_without_an_article_is_refused(tmp_path):
    path = tmp_path / "login.htm"
    path.write_text(NO_ARTICLE_HTML, encoding="utf-8")
    assert refusal(path) == "no article text found in the HTML"


def test_html_in_cp1252(tmp_path):
    path = tmp_path / "alt.html"
    path.write_bytes(ARTICLE_HTML.replace("Lärm", "Lärm – „laut“").encode("cp1252"))
    article = only_article(path)
    assert article.encoding == "cp1252" and "Lärm – „laut“" in article.text


# -- JSONL -------------------------------------------------------------------------------------


def write_jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_one_article_per_line(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        json.dumps({"text": "Erster Text.\r\nZweite Zeile.", "title": "Eins", "source": "zeitung/1",
                    "url": "https://example.org/1", "date": "2025-01-27", "author": "A. Autor"}),
        "",
        json.dumps({"text": "Zweiter Text.", "url": "https://example.org/2"}),
        json.dumps({"text": "Dritter Text mit \u2028 Trenner."}),
    )
    found = read(path)
    assert [a.source for a in found] == ["zeitung/1", "https://example.org/2", "feed.jsonl#4"]
    first = found[0]
    assert (first.text, first.title, first.url, first.published, first.author) == (
        "Erster Text.\nZweite Zeile.", "Eins", "https://example.org/1", "2025-01-27", "A. Autor")
    assert found[2].text == "Dritter Text mit \u2028 Trenner."  # not a line break in JSONL


@pytest.mark.parametrize("bad, reason", [
    ("[1, 2]", "line 2: not a JSON object"),
    ('{"title": "ohne Text"}', 'line 2: no "text"'),
    ('{"text": "   "}', 'line 2: no "text"'),
    ('{"text": 42}', 'line 2: no "text"'),
    ('{"text": "ok", "date": 2025}', 'line 2: "date" must be a string'),
    ('{"text": "kaputt', "line 2: not valid JSON"),
    ('{"text": "\\ud800 allein"}', "line 2: holds an invalid character"),
    ('{"text": "mit \\u0000 NUL"}', "line 2: the text holds NUL"),
    # hostile lines: each once a traceback (RecursionError, ValueError)
    pytest.param('{"text": "tief", "x": ' + "[" * 100_000 + "}", "line 2: nested too deeply", id="deep"),
    pytest.param('{"text": "gross", "x": ' + "9" * 5000 + "}", "line 2: a number with 5000 digits", id="digits"),
    ('{"text": "gross", "x": ' + str(10**30) + "}", "line 2: a number with 31 digits"),
    ('{"text": "ok", "title": ["eine", "Liste"]}', 'line 2: "title" must be a string'),
    ('{"text": "ok", "published": {"jahr": 2025}}', 'line 2: "date" must be a string'),
])
def test_jsonl_with_one_bad_line_is_refused_whole(tmp_path, bad, reason):
    path = write_jsonl(tmp_path / "feed.jsonl", '{"text": "Gut."}', bad, '{"text": "Auch gut."}')
    assert refusal(path).startswith(reason)


def test_jsonl_takes_the_date_from_published_as_the_jsonl_export_writes_it(tmp_path):
    path = write_jsonl(tmp_path / "export.jsonl",
                       json.dumps({"text": "Ein Text.", "source": "a.txt", "published": "2025-01-27", "author": "A"}),
                       json.dumps({"text": "Zwei.", "date": "2025-01-28", "published": "2025-01-01"}))
    assert [a.published for a in read(path)] == ["2025-01-27", "2025-01-28"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "title", "source", "url", "date", "published", "author", "x"]) | st.text(max_size=4), inner, max_size=6),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON_VALUES, nesting=st.integers(0, 3000))
def test_any_json_line_is_imported_or_refused_never_an_exception(tmp_path, value, nesting):
    line = "[" * nesting + json.dumps(value) + "]" * nesting
    found = read(write_jsonl(tmp_path / "zufall.jsonl", line))
    assert isinstance(found, Refusal) or all(isinstance(a, ImportedArticle) for a in found)


def test_jsonl_with_only_blank_lines_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "leer.jsonl", "", "  ", "")
    assert "empty" in refusal(path)


# -- finding files -----------------------------------------------------------------------------


def test_missing_path_is_refused(tmp_path):
    collected = collect([tmp_path / "fehlt.txt"])
    assert collected.files == ()
    assert collected.refusals == (Refusal(str(tmp_path / "fehlt.txt"), "no such file or directory"),)


def test_unknown_suffix_named_explicitly_is_refused(tmp_path):
    path = tmp_path / "bericht.pdf"
    path.write_bytes(b"%PDF-1.4")
    (refused,) = collect([path]).refusals
    assert "not a .txt" in refused.reason


def test_directory_walk_sources_hidden_and_unknown_files(tmp_path):
    root = tmp_path / "artikel"
    (root / "2025" / "januar").mkdir(parents=True)
    (root / ".git").mkdir()
    for name in ["b.txt", "a.md", "2025/januar/c.html", "2025/d.JSONL", ".versteckt.txt", ".git/x.txt", "bild.png", "notiz.doc"]:
        (root / name).write_text("x", encoding="utf-8")
    collected = collect([root])
    # A directory's files first, then its subdirectories, each by name.
    assert [c.source for c in collected.files] == ["a.md", "b.txt", "2025/d.JSONL", "2025/januar/c.html"]
    assert collected.skipped == 4  # .versteckt.txt, .git, bild.png, notiz.doc
    assert collected.refusals == ()


def test_single_file_source_is_its_name(tmp_path):
    (tmp_path / "tief").mkdir()
    path = tmp_path / "tief" / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert [c.source for c in collect([path]).files] == ["a.txt"]


def test_symlink_loop_ends(tmp_path):
    root = tmp_path / "schleife"
    (root / "unten").mkdir(parents=True)
    (root / "unten" / "a.txt").write_text("Text.", encoding="utf-8")
    os.symlink(root, root / "unten" / "zurück")
    os.symlink(root / "selbst.txt", root / "selbst.txt")  # a link to itself
    collected = collect([root, root / "unten"])
    assert [c.source for c in collected.files] == ["unten/a.txt"]
    assert collected.skipped == 2  # the link back up, and the second path (already walked)
    assert [r.reason for r in collected.refusals] == ["a symbolic link that leads nowhere (broken, or a loop)"]


def test_same_file_through_a_link_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    collected = collect([tmp_path])
    assert [c.source for c in collected.files] == ["a.txt"]
    assert collected.skipped == 1


def test_a_link_to_itself_named_explicitly_is_refused(tmp_path):
    os.symlink(tmp_path / "selbst.txt", tmp_path / "selbst.txt")
    (refused,) = collect([tmp_path / "selbst.txt"]).refusals
    assert refused.reason == "a symbolic link that leads nowhere (broken, or a loop)"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from("\r\n\t"), min_size=1))
def test_any_utf8_text_decodes_to_itself_with_lf_line_ends(text):
    decoded, encoding = decode(text.encode("utf-8"))
    assert encoding == "utf-8"
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")
    assert "\r" not in decoded


GERMAN_WORDS = ["Straße", "–", "„Zitat“", "Köln", "5 €", "Grüße", "Ärger", "daß", "sagte", "er", "die", "Öl",
                "über", "Bürger", "‚so‘", "…", "Café", "und", "der", "Maß", "\n"]


@given(st.lists(st.sampled_from(GERMAN_WORDS), min_size=3, max_size=60))
def test_german_cp1252_text_decodes_to_itself(words):
    text = " ".join(words)
    raw = text.encode("cp1252")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded, encoding = decode(raw)
        assert decoded == text and encoding in ("cp1252", "latin-1")
