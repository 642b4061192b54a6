"""Train German word vectors on openly licensed text and write the compact table the link
ranking ships (run by hand, not at run time).

The text is the raw sentences (never the labels) of the corpora in ../shared/ner-data/:

- GermEval 2014 train and dev (Wikipedia and news; CC BY 4.0, Benikova, Biemann, Reznicek);
  its test split is left out, so that a model trained with these vectors is still scored on
  text it has never seen;
- German Europarl NER (debates of the European Parliament; no known copyright
  restrictions, Faruqui and Padó);
- German Legal Entity Recognition (court decisions; CC BY 4.0, Leitner, Rehm,
  Moreno-Schneider);
- Europeana Newspapers NER (historic newspapers, OCR; CC0 1.0, Neudecker).

With `--bundestag DIR`, also the speeches of the German Bundestag's plenary protocols
(20th term), one speaker's speeches on one agenda item a file (`komplett.txt`), as kept in
the public repository mathias-goebel/plenarsitzungsprotokolle (`git archive HEAD data`):
official works, free of copyright under § 5 UrhG. Parliamentary debate is close to news
in what it speaks about (prices, markets, budgets, laws, other countries).

The demo articles are never read. Tokens are case-folded letter runs, as the ranking reads
them (`meaning.TOKEN`). floret (MIT) trains subword skip-gram vectors; the table that ships
(`corpus/crossref/data/vectors.npz`) holds the vectors of a fixed vocabulary (the most
frequent German lemmas of `words.tsv.gz`, and the frequent words of the training text),
each scaled to length 1 and stored as int8, so that reading it needs numpy only. With
`--floret PATH` the hashed subword table is written too, for `spacy init vectors --mode
floret` (issue 13's NER trial).

Needs, at build time only: `pip install floret`.

    python -m gegenlesen.corpus.nlp.build_vectors [--ner-data DIR] [--extra FILE ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve()
NER_DATA = HERE.parents[2].parent / "shared" / "ner-data"
OUT = HERE.parents[1] / "crossref" / "data" / "vectors.npz"
WORDS = HERE.parents[1] / "crossref" / "data" / "words.tsv.gz"
TOKEN = re.compile(r"[^\W\d_]+")
SENTENCE_END = frozenset(".!?")
DIM = 64
VOCABULARY = 60_000
"""How many lemmas (most frequent first) get a vector in the shipped table."""
MIN_TEXT_COUNT = 25
"""A word of the training text this frequent gets a vector even when the word table lacks it."""
BUNDESTAG = "Deutscher Bundestag, plenary protocols of the 20th term, official works free of copyright (§ 5 UrhG)"
SOURCES = (
    ("germeval2014-train/train.tsv", 1, "GermEval 2014 train, CC BY 4.0 (Benikova, Biemann, Reznicek 2014)"),
    ("germeval2014/dev.tsv", 1, "GermEval 2014 dev, CC BY 4.0 (Benikova, Biemann, Reznicek 2014)"),
    ("europarl/train.tsv", 0, "German Europarl NER, no known copyright restrictions (Faruqui and Padó 2010)"),
    ("europarl/dev.tsv", 0, "German Europarl NER, no known copyright restrictions (Faruqui and Padó 2010)"),
    ("europarl/test.tsv", 0, "German Europarl NER, no known copyright restrictions (Faruqui and Padó 2010)"),
    ("legal/dev.conll", 0, "German Legal Entity Recognition, CC BY 4.0 (Leitner, Rehm, Moreno-Schneider 2019)"),
    ("legal/test.conll", 0, "German Legal Entity Recognition, CC BY 4.0 (Leitner, Rehm, Moreno-Schneider 2019)"),
    ("europeana-newspapers-de/enp_DE.lft.bio", 0, "Europeana Newspapers NER, CC0 1.0 (Neudecker 2016)"),
    ("europeana-newspapers-de/enp_DE.onb.bio", 0, "Europeana Newspapers NER, CC0 1.0 (Neudecker 2016)"),
    ("europeana-newspapers-de/enp_DE.sbb.bio", 0, "Europeana Newspapers NER, CC0 1.0 (Neudecker 2016)"),
)
"""(file under ner-data, the column holding the token, its source and licence)."""


def column_sentences(path: Path, column: int) -> Iterator[list[str]]:
    """The token column of a CoNLL-like file, as sentences: a blank line ends one, and so
    does a sentence-final mark (Europeana's files have no blank lines). Comment lines
    (`#` followed by a space or tab, GermEval's source lines) are skipped."""
    sentence: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith(("# ", "#\t")):
                continue
            fields = re.split(r"[\t ]", line) if line.strip() else []
            if len(fields) <= column:
                if sentence:
                    yield sentence
                sentence = []
                continue
            token = fields[column]
            sentence.append(token)
            if token in SENTENCE_END:
                yield sentence
                sentence = []
    if sentence:
        yield sentence


def normalise(tokens: Iterable[str]) -> list[str]:
    """Case-folded letter runs, as the ranking reads a passage ("US-AI-Modellen" -> us, ai, modellen)."""
    return [part.casefold() for token in tokens for part in TOKEN.findall(token)]


def speeches(directory: Path) -> Iterator[str]:
    """The paragraphs of every `komplett.txt` under `directory`, each file once (some are copies)."""
    seen: set[int] = set()
    for path in sorted(directory.rglob("komplett.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if hash(text) in seen:
            continue
        seen.add(hash(text))
        yield from text.splitlines()


def training_text(
    ner_data: Path, extra: Iterable[Path], out, bundestag: Path | None = None,
) -> tuple[Counter, list[str]]:
    """Write one normalised sentence (or paragraph) a line to `out`; the word counts and the sources read."""
    counts: Counter = Counter()
    used = []
    if bundestag is not None:
        for paragraph in speeches(bundestag):
            words = normalise(paragraph.split())
            if len(words) >= 3:
                out.write(" ".join(words) + "\n")
                counts.update(words)
        used.append(BUNDESTAG)
    for name, column, credit in SOURCES:
        path = ner_data / name
        if not path.is_file():
            print(f"skipped (missing): {path}", file=sys.stderr)
            continue
        for sentence in column_sentences(path, column):
            words = normalise(sentence)
            if len(words) >= 3:
                out.write(" ".join(words) + "\n")
                counts.update(words)
        if credit not in used:
            used.append(credit)
    for path in extra:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = normalise(line.split())
            if len(words) >= 3:
                out.write(" ".join(words) + "\n")
                counts.update(words)
        used.append(f"{path.name} (local only: vectors trained with it are not to be shipped)")
    return counts, used


def vocabulary(words_table: Path, counts: Counter, size: int = VOCABULARY) -> list[str]:
    """The words that get a vector: the `size` most frequent lemmas of the word table
    (a lemma's frequency is that of its most frequent form), then the training text's
    words seen `MIN_TEXT_COUNT` times or more; sorted."""
    best: dict[str, int] = {}
    with gzip.open(words_table, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            form, tenths, lemma, noun = line.rstrip("\n").split("\t")
            for key in {lemma or form, noun or lemma or form}:
                best[key] = max(best.get(key, 0), int(tenths))
    chosen = {w for w, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))[:size] if len(w) >= 3}
    chosen |= {w for w, n in counts.items() if n >= MIN_TEXT_COUNT and len(w) >= 3}
    return sorted(chosen)


def quantise(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 and stored as int8 (x 127): a cosine needs nothing else."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1, norms)
    return np.clip(np.rint(unit * 127), -127, 127).astype(np.int8)


def write_table(path: Path, words: list[str], matrix: np.ndarray, meta: dict) -> None:
    np.savez_compressed(
        path,
        vectors=quantise(matrix),
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner-data", type=Path, default=NER_DATA)
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="more text files (one sentence or paragraph a line); for local trials")
    parser.add_argument("--bundestag", type=Path, help="a folder of Bundestag speeches (komplett.txt files)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--floret", type=Path, help="also write floret's hashed table here (for spaCy)")
    parser.add_argument("--mode", choices=("floret", "fasttext"), default="fasttext")
    parser.add_argument("--dim", type=int, default=DIM)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--bucket", type=int, default=50_000)
    parser.add_argument("--minn", type=int, default=3)
    parser.add_argument("--maxn", type=int, default=6, help="0: whole words only, no subwords")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        import floret
    except ImportError:
        print("build_vectors needs floret: pip install floret", file=sys.stderr)
        return 1
    if not args.ner_data.is_dir():
        print(f"No NER data at {args.ner_data}: pass --ner-data DIR", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        text = Path(scratch) / "text.txt"
        with text.open("w", encoding="utf-8") as out:
            counts, used = training_text(args.ner_data, args.extra, out, args.bundestag)
        tokens = sum(counts.values())
        print(f"{tokens:,} tokens, {len(counts):,} distinct words", file=sys.stderr)
        model = floret.train_unsupervised(
            str(text), model="skipgram", mode=args.mode, dim=args.dim, epoch=args.epochs, minCount=2,
            minn=args.minn, maxn=args.maxn, bucket=args.bucket, hashCount=2,
            thread=args.threads, verbose=0,
        )
    if args.floret and args.mode == "floret":
        model.save_floret_vectors(str(args.floret))
    elif args.floret:
        model.save_vectors(str(args.floret))
    words = vocabulary(WORDS, counts)
    matrix = np.array([model.get_word_vector(w) for w in words], dtype=np.float32)
    meta = {
        "built_by": "python -m gegenlesen.corpus.nlp.build_vectors",
        "method": f"floret {args.mode} skip-gram, {args.dim} dimensions, {args.epochs} epochs, "
                  f"subwords {args.minn}-{args.maxn}",
        "tokens": tokens,
        "sources": used,
        "licence": "the vectors are derived from the sources named; see the README's credits",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_table(args.out, words, matrix, meta)
    print(f"{len(words):,} words x {args.dim} written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
