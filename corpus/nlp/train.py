"""Train gegenlesen's German NER pipeline from the openly licensed data in ../shared/ner-data.

Run by hand (tens of minutes on two cores); CI and the tests only use the result:

    python -m gegenlesen.corpus.nlp.train            # or: python corpus/nlp/train.py

Steps: convert GermEval 2014 train/dev (outer column) to spaCy DocBins, train with
`spacy train` and `ner.cfg`, score on the held-out GermEval 2014 test split, and copy the
best pipeline with its model card into `corpus/nlp/models/de_gegenlesen/`.
Label mapping: OTH -> MISC; every `-deriv` and `-part` label -> O.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "ner.cfg"
PACKAGE_MODEL_DIR = HERE / "models" / "de_gegenlesen"
PIPELINE_NAME = "gegenlesen"
PIPELINE_VERSION = "0.1.0"

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s"}
NO_SPACE_AFTER = {"(", "[", "{"}


def read_conll_outer(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Yield sentences as (token, outer tag) pairs from a GermEval-style TSV file."""
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            columns = line.split("\t")
            token = columns[1].strip()
            if token:  # a few training lines hold an empty token: drop it
                sentence.append((token, columns[2]))
    if sentence:
        yield sentence


def map_tags(tags: Iterable[str]) -> list[str]:
    """Map GermEval tags to PER/ORG/LOC/MISC BIO tags, repairing orphan I- tags."""
    mapped: list[str] = []
    for tag in tags:
        if tag == "O" or tag.endswith("deriv") or tag.endswith("part"):
            mapped.append("O")
            continue
        prefix, label = tag.split("-", 1)
        label = "MISC" if label == "OTH" else label
        previous = mapped[-1] if mapped else "O"
        if prefix == "I" and previous[2:] != label:
            prefix = "B"
        mapped.append(f"{prefix}-{label}")
    return mapped


def guess_spaces(words: list[str]) -> list[bool]:
    """Whether each token is followed by a space, so the text reads like real prose."""
    spaces = []
    quote_open = False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word == '"':
            quote_open = not quote_open
        if following is None:
            spaces.append(False)
        elif following in NO_SPACE_BEFORE or word in NO_SPACE_AFTER:
            spaces.append(False)
        elif word == '"' and quote_open:
            spaces.append(False)
        elif following == '"' and quote_open:
            spaces.append(False)
        else:
            spaces.append(True)
    return spaces


def convert(source: Path, target: Path, sentences_per_doc: int = 4) -> int:
    """Write a DocBin of `source`; returns the number of sentences."""
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("de").vocab
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "SENT_START"])
    batch: list[Doc] = []
    count = 0
    for sentence in read_conll_outer(source):
        words = [token for token, _ in sentence]
        tags = map_tags(tag for _, tag in sentence)
        batch.append(Doc(vocab, words=words, spaces=guess_spaces(words), ents=tags))
        count += 1
        if len(batch) == sentences_per_doc:
            docbin.add(Doc.from_docs(batch))
            batch = []
    if batch:
        docbin.add(Doc.from_docs(batch))
    target.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(target)
    return count


def run(command: list[str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def write_model_card(model_dir: Path, scores: dict, args: argparse.Namespace, minutes: float) -> None:
    per_type = scores.get("ents_per_type", {})
    rows = "\n".join(
        f"| {label} | {values['p']:.3f} | {values['r']:.3f} | {values['f']:.3f} |"
        for label, values in sorted(per_type.items())
    )
    card = f"""# de_gegenlesen {PIPELINE_VERSION}: gegenlesen's German NER pipeline

Components: spaCy German tokenizer, rule-based sentencizer, tok2vec (hash embeddings,
width 128, depth 4, no pretrained vectors), transition-based NER for PER, ORG, LOC, MISC.

## Data
- Trained on the GermEval 2014 training split (24,000 sentences; German Wikipedia and news),
  tuned on the GermEval 2014 dev split, scored once on the held-out GermEval 2014 test split.
  D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity Annotation for German:
  Guidelines and Dataset. LREC 2014. Licence CC BY 4.0.
- Label mapping (outer column): PER, ORG, LOC as they are; OTH -> MISC; every `-deriv`
  and `-part` label -> O. Orphan `I-` tags become `B-`.
- The five demo articles were never used for training or for rules.

## Training
`python corpus/nlp/train.py --seed {args.seed} --max-steps {args.max_steps}` with
`corpus/nlp/ner.cfg` (spaCy's efficiency config for German NER, widened); {minutes:.0f}
minutes on this project's 2-core machine.

## Held-out scores (GermEval 2014 test, exact spans, four labels)
Micro: P {scores.get('ents_p', 0):.3f}, R {scores.get('ents_r', 0):.3f}, F {scores.get('ents_f', 0):.3f};
{scores.get('speed', 0):.0f} words per second while scoring.

| label | P | R | F |
|---|---|---|---|
{rows}
"""
    (model_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    repo = HERE.parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=repo.parent / "shared" / "ner-data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gegenlesen-train"))
    parser.add_argument("--out", type=Path, default=PACKAGE_MODEL_DIR)
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    germeval = args.data / "germeval2014"
    train_tsv = args.data / "germeval2014-train" / "train.tsv"
    for needed in (train_tsv, germeval / "dev.tsv", germeval / "test.tsv"):
        if not needed.is_file():
            print(f"train: missing {needed}", file=sys.stderr)
            return 2
    corpora = args.work / "corpora"
    for name, source in (("train", train_tsv), ("dev", germeval / "dev.tsv"), ("test", germeval / "test.tsv")):
        print(f"{name}: {convert(source, corpora / f'{name}.spacy')} sentences", flush=True)

    started = time.monotonic()
    python = sys.executable
    run([python, "-m", "spacy", "train", str(CONFIG), "--output", str(args.work / "output"),
         "--paths.train", str(corpora / "train.spacy"), "--paths.dev", str(corpora / "dev.spacy"),
         "--system.seed", str(args.seed), "--training.max_steps", str(args.max_steps)])
    minutes = (time.monotonic() - started) / 60
    best = args.work / "output" / "model-best"
    metrics = args.work / "test-metrics.json"
    run([python, "-m", "spacy", "evaluate", str(best), str(corpora / "test.spacy"), "--output", str(metrics)])
    scores = json.loads(metrics.read_text())

    meta_path = best / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(name=PIPELINE_NAME, version=PIPELINE_VERSION, lang="de",
                description="gegenlesen's German NER (PER, ORG, LOC, MISC), trained on GermEval 2014",
                sources=[{"name": "GermEval 2014 NER", "license": "CC BY 4.0",
                          "author": "Benikova, Biemann, Reznicek"}],
                performance={k: v for k, v in scores.items() if k.startswith("ents")})
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(best, args.out)
    write_model_card(args.out, scores, args, minutes)
    print(f"pipeline written to {args.out}: F {scores.get('ents_f', 0):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
