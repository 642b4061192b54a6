"""Article facts: sha256, word count, derived title."""

from __future__ import annotations

import hashlib

import pytest

from gegenlesen.corpus.article import TITLE_MAX, Article, count_words, derive_title, sha256_of


def test_sha256_is_of_the_utf8_bytes():
    text = "Größere Übernahme: DeepSeek – 中文"
    assert sha256_of(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert Article("a.txt", text).sha256 == sha256_of(text)
    assert sha256_of("a") != sha256_of("a ")  # nothing is normalised away
    assert sha256_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", 0),
        ("   \n\t ", 0),
        ("Hallo Welt", 2),
        ("Das KI-Start-up DeepSeek veröffentlichte R1.", 5),  # hyphenated compound counts once
        ("Trump’s Pläne und O'Brien", 4),
        ("Am 27.01.2025 fiel der Kurs.", 5),
        ("Größenwahn, Übermut – und Ärger!", 4),
        ("中文 字符", 2),
    ],
)
def test_count_words(text, expected):
    assert count_words(text) == expected
    assert Article("x", text).words == expected


def test_decimal_comma_is_one_word():
    assert count_words("Die Inflation lag bei 2,2 Prozent.") == 6


def test_title_is_the_first_sentence_of_the_first_non_empty_line():
    text = "\n\n   DeepSeek erschüttert die Börse. Nvidia verliert stark.\nZweite Zeile."
    assert derive_title(text) == "DeepSeek erschüttert die Börse."


def test_title_keeps_markup_literally():
    text = "[bold]Eilmeldung[/bold]: DeepSeek erschüttert die Börse. Mehr folgt."
    assert derive_title(text) == "[bold]Eilmeldung[/bold]: DeepSeek erschüttert die Börse."
    assert Article("x.txt", "[red]x[/red]").title == "[red]x[/red]"


def test_title_collapses_whitespace_inside_the_line():
    assert derive_title("Viel   Lärm\tum  nichts") == "Viel Lärm um nichts"


@pytest.mark.parametrize("text", ["", "\n\n", "   \n \t\n"])
def test_empty_text_falls_back(text):
    assert derive_title(text, fallback="quelle.txt") == "quelle.txt"
    assert derive_title(text) == "untitled"
    assert Article("meldung.txt", text).title == "meldung.txt"


def test_long_title_is_cut_at_a_word_boundary():
    text = "Die chinesische Firma DeepSeek hat mit ihrem neuen Sprachmodell die Technologiebranche weltweit in Aufruhr versetzt"
    title = derive_title(text)
    assert len(title) <= TITLE_MAX
    assert title.endswith("…")
    assert text.startswith(title[:-1])
    assert text[len(title) - 1] == " "  # the cut falls on a space, not inside a word


def test_long_single_word_title_is_cut_to_the_limit():
    title = derive_title("A" * 200)
    assert title == "A" * (TITLE_MAX - 1) + "…"


def test_cut_strips_trailing_punctuation():
    text = "Eins zwei drei, " + "x" * 70 + " Ende"
    title = derive_title(text, limit=20)
    assert title == "Eins zwei drei…"


@pytest.mark.parametrize(
    "text",
    [
        "Am 27. Januar verlor Nvidia fast 600 Milliarden Dollar an Börsenwert.",
        "Dr. Anna Müller warnt vor den Risiken der KI.",
    ],
)
def test_title_not_cut_at_ordinal_or_abbreviation(text):
    assert derive_title(text) == text


def test_title_keeps_closing_quote():
    assert derive_title("Er fragte: „Warum?“ Dann ging er.") == "Er fragte: „Warum?“"
