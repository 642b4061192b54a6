"""Names across the corpus: a name the model is sure of in some articles is found in all.

Per article, `corpus.nlp.consistency` already spreads a name to its other occurrences. A
name the model never tagged in one article ("DeepSeek" in the first demo article) but
tagged again and again in others is found there too, after each analysis: stored with
origin `corpus`, so it follows the model's findings. Which places are names is decided by
`corpus.nlp.spreading`; this module only reads the mentions and texts and writes the rows.

A spread is incremental (`corpus.nlp.spread_index`): each article's share of the evidence
is kept in the meta table with the stamp counter of the last spread, so the next one reads
only the articles stamped since (`crossref_stamps`: every write to an article's text,
sentences or entities stamps it), re-decides the forms their shares touch, and writes
again only the articles holding a form whose decision changed. Its rows are the same as
those of `corpus_spreads`, the plain recompute over everything, which stays as the definition.
"""

from __future__ import annotations

import json
import re
import secrets
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator

from gegenlesen.corpus.entities import entity_key
from gegenlesen.corpus.nlp.common_nouns import COMMON_NOUNS
from gegenlesen.corpus.nlp.spread_index import SpreadIndex, place_counts, shares
from gegenlesen.corpus.nlp.spreading import (
    NAME_LABELS, Evidence, Mention, Place, Spread, choose, common_words, country_codes, decide, entangled, find_places,
    gather, is_common_word,
)
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.meta import get_meta
from gegenlesen.storage.pending import HIDDEN_IDS, visible

CORPUS = "corpus"
MIN_ARTICLES = 2
MIN_MENTIONS = 3
LABELS = tuple(sorted(NAME_LABELS))
STATE = "names_spread"
"""The meta key of what the last spread kept (`_State`)."""
FEW = 500
"""Up to this many articles, the forms they hold are asked of a full-text table of just
them; beyond it, of the corpus's own index, form by form."""
TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of `articles_fts` (storage/schema.py, m007), so that a table of a few
articles matches a form exactly where the corpus's index does."""
MENTIONS = (
    "SELECT e.article_id, e.start, e.end, e.label, e.text, EXISTS (SELECT 1 FROM sentences s "
    "WHERE s.article_id = e.article_id AND s.start = e.start) FROM entities e "
    f"WHERE e.origin = 'model' AND e.label IN ({', '.join('?' * len(LABELS))})"
)


def sure_corpus_names(db: Store) -> dict[str, Evidence]:
    """Form -> what the model's mentions across the corpus say about it, for every form
    the model tagged (or implied) in at least two articles and three times."""
    rows = db.execute(MENTIONS + " ORDER BY e.id", LABELS)
    evidence = gather(Mention(*row[:5], bool(row[5])) for row in rows)
    return {
        form: found for form, found in evidence.items()
        if len(found.articles) >= MIN_ARTICLES and found.spans >= MIN_MENTIONS
    }


def corpus_spreads(db: Store) -> list[Spread]:
    """The places in every article that get a name from the rest of the corpus."""
    evidence = sure_corpus_names(db)
    holding: dict[int, set[str]] = {}
    for form in evidence:
        for article_id in _articles_holding(db, form):
            holding.setdefault(article_id, set()).add(form)
    places, written_lower = [], set()
    for article_id, forms in sorted(holding.items()):
        text, starts, taken = _article(db, article_id)
        found, lower = find_places(article_id, text, starts, forms, taken)
        places += found
        written_lower |= lower
    return decide(evidence, places, written_lower, MIN_MENTIONS, MIN_ARTICLES, silence_only_against_words=True)


def spread_names(db: Store, full: bool = False) -> int:
    """Store the corpus's names wherever an article has one and no entity covers it yet,
    reading only what changed since the last spread (or everything, when `full` or when
    nothing was kept); returns how many such mentions the corpus has now."""
    with write(db):
        kept = None if full else _State.load(db)
        ids = {row[0] for row in db.execute("SELECT id FROM articles")}
        hidden = {row[0] for row in db.execute(HIDDEN_IDS)}
        superseded = {row[0] for row in db.execute("SELECT version_of FROM articles WHERE version_of IS NOT NULL")}
        shown = ids - hidden - superseded
        if kept is None:
            db.execute("DELETE FROM entities WHERE origin = ?", [CORPUS])
            index, changed = SpreadIndex(MIN_MENTIONS, MIN_ARTICLES), set(ids)
        else:
            index = kept.index
            changed = (_stamped_since(db, kept.seq) | (kept.ids ^ ids) | (kept.hidden ^ hidden)
                       | (kept.superseded ^ superseded))
            if not changed:
                return _count(db)
        for article_id, found in _shares(db, changed & ids).items():
            index.put_evidence(article_id, found)
        for article_id in changed - ids:
            index.put_evidence(article_id, None)
        for article_id in changed - shown:
            index.put_places(article_id, None)
        sure = index.sure()
        jobs: dict[int, _Job] = {article_id: _Job() for article_id in changed & shown}
        if kept is not None:
            # A form that became sure or stopped being sure is looked for, or no longer, wherever it stands.
            _merge(jobs, _reach(db, index.flipped(), sure, shown))
        places = _places(db, jobs, sure)
        for article_id, (found, lower) in places.items():
            index.put_places(article_id, place_counts(found, lower), jobs[article_id].scope)
        decided_anew = index.settle()
        if kept is not None:
            # ...and a form decided anew is spread, or no longer, wherever it stands.
            more = _merge(jobs, _reach(db, decided_anew, sure, shown))
            for article_id, (found, lower) in _places(db, more, sure).items():
                places.setdefault(article_id, ([], set()))[0].extend(found)
        found = [place for article_id in sorted(jobs) for place in places[article_id][0]]
        forms = {place.form for place in found}
        spreads = choose(found, index.labels(forms), index.own, index.written_lower(forms))
        _write(db, jobs, changed - shown, spreads)
        _State(index, _stamp(db), ids, hidden, superseded).save(db)
        return _count(db)


def _count(db: Store) -> int:
    return db.execute("SELECT count(*) FROM entities WHERE origin = ?", [CORPUS]).fetchone()[0]


class _Job:
    """What to look for again in one article: every sure form it holds (`scope` None), or
    the forms of `scope` (a set closed under `entangled`) that it holds (`held`)."""

    def __init__(self, scope: set[str] | None = None, held: set[str] | None = None) -> None:
        self.scope, self.held = scope, held


def _reach(db: Store, forms: set[str], sure: set[str], shown: set[int]) -> dict[int, _Job]:
    """The articles in view where `forms` stand, each with the forms to look for again there."""
    if not forms:
        return {}
    scope = entangled(forms, sure)
    holders = {form: set(_articles_holding(db, form)) & shown for form in scope}
    jobs: dict[int, _Job] = {}
    for form in forms:
        for article_id in holders[form]:
            jobs[article_id] = _Job(scope, {other for other in scope if other in sure and article_id in holders[other]})
    return jobs


def _merge(jobs: dict[int, _Job], more: dict[int, _Job]) -> dict[int, _Job]:
    """Add `more` to `jobs`; returns what was added: the new jobs, and for an article that
    had one, the forms its job did not look for yet (a set closed under `entangled` too,
    since both scopes are: so their places are the same looked for alone)."""
    added = {}
    for article_id, job in more.items():
        had = jobs.get(article_id)
        if had is None:
            jobs[article_id] = added[article_id] = job
        elif had.scope is not None and not job.scope <= had.scope:
            jobs[article_id] = _Job(had.scope | job.scope, had.held | job.held)
            added[article_id] = _Job(job.scope - had.scope, job.held - had.held)
    return added


class _State:
    """What a spread keeps for the next: the index, the stamp counter after its writes, and
    the articles there were, hidden and superseded (which change without a stamp)."""

    def __init__(self, index: SpreadIndex, seq: int, ids: set[int], hidden: set[int], superseded: set[int]) -> None:
        self.index, self.seq, self.ids, self.hidden, self.superseded = index, seq, ids, hidden, superseded

    @classmethod
    def load(cls, db: Store) -> _State | None:
        """What the last spread kept, or None when nothing was kept, it is unreadable, or it
        was made under another policy (other thresholds or word tables)."""
        raw = get_meta(db, STATE)
        try:
            data = json.loads(raw) if raw else None
            if not isinstance(data, dict) or data.get("policy") != _policy() or data["seq"] > _stamp(db):
                return None
            index = SpreadIndex.from_json(data["index"], MIN_MENTIONS, MIN_ARTICLES)
            sets = [set(map(int, data[name])) for name in ("ids", "hidden", "superseded")]
        except (ValueError, KeyError, TypeError):
            return None
        return None if index is None else cls(index, int(data["seq"]), *sets)

    def save(self, db: Store) -> None:
        data = {
            "policy": _policy(), "seq": self.seq, "index": self.index.to_json(),
            "ids": sorted(self.ids), "hidden": sorted(self.hidden), "superseded": sorted(self.superseded),
        }
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   [STATE, json.dumps(data, ensure_ascii=False, separators=(",", ":"))])


def _policy() -> str:
    """What the kept index depends on besides the database: a change of it builds the index anew."""
    return f"{MIN_MENTIONS}/{MIN_ARTICLES}/{len(common_words())}/{len(COMMON_NOUNS)}/{len(country_codes())}"


def _stamp(db: Store) -> int:
    row = db.execute("SELECT seq FROM crossref_counter WHERE id = 0").fetchone()
    return row[0] if row else 0


def _stamped_since(db: Store, seq: int) -> set[int]:
    """Articles written to since `seq` (article 0 stands for the corrections, which spreading does not read)."""
    rows = db.execute("SELECT article_id FROM crossref_stamps WHERE seq > ? AND article_id != 0", [seq])
    return {row[0] for row in rows}


def _shares(db: Store, article_ids: Collection[int]) -> dict[int, dict]:
    """Each article's share of the evidence, from its model mentions in the order stored."""
    by_article: dict[int, list[Mention]] = {article_id: [] for article_id in article_ids}
    if not by_article:
        return {}
    rows = db.execute(MENTIONS + " AND e.article_id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
                      [*LABELS, json.dumps(sorted(by_article))])
    for row in rows:
        by_article[row[0]].append(Mention(*row[:5], bool(row[5])))
    return {article_id: shares(article_id, mentions) for article_id, mentions in by_article.items()}


def _places(db: Store, jobs: dict[int, _Job], sure: set[str]) -> dict[int, tuple[list[Place], set[str]]]:
    """Each article's places of the forms its job looks for, and those it writes in lower case."""
    held = {article_id: job.held for article_id, job in jobs.items() if job.scope is not None}
    whole = {article_id for article_id, job in jobs.items() if job.scope is None}
    for article_id in whole:
        held[article_id] = set()
    for form, found in _holding_among(db, sure, whole):
        for article_id in found:
            held[article_id].add(form)
    places = {article_id: ([], set()) for article_id in jobs}
    for article_id, text, starts, taken in _articles(db, [article_id for article_id in jobs if held[article_id]], held):
        forms = held[article_id]
        places[article_id] = find_places(article_id, text, starts, forms, taken,
                                         lower=not all(is_common_word(form) for form in forms))
    return places


def _written(text: str, forms: Iterable[str]) -> bool:
    """Whether `text` may hold a place of one of `forms`, or the lower-case form of one whose
    lower-case form counts (a cheap test: most articles holding a form that stands in nearly
    every article, "Sagte", have only its lower-case form, which counts for nothing)."""
    return any(form in text or (form.lower() in text and not is_common_word(form)) for form in forms)


def _write(db: Store, jobs: dict[int, _Job], gone: Collection[int], spreads: list[Spread]) -> None:
    """Replace the corpus's mentions that `jobs` looked for again with `spreads`; an article
    gone or out of view keeps none."""
    whole = sorted(set(gone) | {article_id for article_id, job in jobs.items() if job.scope is None})
    db.execute("DELETE FROM entities WHERE origin = ? AND article_id IN (SELECT value FROM json_each(?))",
               [CORPUS, json.dumps(whole)])
    db.conn.executemany(
        "DELETE FROM entities WHERE origin = ? AND article_id = ? AND text IN (SELECT value FROM json_each(?))",
        [(CORPUS, article_id, json.dumps(sorted(job.scope)))
         for article_id, job in jobs.items() if job.scope is not None],
    )
    db.conn.executemany(
        "INSERT INTO entities (article_id, start, end, label, text, key, value, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(s.place.article, s.place.start, s.place.end, s.label, s.place.form, entity_key(s.place.form, s.label), None,
          CORPUS) for s in spreads],
    )


def _articles(db: Store, article_ids: list[int], held: dict[int, set[str]],
              batch: int = 500) -> Iterator[tuple[int, str, list[int], list[tuple[int, int]]]]:
    """Id, text, sentence starts and the spans its entities (not the corpus's) take, of each
    article where one of the forms it holds is written (`_written`), read in batches."""
    for first in range(0, len(article_ids), batch):
        texts = {
            article_id: text for article_id, text in db.execute(
                "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(article_ids[first:first + batch])])
            if _written(text, held[article_id])
        }
        chosen = json.dumps(sorted(texts))
        starts: dict[int, list[int]] = defaultdict(list)
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for article_id, start in db.execute(
                "SELECT article_id, start FROM sentences WHERE article_id IN (SELECT value FROM json_each(?))", [chosen]):
            starts[article_id].append(start)
        for article_id, start, end in db.execute(
                "SELECT article_id, start, end FROM entities WHERE article_id IN (SELECT value FROM json_each(?)) "
                "AND origin != ?", [chosen, CORPUS]):
            taken[article_id].append((start, end))
        for article_id, text in texts.items():
            yield article_id, text, starts[article_id], taken[article_id]


def _articles_holding(db: Store, form: str) -> list[int]:
    """Articles whose text has the form's words, in any case (the lower-case form is evidence too)."""
    phrase = _phrase(form)
    if phrase is None:
        return []
    return [row[0] for row in db.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ? AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.version_of = a.id) "
        f"AND {visible('a')}",
        [phrase],
    )]


def _holding_among(db: Store, forms: Iterable[str], article_ids: Collection[int]) -> Iterator[tuple[str, list[int]]]:
    """Each form with those of `article_ids` (articles in view) that hold it, as `_articles_holding` finds them.

    For a few articles, a temporary full-text table of just them (same columns, same
    tokenizer) answers each form in a tenth of the time the corpus's index takes, which
    cannot restrict a phrase query to some rows cheaply.
    """
    if len(article_ids) > FEW:
        for form in forms:
            yield form, [article_id for article_id in _articles_holding(db, form) if article_id in article_ids]
        return
    table = f"spread_fts_{secrets.token_hex(4)}"
    db.execute(f"CREATE VIRTUAL TABLE temp.{table} USING fts5(title, text, tokenize='{TOKENIZER}')")
    try:
        db.execute(f"INSERT INTO temp.{table} (rowid, title, text) SELECT id, title, text FROM articles "
                   "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(article_ids))])
        for form in forms:
            phrase = _phrase(form)
            if phrase is not None:
                rows = db.execute(f"SELECT rowid FROM temp.{table} WHERE {table} MATCH ?", [phrase])
                yield form, [row[0] for row in rows]
    finally:
        db.execute(f"DROP TABLE temp.{table}")


def _phrase(form: str) -> str | None:
    """The full-text query for a form's words as a phrase (None: it has no words)."""
    words = re.findall(r"\w+", form)
    return '"' + " ".join(words).replace('"', '""') + '"' if words else None


def _article(db: Store, article_id: int) -> tuple[str, list[int], list[tuple[int, int]]]:
    """An article's text, sentence starts and the spans its entities take."""
    (text,) = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    starts = [row[0] for row in db.execute("SELECT start FROM sentences WHERE article_id = ?", [article_id])]
    taken = [(row[0], row[1]) for row in db.execute(
        "SELECT start, end FROM entities WHERE article_id = ? AND origin != ?", [article_id, CORPUS])]
    return text, starts, taken
