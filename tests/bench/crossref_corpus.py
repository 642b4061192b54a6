"""A generated corpus for the cross-reading benchmarks: articles about shared stories, stored
with a fast deterministic analysis (no model), so the index has names and figures to match.

Articles are grouped into stories of about four articles. A story has four names (people,
organisations, places drawn from a pool so that some recur across many stories) and an
event date and an amount; each article mentions them in about two sentences of five, mostly
mid-sentence, and one article in five dates the event a year later (a conflict to find).
The filler words come from `corpus_generator`. The analysis is stored with storage's public
`store_analysis`: sentences split after '. ', every inserted name as a model entity, the
figures and dates as the project's figure rules find them. It is stored under the name of
the pipeline the app would load, so that the app and its commands do not analyse the
generated articles again with the model.

    from crossref_corpus import build_corpus  # from a test in tests/bench
    db = build_corpus(tmp_path / "x.db", count=1000, seed=14)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from corpus_generator import sentence

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.figures import find_figures
from gegenlesen.corpus.nlp.records import MODEL, RULE, Analysis, Entity
from gegenlesen.corpus.nlp.resolve import expected_pipeline_name
from gegenlesen.storage import articles
from gegenlesen.storage.db import Store, open_database, write

SYLLABLES = ("ka", "lor", "ven", "mi", "dra", "tus", "bel", "on", "rik", "sa", "mu", "tel", "gar", "fin", "ho", "zen")
LABELS = ("PER", "ORG", "LOC")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
EVENTS = ("eröffnete das Werk", "stellte den Plan vor", "unterzeichnete den Vertrag", "startete das Projekt")
STORY_SIZE = 4
SENTENCES = (18, 30)
"""Sentences per article (about 350 words)."""
POOL = 3000
"""Distinct names; drawn with a skew, so a few are in many stories and most in few."""
END = re.compile(r"\.(?= |$)")


@dataclass(frozen=True)
class Story:
    names: tuple[tuple[str, str], ...]
    """(surface, label) of its names."""
    event: str
    month: int
    year: int
    amount: int


def name_pool(rng: random.Random, size: int = POOL) -> list[tuple[str, str]]:
    """`size` distinct made-up names, each with a label."""
    found: dict[str, str] = {}
    while len(found) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        found.setdefault(word.capitalize(), rng.choice(LABELS))
    return list(found.items())


def make_story(rng: random.Random, pool: list[tuple[str, str]]) -> Story:
    picked: dict[str, str] = {}
    while len(picked) < 4:
        surface, label = pool[min(len(pool) - 1, int(rng.paretovariate(0.6)) - 1)] if rng.random() < 0.3 else rng.choice(pool)
        picked[surface] = label
    return Story(tuple(picked.items()), rng.choice(EVENTS), rng.randint(1, 12), rng.randint(2015, 2025),
                 rng.randint(2, 90))


def article_text(rng: random.Random, story: Story, shifted: bool) -> str:
    """Filler sentences, about two in five naming the story's people, one dating its event."""
    year = story.year + (1 if shifted else 0)
    lines = []
    for number in range(rng.randint(*SENTENCES)):
        words = sentence(rng, rng.randint(6, 14))[:-1].split(" ")
        if number == 1:
            who = story.names[0][0]
            words = [who, story.event, "im", MONTHS[story.month - 1], str(year)] + ["und"] + words[:4]
        elif number == 3:
            words += ["für", f"{story.amount}", "Millionen", "Euro", "laut", story.names[1][0]]
        elif rng.random() < 0.4:
            surface = rng.choice(story.names)[0]
            words.insert(rng.randint(1, len(words)), surface)
        lines.append(" ".join(words) + ".")
    return " ".join(lines)


PIPELINE = expected_pipeline_name(None) or "bench-rules-1.0"


def analysis_of(text: str, names: list[str]) -> Analysis:
    """Sentences after '. ', the given names wherever they stand, figures by the project's rules."""
    sentences, start = [], 0
    for end in END.finditer(text):
        sentences.append((start, end.end()))
        start = end.end() + 1
    entities = [Entity(f.start, f.end, f.label, text[f.start:f.end], RULE, f.value) for f in find_figures(text)]
    covered = [(e.start, e.end) for e in entities]
    for surface, label in names:
        for match in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if not any(s < match.end() and match.start() < e for s, e in covered):
                entities.append(Entity(match.start(), match.end(), label, surface, MODEL))
    return Analysis(sentences, sorted(entities, key=lambda e: (e.start, e.end)), PIPELINE)


def add_articles(db: Store, count: int, seed: int, first: int = 0) -> list[int]:
    """Store `count` generated articles with their analysis; (ids). Deterministic with `seed`."""
    rng = random.Random(seed)
    pool = name_pool(random.Random(seed * 7919 + 1))
    stories = [make_story(rng, pool) for _ in range(max(1, count // STORY_SIZE))]
    ids = []
    with write(db):
        for number in range(count):
            story = stories[number % len(stories)]
            text = f"Meldung {first + number}\n\n" + article_text(rng, story, shifted=rng.random() < 0.2)
            article_id, _ = articles.add_article(db, Article(source=f"bench_{first + number:05}.txt", text=text))
            articles.store_analysis(db, article_id, analysis_of(text, list(story.names)))
            ids.append(article_id)
    return ids


def build_corpus(path: Path, count: int, seed: int = 14) -> Store:
    """A new database at `path` with `count` generated, analysed articles."""
    db = open_database(path)
    add_articles(db, count, seed)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db
