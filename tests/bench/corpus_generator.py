"""A generator of German-looking article files for benchmarks: deterministic with a seed.

The text is drawn from a fixed vocabulary (nouns capitalised, umlauts and ß included, some
figures and dates), in sentences of 6-18 words and paragraphs of 3-6 sentences, with a
title line first. It reads like no real article but counts, tokenises and hashes like one.

    from corpus_generator import write_corpus  # from a test in tests/bench
    paths = write_corpus(tmp_path / "corpus", count=2000, words=500, seed=7)
"""

from __future__ import annotations

import random
from pathlib import Path

NOUNS = (
    "Regierung Bundestag Ministerium Kanzlerin Opposition Haushalt Gesetz Entwurf Bürger Gemeinde Stadtrat "
    "Bürgermeisterin Unternehmen Konzern Aktie Börse Anleger Markt Preis Inflation Zinsen Bank Notenbank "
    "Energie Strom Windkraft Solaranlage Heizung Klima Studie Forscher Universität Schule Lehrer Schüler "
    "Krankenhaus Ärztin Pflege Versicherung Rente Arbeit Gewerkschaft Streik Tarif Lohn Bahn Straße Verkehr "
    "Polizei Gericht Urteil Anklage Zeuge Sprecher Bericht Zeitung Umfrage Wahl Partei Koalition Mehrheit "
    "Grenze Flüchtling Krieg Frieden Gipfel Vertrag Europa Brüssel Berlin München Köln Hamburg Leipzig "
    "Künstliche Intelligenz Modell Software Daten Netz Plattform Nutzer Milliarde Million Prozent Jahr Woche"
).split()
VERBS = (
    "sagte erklärte kritisierte forderte kündigte beschloss prüft plant meldete bestätigte warnte stieg "
    "sank verlor gewann erreichte verschob lehnte stimmte investiert verhandelt berichtete schätzt"
).split()
OTHER = (
    "der die das den dem des ein eine einen einem und oder aber doch nicht nur auch noch schon sehr mehr "
    "weniger als wie mit ohne für gegen über unter nach vor seit bis im am zum zur von bei aus auf in "
    "deutlich erstmals bislang offenbar laut demnach jedoch zudem künftig rund etwa knapp fast mindestens"
).split()
FIGURES = ("3,5 Prozent", "12 Millionen Euro", "2,1 Milliarden Dollar", "Ende Januar 2025", "im März", "17 Prozent",
           "rund 40.000 Menschen", "am Montag", "seit 2019", "bis 2030")


def sentence(rng: random.Random, length: int) -> str:
    """One sentence of `length` words, capitalised, ending in a full stop."""
    words = []
    for _ in range(length):
        pick = rng.random()
        if pick < 0.35:
            words.append(rng.choice(NOUNS))
        elif pick < 0.5:
            words.append(rng.choice(VERBS))
        elif pick < 0.96:
            words.append(rng.choice(OTHER))
        else:
            words.append(rng.choice(FIGURES))
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + "."


def article_text(rng: random.Random, words: int = 500) -> str:
    """A title line, an empty line, then paragraphs until about `words` words."""
    title = sentence(rng, rng.randint(5, 9))[:-1]
    paragraphs, written = [], 0
    while written < words:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            length = rng.randint(6, 18)
            sentences.append(sentence(rng, length))
            written += length
        paragraphs.append(" ".join(sentences))
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, words: int = 500, seed: int = 0) -> list[Path]:
    """Write `count` UTF-8 article files into `folder` (made if missing); the same seed gives
    the same files, byte for byte."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"artikel_{number:05}.txt"
        path.write_text(article_text(rng, words), encoding="utf-8")
        paths.append(path)
    return paths
