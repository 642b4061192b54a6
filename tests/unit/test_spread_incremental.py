"""Spreading names after each change reads only what changed, and writes what a full recompute writes."""

import re

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.entities import entity_key
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.corpus.nlp.spread_index import SpreadIndex, Share
from gegenlesen.corpus.nlp.spreading import entangled
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database, write
from gegenlesen.storage.names import CORPUS, corpus_spreads, spread_names


def add(db, text, tagged=(), version_of=None):
    """Store an article with the model's mentions of `tagged` (form, label, which occurrence)."""
    article_id, _ = articles.add_article(db, Article(f"{text[:12]}.txt", text), version_of=version_of)
    analyse(db, article_id, text, tagged)
    return article_id


def analyse(db, article_id, text, tagged):
    found = []
    for form, label, nth in tagged:
        match = list(re.finditer(re.escape(form), text))[nth]
        found.append(Entity(match.start(), match.end(), label, form, MODEL))
    starts = [0] + [m.end() + 1 for m in re.finditer(r"\. ", text)]
    ends = [m.start() + 1 for m in re.finditer(r"\. ", text)] + [len(text)]
    articles.store_analysis(db, article_id, Analysis(list(zip(starts, ends)), found, "test"))


def delete(db, article_id):
    """Take an article away as a merge's undo does: rows and all, leaving no stamp."""
    with write(db):
        for table in ("entities", "sentences"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        db.execute("DELETE FROM crossref_stamps WHERE article_id = ?", [article_id])


def stored(db):
    return sorted(db.execute(
        "SELECT article_id, start, end, label, text, key FROM entities WHERE origin = ?", [CORPUS]).fetchall())


def recomputed(db):
    return sorted((s.place.article, s.place.start, s.place.end, s.label, s.place.form, entity_key(s.place.form, s.label))
                  for s in corpus_spreads(db))


def spread_and_compare(db):
    """Spread incrementally; the rows must be those of a full recompute. Returns (article, form) pairs."""
    count = spread_names(db)
    rows = stored(db)
    assert rows == recomputed(db)
    assert count == len(rows)
    return {(row[0], row[4]) for row in rows}


def test_incremental_spreading_writes_what_a_full_recompute_writes(tmp_path):
    db = open_database(tmp_path / "s.db")
    one = add(db, "Heute meldet Quorvex Gewinne. Auch Zentrix wächst, sagt Zentrix selbst.",
              [("Quorvex", "ORG", 0), ("Zentrix", "ORG", 0), ("Zentrix", "ORG", 1)])
    two_text = "Gestern kaufte Quorvex ein Werk. Dann baute Quorvex eine Halle."
    two = add(db, two_text, [("Quorvex", "ORG", 0), ("Quorvex", "ORG", 1)])
    three_text = "Bald wirbt Quorvex um Kunden. Dann kommt Zentrix dazu."
    three = add(db, three_text)
    # Zentrix: the model found it in one article only
    assert spread_and_compare(db) == {(three, "Quorvex")}

    # a third mention in a new article makes Zentrix sure: article 3, unchanged, gets it too
    four = add(db, "Morgen prüft Zentrix den Markt.", [("Zentrix", "ORG", 0)])
    assert spread_and_compare(db) == {(three, "Quorvex"), (three, "Zentrix")}

    # Velmor becomes sure, but an article of an earlier import, where the model left it
    # alone four times inside sentences, says it is no name: that article counts though unchanged
    add(db, "Wir sahen Velmor hier. Wir sahen Velmor dort. Sie mag Velmor sehr. Er nennt Velmor oft.")
    spread_and_compare(db)
    add(db, "Heute kam Velmor an. Dann ging Velmor.", [("Velmor", "LOC", 0), ("Velmor", "LOC", 1)])
    add(db, "Auch Velmor blieb.", [("Velmor", "LOC", 0)])
    assert spread_and_compare(db) == {(three, "Quorvex"), (three, "Zentrix")}

    # an article where the model left Quorvex alone four times inside sentences outweighs its three mentions
    five = add(db, "Wir sahen Quorvex hier. Wir sahen Quorvex dort. Sie mag Quorvex sehr. Er nennt Quorvex oft.")
    assert spread_and_compare(db) == {(three, "Zentrix")}

    # deleted articles (no stamp left): Zentrix is no longer sure, Quorvex is a name again
    delete(db, four)
    delete(db, five)
    assert spread_and_compare(db) == {(three, "Quorvex")}

    # a new version of article 3 takes its place
    six = add(db, three_text + " Neu.", version_of=three)
    assert spread_and_compare(db) == {(six, "Quorvex")}

    # analysed again with one mention fewer, article 2 leaves Quorvex with too little evidence
    analyse(db, two, two_text, [("Quorvex", "ORG", 0)])
    assert spread_and_compare(db) == set()
    assert spread_and_compare(db) == set()  # nothing changed: nothing to do
    assert one and spread_names(db, full=True) == 0
    db.close()


def test_a_spread_kept_in_one_connection_is_taken_up_by_the_next(tmp_path):
    db = open_database(tmp_path / "s.db")
    add(db, "Heute meldet Quorvex Gewinne. Morgen Quorvex.", [("Quorvex", "ORG", 0), ("Quorvex", "ORG", 1)])
    add(db, "Gestern kaufte Quorvex ein Werk.", [("Quorvex", "ORG", 0)])
    spread_names(db)
    db.close()
    db = open_database(tmp_path / "s.db")
    third = add(db, "Bald wirbt Quorvex um Kunden.")
    assert spread_and_compare(db) == {(third, "Quorvex")}
    db.close()


def test_an_unreadable_kept_state_means_a_full_recompute(tmp_path):
    db = open_database(tmp_path / "s.db")
    add(db, "Heute meldet Quorvex Gewinne. Morgen Quorvex.", [("Quorvex", "ORG", 0), ("Quorvex", "ORG", 1)])
    add(db, "Gestern kaufte Quorvex ein Werk.", [("Quorvex", "ORG", 0)])
    third = add(db, "Bald wirbt Quorvex um Kunden.")
    spread_names(db)
    with write(db):
        db.execute("UPDATE meta SET value = 'not json' WHERE key = 'names_spread'")
        db.execute("DELETE FROM entities WHERE origin = ?", [CORPUS])
    assert spread_and_compare(db) == {(third, "Quorvex")}
    db.close()


def test_the_index_takes_an_article_out_as_it_put_it_in():
    index = SpreadIndex(min_mentions=3, min_articles=2)
    index.put_evidence(1, {"Quorvex": Share((("ORG", 2),), 2)})
    assert index.sure() == set() and index.flipped() == set()
    index.put_evidence(2, {"Quorvex": Share((("ORG", 1), ("LOC", 1)), 1)})
    assert index.flipped() == {"Quorvex"} and index.sure() == {"Quorvex"}
    assert index.decision("Quorvex") == (True, "ORG", False)  # three ORG of four: more than two thirds
    assert index.settle() == {"Quorvex"} and index.settle() == set()
    index.put_places(3, {"Quorvex": (1, 1)})
    assert index.decision("Quorvex") == (True, "ORG", True)
    assert index.own("Quorvex", 2) == {"ORG": 1, "LOC": 1} and index.own("Quorvex", 3) is None
    index.put_places(4, {"Quorvex": (3, 0)})  # four untagged places inside sentences against three mentions
    assert index.decision("Quorvex") == (True, None, False) and index.settle() == {"Quorvex"}
    reloaded = SpreadIndex.from_json(index.to_json(), 3, 2)
    for article in (4, 3):
        reloaded.put_places(article, None)
    reloaded.put_evidence(2, None)
    assert reloaded.flipped() == {"Quorvex"} and reloaded.sure() == set()
    reloaded.put_evidence(1, None)
    assert reloaded.to_json() == SpreadIndex(3, 2).to_json()
    assert SpreadIndex.from_json({"version": 0}, 3, 2) is None


def test_a_longer_name_that_becomes_sure_takes_its_places_from_the_shorter_one(tmp_path):
    db = open_database(tmp_path / "s.db")
    add(db, "Heute meldet Quorvex Gewinne. Auch sagt Quorvex wenig.", [("Quorvex", "ORG", 0), ("Quorvex", "ORG", 1)])
    add(db, "Gestern kaufte Quorvex ein Werk.", [("Quorvex", "ORG", 0)])
    waiting = add(db, "Bald wirbt Quorvex um Kunden.")
    held = add(db, "Neue Quorvex baut. Neue Quorvex plant. Neue Quorvex wächst.")
    assert spread_and_compare(db) == set()  # four untagged places inside sentences against three mentions
    # "Neue Quorvex" becomes sure: in the unchanged article its places are no longer Quorvex's
    add(db, "Dort kam Neue Quorvex an. Dann ging Neue Quorvex.", [("Neue Quorvex", "ORG", 0), ("Neue Quorvex", "ORG", 1)])
    add(db, "Auch Neue Quorvex blieb.", [("Neue Quorvex", "ORG", 0)])
    assert spread_and_compare(db) == {(waiting, "Quorvex"), (held, "Neue Quorvex")}
    db.close()


def test_forms_that_share_a_word_are_looked_for_together():
    sure = {"Quorvex Bank", "Bank Austria", "Zentrix", "Austria", "Velmor AG"}
    assert entangled({"Quorvex"}, sure) == {"Quorvex", "Quorvex Bank", "Bank Austria", "Austria"}
    assert entangled({"QUORVEX"}, sure) == {"QUORVEX", "Quorvex Bank", "Bank Austria", "Austria"}  # in any case
    assert entangled({"Zentrix"}, sure) == {"Zentrix"}
