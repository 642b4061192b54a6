"""The gold entity file for the demo corpus is well formed (no spaCy needed)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from gegenlesen.corpus.demo import demo_articles

GOLD = Path(__file__).resolve().parents[1] / "data" / "demo_gold_entities.jsonl"
LABELS = {"PER", "ORG", "LOC", "MISC"}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {article.source: article.text for article in demo_articles()}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    assert all(line.strip() for line in lines), "blank line in the gold file"
    return [json.loads(line) for line in lines]


def spans(gold: list[dict], texts: dict[str, str], source: str, surface: str) -> list[dict]:
    return [r for r in gold if r["source"] == source and texts[source][r["start"]:r["end"]] == surface]


def test_records_have_exactly_the_four_fields(gold):
    assert gold
    for record in gold:
        assert set(record) == {"source", "start", "end", "label"}, record
        assert isinstance(record["source"], str)
        assert type(record["start"]) is int and type(record["end"]) is int, record


def test_every_source_is_a_demo_article_and_every_article_has_gold(gold, texts):
    assert {record["source"] for record in gold} == set(texts)


def test_labels_are_the_four(gold):
    assert {record["label"] for record in gold} == LABELS


def test_offsets_lie_in_the_text(gold, texts):
    for record in gold:
        assert 0 <= record["start"] < record["end"] <= len(texts[record["source"]]), record


def test_spans_have_no_surrounding_whitespace_or_punctuation(gold, texts):
    for record in gold:
        span = texts[record["source"]][record["start"]:record["end"]]
        assert span == span.strip(), record
        assert "\n" not in span, record
        assert span[0].isalnum() and span[-1].isalnum(), (record, span)


def test_spans_start_and_end_on_word_boundaries(gold, texts):
    for record in gold:
        text, start, end = texts[record["source"]], record["start"], record["end"]
        assert start == 0 or not text[start - 1].isalnum(), (record, text[start - 1:end])
        assert end == len(text) or not text[end].isalnum(), (record, text[start:end + 1])


def test_sorted_unique_and_not_overlapping(gold):
    keys = [(r["source"], r["start"], r["end"]) for r in gold]
    assert keys == sorted(keys)
    by_source = defaultdict(list)
    for source, start, end in keys:
        by_source[source].append((start, end))
    for source, pairs in by_source.items():
        for (_, previous_end), (start, _) in zip(pairs, pairs[1:]):
            assert previous_end <= start, (source, start)


def test_spot_checks(gold, texts):
    first = "000_8e0161b6aa751140.txt"
    assert {r["label"] for r in spans(gold, texts, first, "DeepSeek")} == {"ORG"}
    assert len(spans(gold, texts, first, "DeepSeek")) >= 5
    assert [r["label"] for r in spans(gold, texts, first, "R1")] == ["MISC"]

    trumps = [(r["source"], r["label"]) for r in gold if texts[r["source"]][r["start"]:r["end"]] == "Donald Trump"]
    expected = sorted(source for source, text in texts.items() for _ in range(text.count("Donald Trump")))
    assert sorted(source for source, _ in trumps) == expected == ["003_62971e742f3a4f7f.txt", "004_c4fb8e7e0f58dad6.txt"]
    assert {label for _, label in trumps} == {"PER"}

    assert [r["label"] for r in spans(gold, texts, "003_62971e742f3a4f7f.txt", "Italien")] == ["LOC"]
    assert [r["label"] for r in spans(gold, texts, "004_c4fb8e7e0f58dad6.txt", "ChatGPT")] == ["MISC"]
    assert [r["label"] for r in spans(gold, texts, "001_dd7fafbc6f92e812.txt", "Satya Nadella")] == ["PER"]
    assert {r["label"] for r in spans(gold, texts, "002_bb99501c60d397d2.txt", "Qwen 2.5-Max")} == {"MISC"}


def test_derivations_and_generic_ki_are_not_tagged(gold, texts):
    for record in gold:
        span = texts[record["source"]][record["start"]:record["end"]]
        assert span not in {"KI", "AI"}, record
        assert not re.fullmatch(r"(us-)?(chinesisch|amerikanisch|europäisch|westlich)e[nmrs]?", span, re.I), record


def test_compounds_keep_only_the_name_part(gold, texts):
    text = texts["000_8e0161b6aa751140.txt"]
    start = text.index("DeepSeek-Revolution")
    assert {"source": "000_8e0161b6aa751140.txt", "start": start, "end": start + len("DeepSeek"), "label": "ORG"} in gold
    for record in gold:
        assert not texts[record["source"]][record["start"]:record["end"]].endswith("-"), record
