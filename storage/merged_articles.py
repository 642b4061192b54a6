"""Taking back, and bringing back, the articles a merge added: for undo and redo (`storage/history.py`).

A merge's history rows name each article it added by id only. Undo keeps the whole article
(its row, sentences and entities) in that history row as it deletes it, so that redo can put
it back as it was; the copy is dropped again on redo, and when the undone merge can no longer
be redone. Undo is refused while work that is not the merge's own stands on those articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from gegenlesen.storage.db import Store

def undo_refused(db: Store, article_ids: list[int], added: dict[str, list[int]], since: int) -> str:
    """Why the merge that added these articles cannot be taken back now, or "".

    Args:
        article_ids: the articles the merge added.
        added: the ids of the claims and links the merge added ({"claims": [...], "links": [...]}).
        since: the merge's last history row: changes after it are someone else's work.

    Taking the articles back would take with them a claim someone made on them since, a
    change of one of the merge's claims or links, a link to one of their claims or an
    article that is a newer version of one of them; while any of these stands, nothing is done.
    """
    articles = _ids(article_ids)
    others = db.execute(
        "SELECT annotator, count(*) FROM claims WHERE article_id IN (SELECT value FROM json_each(?)) "
        "AND id NOT IN (SELECT value FROM json_each(?)) GROUP BY annotator ORDER BY annotator",
        [articles, _ids(added.get("claims", ()))],
    ).fetchall()
    if others:
        who = ", ".join(f"{number} by {name or 'nobody named'}" for name, number in others)
        total = sum(number for _, number in others)
        return f"{_count(total, 'claim')} ({who}) {_were(total)} made on its articles since and would go with them"
    for kind, noun in (("claims", "claims"), ("links", "links")):
        changed = db.execute(
            "SELECT DISTINCT annotator FROM history WHERE kind = ? AND action = 'update' AND state = 'done' AND seq > ? "
            "AND target IN (SELECT value FROM json_each(?)) ORDER BY annotator",
            [kind, since, _ids(added.get(kind, ()))],
        ).fetchall()
        if changed:
            return f"{', '.join(name for name, in changed)} changed {noun} it brought since"
    on_them = "SELECT id FROM claims WHERE article_id IN (SELECT value FROM json_each(?))"
    linked = db.execute(
        f"SELECT count(*) FROM links WHERE id NOT IN (SELECT value FROM json_each(?)) "
        f"AND (claim_a IN ({on_them}) OR claim_b IN ({on_them}))",
        [_ids(added.get("links", ())), articles, articles],
    ).fetchone()[0]
    if linked:
        return f"{_count(linked, 'link')} to claims on its articles {_were(linked)} made since"
    newer = db.execute(
        "SELECT min(id) FROM articles WHERE version_of IN (SELECT value FROM json_each(?)) "
        "AND id NOT IN (SELECT value FROM json_each(?))", [articles, articles],
    ).fetchone()[0]
    if newer is not None:
        return f"article #{newer}, imported since, is a new version of one of its articles"
    return ""


def redo_refused(db: Store, kept: list[dict]) -> str:
    """Why the articles an undone merge took back cannot come back, or "": one of them (or its
    id) is in the database again, imported since. `kept` holds what `take` returned for each."""
    for saved in kept:
        if "article" not in saved:
            return f"article #{saved['id']} was not kept when it was taken back; merge the file again instead"
        article = saved["article"]
        again = db.execute("SELECT id FROM articles WHERE sha256 = ?", [article["sha256"]]).fetchone()
        if again is not None:
            return f"its article #{article['id']} was imported again since (as #{again[0]}); merge the file again instead"
        if db.execute("SELECT 1 FROM articles WHERE id = ?", [article["id"]]).fetchone() is not None:
            return f"article #{article['id']} is another article now, imported since; merge the file again instead"
    return ""


def take(db: Store, article_id: int) -> dict:
    """Delete an article with its sentences and entities (its FTS row goes by trigger; the
    merge's claims on it went before, with their own history rows) and return all of it."""
    article = _rows(db, "SELECT * FROM articles WHERE id = ?", article_id)
    if not article:
        return {}
    saved = {"article": article[0],
             "sentences": _rows(db, "SELECT * FROM sentences WHERE article_id = ? ORDER BY idx", article_id),
             "entities": _rows(db, "SELECT * FROM entities WHERE article_id = ? ORDER BY id", article_id)}
    db.execute("DELETE FROM entities WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM sentences WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    return saved


def bring(db: Store, saved: dict) -> dict:
    """Put back an article `take` returned, with its id (`redo_refused` has made sure it is
    free); its entities keep their ids unless an analysis since has used one. Returns what
    is left to keep: nothing."""
    _insert(db, "articles", [saved["article"]])
    _insert(db, "sentences", saved["sentences"])
    entities = saved["entities"]
    taken = db.execute("SELECT count(*) FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                       [_ids(entity["id"] for entity in entities)]).fetchone()[0]
    if taken:
        entities = [{name: value for name, value in entity.items() if name != "id"} for entity in entities]
    _insert(db, "entities", entities)
    return {}


def forget_stamps(db: Store, article_ids: list[int]) -> None:
    """Deleting an article stamps it for the cross-reading index (`storage/crossindex.py`);
    the stamp counter has moved on, which is all the index needs to see it go, so no stamp
    is kept for an article that is not there."""
    db.execute("DELETE FROM crossref_stamps WHERE article_id IN (SELECT value FROM json_each(?)) "
               "AND article_id NOT IN (SELECT id FROM articles)", [_ids(article_ids)])


def _insert(db: Store, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    listed = ", ".join(f'"{column}"' for column in columns)
    db.conn.executemany(f"INSERT INTO {table} ({listed}) VALUES ({', '.join('?' * len(columns))})",
                        [[row[column] for column in columns] for row in rows])


def _rows(db: Store, sql: str, *parameters) -> list[dict]:
    cursor = db.execute(sql, list(parameters))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(set(ids)))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _were(number: int) -> str:
    return "were" if number != 1 else "was"
