"""Does learning from corrections generalise? (issue 13, section 4)

    python -m tests.bench.learning_generalises [--dir DIR]

A measurement, not a test. In a new database of the demo corpus, the names of three of
the five articles (000, 001, 002) are corrected by hand: the corrections below were decided
by reading those three articles and `tests/data/demo_gold_entities.jsonl` (judging, which
the gold is for; nothing here shapes the shipped model or its rules). Then `learn` runs on
the sentences of those three articles only, and the other two articles (003, 004) are
compared with the gold before and after: their errors (exact spans, PER/ORG/LOC/MISC)
with the shipped pipeline and the same corrections, and with the learned pipeline and the
same corrections. Printed: errors that disappeared without a correction of their own, new
errors, and how many corrections an ideal user (who always makes the correction that fixes
most) needs until no correction helps any more, with and without learning. Last, the
GermEval 2014 dev F1 of both pipelines: what learning made the model forget.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from gegenlesen.corpus.corrections import NAME_LABELS, Correction, apply_corrections
from gegenlesen.corpus.nlp import resolve
from gegenlesen.storage import articles, corrections, learning
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import mark_for_reanalysis, seed_demo_corpus
from gegenlesen.tui.workflow import analyse_all

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "data" / "demo_gold_entities.jsonl"
TAUGHT_SOURCES = ("000_8e0161b6aa751140.txt", "001_dd7fafbc6f92e812.txt", "002_bb99501c60d397d2.txt")
HELD_OUT_SOURCES = ("003_62971e742f3a4f7f.txt", "004_c4fb8e7e0f58dad6.txt")
HAND_CORRECTIONS = [
    # 000
    ("R1", "MISC"), ("V3", "MISC"), ("DeepSeek V3", "MISC"), ("Sputnik", "MISC"), ("US", "LOC"),
    ("Westens", "LOC"), ("Spoiler-Erfindergeist", None),
    # 001
    ("App Store", "ORG"), ("DeepSeek", "ORG"), ("H800", "MISC"), ("Microsoft", "ORG"), ("Nasdaq 100", "MISC"),
    ("Nvidia", "ORG"), ("OpenAI", "ORG"), ("AI", None), ("Versuchen", None), ("High Performance", None),
    # 002
    ("Alibaba", "ORG"), ("Alibaba Cloud", "ORG"), ("Alibaba Group", "ORG"), ("Ant Group", "ORG"), ("Baidu", "ORG"),
    ("ByteDance", "ORG"), ("ChatGLM", "MISC"), ("Doubao", "MISC"), ("Doubao 1.5 Pro", "MISC"), ("Ernie", "MISC"),
    ("Ernie X1", "MISC"), ("GLM", "MISC"), ("GLM-4 plus", "MISC"), ("Kimi", "MISC"), ("Kimi k1.5", "MISC"),
    ("Meituan", "ORG"), ("Moonshot AI", "ORG"), ("Shenzhen", "LOC"), ("Silicon Valley", "LOC"),
    ("Tencent Holdings", "ORG"), ("Tencent", "ORG"), ("TikTok", "ORG"), ("WeChat", "MISC"), ("Westen", "LOC"),
    ("Osten", "LOC"), ("WuDao", "MISC"), ("WuDao 3.0", "MISC"), ("X1", "MISC"), ("Zhipu AI", "ORG"),
    ("Qwen", "MISC"), ("Qwen 2.5-Max", "MISC"), ("Betriebsumfeld", None), ("Wettbewerbsanreiz", None),
]

Span = tuple[int, int, str]


def gold_spans() -> dict[str, set[Span]]:
    spans: dict[str, set[Span]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        spans.setdefault(record["source"], set()).add((record["start"], record["end"], record["label"]))
    return spans


def model_names(db, article_id: int) -> list:
    """The stored analysis's names before any correction applies (the raw rows)."""
    rows = db.execute("SELECT start, end, label, text FROM entities WHERE article_id = ? ORDER BY start, end",
                      [article_id])
    return [Row(*row) for row in rows if row[2] in NAME_LABELS]


class Row:
    def __init__(self, start: int, end: int, label: str, text: str) -> None:
        self.start, self.end, self.label, self.text = start, end, label, text


def errors(texts: dict[str, str], raw: dict[str, list], gold: dict[str, set[Span]], rules: Sequence[Correction],
           sources: Iterable[str]) -> set[tuple[str, str, Span]]:
    """('missed' or 'wrong', source, span) for every difference from the gold."""
    found = set()
    for source in sources:
        shown = {(e.start, e.end, e.label) for e in apply_corrections(
            texts[source], raw[source], list(rules), lambda s, e, label: Row(s, e, label, ""))}
        found |= {("missed", source, span) for span in gold[source] - shown}
        found |= {("wrong", source, span) for span in shown - gold[source]}
    return found


def ideal_user(texts, raw, gold, start: Sequence[Correction], sources) -> tuple[int, int]:
    """(corrections an ideal user adds to `start`, errors left): each time the correction that
    removes most errors, until none removes any."""
    rules = list(start)
    left = len(errors(texts, raw, gold, rules, sources))
    made = 0
    candidates = set()
    for source in sources:
        text = texts[source]
        candidates |= {Correction(text[s:e], label) for s, e, label in gold[source]}
        candidates |= {Correction(e.text, None) for e in raw[source]}
    while left:
        best, best_left = None, left
        for candidate in sorted(candidates, key=lambda c: (c.surface, c.label or "")):
            if any(rule.surface == candidate.surface for rule in rules):
                continue
            trial = len(errors(texts, raw, gold, [*rules, candidate], sources))
            if trial < best_left:
                best, best_left = candidate, trial
        if best is None:
            break
        rules.append(best)
        made, left = made + 1, best_left
    return made, left


def germeval_dev_f(model: str) -> float:
    """Exact-span micro F1 on GermEval 2014 dev (outer column, four labels)."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    from gegenlesen.corpus.nlp.learn import default_data_dir
    from gegenlesen.corpus.nlp.train import germeval_sentences, guess_spaces

    nlp = spacy.load(model)
    examples = []
    for words, tags in germeval_sentences(default_data_dir() / "germeval2014" / "dev.tsv"):
        reference = Doc(nlp.vocab, words=words, spaces=guess_spaces(words), ents=tags)
        examples.append(Example(nlp.make_doc(reference.text), reference))
    return nlp.evaluate(examples)["ents_f"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, help="where the test database goes (default: a temporary folder)")
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="gegenlesen-learning-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    db = open_database(path)
    seed_demo_corpus(db)
    analyse_all(db)
    ids = articles.ids_by_source(db)
    texts = {source: articles.get_article(db, ids[source]).text for source in ids}
    gold = gold_spans()
    everything = TAUGHT_SOURCES + HELD_OUT_SOURCES
    hand = [Correction(surface, label) for surface, label in HAND_CORRECTIONS]
    shipped_raw = {source: model_names(db, ids[source]) for source in everything}

    for surface, label in HAND_CORRECTIONS:
        corrections.correct(db, surface, label, "bench")
    began = time.monotonic()
    learned = learning.learn(db, article_ids=[ids[source] for source in TAUGHT_SOURCES])
    learn_seconds = time.monotonic() - began
    model = str(resolve.learned_model(path))
    mark_for_reanalysis(db, resolve.expected_pipeline_name(model))
    analyse_all(db, model)
    total_seconds = time.monotonic() - began
    learned_raw = {source: model_names(db, ids[source]) for source in everything}

    before = errors(texts, shipped_raw, gold, hand, HELD_OUT_SOURCES)
    after = errors(texts, learned_raw, gold, hand, HELD_OUT_SOURCES)
    untouched = errors(texts, shipped_raw, gold, [], HELD_OUT_SOURCES)
    print(f"database {path}; learned {learned.name} from {learned.sentences} sentences of "
          f"{len(TAUGHT_SOURCES)} articles, {len(hand)} hand corrections")
    print(f"learn {learn_seconds:.0f} s, with the analysis again {total_seconds:.0f} s "
          f"(OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')})")
    print(f"held-out articles {', '.join(HELD_OUT_SOURCES)}: {sum(len(gold[s]) for s in HELD_OUT_SOURCES)} gold names")
    print(f"  errors, shipped pipeline, no corrections:          {len(untouched)}")
    print(f"  errors, shipped pipeline + the hand corrections:   {len(before)}")
    print(f"  errors, learned pipeline + the hand corrections:   {len(after)}")
    print(f"  disappeared without a correction of their own:     {len(before - after)}")
    print(f"  new errors the learned pipeline makes:             {len(after - before)}")
    for kind, source, (start, end, label) in sorted(before - after):
        print(f"    fixed  {kind:6} {label:4} {texts[source][start:end]!r}")
    for kind, source, (start, end, label) in sorted(after - before):
        print(f"    new    {kind:6} {label:4} {texts[source][start:end]!r}")
    none_made, none_left = ideal_user(texts, shipped_raw, gold, [], everything)
    same_made, same_left = ideal_user(texts, shipped_raw, gold, hand, everything)
    with_made, with_left = ideal_user(texts, learned_raw, gold, hand, everything)
    print("corrections until no correction helps (all five articles, ideal user):")
    print(f"  without learning, from nothing:                    {none_made} ({none_left} errors left)")
    print(f"  without learning, after the hand corrections:      {len(hand)} + {same_made} = {len(hand) + same_made}"
          f" ({same_left} errors left)")
    print(f"  with learning, after the hand corrections:         {len(hand)} + {with_made} = {len(hand) + with_made}"
          f" ({with_left} errors left)")
    print(f"GermEval 2014 dev F1: shipped {germeval_dev_f(str(resolve.SHIPPED_MODEL)):.3f}, "
          f"learned {germeval_dev_f(model):.3f}")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
