"""Score the whole analysis (model and the rules on top of it) on a GermEval 2014 file.

Run by hand, to decide whether a rule or gazetteer stays:

    python -m gegenlesen.corpus.nlp.score_germeval                      # dev split
    python -m gegenlesen.corpus.nlp.score_germeval --without products   # the same without one rule

Each sentence is analysed as a text of its own (GermEval's sentences come from unrelated
documents), detokenised as `train.py` does; gold spans use the outer column mapped to
PER/ORG/LOC/MISC as in training. Scores are exact spans (`evaluation.score_spans`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gegenlesen.corpus.nlp import name_rules
from gegenlesen.corpus.nlp.evaluation import Span, format_table, score_spans
from gegenlesen.corpus.nlp.train import guess_spaces, map_tags, read_conll_outer

LABELS = {"PER", "ORG", "LOC", "MISC"}
DEFAULT_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "ner-data" / "germeval2014" / "dev.tsv"


def sentence_text(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as prose and each word's (start, end) in it."""
    parts, offsets, position = [], [], 0
    for word, space in zip(words, guess_spaces(words)):
        offsets.append((position, position + len(word)))
        parts.append(word + (" " if space else ""))
        position += len(word) + (1 if space else 0)
    return "".join(parts), offsets


def gold_spans(document: str, tags: list[str], offsets: list[tuple[int, int]]) -> list[Span]:
    """(document, start, end, label) for each BIO span of `tags`."""
    spans: list[Span] = []
    start = label = None
    for index, tag in enumerate([*tags, "O"]):
        if label is not None and not tag.startswith("I-"):
            spans.append((document, offsets[start][0], offsets[index - 1][1], label))
            label = None
        if tag.startswith("B-"):
            start, label = index, tag[2:]
    return spans


def score_file(path: Path, pipeline, limit: int | None = None) -> tuple[list[Span], list[Span], int]:
    """Predicted and gold spans over the sentences of `path`, and the number of words."""
    from gegenlesen.corpus.nlp.pipeline import analyze

    predicted: list[Span] = []
    gold: list[Span] = []
    words_seen = 0
    for number, sentence in enumerate(read_conll_outer(path)):
        if limit is not None and number >= limit:
            break
        words = [word for word, _ in sentence]
        words_seen += len(words)
        text, offsets = sentence_text(words)
        document = str(number)
        gold += gold_spans(document, map_tags(tag for _, tag in sentence), offsets)
        predicted += [
            (document, e.start, e.end, e.label) for e in analyze(text, pipeline).entities if e.label in LABELS
        ]
    return predicted, gold, words_seen


def main(argv: list[str] | None = None) -> int:
    from gegenlesen.corpus.nlp.pipeline import load_pipeline

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_DEV)
    parser.add_argument("--model", help="a pipeline name or directory (default: the usual resolution)")
    parser.add_argument("--without", action="append", default=[], choices=sorted(name_rules.RULES),
                        help="leave out one rule (repeatable), to see what it brings")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"score_germeval: no file {args.file}", file=sys.stderr)
        return 2
    name_rules.ENABLED = frozenset(name_rules.RULES) - set(args.without)
    pipeline = load_pipeline(args.model)
    started = time.monotonic()
    predicted, gold, words = score_file(args.file, pipeline, args.limit)
    seconds = time.monotonic() - started
    print(f"{args.file}: {len(gold)} gold spans; rules: {', '.join(sorted(name_rules.ENABLED)) or 'none'}")
    print(format_table(score_spans(predicted, gold), score_spans(predicted, gold, overlap=True)))
    print(f"{words} words in {seconds:.1f} s ({words / seconds:,.0f} words/s, one text per sentence)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
