"""Undo and redo for every annotation action, kept in SQLite so they survive a restart.

Each action writes its change and one history row in the same transaction. A row holds
the state before and after (whole rows for add and delete, the changed fields for an
update). Each annotator has their own undo and redo: undo takes their newest 'done' row
back to its `before`; redo takes their oldest 'undone' row forward to its `after`; a new
action discards what could have been redone. A merge is one batch that also adds articles:
undoing it takes them back with everything on them (`storage/merged_articles.py`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from gegenlesen.corpus.display import plural
from gegenlesen.storage import merged_articles
from gegenlesen.storage.clock import now
from gegenlesen.storage.db import Store, write

TABLES = {"claims", "entity_corrections", "links", "conflict_decisions"}  # what history may write to
ARTICLES = "articles"
"""Articles a merge brought in: not in TABLES, since only their whole batch takes them back
(with their sentences, entities and claims) or brings them back (`storage/merged_articles.py`)."""
KIND_NAMES = {"claims": "claim", "entity_corrections": "correction", "links": "link", "conflict_decisions": "conflict decision",
              ARTICLES: "article"}
DEPENDENTS = "_dependents"
"""A deleted row's `before` may carry the rows that went with it ({"links": [...]}): they
come back with it, where everything they point to is there again."""


@dataclass(frozen=True)
class Step:
    """One undone or redone action, for the screen to say what happened."""

    action: str
    kind: str
    target: int
    direction: str  # "undo" or "redo"
    fields: tuple[str, ...] = ()
    """For an update, the fields it changed."""
    changed: bool = True
    """False when someone else's later work left nothing to take back (or bring back)."""
    subject: str = ""
    """What the row is about, where a number says little (a correction's surface form)."""
    more: int = 0
    """How many more changes were made with it, in one batch."""
    counts: tuple[tuple[str, str, int], ...] = ()
    """(action, kind, how many) of a batch that brought articles (a merge): told in full."""
    refused: str = ""
    """Why nothing was done (a merge whose articles others have worked on since)."""

    def describe(self) -> str:
        verb = "Undid" if self.direction == "undo" else "Redid"
        if self.refused:
            return f"Cannot {self.direction} the merge: {self.refused}. Nothing changed."
        if self.counts:
            return f"{verb}: {_told(self.counts)}"
        thing = f"{KIND_NAMES.get(self.kind, self.kind)} #{self.target}"
        if self.subject:
            thing = f"{KIND_NAMES.get(self.kind, self.kind)} of “{self.subject}”"
        what = f"{', '.join(self.fields)} of {thing}" if self.fields else f"{self.action} {thing}"
        if self.more:
            what += f" and {plural(self.more, 'more change')} made with it"
        if not self.changed:
            return f"{verb}: {what}, but nothing changed: it was changed or deleted since, by someone else"
        return f"{verb}: {what}"


def _told(counts: tuple[tuple[str, str, int], ...]) -> str:
    """'add 1 article with its analysis, 2 claims, 1 link; update 1 claim'."""
    parts = []
    for action in ("add", "update", "delete"):
        things = []
        for done, kind, number in counts:
            if done == action:
                noun = KIND_NAMES.get(kind, kind)
                things.append(f"{number} {noun}{'s' * (number != 1)}"
                              + (" with their analysis" if number != 1 else " with its analysis") * (kind == ARTICLES))
        if things:
            parts.append(f"{action} {', '.join(things)}")
    return "; ".join(parts)


_batch: ContextVar[list[int] | None] = ContextVar("history_batch", default=None)


@contextmanager
def batch(db: Store) -> Iterator[None]:
    """One transaction whose actions are undone and redone as one (confirming a conflict
    tags two sentences and links them: one `u` takes all of it back)."""
    if _batch.get() is not None:  # already inside one: it is all one batch
        yield
        return
    token = _batch.set([])
    try:
        with write(db):
            yield
    finally:
        _batch.reset(token)


def record(db: Store, action: str, kind: str, target: int, before: dict | None, after: dict | None, annotator: str) -> None:
    """Add a history row; call inside the action's own write transaction."""
    # What can no longer be redone needs no copy of the articles an undone merge took back.
    db.execute("UPDATE history SET state = 'discarded', after = CASE WHEN kind = ? THEN json_object('id', target) "
               "ELSE after END WHERE annotator = ? AND state = 'undone'", [ARTICLES, annotator])
    cursor = db.execute(
        "INSERT INTO history (action, kind, target, before, after, annotator, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [action, kind, target, _dump(before), _dump(after), annotator, now()],
    )
    grouped = _batch.get()
    if grouped is not None:
        if not grouped:
            grouped.append(cursor.lastrowid)  # the batch is known by its first row
        db.execute("UPDATE history SET batch = ? WHERE seq = ?", [grouped[0], cursor.lastrowid])


def update_row(db: Store, kind: str, target: int, current: dict, changes: dict, annotator: str) -> None:
    """Change fields of one row, stamped with who changed it and when, and record the
    change; `current` is the row as it is. Call inside the action's write transaction."""
    if kind not in TABLES:
        raise ValueError(f"history cannot restore {kind!r}")
    after = {**changes, "modified": now(), "modified_by": annotator}
    before = {name: current[name] for name in after}
    assignments = ", ".join(f'"{column}" = ?' for column in after)
    db.execute(f"UPDATE {kind} SET {assignments} WHERE id = ?", [*after.values(), target])
    record(db, "update", kind, target, before, after, annotator)


def undo(db: Store, annotator: str) -> Step | None:
    """Take back the annotator's newest action; None when there is nothing to undo."""
    return _step(db, annotator, "undo")


def redo(db: Store, annotator: str) -> Step | None:
    """Do again the annotator's most recently undone action; None when there is none."""
    return _step(db, annotator, "redo")


def _step(db: Store, annotator: str, direction: str) -> Step | None:
    # undo: newest 'done' row, back to its before; redo: oldest 'undone' row, on to its after.
    state, newest_first, next_state = ("done", True, "undone") if direction == "undo" else ("undone", False, "done")
    order = "DESC" if newest_first else "ASC"
    columns = "seq, action, kind, target, before, after, batch"
    with write(db):
        row = db.execute(
            f"SELECT {columns} FROM history WHERE annotator = ? AND state = ? ORDER BY seq {order} LIMIT 1",
            [annotator, state],
        ).fetchone()
        if row is None:
            return None
        rows = [row]
        if row[6] is not None:  # a batch: all of it, in the same order
            rows = db.execute(
                f"SELECT {columns} FROM history WHERE annotator = ? AND state = ? AND batch = ? ORDER BY seq {order}",
                [annotator, state, row[6]],
            ).fetchall()
        took = [target for _, action, kind, target, *_ in rows if kind == ARTICLES]
        if took:
            refused = _articles_refused(db, rows, direction)
            if refused:
                _, action, kind, target, *_ = rows[-1] if newest_first else rows[0]
                return Step(action, kind, target, direction, changed=False, more=len(rows) - 1, refused=refused)
        changed = False
        for seq, action, kind, target, before, after, _ in rows:
            wanted, replaced = (_load(before), _load(after)) if direction == "undo" else (_load(after), _load(before))
            changes = db.conn.total_changes
            if kind == ARTICLES:
                # Undo keeps the whole article in its history row, redo takes it out again.
                if direction == "undo":
                    saved = merged_articles.take(db, target)
                else:
                    saved = merged_articles.bring(db, _load(after))
                db.execute("UPDATE history SET after = ? WHERE seq = ?", [_dump({"id": target, **saved}), seq])
            else:
                _restore(db, kind, target, action, wanted, replaced, annotator)
            changed = changed or db.conn.total_changes > changes
            db.execute("UPDATE history SET state = ? WHERE seq = ?", [next_state, seq])
            if action == "update" and direction == "undo":
                changes = db.conn.total_changes
                _drop_if_taken_back(db, kind, target)
                changed = changed or db.conn.total_changes > changes
        if took and direction == "undo":
            merged_articles.forget_stamps(db, took)
        # The step is told by its first row in the order it was done.
        _, action, kind, target, before, after, _ = rows[-1] if newest_first else rows[0]
        wanted, replaced = (_load(before), _load(after)) if direction == "undo" else (_load(after), _load(before))
        subject = _subject(db, kind, target, wanted, replaced)
    fields = tuple(name for name in (wanted or {}) if name not in STAMPS) if action == "update" else ()
    counts = Counter((row[1], row[2]) for row in rows) if took else Counter()
    told = tuple((done, what, number) for (done, what), number in sorted(counts.items(), key=_by_kind))
    return Step(action, kind, target, direction, fields, changed, subject, more=len(rows) - 1, counts=told)


def _articles_refused(db: Store, rows: list[tuple], direction: str) -> str:
    """Why a batch that added articles (a merge) cannot be undone or redone now, or ""."""
    if any(action != "add" for _, action, kind, *_ in rows if kind == ARTICLES):
        raise ValueError(f"history cannot restore {ARTICLES!r} but by taking back the merge that added them")
    took = [target for _, _, kind, target, *_ in rows if kind == ARTICLES]
    if direction == "redo":
        return merged_articles.redo_refused(db, [_load(after) or {"id": target}
                                                 for _, _, kind, target, _, after, _ in rows if kind == ARTICLES])
    added = {kind: [target for _, action, k, target, *_ in rows if k == kind and action == "add"]
             for kind in ("claims", "links")}
    return merged_articles.undo_refused(db, took, added, since=max(row[0] for row in rows))


KIND_ORDER = (ARTICLES, "claims", "links", "entity_corrections", "conflict_decisions")


def _by_kind(item: tuple[tuple[str, str], int]) -> int:
    kind = item[0][1]
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


SUBJECT_COLUMNS = {"entity_corrections": "surface"}


def _subject(db: Store, kind: str, target: int, *rows: dict | None) -> str:
    column = SUBJECT_COLUMNS.get(kind)
    if column is None:
        return ""
    for row in rows:
        if row and column in row:
            return str(row[column])
    found = db.execute(f"SELECT {column} FROM {kind} WHERE id = ?", [target]).fetchone()
    return str(found[0]) if found else ""


STAMPS = ("modified", "modified_by")


def _restore(db: Store, kind: str, target: int, action: str, wanted: dict | None, replaced: dict | None,
             annotator: str) -> None:
    """Bring a row to `wanted`, taking back `replaced`, without trampling other people's work.

    Several annotators share the rows: an update is taken back only in the fields that still
    hold what it wrote (and its time stamp only if nobody changed the row since), an added
    row is taken away only while no later change to it stands (else when the last one is
    undone), and a deleted row comes back only while the action that added it still stands.
    """
    if kind not in TABLES:
        raise ValueError(f"history cannot restore {kind!r}")
    if action == "update":
        current = _current(db, kind, target)
        if current is None:
            return  # deleted meanwhile: nothing to take back
        fields = {
            name: value for name, value in wanted.items()
            if name not in STAMPS and current.get(name) == replaced.get(name)
        }
        if fields and all(current.get(stamp) == replaced.get(stamp) for stamp in STAMPS):
            fields.update({stamp: wanted[stamp] for stamp in STAMPS if stamp in wanted})
        if fields:
            assignments = ", ".join(f'"{column}" = ?' for column in fields)
            db.execute(f"UPDATE {kind} SET {assignments} WHERE id = ?", [*fields.values(), target])
    elif wanted is None:
        if action == "add" and _changes_stand(db, kind, target, other_than=annotator):
            return  # someone else's change to the row still stands: taking it away would take that too
        db.execute(f"DELETE FROM {kind} WHERE id = ?", [target])
    elif action == "add" or _still_added(db, kind, target):
        row = {name: value for name, value in wanted.items() if name != DEPENDENTS}
        if not _references_exist(db, row):
            return  # its article (an undone merge's) or a linked claim is gone: nothing to bring back
        _insert(db, kind, row)
        for table, rows in (wanted.get(DEPENDENTS) or {}).items():
            for dependent in rows:
                if table in TABLES and _references_exist(db, dependent):
                    _insert(db, table, dependent)


def _changes_stand(db: Store, kind: str, target: int, other_than: str | None = None) -> bool:
    """Whether a change made to the row after it was added (by someone other than
    `other_than`) still stands (is done)."""
    return db.execute(
        "SELECT 1 FROM history WHERE kind = ? AND target = ? AND action = 'update' AND state = 'done' "
        "AND annotator IS NOT ? LIMIT 1",
        [kind, target, other_than],
    ).fetchone() is not None


def _drop_if_taken_back(db: Store, kind: str, target: int) -> None:
    """A row whose adding was undone while others' changes kept it goes once the last of those
    is undone too: then nobody's action holds it any more."""
    added = db.execute(
        "SELECT state FROM history WHERE kind = ? AND target = ? AND action = 'add' ORDER BY seq DESC LIMIT 1",
        [kind, target],
    ).fetchone()
    if added is not None and added[0] != "done" and not _changes_stand(db, kind, target):
        db.execute(f"DELETE FROM {kind} WHERE id = ?", [target])


def _insert(db: Store, kind: str, row: dict) -> None:
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT OR IGNORE INTO {kind} ({columns}) VALUES ({marks})", list(row.values()))


def _references_exist(db: Store, row: dict) -> bool:
    """Whether the article a claim is on, and the claims a link points to, are all there."""
    if "article_id" in row and db.execute("SELECT 1 FROM articles WHERE id = ?", [row["article_id"]]).fetchone() is None:
        return False
    claim_ids = [row[name] for name in ("claim_a", "claim_b") if name in row]
    found = db.execute(
        f"SELECT count(*) FROM claims WHERE id IN ({','.join('?' * len(claim_ids))})", claim_ids
    ).fetchone()[0] if claim_ids else 0
    return found == len(set(claim_ids))


def _current(db: Store, kind: str, target: int) -> dict | None:
    cursor = db.execute(f"SELECT * FROM {kind} WHERE id = ?", [target])
    row = cursor.fetchone()
    return dict(zip([column[0] for column in cursor.description], row)) if row else None


def _still_added(db: Store, kind: str, target: int) -> bool:
    """Whether the action that added this row still stands (not undone, nor undone and
    then superseded: 'discarded')."""
    row = db.execute(
        "SELECT state FROM history WHERE kind = ? AND target = ? AND action = 'add' ORDER BY seq DESC LIMIT 1",
        [kind, target],
    ).fetchone()
    return row is None or row[0] == "done"


def _dump(values: dict | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
