"""Build corpus/nlp/data/common_words.txt: frequent German words that are no names.

German capitalises every noun, so a capitalised word is no evidence of a name. The table
holds the lower-case forms of frequent German words ("richter", "post", "kurz", "der")
that annotated German text uses mostly outside names: `wordfreq`'s German frequencies
(data CC BY-SA 4.0) say which words are frequent; they fold case and count "Merkel" as
often as "Richter", so the GermEval 2014 training data (CC BY 4.0), annotated by hand,
says which of them are names: a word is kept when most of its occurrences there are
outside a name. A frequent word GermEval never shows is left out (no evidence either way).

Run with the `wordfreq` package installed (`pip install wordfreq`):

    python -m gegenlesen.corpus.nlp.build_wordfreq_table [GERMEVAL_TRAIN_TSV]

The default GermEval path is ../shared/ner-data/germeval2014-train/train.tsv beside the
work tree. The table is written sorted, one word a line, after a header saying how it
was made and under which licence.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "common_words.txt"
DEFAULT_GERMEVAL = Path(__file__).resolve().parents[2].parent / "shared" / "ner-data" / "germeval2014-train" / "train.tsv"
MIN_ZIPF = 3.0
"""wordfreq's Zipf scale: 3.0 is once per million words."""
MAX_NAME_SHARE = 0.5
"""A word whose GermEval occurrences are at least this often inside a name is no common word."""
NAME_TAGS = {"PER", "ORG", "LOC", "OTH"}
"""GermEval's name labels; its `-deriv` and `-part` tags ("deutsche", "EU-weit") are no names."""


def germeval_counts(path: Path) -> tuple[Counter, Counter]:
    """Occurrences of each lower-cased token inside a name and outside one."""
    inside: Counter = Counter()
    outside: Counter = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or line.startswith("#"):
                continue
            word, tag = fields[1].lower(), fields[2]
            (inside if tag[2:] in NAME_TAGS else outside)[word] += 1
    return inside, outside


def common_words(frequent: dict[str, float], inside: Counter, outside: Counter) -> list[str]:
    """The frequent words (lower-case form -> Zipf frequency) that GermEval shows mostly
    outside names, sorted."""
    kept = []
    for word, zipf in frequent.items():
        seen = inside[word] + outside[word]
        if zipf >= MIN_ZIPF and word.isalpha() and seen and inside[word] / seen < MAX_NAME_SHARE:
            kept.append(word)
    return sorted(kept)


def main(argv: list[str]) -> int:
    """Build the table; returns the exit code."""
    try:
        from wordfreq import get_frequency_dict, zipf_frequency
    except ImportError:
        print("needs the wordfreq package: pip install wordfreq", file=sys.stderr)
        return 1
    germeval = Path(argv[0]) if argv else DEFAULT_GERMEVAL
    if not germeval.is_file():
        print(f"GermEval 2014 training data not found at {germeval}", file=sys.stderr)
        return 1
    frequent = {word: zipf_frequency(word, "de") for word in get_frequency_dict("de")}
    words = common_words(frequent, *germeval_counts(germeval))
    TABLE.parent.mkdir(exist_ok=True)
    header = [
        "# Frequent German words that are mostly no names, lower case, one a line.",
        f"# Made by corpus/nlp/build_wordfreq_table.py: wordfreq German Zipf >= {MIN_ZIPF}, and less than",
        f"# {MAX_NAME_SHARE:.0%} of the word's occurrences inside a name in the GermEval 2014 training data.",
        "# wordfreq data (Robyn Speer et al.): CC BY-SA 4.0. GermEval 2014 (Benikova, Biemann, Reznicek): CC BY 4.0.",
        "# This table: CC BY-SA 4.0.",
    ]
    TABLE.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
