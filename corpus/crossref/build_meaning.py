"""Build the word tables the ranking ships in corpus/crossref/data/ (run by hand, not at run time).

- `words.tsv.gz`: German word forms with how frequent they are and their lemma. The forms
  and frequencies are `wordfreq`'s German list (data CC BY-SA 4.0); the lemmas come from
  `simplemma` (MIT; its German data from Michal Měchura's lemmatization lists, ODbL, and
  Wiktionary). The frequencies weigh words (a rare word says more) and split compounds.
- `thesaurus.tsv.gz`: for each lemma (or each set of content lemmas of a multi-word
  entry, "leben nehmen" for "(sich) das Leben nehmen"), the OpenThesaurus synonym sets it
  belongs to, as numbers. OpenThesaurus (LGPL 2.1) comes from Debian's
  `openthesaurus-de-text` package.

Each table is gzip'd text with `#` header lines naming its sources and licences. Needs, at
build time only: `pip install simplemma wordfreq` and `apt-get install openthesaurus-de-text`.

    python -m gegenlesen.corpus.crossref.build_meaning [OPENTHESAURUS_TXT]
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
OPENTHESAURUS = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
VOCABULARY = 250_000
"""How many of wordfreq's most frequent German words are kept (the last are about 1.5 on
the Zipf scale, once in 30 million words)."""
MAX_SYNSETS = 12
"""A word in more synonym sets than this means too many things to be evidence of one."""
FUNCTION_WORDS = frozenset("""
der die das des dem den ein eine einer eines einem einen sich mich dich uns euch ihn ihm ihr
ihnen sie er es wir ich du man sein seine seinem seinen seiner seines mein dein unser euer
zu zum zur auf an in im ins am vom von mit bei aus für um über unter vor nach durch gegen
und oder nicht kein keine jemand jemandem jemanden etwas was wer wie so als auch noch
nur schon sehr ganz wieder selbst eben etwa hin her da dann wenn ob dass daß
""".split())
PARENTHESES = re.compile(r"\([^)]*\)")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def lemma_of(word: str, simplemma) -> str:
    """simplemma's lemma, case-folded (its German dictionary knows the lower-case forms)."""
    return simplemma.lemmatize(word, lang="de").casefold()


def build_words(simplemma, wordfreq, extra: set[str]) -> list[str]:
    """Lines `form<TAB>zipf*10<TAB>lemma<TAB>noun lemma`: the lemma of the form written in
    lower case ("markt" -> "marken", a verb) and of it capitalised, as a noun ("Markt" ->
    "markt"); an empty lemma is the form itself, an empty noun lemma the lemma."""
    lines = []
    forms = set(wordfreq.top_n_list("de", VOCABULARY)) | extra
    for form in sorted(forms):
        if not form.isalpha() or len(form) < 2:
            continue
        zipf = round(wordfreq.zipf_frequency(form, "de") * 10)
        lemma = lemma_of(form, simplemma) if simplemma.is_known(form, lang="de") else form
        lemma = lemma if lemma.isalpha() else form
        capital = form[:1].upper() + form[1:]
        noun = lemma_of(capital, simplemma) if simplemma.is_known(capital, lang="de") else lemma
        noun = noun if noun.isalpha() else lemma
        lines.append(f"{form}\t{zipf}\t{'' if lemma == form else lemma}\t{'' if noun == lemma else noun}")
    return lines


def thesaurus_terms(entry: str) -> list[str]:
    """The content words of one OpenThesaurus term: "(sich) das Leben nehmen" -> [Leben, nehmen]."""
    words = WORD.findall(PARENTHESES.sub(" ", entry))
    return [w for w in words if w.casefold() not in FUNCTION_WORDS]


def build_thesaurus(path: Path, simplemma) -> tuple[list[str], set[str]]:
    """Lines `key<TAB>id id …`, and every word form the thesaurus uses."""
    sets: dict[str, set[int]] = {}
    forms: set[str] = set()
    number = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        number += 1
        for entry in line.split(";"):
            words = thesaurus_terms(entry)
            if not words or len(words) > 3:
                continue
            forms.update(w.casefold() for w in words if "-" not in w)
            key = " ".join(sorted({lemma_of(w, simplemma) for w in words}))  # as written: "Leben", "nehmen"
            sets.setdefault(key, set()).add(number)
    related = related_sets(sets)
    lines = []
    for key, ids in sorted(sets.items()):
        if len(ids) > MAX_SYNSETS:
            continue
        if " " not in key:  # a word keeps its own sets; a phrase takes the related ones too
            lines.append(f"{key}\t{' '.join(map(str, sorted(ids)))}")
            continue
        wider = ids | {other for number in ids for other in related.get(number, ())}
        lines.append(f"{key}\t{' '.join(map(str, sorted(wider if len(wider) <= MAX_SYNSETS else ids)))}")
    return lines, forms


def related_sets(sets: dict[str, set[int]]) -> dict[int, set[int]]:
    """Set S is related to set T when entries of S use two or more of T's words: the phrases
    "Selbstmord begehen" and "Suizid begehen" relate the verb set of "(sich) das Leben
    nehmen" to the noun set of "Suizid" and "Selbstmord"."""
    members: dict[int, set[str]] = {}
    used: dict[int, set[str]] = {}
    for key, ids in sets.items():
        words = key.split()
        for number in ids:
            used.setdefault(number, set()).update(words)
            if len(words) == 1:
                members.setdefault(number, set()).add(words[0])
    sets_of: dict[str, set[int]] = {}
    for number, words in members.items():
        for word in words:
            sets_of.setdefault(word, set()).add(number)
    related: dict[int, set[int]] = {}
    for number, words in used.items():
        counts: dict[int, int] = {}
        for word in words:
            for other in sets_of.get(word, ()):
                if other != number:
                    counts[other] = counts.get(other, 0) + 1
        found = {other for other, count in counts.items() if count >= 2}
        if found:
            related[number] = found
    return related


def write_table(path: Path, header: list[str], lines: list[str]) -> None:
    text = "".join(f"# {h}\n" for h in header) + "\n".join(lines) + "\n"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))  # mtime 0: the same sources give the same bytes


def main(argv: list[str]) -> int:
    try:
        import simplemma
        import wordfreq
    except ImportError as missing:
        print(f"build_meaning needs {missing.name}: pip install simplemma wordfreq", file=sys.stderr)
        return 1
    source = Path(argv[0]) if argv else OPENTHESAURUS
    if not source.is_file():
        print(f"No OpenThesaurus text at {source}: apt-get install openthesaurus-de-text", file=sys.stderr)
        return 1
    DATA.mkdir(exist_ok=True)
    thesaurus, forms = build_thesaurus(source, simplemma)
    words = build_words(simplemma, wordfreq, forms)
    write_table(DATA / "words.tsv.gz", [
        "German word forms: form, Zipf frequency x 10, lemma (empty: the form), lemma as a noun (empty: the lemma).",
        f"Forms and frequencies: wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else ''} "
        "German list, CC BY-SA 4.0 (Robyn Speer).",
        "Lemmas: simplemma (MIT), German data from Michal Měchura's lemmatization lists (ODbL) and Wiktionary.",
        "Built by python -m gegenlesen.corpus.crossref.build_meaning.",
    ], words)
    write_table(DATA / "thesaurus.tsv.gz", [
        "OpenThesaurus synonym sets: lemma (or the content lemmas of a multi-word entry), synonym set numbers.",
        "OpenThesaurus, Copyright (C) 2003-2014 Daniel Naber, LGPL 2.1 or later; Debian openthesaurus-de-text.",
        "Built by python -m gegenlesen.corpus.crossref.build_meaning.",
    ], thesaurus)
    print(f"{len(words)} word forms, {len(thesaurus)} thesaurus keys written to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
