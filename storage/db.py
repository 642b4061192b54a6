"""Open the one SQLite file safely: checks before touching it, pragmas, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from gegenlesen.storage.errors import StoreError
from gegenlesen.storage.schema import SCHEMA_VERSION, migrations

APPLICATION_ID = 0x67676C6E  # "ggln": marks a file as gegenlesen's
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """Where the database lives unless --db or GEGENLESEN_DB say otherwise."""
    env = os.environ.get("GEGENLESEN_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("gegenlesen", appauthor=False) / "gegenlesen.db"


def check_path(path: Path, create_parent: bool = False) -> bool:
    """Refuse paths we could not use or must not touch; True if the file already exists."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    parent = path.parent
    if not parent.exists():
        if not create_parent:
            raise StoreError(f"cannot open database {path}: directory {parent} does not exist")
        parent.mkdir(parents=True, exist_ok=True)
    exists = path.exists()
    if exists:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise StoreError(f"cannot read database {path}: {error.strerror}") from None
        if header and header != SQLITE_HEADER:
            raise StoreError(f"{path} is not a SQLite database; nothing was changed")
        if not header and path.stat().st_size:
            raise StoreError(f"{path} is not a SQLite database; nothing was changed")
        if not os.access(path, os.W_OK):
            raise StoreError(f"database {path} is read-only; gegenlesen needs to write to it")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"cannot write in {parent}: gegenlesen needs a writable directory for its database")
    return exists


def connect(path: Path | str) -> Database:
    """A connection in autocommit mode with WAL, a busy timeout and foreign keys."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn)


def _verify_owner(db: Database, path: Path) -> None:
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = set(db.table_names())
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a usable SQLite database ({error}); nothing was changed") from None
    if application_id != APPLICATION_ID and tables - {"_sqlite_migrations"}:
        raise StoreError(f"{path} belongs to another program (tables: {', '.join(sorted(tables)[:4])}); nothing was changed")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer gegenlesen (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); upgrade gegenlesen to open it. Nothing was changed."
        )


def open_database(path: Path | str, create_parent: bool = False) -> Database:
    """Open (or create) a gegenlesen database and bring its schema up to date.

    Raises:
        StoreError: with a one-line message, when the file is missing its directory,
            read-only, not SQLite, another program's, or from a newer gegenlesen.
    """
    path = Path(path)
    check_path(path, create_parent=create_parent)
    db = connect(path)
    try:
        _verify_owner(db, path)
        db.execute("PRAGMA journal_mode = WAL")
        with write(db):
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise StoreError(f"cannot use database {path}: {error}") from None
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: Database) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    with write(db):
        # Re-read inside the write lock: another instance may have migrated meanwhile.
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction taken with BEGIN IMMEDIATE, so it never fails half-way on a lock."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.execute("COMMIT")
