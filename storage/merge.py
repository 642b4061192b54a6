"""Bring another person's database into this one: articles, analysis, claims, links, corrections.

The other file is opened through SQLite only, read-only; one from an older gegenlesen is
copied with SQLite's backup API into a temporary file, which is migrated and read instead,
so the original is never changed. Everything is written in one transaction, as one history
batch of the person merging, so one `u` in the reader takes all of it back, the new articles
with their analysis too (`storage/history.py`: refused while someone's later work on those
articles stands), and redo brings it back. Merging the same file again adds nothing:

- articles are matched by the sha256 of their text; a new one comes with its sentences
  and entities, so it needs no analysis;
- a claim is the same claim when the same annotator tagged the same span of the same text;
  then the newer of the two (by `modified`) wins. Two annotators' claims on one span stay two;
- links are matched by their two claims, entity corrections by surface form, conflict
  decisions by key. A correction or decision that contradicts a local one is reported and
  not applied.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gegenlesen.storage import history
from gegenlesen.storage.db import APPLICATION_ID, MIN_DATABASE_SIZE, Store, connect, open_database
from gegenlesen.storage.errors import StoreError, damaged
from gegenlesen.storage.version import SCHEMA_VERSION

ARTICLE_COLUMNS = ("id", "source", "title", "title_is_user", "sha256", "text", "words", "url", "published", "author",
                   "imported_at", "pipeline", "analysed_at", "version_of")
CLAIM_COLUMNS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "type", "verdict", "worthiness",
                 "note", "status", "orphaned", "annotator", "created", "modified", "modified_by", "curated",
                 "curated_by", "curated_at")
JUDGED = ("type", "verdict", "worthiness", "note", "orphaned", "curated", "curated_by", "curated_at",
          "modified", "modified_by")
"""What a newer copy of the same claim brings: its judgement and when it was made."""
LINK_COLUMNS = ("id", "claim_a", "claim_b", "relation", "annotator", "created", "modified", "modified_by")
CORRECTION_COLUMNS = ("id", "surface", "label", "annotator", "created", "modified", "modified_by")
DECISION_COLUMNS = ("id", "key", "decision", "annotator", "at")


class MergeError(StoreError):
    """A file that cannot be merged; the message says why in one line, and nothing was changed."""


@dataclass
class MergeReport:
    """What a merge brought in, and what it left out because it contradicts this database."""

    articles_added: int = 0
    articles_known: int = 0
    claims_added: int = 0
    claims_updated: int = 0
    links_added: int = 0
    corrections_added: int = 0
    decisions_added: int = 0
    contradictions: list[str] = field(default_factory=list)
    migrated_from: int | None = None
    """The other file's schema when it was older (a migrated copy was read)."""

    @property
    def changed(self) -> bool:
        return any((self.articles_added, self.claims_added, self.claims_updated, self.links_added,
                    self.corrections_added, self.decisions_added))

    def summary(self) -> str:
        def count(number: int, noun: str) -> str:
            return f"{number} {noun}{'s' * (number != 1)}"

        parts = [f"{count(self.articles_added, 'new article')} ({self.articles_known} already here)",
                 f"{count(self.claims_added, 'claim')} added", f"{self.claims_updated} updated",
                 f"{count(self.links_added, 'link')}", f"{count(self.corrections_added, 'entity correction')}",
                 f"{count(self.decisions_added, 'conflict decision')}"]
        return "merged " + ", ".join(parts)


def open_other(db: Store, path: Path) -> tuple[Store, int]:
    """The other database, read-only, and its schema version, after every check.

    Raises:
        MergeError: for a missing file, a directory, this database itself, a file that is
            not SQLite or not gegenlesen's, a newer schema, or a damaged file.
    """
    if not path.exists():
        raise MergeError(f"{path} does not exist; nothing was merged")
    if not path.is_file():
        raise MergeError(f"{path} is not a file; nothing was merged")
    if db.owns(path):
        raise MergeError(f"{path} is this database itself; nothing to merge")
    if path.stat().st_size < MIN_DATABASE_SIZE:
        raise MergeError(f"{path} is not a gegenlesen database (not SQLite); nothing was merged")
    other = connect(path, read_only=True)
    try:
        application_id = other.conn.execute("PRAGMA application_id").fetchone()[0]
        version = other.conn.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise MergeError(f"{path} is not a gegenlesen database (another program's SQLite file); nothing was merged")
        if version > SCHEMA_VERSION:
            raise MergeError(f"{path} was written by a newer gegenlesen (schema {version}; this one knows up to "
                             f"{SCHEMA_VERSION}); upgrade gegenlesen to merge it. Nothing was merged.")
        found = [row[0] for row in other.conn.execute("PRAGMA quick_check(1)")]
        if found != ["ok"]:
            problem = " ".join(str(found[0]).replace("*** in database main ***", "").split())
            raise MergeError(f"{path} is damaged ({problem}); nothing was merged")
    except sqlite3.DatabaseError as error:
        other.close()
        text = str(error).lower()
        if "not a database" in text:
            raise MergeError(f"{path} is not a gegenlesen database (not SQLite); nothing was merged") from None
        if "malformed" in text:
            raise MergeError(f"{damaged(path)} Nothing was merged.") from None
        raise MergeError(f"{path} cannot be read ({error}); nothing was merged") from None
    except BaseException:
        other.close()
        raise
    return other, version


def merge(db: Store, path: Path | str, annotator: str) -> MergeReport:
    """Merge the database at `path` into `db`, as `annotator` (whose `u` takes it back).

    Raises:
        MergeError: when the file cannot be merged (see `open_other`); nothing was changed.
        StoreBusy, StoreLost, StoreError: when this database cannot be written.
    """
    path = Path(path)
    other, version = open_other(db, path)
    report = MergeReport()
    with tempfile.TemporaryDirectory(prefix="gegenlesen-merge-") as scratch:
        try:
            if version < SCHEMA_VERSION:
                report.migrated_from = version
                other = _migrated_copy(other, Path(scratch) / "other.db")
            data = _read(other)
        except sqlite3.DatabaseError as error:
            raise MergeError(f"{path} cannot be read ({error}); nothing was merged") from None
        finally:
            other.close()
    with history.batch(db):
        articles = _merge_articles(db, data, annotator, report)
        claims = _merge_claims(db, data, articles, annotator, report)
        _merge_links(db, data, claims, annotator, report)
        _merge_corrections(db, data, annotator, report)
        _merge_decisions(db, data, annotator, report)
    return report


def _migrated_copy(other: Store, target: Path) -> Store:
    """A copy of `other` in `target`, brought to this schema; `other` is closed."""
    copy = sqlite3.connect(target)
    try:
        other.conn.backup(copy)
    finally:
        copy.close()
        other.close()
    migrated = open_database(target)
    migrated.conn.execute("PRAGMA query_only = ON")
    return migrated


def _rows(db: Store, sql: str, columns: tuple[str, ...]) -> list[dict]:
    return [dict(zip(columns, row)) for row in db.conn.execute(sql)]


def _read(other: Store) -> dict:
    from gegenlesen.storage.pending import visible

    listed = ", ".join(f'"{name}"' for name in ARTICLE_COLUMNS)
    articles = _rows(other, f"SELECT {listed} FROM articles WHERE {visible()} ORDER BY id", ARTICLE_COLUMNS)
    known = {article["id"] for article in articles}
    sentences: dict[int, list[tuple]] = {}
    for row in other.conn.execute('SELECT article_id, idx, start, "end" FROM sentences ORDER BY article_id, idx'):
        if row[0] in known:
            sentences.setdefault(row[0], []).append(row[1:])
    entities: dict[int, list[tuple]] = {}
    for row in other.conn.execute('SELECT article_id, start, "end", label, text, key, value, origin FROM entities '
                                  "ORDER BY article_id, start, id"):
        if row[0] in known:
            entities.setdefault(row[0], []).append(row[1:])
    listed = ", ".join(f'"{name}"' for name in CLAIM_COLUMNS)
    claims = [claim for claim in _rows(other, f"SELECT {listed} FROM claims WHERE status = 'claim' ORDER BY id",
                                       CLAIM_COLUMNS) if claim["article_id"] in known]
    return {
        "articles": articles, "sentences": sentences, "entities": entities, "claims": claims,
        "links": _rows(other, f"SELECT {', '.join(LINK_COLUMNS)} FROM links ORDER BY id", LINK_COLUMNS),
        "corrections": _rows(other, f"SELECT {', '.join(CORRECTION_COLUMNS)} FROM entity_corrections ORDER BY id",
                             CORRECTION_COLUMNS),
        "decisions": _rows(other, f"SELECT {', '.join(DECISION_COLUMNS)} FROM conflict_decisions ORDER BY id",
                           DECISION_COLUMNS),
    }


def _insert(db: Store, table: str, row: dict) -> int:
    columns = ", ".join(f'"{name}"' for name in row)
    return db.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})",
                      list(row.values())).lastrowid


def _merge_articles(db: Store, data: dict, annotator: str, report: MergeReport) -> dict[int, int]:
    """Add the articles this database lacks, each with a history row; other article id -> local id."""
    local = dict(db.execute("SELECT sha256, id FROM articles"))
    mapped: dict[int, int] = {}
    added: list[dict] = []
    for article in data["articles"]:
        if article["sha256"] in local:
            mapped[article["id"]] = local[article["sha256"]]
            report.articles_known += 1
            continue
        row = {name: value for name, value in article.items() if name not in ("id", "version_of")}
        mapped[article["id"]] = local[article["sha256"]] = new_id = _insert(db, "articles", row)
        # Only the id: undo keeps the whole article in this row when it takes it back.
        history.record(db, "add", history.ARTICLES, new_id, None, {"id": new_id}, annotator)
        added.append(article)
        report.articles_added += 1
    for article in added:
        new_id = mapped[article["id"]]
        db.conn.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                            [(new_id, *row) for row in data["sentences"].get(article["id"], ())])
        db.conn.executemany(
            'INSERT INTO entities (article_id, start, "end", label, text, key, value, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [(new_id, *row) for row in data["entities"].get(article["id"], ())],
        )
        if article["version_of"] in mapped:
            db.execute("UPDATE articles SET version_of = ? WHERE id = ?", [mapped[article["version_of"]], new_id])
    return mapped


def _merge_claims(db: Store, data: dict, articles: dict[int, int], annotator: str, report: MergeReport) -> dict[int, int]:
    """Add the other's claims, or bring a local copy up to a newer one; other claim id -> local id."""
    listed = ", ".join(f'"{name}"' for name in CLAIM_COLUMNS)
    local = {(row["article_id"], row["start"], row["end"], row["annotator"]): row
             for row in _rows(db, f"SELECT {listed} FROM claims WHERE status = 'claim'", CLAIM_COLUMNS)}
    mapped: dict[int, int] = {}
    for claim in data["claims"]:
        article_id = articles[claim["article_id"]]
        key = (article_id, claim["start"], claim["end"], claim["annotator"])
        mine = local.get(key)
        if mine is None:
            row = {**{name: value for name, value in claim.items() if name != "id"}, "article_id": article_id}
            new_id = _insert(db, "claims", row)
            history.record(db, "add", "claims", new_id, None, {"id": new_id, **row}, annotator)
            local[key] = {"id": new_id, **row}
            mapped[claim["id"]] = new_id
            report.claims_added += 1
            continue
        mapped[claim["id"]] = mine["id"]
        if claim["modified"] > mine["modified"] and any(claim[name] != mine[name] for name in JUDGED):
            after = {name: claim[name] for name in JUDGED}
            assignments = ", ".join(f'"{name}" = ?' for name in after)
            db.execute(f"UPDATE claims SET {assignments} WHERE id = ?", [*after.values(), mine["id"]])
            history.record(db, "update", "claims", mine["id"], {name: mine[name] for name in JUDGED}, after, annotator)
            mine.update(after)
            report.claims_updated += 1
    return mapped


def _merge_links(db: Store, data: dict, claims: dict[int, int], annotator: str, report: MergeReport) -> None:
    pairs = {(min(a, b), max(a, b)): relation for a, b, relation in db.execute("SELECT claim_a, claim_b, relation FROM links")}
    for link in data["links"]:
        a, b = claims.get(link["claim_a"]), claims.get(link["claim_b"])
        if a is None or b is None or a == b:
            continue
        pair = (min(a, b), max(a, b))
        if pair in pairs:
            if pairs[pair] != link["relation"]:
                report.contradictions.append(f"link of claims #{a} and #{b}: here '{pairs[pair]}', "
                                             f"there '{link['relation']}' (kept '{pairs[pair]}')")
            continue
        row = {**{name: value for name, value in link.items() if name != "id"}, "claim_a": a, "claim_b": b}
        new_id = _insert(db, "links", row)
        history.record(db, "add", "links", new_id, None, {"id": new_id, **row}, annotator)
        pairs[pair] = link["relation"]
        report.links_added += 1


def _merge_corrections(db: Store, data: dict, annotator: str, report: MergeReport) -> None:
    local = dict(db.execute("SELECT surface, label FROM entity_corrections"))
    for correction in data["corrections"]:
        surface = correction["surface"]
        if surface in local:
            if local[surface] != correction["label"]:
                report.contradictions.append(
                    f"entity correction of “{surface}”: here {local[surface] or 'no entity'}, there "
                    f"{correction['label'] or 'no entity'} by {correction['annotator']} (kept {local[surface] or 'no entity'})")
            continue
        row = {name: value for name, value in correction.items() if name != "id"}
        new_id = _insert(db, "entity_corrections", row)
        history.record(db, "add", "entity_corrections", new_id, None, {"id": new_id, **row}, annotator)
        local[surface] = correction["label"]
        report.corrections_added += 1


def _merge_decisions(db: Store, data: dict, annotator: str, report: MergeReport) -> None:
    local = dict(db.execute("SELECT key, decision FROM conflict_decisions"))
    for decision in data["decisions"]:
        if decision["key"] in local:
            if local[decision["key"]] != decision["decision"]:
                report.contradictions.append(f"a flagged conflict: here {local[decision['key']]}, there "
                                             f"{decision['decision']} (kept {local[decision['key']]})")
            continue
        row = {name: value for name, value in decision.items() if name != "id"}
        new_id = _insert(db, "conflict_decisions", row)
        history.record(db, "add", "conflict_decisions", new_id, None, {"id": new_id, **row}, annotator)
        local[decision["key"]] = decision["decision"]
        report.decisions_added += 1
