"""Open the one SQLite file safely: checks before touching it, pragmas, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from gegenlesen.storage.errors import StoreError, StoreLost, damaged, translate
from gegenlesen.storage.version import SCHEMA_VERSION

APPLICATION_ID = 0x67676C6E  # "ggln": marks a file as gegenlesen's
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """Where the database lives unless --db or GEGENLESEN_DB say otherwise."""
    env = os.environ.get("GEGENLESEN_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("gegenlesen", appauthor=False) / "gegenlesen.db"


MIN_DATABASE_SIZE = 512  # SQLite's smallest page: a shorter file that is not empty is no database


def check_path(path: Path, create_parent: bool = False) -> bool:
    """Refuse paths we could not use or must not touch; True if the file already exists.

    Only `stat` and `access`: the file itself is never opened here. Closing any descriptor
    of a database file drops every POSIX lock this process holds on it, after which another
    process takes itself for the last user and deletes the WAL under our connections
    (SQLite's "How To Corrupt An SQLite Database File", section 2.2). The header is checked
    by SQLite itself, in `open_database`.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    parent = path.parent
    if not parent.exists():
        if not create_parent:
            raise StoreError(f"cannot open database {path}: directory {parent} does not exist")
        parent.mkdir(parents=True, exist_ok=True)
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise StoreError(f"cannot read database {path}: {error.strerror}") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        # SQLite would open a FIFO and wait on it for ever, or read a device
        raise StoreError(f"{path} is not a regular file (a FIFO, device or socket); nothing was opened")
    size = None if status is None else status.st_size
    if size is not None:
        if 0 < size < MIN_DATABASE_SIZE:
            raise StoreError(f"{path} is not a SQLite database; nothing was changed")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read database {path}: permission denied")
        if not os.access(path, os.W_OK):
            raise StoreError(f"database {path} is read-only; gegenlesen needs to write to it")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"cannot write in {parent}: gegenlesen needs a writable directory for its database")
    return size is not None


class Store:
    """One connection to a gegenlesen database.

    Queries are plain SQL on the sqlite3 connection; sqlite-utils, which with numpy costs
    about 150 ms to import, is loaded only for what needs it (migrations, `utils`), so the
    reader's first frame on an up-to-date database never pays for it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._utils = None
        self.identity = _identity(path)
        """The file this connection writes to (device, inode), as it was when it was opened."""

    def check_file(self) -> None:
        """Raise StoreLost unless the file at `path` is still the one this connection writes to.

        SQLite keeps writing into a deleted or replaced file through its open descriptor, and
        such writes reach nobody: a commit is only real while the path still names its file.
        """
        now = _identity(self.path)
        if now is None:
            raise StoreLost(f"the database file {self.path} was deleted")
        if self.identity is not None and now != self.identity:
            raise StoreLost(f"the database file {self.path} was replaced by another file")

    def owns(self, path: Path | str) -> bool:
        """Whether `path` is this database's file or one of its journals (checked by `stat` alone).

        Such a file must never be read with `open()`: closing that descriptor would drop
        this process's locks on the database."""
        found = _identity(Path(path))
        if found is None:
            return False
        names = [self.path] + [self.path.with_name(self.path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
        return found in {_identity(name) for name in names} - {None}

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement; SQLite's errors that mean busy, lost or damaged come out as ours."""
        try:
            return self.conn.execute(sql, parameters)
        except sqlite3.Error as error:
            ours = translate(error, self.path)
            if ours is error:
                raise
            raise ours from None

    @property
    def utils(self):
        """The same connection as a `sqlite_utils.Database`."""
        if self._utils is None:
            from sqlite_utils import Database

            self._utils = Database(self.conn)
        return self._utils

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def connect(path: Path | str, create: bool = False, read_only: bool = False) -> Store:
    """A connection in autocommit mode with a busy timeout and foreign keys.

    Only `create` makes a missing file: a worker's connection to a database that was deleted
    meanwhile must fail (StoreLost), not start an empty one at its path. `read_only` writes
    nothing, not even the checkpoint SQLite makes when the last connection closes.
    """
    mode = "ro" if read_only else "rwc" if create else "rw"
    uri = f"{Path(path).absolute().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.OperationalError as error:
        if not Path(path).exists():
            raise StoreLost(f"the database file {path} is gone (deleted or moved)") from None
        raise StoreError(f"cannot open database {path}: {error}") from None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return Store(conn, Path(path))


def _verify_owner(db: Store, path: Path) -> None:
    """Refuse a file that is not SQLite, is damaged, is another program's or is too new.

    The rule for "ours": our application_id; or application_id 0 (what a new file has, and
    what SQLite gives a 0-byte file) with user_version 0 and nothing in the schema, which
    is a file that was just created, perhaps by another gegenlesen starting at the same
    moment. Any other application_id is another program's, and so is a file with
    application_id 0 whose user_version or schema another program has set, e.g. one made
    by `sqlite3 x.db 'PRAGMA user_version=3'`.
    """
    try:
        application_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
        version = db.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        objects = db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise StoreError(f"{path} is not a SQLite database; nothing was changed") from None
        if "malformed" in str(error):
            raise damaged(path) from None
        raise StoreError(f"{path} is not a usable SQLite database ({error}); nothing was changed") from None
    if application_id != APPLICATION_ID and tables - {"_sqlite_migrations"}:
        raise StoreError(f"{path} belongs to another program (tables: {', '.join(sorted(tables)[:4])}); nothing was changed")
    if application_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path} belongs to another program (its SQLite application id is {application_id}, "
                         "not gegenlesen's); nothing was changed")
    if application_id == 0 and (version != 0 or objects):
        raise StoreError(f"{path} belongs to another program (an SQLite file without gegenlesen's application id, "
                         f"user_version {version}, {objects} schema objects); nothing was changed")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer gegenlesen (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); upgrade gegenlesen to open it. Nothing was changed."
        )


def open_database(path: Path | str, create_parent: bool = False) -> Store:
    """Open (or create) a gegenlesen database and bring its schema up to date.

    Raises:
        StoreError: with a one-line message, when the file is missing its directory,
            read-only, not SQLite, another program's, or from a newer gegenlesen.
    """
    path = Path(path)
    check_path(path, create_parent=create_parent)
    db = connect(path, create=True)
    try:
        _verify_owner(db, path)
        _use_wal(db)
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            with write(db):
                _verify_owner(db, path)  # again, under the write lock: the file may have changed meanwhile
                if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db)
    except sqlite3.DatabaseError as error:
        db.close()
        ours = translate(error, path)
        raise ours if isinstance(ours, StoreError) else StoreError(f"cannot use database {path}: {error}") from None
    except BaseException:
        db.close()
        raise
    return db


def _use_wal(db: Store) -> None:
    """Switch a new database to WAL. SQLite answers "locked" at once, without waiting, when
    another connection is opening the same new file, so wait and retry here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _migrate(db: Store) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    from gegenlesen.storage.schema import migrations

    with write(db):
        # Re-read inside the write lock: another instance may have migrated meanwhile.
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        migrations.apply(db.utils)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def write(db: Store) -> Iterator[Store]:
    """One write transaction taken with BEGIN IMMEDIATE, so it never fails half-way on a lock.

    Nested, it is a savepoint inside the transaction already open. SQLite's errors that mean
    the database is busy, gone or damaged come out as StoreBusy, StoreLost or StoreDamaged.
    The commit counts only if the database file is still the one this connection opened:
    otherwise StoreLost says that what was written did not reach it.

    Raises:
        StoreBusy, StoreLost, StoreDamaged, StoreError: with a one-line message.
    """
    if db.conn.in_transaction:
        import secrets  # (only a nested transaction needs a name)

        name = f"nested_{secrets.token_hex(8)}"
        db.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            db.execute(f"ROLLBACK TO SAVEPOINT {name}")
            db.execute(f"RELEASE SAVEPOINT {name}")
            raise
        db.execute(f"RELEASE SAVEPOINT {name}")
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise _ours(db, error) from None
    try:
        db.check_file()
        yield db
        db.conn.execute("COMMIT")
    except sqlite3.Error as error:
        _rollback(db)
        raise _ours(db, error) from None
    except BaseException:
        _rollback(db)
        raise
    db.check_file()


def _rollback(db: Store) -> None:
    if not db.conn.in_transaction:
        return
    try:
        db.conn.rollback()
    except sqlite3.Error:
        pass  # the transaction is gone with the file (I/O error); the error that got here says so


def _ours(db: Store, error: sqlite3.Error) -> Exception:
    """SQLite's error as ours; a file that was deleted or replaced makes any failure StoreLost."""
    try:
        db.check_file()
    except StoreLost as lost:
        return lost
    return translate(error, db.path)
