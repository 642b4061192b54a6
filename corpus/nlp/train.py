"""Train gegenlesen's German NER pipeline from the openly licensed data in ../shared/ner-data.

Run by hand (tens of minutes on two cores); CI and the tests only use the result:

    python -m gegenlesen.corpus.nlp.train            # or: python corpus/nlp/train.py

Steps: convert GermEval 2014 train/dev (outer column) to spaCy DocBins, train with
`spacy train` and `ner.cfg`, score on the held-out GermEval 2014 test split, and copy the
best pipeline with its model card into `corpus/nlp/models/de_gegenlesen/`.
Label mapping: OTH -> MISC; every `-deriv` and `-part` label -> O.

Word clusters: the German Brown-style clusters of spacy-lookups-data (MIT; install with
`pip install -e .[train]`) become the vocabulary's `lexeme_norm` table, so a token's NORM is
its cluster id ("c40" for "Merkel"; capitalised forms add their lowercase form's cluster,
"c289l7" for "Finanzielle") and LOWER carries the word itself. The table is saved with
the vocab, so the trained pipeline loads with a plain `spacy.load(path)`; only training
needs the callback registered here.
"""

from __future__ import annotations

import argparse
import importlib.util
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
PIPELINE_VERSION = "0.2.0"
CLUSTER_CALLBACK = "gegenlesen.word_clusters.v1"
MAX_STEPS = 10000
DEFAULT_DATA = HERE.parent.parent.parent / "shared" / "ner-data"

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


def germeval_sentences(source: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a GermEval-style file as (words, PER/ORG/LOC/MISC BIO tags); training
    and learning (`learn.py`) read GermEval the same way."""
    for sentence in read_conll_outer(source):
        yield [token for token, _ in sentence], map_tags(tag for _, tag in sentence)


def convert(source: Path, target: Path, sentences_per_doc: int = 4) -> int:
    """Write a DocBin of `source`; returns the number of sentences."""
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("de").vocab
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "SENT_START"])
    batch: list[Doc] = []
    count = 0
    for words, tags in germeval_sentences(source):
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


def cluster_table(max_words: int) -> dict[str, str]:
    """Word form -> cluster string for the `max_words` most probable forms of spacy-lookups-data."""
    import gzip
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data"
    clusters = json.loads(gzip.decompress((data / "de_lexeme_cluster.json.gz").read_bytes()))
    probs = json.loads(gzip.decompress((data / "de_lexeme_prob.json.gz").read_bytes()))
    kept = sorted(clusters, key=lambda word: -probs.get(word, -100.0))[:max_words]
    kept_set = set(kept)
    table = {}
    for word in kept:
        lower = word.lower()
        norm = f"c{clusters[word]}"
        if lower != word:
            norm += f"l{clusters[lower]}" if lower in kept_set else "l?"
        table[word] = norm
    return table


def word_clusters(max_words: int):
    """spaCy `before_init` callback: make the cluster table the vocab's `lexeme_norm` table."""
    from spacy.lookups import Lookups

    def add_clusters(nlp):
        table = cluster_table(max_words)
        lookups: Lookups = nlp.vocab.lookups
        if lookups.has_table("lexeme_norm"):
            lookups.remove_table("lexeme_norm")
        lookups.add_table("lexeme_norm", table)
        nlp.vocab.lookups = lookups  # the setter routes new lexemes' NORM through the table
        for lexeme in nlp.vocab:  # lexemes made before (tokenizer exceptions) are set by hand
            if lexeme.orth_ in table:
                lexeme.norm_ = table[lexeme.orth_]
        print(f"word clusters: {len(table)} forms in the lexeme_norm table", flush=True)
        return nlp

    return add_clusters


def register_word_clusters() -> None:
    import spacy

    if CLUSTER_CALLBACK not in spacy.registry.callbacks:
        spacy.registry.callbacks.register(CLUSTER_CALLBACK, func=word_clusters)


def run(command: list[str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def score_rows(scores: dict) -> str:
    return "\n".join(
        f"| {label} | {values['p']:.3f} | {values['r']:.3f} | {values['f']:.3f} |"
        for label, values in sorted(scores.get("ents_per_type", {}).items())
    )


def architecture(model_dir: Path) -> str:
    """One line about the trained tok2vec, read from the pipeline's own config."""
    from spacy.util import load_config

    config = load_config(model_dir / "config.cfg", interpolate=True)
    embed = config["components"]["tok2vec"]["model"]["embed"]
    encode = config["components"]["tok2vec"]["model"]["encode"]
    tables = ", ".join(f"{attr} {rows}" for attr, rows in zip(embed["attrs"], embed["rows"]))
    return (f"width {encode['width']}, depth {encode['depth']}, hash-embedding rows {tables}; "
            f"dropout {config['training']['dropout']}")


def write_model_card(model_dir: Path, scores: dict, dev: dict, args: argparse.Namespace, minutes: float) -> None:
    from spacy.util import load_config

    max_words = load_config(model_dir / "config.cfg")["initialize"]["before_init"]["max_words"]
    card = f"""# de_gegenlesen {PIPELINE_VERSION}: gegenlesen's German NER pipeline

Components: spaCy German tokenizer, rule-based sentencizer, tok2vec (CNN over hash
embeddings, no pretrained vectors), transition-based NER for PER, ORG, LOC, MISC.
tok2vec: {architecture(model_dir)}.

## Word clusters (NORM holds cluster ids)
The vocabulary's `lexeme_norm` table (`vocab/lookups.bin`) maps the {max_words:,} most
probable German word forms of spacy-lookups-data to their Brown-style word cluster, so
`token.norm_` is not a normalised word but a cluster id: "c40" for "Merkel" ("c" + the
form's cluster; a form with capitals adds "l" + its lowercase form's cluster, or "l?" if
that is unknown: "c289l7" for "Finanzielle"). Forms outside the table keep spaCy's usual
norm (the lowercased word). The word itself reaches the model through LOWER. The table
is part of the saved pipeline: a plain `spacy.load(path)` needs no extra code or package.
Clusters and probabilities: `de_lexeme_cluster` and `de_lexeme_prob` from
spacy-lookups-data 1.0.5 (Explosion, MIT licence, https://github.com/explosion/spacy-lookups-data).

## Data
- Trained on the GermEval 2014 training split (24,000 sentences; German Wikipedia and news),
  tuned on the GermEval 2014 dev split, scored once on the held-out GermEval 2014 test split.
  D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity Annotation for German:
  Guidelines and Dataset. LREC 2014. Licence CC BY 4.0.
- Label mapping (outer column): PER, ORG, LOC as they are; OTH -> MISC; every `-deriv`
  and `-part` label -> O. Orphan `I-` tags become `B-`.
- The five demo articles were never used for training, rules or tuning.

## Training
`pip install -e .[train]` (spacy-lookups-data), then
`python corpus/nlp/train.py --seed {args.seed} --max-steps {args.max_steps}` with
`corpus/nlp/ner.cfg`; {minutes:.0f} minutes on one core of this project's 2-core machine.
Best dev checkpoint (GermEval 2014 dev): P {dev.get('ents_p', 0):.3f}, R {dev.get('ents_r', 0):.3f},
F {dev.get('ents_f', 0):.3f}.

## Held-out scores (GermEval 2014 test, exact spans, four labels)
Micro: P {scores.get('ents_p', 0):.3f}, R {scores.get('ents_r', 0):.3f}, F {scores.get('ents_f', 0):.3f};
{scores.get('speed', 0):.0f} words per second while scoring.

| label | P | R | F |
|---|---|---|---|
{score_rows(scores)}

## Size
{directory_mb(model_dir):.1f} MB on disk: tok2vec {directory_mb(model_dir / 'tok2vec'):.1f} MB,
cluster table (vocab/lookups.bin) {(model_dir / 'vocab' / 'lookups.bin').stat().st_size / 1e6:.1f} MB.
"""
    (model_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gegenlesen-train"))
    parser.add_argument("--out", type=Path, default=PACKAGE_MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--max-steps", type=int, default=MAX_STEPS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-test", action="store_true",
                        help="stop after training (for choosing a config on dev)")
    parser.add_argument("--skip-training", action="store_true",
                        help="score and ship the pipeline an earlier run left in --work")
    return parser.parse_args(argv)


def convert_all(data: Path, corpora: Path) -> bool:
    germeval = data / "germeval2014"
    sources = {"train": data / "germeval2014-train" / "train.tsv",
               "dev": germeval / "dev.tsv", "test": germeval / "test.tsv"}
    missing = [path for path in sources.values() if not path.is_file()]
    for path in missing:
        print(f"train: missing {path}", file=sys.stderr)
    if missing:
        return False
    for name, source in sources.items():
        print(f"{name}: {convert(source, corpora / f'{name}.spacy')} sentences", flush=True)
    return True


def train(args: argparse.Namespace, corpora: Path) -> float:
    """Train in this process (the cluster callback is registered here); returns minutes."""
    from spacy.cli.train import train as spacy_train

    register_word_clusters()
    started = time.monotonic()
    overrides = {"paths.train": str(corpora / "train.spacy"), "paths.dev": str(corpora / "dev.spacy"),
                 "system.seed": args.seed, "training.max_steps": args.max_steps}
    print(f"$ spacy train {args.config} --output {args.work / 'output'} {overrides}", flush=True)
    spacy_train(args.config, args.work / "output", overrides=overrides)
    minutes = (time.monotonic() - started) / 60
    (args.work / "train-minutes.txt").write_text(f"{minutes:.1f}\n")
    return minutes


def directory_mb(path: Path) -> float:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 1e6


def ship(best: Path, scores: dict, args: argparse.Namespace, minutes: float) -> None:
    """Copy the best pipeline to --out with our name, version, sources and model card."""
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(best, args.out)
    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text())
    dev = meta.get("performance", {})
    meta.update(name=PIPELINE_NAME, version=PIPELINE_VERSION, lang="de",
                description="gegenlesen's German NER (PER, ORG, LOC, MISC), trained on GermEval 2014",
                sources=[{"name": "GermEval 2014 NER", "license": "CC BY 4.0",
                          "author": "Benikova, Biemann, Reznicek"},
                         {"name": "spacy-lookups-data 1.0.5 (de_lexeme_cluster, de_lexeme_prob)",
                          "license": "MIT", "author": "Explosion",
                          "url": "https://github.com/explosion/spacy-lookups-data"}],
                performance={k: v for k, v in scores.items() if k.startswith("ents")})
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    write_model_card(args.out, scores, dev, args, minutes)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpora = args.work / "corpora"
    if not convert_all(args.data, corpora):
        return 2
    if args.skip_training:
        minutes = float((args.work / "train-minutes.txt").read_text())
    elif importlib.util.find_spec("spacy_lookups_data") is None:
        print("train: needs spacy-lookups-data for the word clusters: pip install -e .[train]", file=sys.stderr)
        return 2
    else:
        minutes = train(args, corpora)
    if args.no_test:
        return 0
    best = args.work / "output" / "model-best"
    metrics = args.work / "test-metrics.json"
    # A separate process: proves the pipeline loads with a plain spacy.load, no callback registered.
    run([sys.executable, "-m", "spacy", "evaluate", str(best), str(corpora / "test.spacy"), "--output", str(metrics)])
    scores = json.loads(metrics.read_text())
    ship(best, scores, args, minutes)
    print(f"pipeline written to {args.out} ({directory_mb(args.out):.1f} MB): F {scores.get('ents_f', 0):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
