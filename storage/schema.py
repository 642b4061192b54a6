"""The schema as a list of migrations; `SCHEMA_VERSION` is how many there are."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations


migrations = Migrations("gegenlesen")


@migrations()
def m001_articles_and_analysis(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["articles"].create(
        {
            "id": int, "source": str, "title": str, "title_is_user": int, "sha256": str,
            "text": str, "words": int, "url": str, "published": str, "author": str,
            "imported_at": str, "pipeline": str, "analysed_at": str,
        },
        pk="id", not_null={"source", "title", "sha256", "text", "words", "imported_at"},
        defaults={"title_is_user": 0},
    )
    db["articles"].create_index(["sha256"], unique=True)
    db["sentences"].create(
        {"article_id": int, "idx": int, "start": int, "end": int},
        pk=("article_id", "idx"), foreign_keys=[("article_id", "articles", "id")],
        not_null={"start", "end"},
    )
    db["entities"].create(
        {"id": int, "article_id": int, "start": int, "end": int, "label": str, "text": str,
         "key": str, "value": str, "origin": str},
        pk="id", foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "label", "text", "key", "origin"},
    )
    db["entities"].create_index(["article_id", "start"])
    db["entities"].create_index(["key"])


@migrations()
def m002_claims(db: Database) -> None:
    db["claims"].create(
        {
            "id": int, "article_id": int, "start": int, "end": int, "quote": str, "prefix": str,
            "suffix": str, "type": str, "verdict": str, "worthiness": int, "note": str,
            "status": str, "orphaned": int, "annotator": str, "created": str, "modified": str,
        },
        pk="id", foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "quote", "status", "created", "modified"},
        defaults={"status": "claim", "orphaned": 0, "verdict": "unchecked", "worthiness": 1},
    )
    db["claims"].create_index(["article_id", "start"])


@migrations()
def m003_claim_history(db: Database) -> None:
    """Claims keep their ids for ever (AUTOINCREMENT, so an undone delete can restore one)
    and record who changed them last; every annotation action gets a history row."""
    db.execute(
        """
        CREATE TABLE claims_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            type TEXT,
            verdict TEXT NOT NULL DEFAULT 'unchecked',
            worthiness INTEGER NOT NULL DEFAULT 1,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'claim',
            orphaned INTEGER NOT NULL DEFAULT 0,
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            modified_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        INSERT INTO claims_v3 (id, article_id, start, "end", quote, prefix, suffix, type, verdict,
            worthiness, note, status, orphaned, annotator, created, modified, modified_by)
        SELECT id, article_id, start, "end", quote, coalesce(prefix, ''), coalesce(suffix, ''), type,
            coalesce(verdict, 'unchecked'), coalesce(worthiness, 1), coalesce(note, ''), status,
            coalesce(orphaned, 0), coalesce(annotator, ''), created, modified, coalesce(annotator, '')
        FROM claims
        """
    )
    db.execute("DROP TABLE claims")
    db.execute("ALTER TABLE claims_v3 RENAME TO claims")
    db.execute("CREATE INDEX claims_article_start ON claims (article_id, start)")
    db.execute(
        """
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            target INTEGER,
            before TEXT,
            after TEXT,
            annotator TEXT NOT NULL,
            at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'done'
        )
        """
    )
    db.execute("CREATE INDEX history_annotator_state ON history (annotator, state, seq)")


@migrations()
def m004_entity_keys(db: Database) -> None:
    """Entity keys now group names across labels and figures by their normalised value."""
    import json

    from gegenlesen.corpus.entities import entity_key

    rows = db.execute("SELECT id, text, label, value FROM entities").fetchall()
    db.conn.executemany(
        "UPDATE entities SET key = ? WHERE id = ?",
        [(entity_key(text, label, json.loads(value) if value else None), row_id) for row_id, text, label, value in rows],
    )


@migrations()
def m005_history_by_target(db: Database) -> None:
    """Undo asks whether a claim's add still stands: find a target's history fast."""
    db.execute("CREATE INDEX history_kind_target ON history (kind, target, seq)")


@migrations()
def m006_entity_corrections(db: Database) -> None:
    """The user's entity corrections: a surface form and its label (NULL: not an entity)."""
    db.execute(
        """
        CREATE TABLE entity_corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            surface TEXT NOT NULL UNIQUE,
            label TEXT,
            annotator TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            modified_by TEXT NOT NULL
        )
        """
    )


@migrations()
def m007_full_text_search(db: Database) -> None:
    """Full-text search over titles and texts (FTS5), kept in step with `articles` by
    triggers. unicode61 with diacritics removed: "Präsident" finds "Prasident" and back;
    prefixes of three characters are indexed for search as you type."""
    db.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='3'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END
        """
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


@migrations()
def m008_article_metadata(db: Database) -> None:
    """What an import finds besides the text (URL, publication date, author), which article
    an article is a new version of, and indexes to find an article by source or URL.

    Databases made since m001 already have url, published and author: only what is
    missing is added.
    """
    have = {column.name for column in db["articles"].columns}
    added = {
        "url": "TEXT", "published": "TEXT", "author": "TEXT",
        "version_of": "INTEGER REFERENCES articles(id) ON DELETE SET NULL",
    }
    for name, declaration in added.items():
        if name not in have:
            db.execute(f"ALTER TABLE articles ADD COLUMN {name} {declaration}")
    db.execute("CREATE INDEX IF NOT EXISTS articles_source ON articles (source)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles (url) WHERE url IS NOT NULL")


@migrations()
def m009_links(db: Database) -> None:
    """Links between claims (same claim, supports, contradicts, related), and the user's
    decisions on flagged conflicts. A link goes with either of its claims."""
    db.execute(
        """
        CREATE TABLE links (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            relation TEXT NOT NULL CHECK (relation IN ('same', 'supports', 'contradicts', 'related')),
            annotator TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            modified_by TEXT NOT NULL,
            CHECK (claim_a != claim_b)
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX links_pair ON links (min(claim_a, claim_b), max(claim_a, claim_b))")
    db.execute("CREATE INDEX links_claim_b ON links (claim_b)")
    db.execute(
        """
        CREATE TABLE conflict_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
            annotator TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )


@migrations()
def m010_history_batches(db: Database) -> None:
    """Actions done together (tag two sentences and link them) are undone together."""
    db.execute("ALTER TABLE history ADD COLUMN batch INTEGER")
    db.execute("CREATE INDEX history_batch ON history (batch) WHERE batch IS NOT NULL")


@migrations()
def m011_versions_index(db: Database) -> None:
    """Which article replaces which is asked for every article listed: index it."""
    db.execute("CREATE INDEX IF NOT EXISTS articles_version_of ON articles (version_of) WHERE version_of IS NOT NULL")


@migrations()
def m012_imports_in_batches(db: Database) -> None:
    """A file's articles are stored in short transactions, hidden until the file is whole
    (`storage/pending.py`): `articles.pending` names the import, `imports` the unfinished ones."""
    db.execute("ALTER TABLE articles ADD COLUMN pending TEXT")
    db.execute("CREATE INDEX articles_pending ON articles (pending) WHERE pending IS NOT NULL")
    db.execute(
        "CREATE TABLE imports (id TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, "
        "file TEXT NOT NULL, touched REAL NOT NULL)"
    )


CROSSREF_STAMPED = {
    "entities": ("INSERT", "DELETE", "UPDATE"),
    "sentences": ("INSERT", "DELETE"),
    "claims": ("INSERT", "DELETE", "UPDATE OF article_id, start, \"end\", status"),
    "articles": ("INSERT", "DELETE", "UPDATE OF text, title, pending, version_of"),
}
"""The writes that change what cross-reading compares, and so bump an article's stamp."""


@migrations()
def m013_crossref_stamps(db: Database) -> None:
    """Cross-reading keeps an index of passages (`storage/crossindex.py`) and rebuilds only
    the articles changed since it was built: every write to an article's text, sentences,
    entities or claims stamps the article with the next number of one counter; a change of
    the entity corrections, which apply to every article, stamps article 0 (everything)."""
    db.execute("CREATE TABLE crossref_counter (id INTEGER PRIMARY KEY CHECK (id = 0), seq INTEGER NOT NULL)")
    db.execute("INSERT INTO crossref_counter (id, seq) VALUES (0, 1)")
    db.execute("CREATE TABLE crossref_stamps (article_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)")
    db.execute("CREATE INDEX crossref_stamps_seq ON crossref_stamps (seq)")
    db.execute("INSERT INTO crossref_stamps (article_id, seq) VALUES (0, 1)")
    for table, events in CROSSREF_STAMPED.items():
        for event in events:
            for row in (("new", "old") if event.startswith("UPDATE") else ("new",) if event == "INSERT" else ("old",)):
                column = "id" if table == "articles" else "article_id"
                name = f"crossref_{table}_{event.split()[0].lower()}_{row}"
                db.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                    "UPDATE crossref_counter SET seq = seq + 1 WHERE id = 0; "
                    f"INSERT OR REPLACE INTO crossref_stamps (article_id, seq) "
                    f"VALUES ({row}.{column}, (SELECT seq FROM crossref_counter WHERE id = 0)); END"
                )
    for event in ("INSERT", "DELETE", "UPDATE"):
        db.execute(
            f"CREATE TRIGGER crossref_corrections_{event.lower()} AFTER {event} ON entity_corrections BEGIN "
            "UPDATE crossref_counter SET seq = seq + 1 WHERE id = 0; "
            "INSERT OR REPLACE INTO crossref_stamps (article_id, seq) "
            "VALUES (0, (SELECT seq FROM crossref_counter WHERE id = 0)); END"
        )


@migrations()
def m014_curated_verdicts(db: Database) -> None:
    """The verdict a lead chose where annotators judged a span differently (`storage/curation.py`):
    kept on each claim of that span, with who chose it and when; NULL where nobody curated."""
    for column in ("curated", "curated_by", "curated_at"):
        db.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT")
