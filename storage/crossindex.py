"""The cross-reading index: every article's passages, built once and kept up to date.

Building passages (names, figures, word stems per sentence) is the slow part of
cross-reading; comparing is quick once the candidates are few. The index holds the
passages of the current articles in memory, one index per database file in this process,
and knows which counter value of the database's stamps (schema 13: triggers stamp an
article on every write to its text, sentences, entities or claims) it reflects. Asking for
it rebuilds only the articles stamped since, or everything when the corrections changed
or names came or went that other articles may hold.

It also answers which articles to look at for a passage (those sharing its rarer names,
figures or words, from postings and the FTS5 index), which passages may contradict each
other (blocked by name, kind of value and a word near the value), and which articles are
near-duplicates of each other (the same text from another outlet).
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref import Passage, article_passages, name_index, passage_for_span
from gegenlesen.corpus.crossref.conflicts import CONFLICT_LABELS, kind, words_near
from gegenlesen.corpus.crossref.units import (
    NAME_LABELS, NameIndex, _bare, context_start_for, fold, is_function_word, trusted_names,
)
from gegenlesen.storage import articles
from gegenlesen.storage.db import Store
from gegenlesen.storage.pending import visible

Progress = Callable[[int, int], None]
"""Called with (done, total) articles while building."""
Cancelled = Callable[[], bool]
"""Asked between articles: True stops the build (`BuildCancelled`)."""
FULL_REBUILD_SHARE = 0.3
"""More changed articles than this share of the corpus: rebuild all of it."""
SHINGLE = 5
"""Words per shingle for near-duplicates."""
SAMPLE = 4
"""One shingle in this many (by hash) is kept: a sketch, enough to tell copies apart."""
DUPLICATE_SHARE = 0.6
"""Articles sharing at least this share of their sampled shingles are near-duplicates."""
COMMON_SHINGLE = 20
"""A shingle in more articles than this is boilerplate, not evidence of a copy."""
CANDIDATE_ARTICLES = 40
"""Articles whose passages are handed to the ranking for one claim."""
BLOCK_LIMIT = 150
"""A (name, kind, word) block larger than this is too general to date one event."""
STORY_NAMES = 3
"""Two articles are about one story when they share this many rare names."""
RARE_SHARE = 0.01
RARE_MIN = 5
"""A name is rare when at most this share of the articles (or this many) mention it."""
WORD = re.compile(r"\w+")


class BuildCancelled(Exception):
    """The build was cancelled (the user left the screen that asked for it)."""


@dataclass
class ArticleEntry:
    """One article as the index holds it."""

    sentences: list[Passage]
    spans: list[tuple[int, int]]
    claims: dict[int, Passage]
    names: list[tuple[str, bool]]
    """(folded surface, counts when tagged once) of each name the model tagged: for trust."""
    shingles: frozenset[int] = frozenset()


@dataclass
class CrossIndex:
    """The passages of the current articles, and postings to find candidates among them."""

    seq: int = 0
    """The stamp counter value this index reflects."""
    entries: dict[int, ArticleEntry] = field(default_factory=dict)
    trusted: frozenset[str] = frozenset()
    names: NameIndex = field(default_factory=lambda: NameIndex({}))
    name_postings: dict[str, set[int]] = field(default_factory=dict)
    figure_postings: dict[str, set[int]] = field(default_factory=dict)
    representative: dict[int, int] = field(default_factory=dict)
    """Article id -> the first article of its near-duplicate group (itself when it has none)."""
    cache: dict[str, object] = field(default_factory=dict)
    """Results computed from this state (conflicts), dropped on every change."""

    @property
    def article_ids(self) -> list[int]:
        return sorted(self.entries)

    def sentences(self) -> list[Passage]:
        return [p for article_id in self.article_ids for p in self.entries[article_id].sentences]

    def claims(self) -> dict[int, Passage]:
        return {cid: p for article_id in self.article_ids for cid, p in self.entries[article_id].claims.items()}

    def duplicates_of(self, article_id: int) -> list[int]:
        """The other articles of an article's near-duplicate group."""
        rep = self.representative.get(article_id, article_id)
        return [a for a, r in self.representative.items() if r == rep and a != article_id]

    def candidate_articles(self, db: Store, passage: Passage, limit: int = CANDIDATE_ARTICLES) -> list[int]:
        """The articles most likely to hold passages about the same thing as `passage`: those
        sharing its rarer names and its figures, and the best full-text matches of its words;
        one article of each near-duplicate group; never the passage's own."""
        total = max(1, len(self.entries))
        score: Counter = Counter()
        for name in passage.names + passage.context:
            found = self.name_postings.get(name.key, ())
            if found and len(found) < total * 0.5:
                weight = (1.0 if name in passage.names else 0.5) * (1.0 / len(found)) ** 0.5
                for article_id in found:
                    score[article_id] += weight
        for figure in passage.figures:
            for article_id in self.figure_postings.get(figure.identity, ()):
                score[article_id] += 1.0
        for rank, article_id in enumerate(articles_matching(db, passage.words, limit)):
            score[article_id] += 1.0 / (1 + rank * 0.1)
        chosen: list[int] = []
        seen_groups = {self.representative.get(passage.article_id, passage.article_id)}
        for article_id, _ in sorted(score.items(), key=lambda item: (-item[1], item[0])):
            group = self.representative.get(article_id, article_id)
            if article_id in self.entries and group not in seen_groups:
                seen_groups.add(group)
                chosen.append(article_id)
                if len(chosen) == limit:
                    break
        return chosen

    def article_names(self, article_id: int) -> frozenset[str]:
        """The names an article mentions on their own (not in compounds)."""
        found = self.cache.setdefault("article_names", {})
        if article_id not in found:
            entry = self.entries.get(article_id)
            found[article_id] = frozenset(
                n.key for p in (entry.sentences if entry else ()) for n in p.names if n.standalone
            )
        return found[article_id]

    def same_story(self, first: int, second: int) -> bool:
        """Whether two articles report on one story: they share at least `STORY_NAMES` rare
        names (names few articles mention: at most `RARE_SHARE` of them, or `RARE_MIN`).
        Reports of different stories that mention one country or party with different
        dates are thereby not compared."""
        rare = max(RARE_MIN, RARE_SHARE * len(self.entries))
        shared = self.article_names(first) & self.article_names(second)
        return sum(1 for key in shared if len(self.name_postings.get(key, ())) <= rare) >= STORY_NAMES

    def conflict_pairs(self, passages: Iterable[Passage]) -> set[tuple[Passage, Passage]]:
        """Pairs of passages of different articles (not near-duplicates of each other) that
        may contradict each other: they share a name and a kind of value, and a word near
        one's value is near the other's (amounts) or anywhere in the other (dates, see
        `conflicts._same_quantity`). `find_conflicts` decides."""
        near: dict[tuple, list[Passage]] = {}
        anywhere: dict[tuple, list[Passage]] = {}
        for passage in passages:
            names = {n.key for n in passage.names} | {n.key for n in passage.context if n.standalone}
            for figure in passage.figures:
                wanted = kind(figure)
                if wanted is None or figure.label not in CONFLICT_LABELS:
                    continue
                close = words_near(passage, figure)
                for name in names:
                    for word in close:
                        near.setdefault((name, wanted, word), []).append(passage)
                    for word in passage.words if figure.label == "DATE" else close:
                        anywhere.setdefault((name, wanted, word), []).append(passage)
        pairs: set[tuple[Passage, Passage]] = set()
        for block, members in near.items():
            others = anywhere.get(block, [])
            if len(others) < 2 or len(members) > BLOCK_LIMIT or len(others) > BLOCK_LIMIT:
                continue
            for a in members:
                for b in others:
                    if a.article_id == b.article_id:
                        continue
                    if self.representative.get(a.article_id, a.article_id) == self.representative.get(b.article_id, b.article_id):
                        continue
                    if not self.same_story(a.article_id, b.article_id):
                        continue
                    pairs.add((a, b) if (a.article_id, a.start, a.end) <= (b.article_id, b.start, b.end) else (b, a))
        return pairs


def articles_matching(db: Store, words: Iterable[str], limit: int) -> list[int]:
    """Articles whose text holds the most of these word stems (FTS5, best first)."""
    stems = sorted({w for w in words if w.isalpha() and len(w) >= 4})[:24]
    if not stems:
        return []
    query = " OR ".join(f'"{stem}"*' for stem in stems)
    try:
        rows = db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
            [query, limit],
        )
        return [row[0] for row in rows]
    except Exception:  # noqa: BLE001 - a stem FTS5 cannot parse only loses word candidates
        return []


def shingles(text: str) -> frozenset[int]:
    """A sample of the article's word 5-grams, as hashes."""
    words = [w.casefold() for w in WORD.findall(text)]
    found = set()
    for i in range(max(0, len(words) - SHINGLE + 1)):
        value = zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
        if value % SAMPLE == 0:
            found.add(value)
    return frozenset(found)


def duplicate_groups(sketches: dict[int, frozenset[int]]) -> dict[int, int]:
    """Article id -> the smallest id of its near-duplicate group (itself when alone)."""
    postings: dict[int, list[int]] = {}
    for article_id, sketch in sketches.items():
        for value in sketch:
            postings.setdefault(value, []).append(article_id)
    shared: Counter = Counter()
    for holders in postings.values():
        if 1 < len(holders) <= COMMON_SHINGLE:
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    parent = {article_id: article_id for article_id in sketches}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), count in shared.items():
        smaller = min(len(sketches[a]), len(sketches[b]))
        if smaller and count / smaller >= DUPLICATE_SHARE:
            ra, rb = root(a), root(b)
            parent[max(ra, rb)] = min(ra, rb)
    return {article_id: root(article_id) for article_id in sketches}


# -- building and keeping up to date ----------------------------------------------------------

_indexes: dict[str, CrossIndex] = {}
_lock = threading.Lock()


def stamp(db: Store) -> int:
    """The database's stamp counter: it moves on every change the index cares about."""
    row = db.execute("SELECT seq FROM crossref_counter WHERE id = 0").fetchone()
    return row[0] if row else 0


def current(db: Store, progress: Progress | None = None, cancelled: Cancelled | None = None) -> CrossIndex:
    """The index of this database, brought up to date (built on first use in this process).

    Raises:
        BuildCancelled: `cancelled` said so; what was built is kept for the next call.
    """
    key = str(db.path.resolve()) if db.path else ""
    with _lock:
        index = _indexes.get(key)
        now = stamp(db)
        if index is not None and index.seq == now:
            return index
        fresh = _refresh(db, index, now, progress, cancelled)
        _indexes[key] = fresh
        return fresh


def forget(db: Store) -> None:
    """Drop this database's index (the next `current` builds it anew)."""
    with _lock:
        _indexes.pop(str(db.path.resolve()) if db.path else "", None)


def _changed_since(db: Store, seq: int) -> set[int]:
    return {row[0] for row in db.execute("SELECT article_id FROM crossref_stamps WHERE seq > ?", [seq])}


def _refresh(db: Store, old: CrossIndex | None, now: int, progress: Progress | None,
             cancelled: Cancelled | None) -> CrossIndex:
    ids = articles.current_ids(db)
    if old is not None:
        changed = _changed_since(db, old.seq)
        gone = set(old.entries) - set(ids)
        added = set(ids) - set(old.entries)
        todo = (changed & set(ids)) | added
        if 0 not in changed and len(todo) + len(gone) <= FULL_REBUILD_SHARE * max(1, len(ids)):
            return _update(db, old, now, ids, todo, gone, progress, cancelled)
    return _build(db, now, ids, progress, cancelled)


def _rows(db: Store, article_ids: list[int]):
    """(id, text, sentences, entities, claims) per article, a batch of articles per query."""
    from gegenlesen.storage.claims import list_claims

    for at in range(0, len(article_ids), 200):
        batch = article_ids[at:at + 200]
        marks = ",".join("?" * len(batch))
        texts = dict(db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", batch).fetchall())
        spans: dict[int, list[tuple[int, int]]] = {a: [] for a in batch}
        for article_id, start, end in db.execute(
            f"SELECT article_id, start, end FROM sentences WHERE article_id IN ({marks}) ORDER BY article_id, idx", batch
        ):
            spans[article_id].append((start, end))
        mentions: dict[int, list] = {a: [] for a in batch}
        for mention in articles.entities(db, batch):
            mentions[mention.article_id].append(mention)
        claims: dict[int, list] = {a: [] for a in batch}
        for claim in list_claims(db, batch):
            claims[claim.article_id].append(claim)
        for article_id in batch:
            if article_id in texts:
                yield article_id, texts[article_id], spans[article_id], mentions[article_id], claims[article_id]


def _name_marks(text: str, mentions: list) -> list[tuple[str, bool]]:
    """The article's tagged names that may count (no function words), each with whether it
    counts even when tagged only here (see `trusted_names`)."""
    names = [m for m in mentions if m.label in NAME_LABELS and len(m.text.strip()) > 1 and not is_function_word(m.text.strip())]
    trusted = trusted_names(names, {names[0].article_id: text} if names else {})
    return [(fold(m.text), fold(m.text) in trusted) for m in names]


def _trusted(entries: dict[int, ArticleEntry]) -> frozenset[str]:
    """Surfaces tagged in two places across the corpus, or trusted in their one place."""
    places: Counter = Counter()
    once: set[str] = set()
    for entry in entries.values():
        for surface, ok in entry.names:
            places[_bare(surface)] += 1
            if ok:
                once.add(surface)
    return frozenset(s for entry in entries.values() for s, _ in entry.names if s in once or places[_bare(s)] >= 2)


def _index_of(trusted: frozenset[str], surfaces: dict[str, str]) -> NameIndex:
    """A NameIndex over the trusted surfaces, as written (`surfaces`: folded -> original)."""
    @dataclass(frozen=True)
    class Surface:
        text: str
        label: str = "ORG"
        origin: str = "user"
        start: int = 0
        end: int = 0

    return name_index([Surface(surfaces[s]) for s in trusted if s in surfaces])


def _entry(article_id: int, text: str, spans, mentions, claims, names: NameIndex) -> ArticleEntry:
    sentences = article_passages(article_id, text, spans, mentions, names)
    claim_passages = {
        claim.id: passage_for_span(article_id, text, claim.start, claim.end, mentions, names,
                                   context_start_for(spans, claim.start))
        for claim in claims
    }
    return ArticleEntry(sentences, spans, claim_passages, [], shingles(text))


def _collect(db: Store, ids: list[int], progress: Progress | None, cancelled: Cancelled | None):
    """Read the articles and the name marks the trust of names is counted from."""
    raw = {}
    for done, row in enumerate(_rows(db, ids), start=1):
        if cancelled is not None and done % 50 == 0 and cancelled():
            raise BuildCancelled()
        raw[row[0]] = row
        if progress is not None and done % 100 == 0:
            progress(done // 2, len(ids))
    return raw


def _surfaces(raw) -> dict[str, str]:
    found: dict[str, str] = {}
    for _, _, _, mentions, _ in raw.values():
        for m in mentions:
            if m.label in NAME_LABELS:
                found.setdefault(fold(m.text), " ".join(m.text.split()))
    return found


def _build(db: Store, now: int, ids: list[int], progress: Progress | None, cancelled: Cancelled | None) -> CrossIndex:
    raw = _collect(db, ids, progress, cancelled)
    index = CrossIndex(seq=now)
    marks = {a: _name_marks(text, mentions) for a, text, _, mentions, _ in raw.values()}
    index.entries = {a: ArticleEntry([], [], {}, marks[a]) for a in raw}
    index.trusted = _trusted(index.entries)
    index._surfaces = _surfaces(raw)  # type: ignore[attr-defined]
    index.names = _index_of(index.trusted, index._surfaces)  # type: ignore[attr-defined]
    for done, (article_id, text, spans, mentions, claims) in enumerate(raw.values(), start=1):
        if cancelled is not None and done % 20 == 0 and cancelled():
            raise BuildCancelled()
        entry = _entry(article_id, text, spans, mentions, claims, index.names)
        entry.names = marks[article_id]
        index.entries[article_id] = entry
        if progress is not None and done % 50 == 0:
            progress(len(ids) // 2 + done // 2, len(ids))
    _postings(index)
    return index


def _update(db: Store, old: CrossIndex, now: int, ids: list[int], todo: set[int], gone: set[int],
            progress: Progress | None, cancelled: Cancelled | None) -> CrossIndex:
    raw = _collect(db, sorted(todo), progress, cancelled)
    entries = {a: e for a, e in old.entries.items() if a not in gone and a not in todo}
    marks = {a: _name_marks(text, mentions) for a, text, _, mentions, _ in raw.values()}
    for a in raw:
        entries[a] = ArticleEntry([], [], {}, marks[a])
    trusted = _trusted(entries)
    surfaces = dict(getattr(old, "_surfaces", {}))
    surfaces.update(_surfaces(raw))
    names = _index_of(trusted, surfaces)
    moved = trusted ^ old.trusted
    if moved:  # names that came or went: the articles holding them are read again
        todo = set(todo) | _holding(db, [surfaces[s] for s in moved if s in surfaces])
        todo &= set(ids)
        extra = sorted(a for a in todo if a not in raw)
        raw.update(_collect(db, extra, None, cancelled))
    index = CrossIndex(seq=now, entries=entries, trusted=trusted, names=names)
    index._surfaces = surfaces  # type: ignore[attr-defined]
    for article_id, text, spans, mentions, claims in raw.values():
        entry = _entry(article_id, text, spans, mentions, claims, names)
        entry.names = marks.get(article_id) or _name_marks(text, mentions)
        index.entries[article_id] = entry
    _postings(index)
    return index


def _holding(db: Store, surfaces: list[str]) -> set[int]:
    found: set[int] = set()
    for surface in surfaces:
        words = WORD.findall(surface)
        if words:
            phrase = '"' + " ".join(words).replace('"', '""') + '"'
            try:
                found |= {row[0] for row in db.execute(
                    f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (SELECT id FROM articles WHERE {visible()})",
                    [phrase])}
            except Exception:  # noqa: BLE001 - a phrase FTS5 cannot parse: that name is not looked for
                continue
    return found


def _postings(index: CrossIndex) -> None:
    names: dict[str, set[int]] = {}
    figures: dict[str, set[int]] = {}
    for article_id, entry in index.entries.items():
        for passage in entry.sentences:
            for name in passage.names + passage.context:
                names.setdefault(name.key, set()).add(article_id)
            for figure in passage.figures:
                figures.setdefault(figure.identity, set()).add(article_id)
    index.name_postings, index.figure_postings = names, figures
    index.representative = duplicate_groups({a: e.shingles for a, e in index.entries.items()})
