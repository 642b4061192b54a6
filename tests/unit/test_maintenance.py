"""backup, check and a damaged database: through SQLite only, one line each (issue 12)."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gegenlesen.storage import claims as claim_store
from gegenlesen.storage.db import open_database
from gegenlesen.storage.maintenance import backup, checkpoint, integrity
from gegenlesen.storage.errors import StoreError

from .test_export_common import run


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Random bytes over the second half of a database no connection of this process holds."""
    size = path.stat().st_size
    rng = random.Random(7)
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(bytes(rng.randrange(256) for _ in range(size - size // 2)))


def test_a_backup_holds_what_is_still_in_the_wal_while_another_connection_is_open(handmade_db_path, tmp_path):
    db = open_database(handmade_db_path)
    other = open_database(handmade_db_path)  # keeps the WAL from being folded in at close
    claim_store.add_claim(db, 1, 0, 20, "kim")
    assert Path(str(handmade_db_path) + "-wal").stat().st_size > 0
    done = backup(db, tmp_path / "copy.db")
    other.close()
    db.close()
    assert (done.articles, done.claims) == (3, 1)
    assert count(tmp_path / "copy.db", "SELECT count(*) FROM claims") == 1
    assert not Path(str(tmp_path / "copy.db") + "-wal").exists()
    assert not list(tmp_path.glob(".copy.db.*"))  # no staging file left behind


def test_a_backup_never_replaces_the_database_itself(handmade_db_path):
    db = open_database(handmade_db_path)
    try:
        with pytest.raises(StoreError, match="the database itself"):
            backup(db, handmade_db_path)
    finally:
        db.close()


def test_the_command_refuses_to_overwrite_without_force(handmade_db_path, tmp_path, capsys):
    target = tmp_path / "b.db"
    assert run(capsys, "backup", str(target), "--db", str(handmade_db_path))[0] == 0
    code, _, err = run(capsys, "backup", str(target), "--db", str(handmade_db_path))
    assert code == 1 and "--force" in err
    assert run(capsys, "backup", str(target), "--force", "--db", str(handmade_db_path))[0] == 0


def test_checkpoint_puts_everything_into_the_db_file(handmade_db_path, tmp_path):
    db = open_database(handmade_db_path)
    claim_store.add_claim(db, 1, 0, 20, "kim")
    assert checkpoint(db)
    copy = tmp_path / "alone.db"
    # The .db file alone, as a plain copy takes it: by another process, since reading the file
    # here while `db` is open would drop this process's locks on it.
    subprocess.run(["cp", str(handmade_db_path), str(copy)], check=True)
    db.close()
    assert count(copy, "SELECT count(*) FROM claims") == 1


def test_check_says_ok_or_names_the_damage(handmade_db_path, capsys):
    code, out, _ = run(capsys, "check", "--db", str(handmade_db_path))
    assert code == 0 and out.strip().endswith(": ok")
    damage(handmade_db_path)
    assert integrity(handmade_db_path)
    code, out, err = run(capsys, "check", "--db", str(handmade_db_path))
    assert code == 1 and "is damaged" in err and ".recover" in err


@pytest.mark.parametrize("command", [["articles"], ["export", "--format", "jsonl"], ["import", "{seeds}"], ["read"]])
def test_a_damaged_database_is_one_line_and_stays_as_it_was(handmade_db_path, tmp_path, command):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Ein Text über Kiel.\n", encoding="utf-8")
    damage(handmade_db_path)
    before = handmade_db_path.read_bytes()
    argv = [part.format(seeds=seeds) for part in command]
    result = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "--db", str(handmade_db_path), *argv],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "is damaged" in result.stderr
    assert handmade_db_path.read_bytes() == before


def file_digest(path: Path) -> str:
    """The file's sha256, read by another process (this one may hold a connection to it)."""
    code = f"import hashlib; print(hashlib.sha256(open({str(path)!r}, 'rb').read()).hexdigest())"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_check_writes_nothing_not_even_the_checkpoint_of_a_wal_left_behind(handmade_db_path):
    killed = ("import os; from gegenlesen.storage.db import open_database; from gegenlesen.storage import claims; "
              f"db = open_database({str(handmade_db_path)!r}); claims.add_claim(db, 1, 0, 20, 'kim'); os._exit(9)")
    subprocess.run([sys.executable, "-c", killed], check=False)  # dies with the claim in its WAL
    wal = Path(str(handmade_db_path) + "-wal")
    before = file_digest(handmade_db_path), file_digest(wal)
    result = subprocess.run([sys.executable, "-m", "gegenlesen.tui.cli", "check", "--db", str(handmade_db_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith(": ok")
    assert wal.exists() and (file_digest(handmade_db_path), file_digest(wal)) == before
    assert count(handmade_db_path, "SELECT count(*) FROM claims") == 1  # the claim was there to see


def test_check_calls_a_text_file_no_database_and_never_advises_itself(tmp_path, capsys):
    text = tmp_path / "notiz.db"
    text.write_text("Einkaufsliste: Milch, Brot\n" * 100, encoding="utf-8")
    code, out, err = run(capsys, "check", "--db", str(text))
    assert code == 1 and "not a SQLite database" in out + err and ".recover" not in out + err
    damage_me = tmp_path / "d.db"
    db = open_database(damage_me)
    from gegenlesen.storage.library import seed_demo_corpus

    seed_demo_corpus(db)
    db.close()
    damage(damage_me)
    code, out, err = run(capsys, "check", "--db", str(damage_me))
    assert code == 1 and "run `gegenlesen check`" not in err and "quit" in err
