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

import gc
import re
import sqlite3
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from gegenlesen.corpus.crossref import FigureMention, Passage, name_index
from gegenlesen.corpus.crossref.conflicts import CONFLICT_LABELS, kind, words_near
from gegenlesen.corpus.crossref.passages import ClaimSpan, article_and_claims
from gegenlesen.corpus.crossref.units import (
    NAME_LABELS, NameIndex, _bare, fold, is_function_word, trusted_names,
)
from gegenlesen.storage import articles
from gegenlesen.storage.db import Store
from gegenlesen.storage.pending import visible

Progress = Callable[[int, int], None]
"""Called with (done, total) articles while building."""
Cancelled = Callable[[], bool]
"""Asked between articles: True stops the build (`BuildCancelled`)."""
FREEZE_ARTICLES = 1000
"""From this many articles on, a built index is kept out of the cycle collector's sight."""
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
    near: dict[tuple[int, int, str], frozenset[str]] = field(default_factory=dict)
    """(passage start, end, value's text) -> the words around the value (`words_near`)."""
    blocks: dict[tuple[int, int], tuple[frozenset, frozenset]] = field(default_factory=dict)
    """(passage start, end) -> the conflict blocks the passage's values are in: (by the
    words near them, by any word of the passage); see `CrossIndex.conflict_pairs`."""


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
    shingle_postings: dict[int, frozenset[int]] = field(default_factory=dict)
    """Sampled shingle -> the articles holding it (for near-duplicates)."""
    edges: dict[int, frozenset[int]] = field(default_factory=dict)
    """Article id -> the articles it is a near-duplicate of (only those that have some)."""
    cache: dict[str, object] = field(default_factory=dict)
    """Results computed from this state (conflicts), dropped on every change."""

    @property
    def article_ids(self) -> list[int]:
        return sorted(self.entries)

    def sentences(self) -> list[Passage]:
        """Every sentence passage, by article (one list per index: not to be changed)."""
        found = self.cache.get("sentences")
        if found is None:
            found = self.cache["sentences"] = [p for a in self.article_ids for p in self.entries[a].sentences]
        return found

    def claims(self) -> dict[int, Passage]:
        """Claim id -> its passage (one dict per index: not to be changed)."""
        found = self.cache.get("claims")
        if found is None:
            found = self.cache["claims"] = {cid: p for a in self.article_ids for cid, p in self.entries[a].claims.items()}
        return found

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

    def conflict_pairs(self, passages: Iterable[Passage]) -> set[tuple[Passage, Passage]]:
        """Pairs of passages of different articles (not near-duplicates of each other) that
        may contradict each other: they share a name and a kind of value, and a word near
        one's value is near the other's (amounts) or anywhere in the other (dates, see
        `conflicts._same_quantity`), in articles about one story (`_story_pairs`), in a
        block not too general among the index's passages (`_block_counts`).
        `find_conflicts` decides."""
        passages = list(passages)
        good = self._useful_blocks()
        blocks = [(near_blocks & good, any_blocks & good) for near_blocks, any_blocks in map(self._blocks, passages)]
        by_article: dict[int, list[int]] = {}
        for number, (near_blocks, any_blocks) in enumerate(blocks):
            if near_blocks or any_blocks:
                by_article.setdefault(passages[number].article_id, []).append(number)
        # A pair meets in many blocks (each name and word they share): rather than pairing
        # every block's members, pair the passages of two articles about one story, when
        # one's value and the other share a block.
        pairs: set[tuple[Passage, Passage]] = set()
        for first, second in self._story_pairs(set(by_article)):
            for i in by_article[first]:
                near_i, any_i = blocks[i]
                for j in by_article[second]:
                    near_j, any_j = blocks[j]
                    if not near_i.isdisjoint(any_j) or not near_j.isdisjoint(any_i):
                        pairs.add((passages[i], passages[j]))  # the first article's passage first
        return pairs

    def _useful_blocks(self) -> frozenset[tuple]:
        """The blocks that can pair passages: at least two passages have a value in them,
        and neither count passes `BLOCK_LIMIT` (a block that general dates no one event)."""
        found = self.cache.get("useful_blocks")
        if found is None:
            near_count, any_count = self._block_counts()
            found = self.cache["useful_blocks"] = frozenset(
                block for block, count in any_count.items()
                if 2 <= count <= BLOCK_LIMIT and near_count[block] <= BLOCK_LIMIT
            )
        return found

    def near(self, passage: Passage, figure: FigureMention) -> frozenset[str]:
        """`words_near`, as kept in the index for its passages."""
        entry = self.entries.get(passage.article_id)
        key = (passage.start, passage.end, figure.text)
        found = entry.near.get(key) if entry is not None else None
        if found is None:
            found = words_near(passage, figure)
            if entry is not None:
                entry.near[key] = found
        return found

    def _blocks(self, passage: Passage) -> tuple[frozenset, frozenset]:
        entry = self.entries.get(passage.article_id)
        found = entry.blocks.get((passage.start, passage.end)) if entry is not None else None
        if found is None:
            found = conflict_blocks(passage, self.near)
            if entry is not None:
                entry.blocks[(passage.start, passage.end)] = found
        return found

    def _story_pairs(self, wanted: set[int]) -> list[tuple[int, int]]:
        """The pairs (smaller id first) of these articles that are about one story and no
        near-duplicates of each other. Two articles report on one story when they share at
        least `STORY_NAMES` rare names (`_rare_names`): reports of different stories that
        mention one country or party with different dates are thereby not compared."""
        holders: dict[str, list[int]] = {}
        for article_id in sorted(wanted):
            for key in self._rare_names().get(article_id, ()):
                holders.setdefault(key, []).append(article_id)
        shared: Counter = Counter()
        for found in holders.values():
            for at, first in enumerate(found):
                for second in found[at + 1:]:
                    shared[(first, second)] += 1
        return sorted(
            (first, second) for (first, second), count in shared.items()
            if count >= STORY_NAMES and self.representative.get(first, first) != self.representative.get(second, second)
        )

    def _block_counts(self) -> tuple[Counter, Counter]:
        """How many passages (by span, sentences and claims) of the index are in each block,
        by the words near their values and by any word: a block holding too many is too
        general (`BLOCK_LIMIT`). Counted once per index, in C (`Counter.update`)."""
        found = self.cache.get("block_counts")
        if found is None:
            near_count: Counter = Counter()
            any_count: Counter = Counter()
            for entry in self.entries.values():
                for near_blocks, any_blocks in entry.blocks.values():
                    near_count.update(near_blocks)
                    any_count.update(any_blocks)
            found = self.cache["block_counts"] = (near_count, any_count)
        return found

    def _rare_names(self) -> dict[int, frozenset[str]]:
        """Article id -> the rare names it mentions on their own: names few articles
        mention (at most `RARE_SHARE` of them, or `RARE_MIN`)."""
        found = self.cache.get("rare_names")
        if found is None:
            rare = max(RARE_MIN, RARE_SHARE * len(self.entries))
            found = {a: frozenset(k for k in self.article_names(a) if len(self.name_postings.get(k, ())) <= rare)
                     for a in self.entries}
            self.cache["rare_names"] = found
        return found


def conflict_blocks(passage: Passage, near: Callable = words_near) -> tuple[frozenset, frozenset]:
    """The blocks (name, kind of value, word) a passage's values are in: by the words near
    each value, and by any word of the passage (for a date) or again those near it."""
    near_blocks: set[tuple] = set()
    any_blocks: set[tuple] = set()
    names = {n.key for n in passage.names} | {n.key for n in passage.context if n.standalone}
    if not names:
        return frozenset(), frozenset()
    for figure in passage.figures:
        wanted = kind(figure)
        if wanted is None or figure.label not in CONFLICT_LABELS:
            continue
        close = near(passage, figure)
        for name in names:
            near_blocks.update((name, wanted, word) for word in close)
            any_blocks.update((name, wanted, word) for word in (passage.words if figure.label == "DATE" else close))
    return frozenset(near_blocks), frozenset(any_blocks)


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
    except sqlite3.OperationalError:  # a stem FTS5 cannot parse only loses word candidates
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


# -- building and keeping up to date ----------------------------------------------------------

_indexes: dict[str, CrossIndex] = {}
_lock = threading.Lock()


@contextmanager
def paused_gc():
    """Python's cycle collector paused: building the index makes millions of small objects
    that live on, and each full collection would walk all of them again (a 10,000-article
    build took twice the time with it running). They hold no cycles to collect."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
        with paused_gc():
            fresh = _refresh(db, index, now, progress, cancelled)
            if len(fresh.entries) >= FREEZE_ARTICLES:
                # The index lives on and holds no cycles: moved out of the collector's sight,
                # a later full collection does not walk its millions of objects (seconds at
                # 10,000 articles). Reference counting still frees an index that is replaced;
                # what else lives now and later becomes a cycle stays (a screen or two).
                gc.freeze()
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
    sentences, claim_passages = article_and_claims(
        article_id, text, spans, mentions, (ClaimSpan(claim.id, claim.start, claim.end) for claim in claims), names,
    )
    entry = ArticleEntry(sentences, spans, claim_passages, [], shingles(text))
    for passage in sentences + list(claim_passages.values()):
        if any(f.label in CONFLICT_LABELS for f in passage.figures):
            entry.blocks[(passage.start, passage.end)] = conflict_blocks(passage, _keeping(entry))
    return entry


def _keeping(entry: ArticleEntry) -> Callable[[Passage, FigureMention], frozenset[str]]:
    """`words_near` that keeps what it finds in the entry."""
    def near(passage: Passage, figure: FigureMention) -> frozenset[str]:
        key = (passage.start, passage.end, figure.text)
        found = entry.near.get(key)
        if found is None:
            found = entry.near[key] = words_near(passage, figure)
        return found

    return near


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
    removed = {a: old.entries[a] for a in set(raw) | gone if a in old.entries}
    _update_postings(index, old, removed, {a: index.entries[a] for a in raw})
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
            except sqlite3.OperationalError:  # a phrase FTS5 cannot parse: that name is not looked for
                continue
    return found


def _keys(entry: ArticleEntry) -> tuple[set[str], set[str]]:
    """The name keys and figure identities an article's sentences hold (its postings)."""
    names = {name.key for passage in entry.sentences for name in passage.names + passage.context}
    figures = {figure.identity for passage in entry.sentences for figure in passage.figures}
    return names, figures


def _postings(index: CrossIndex) -> None:
    """Postings, near-duplicate groups and X's counts of a freshly built index."""
    names: dict[str, set[int]] = {}
    figures: dict[str, set[int]] = {}
    for article_id, entry in index.entries.items():
        name_keys, figure_keys = _keys(entry)
        for key in name_keys:
            names.setdefault(key, set()).add(article_id)
        for key in figure_keys:
            figures.setdefault(key, set()).add(article_id)
    index.name_postings, index.figure_postings = names, figures
    sketches = {a: e.shingles for a, e in index.entries.items()}
    index.shingle_postings = _shingle_postings(sketches)
    index.edges = _duplicate_edges(sketches, index.shingle_postings, sketches)
    index.representative = _groups(index.entries, index.edges)
    index._block_counts()  # what X needs of the whole corpus, counted while building
    index._rare_names()


def _update_postings(index: CrossIndex, old: CrossIndex, removed: dict[int, ArticleEntry],
                     added: dict[int, ArticleEntry]) -> None:
    """Bring the old index's postings, near-duplicate groups and X's counts to the new
    entries: only the removed and added entries' share is taken out and put in (the old
    index's sets are never changed: a worker may still read it). The result equals
    `_postings` on the new index."""
    for attribute, which in (("name_postings", 0), ("figure_postings", 1)):
        postings = dict(getattr(old, attribute))
        copied: set[str] = set()
        for entries, adding in ((removed, False), (added, True)):
            for article_id, entry in entries.items():
                for key in _keys(entry)[which]:
                    if key not in copied:
                        postings[key] = set(postings.get(key, ()))
                        copied.add(key)
                    (postings[key].add if adding else postings[key].discard)(article_id)
        for key in copied:
            if not postings[key]:
                del postings[key]
        setattr(index, attribute, postings)

    shingle_postings = dict(old.shingle_postings)
    before: dict[int, int] = {}
    for entries, adding in ((removed, False), (added, True)):
        for article_id, entry in entries.items():
            for value in entry.shingles:
                holders = shingle_postings.get(value, frozenset())
                before.setdefault(value, len(holders))
                shingle_postings[value] = holders | {article_id} if adding else holders - {article_id}
    for value in before:
        if not shingle_postings[value]:
            del shingle_postings[value]
    index.shingle_postings = shingle_postings
    # A pair's shared count changes where one of them changed, or where a shingle became
    # (or stopped being) evidence: the articles holding such a shingle are looked at again.
    affected = set(removed) | set(added)
    for value, count in before.items():
        now = len(shingle_postings.get(value, ()))
        if (1 < count <= COMMON_SHINGLE) != (1 < now <= COMMON_SHINGLE):
            affected |= old.shingle_postings.get(value, frozenset()) | shingle_postings.get(value, frozenset())
    edges = {a: set(others) for a, others in old.edges.items()}
    for article_id in affected:
        for other in edges.pop(article_id, ()):
            if other in edges:
                edges[other].discard(article_id)
    sketches = {a: e.shingles for a, e in index.entries.items()}
    for article_id, others in _duplicate_edges(sketches, shingle_postings, {a: sketches[a] for a in affected if a in sketches}).items():
        for other in others:
            edges.setdefault(article_id, set()).add(other)
            edges.setdefault(other, set()).add(article_id)
    index.edges = {a: frozenset(others) for a, others in edges.items() if others}
    index.representative = _groups(index.entries, index.edges)

    near_count, any_count = (Counter(counts) for counts in old._block_counts())
    for entries, sign in ((removed, -1), (added, 1)):
        for entry in entries.values():
            for near_blocks, any_blocks in entry.blocks.values():
                (near_count.update if sign > 0 else near_count.subtract)(near_blocks)
                (any_count.update if sign > 0 else any_count.subtract)(any_blocks)
    index.cache["block_counts"] = (near_count, any_count)  # a block at 0 counts as absent
    index._rare_names()


def _shingle_postings(sketches: dict[int, frozenset[int]]) -> dict[int, frozenset[int]]:
    postings: dict[int, set[int]] = {}
    for article_id, sketch in sketches.items():
        for value in sketch:
            postings.setdefault(value, set()).add(article_id)
    return {value: frozenset(holders) for value, holders in postings.items()}


def _duplicate_edges(sketches: dict[int, frozenset[int]], postings: dict[int, frozenset[int]],
                     looked_at: dict[int, frozenset[int]]) -> dict[int, set[int]]:
    """Article id (of `looked_at`) -> the articles it is a near-duplicate of: they share at
    least `DUPLICATE_SHARE` of the smaller sketch, counting only shingles held by 2 to
    `COMMON_SHINGLE` articles (more is boilerplate)."""
    edges: dict[int, set[int]] = {}
    for article_id, sketch in looked_at.items():
        shared: Counter = Counter()
        for value in sketch:
            holders = postings.get(value, ())
            if 1 < len(holders) <= COMMON_SHINGLE:
                shared.update(holders)
        for other, count in shared.items():
            smaller = min(len(sketch), len(sketches[other]))
            if other != article_id and smaller and count / smaller >= DUPLICATE_SHARE:
                edges.setdefault(article_id, set()).add(other)
    return edges


def _groups(article_ids: Iterable[int], edges: dict[int, frozenset[int]] | dict[int, set[int]]) -> dict[int, int]:
    """Article id -> the smallest id of its near-duplicate group (itself when alone)."""
    representative = {article_id: article_id for article_id in article_ids}
    seen: set[int] = set()
    for start in edges:
        if start in seen or start not in representative:
            continue
        group, todo = {start}, [start]
        while todo:
            for other in edges.get(todo.pop(), ()):
                if other not in group and other in representative:
                    group.add(other)
                    todo.append(other)
        seen |= group
        smallest = min(group)
        for member in group:
            representative[member] = smallest
    return representative
