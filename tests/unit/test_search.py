"""Full-text search and entity filters over the stored articles."""

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, Analysis, Entity
from gegenlesen.storage import articles, corrections
from gegenlesen.storage.db import open_database
from gegenlesen.storage.search import MARK_CLOSE, MARK_OPEN, Query, SearchError, find, parse_query, search


def marked(snippet):
    return snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")


@pytest.mark.parametrize("typed, query", [
    ("Nvidia", Query(words=("Nvidia",))),
    ('"6 Millionen" Dollar', Query(words=("Dollar",), phrases=("6 Millionen",))),
    ("US-Dollar", Query(phrases=("US Dollar",))),
    ("@DeepSeek Kosten", Query(words=("Kosten",), entities=("DeepSeek",))),
    ('" ***', Query()),
    ("AND", Query(words=("AND",))),
    ('@"Silicon Valley" Chips', Query(words=("Chips",), entities=("Silicon Valley",))),
])
def test_parse_query(typed, query):
    assert parse_query(typed) == query


def test_fts_operators_typed_by_the_user_are_plain_words():
    assert parse_query("a OR b NOT c").fts() == '"a"* AND "OR"* AND "b"* AND "NOT"* AND "c"*'


def test_search_finds_ranked_articles_with_marked_snippets(handmade_db):
    hits = search(handmade_db, "Oberbürgermeisterin Albers")
    assert hits and all("Albers" in articles.get_article(handmade_db, h.article_id).text for h in hits)
    assert "[Oberbürgermeisterin] Katrin [Albers]" in marked(hits[0].snippet)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_diacritics_and_prefixes_are_forgiven(handmade_db):
    assert {h.article_id for h in search(handmade_db, "Kruger")} == {h.article_id for h in search(handmade_db, "Krüger")} == {3}
    assert {h.article_id for h in search(handmade_db, "Hafenbr")} == {1, 2}


def test_phrases_must_occur_as_phrases(handmade_db):
    assert [h.article_id for h in search(handmade_db, '"48 Millionen Euro"')] == [1]
    assert search(handmade_db, '"Millionen 48 Euro"') == []
    assert {h.article_id for h in search(handmade_db, "Millionen Euro")} == {1, 2}


def test_an_entity_filter_lists_every_article_that_mentions_it(handmade_db):
    corrections.correct(handmade_db, "Hansebau", "ORG", "ana")  # article 2 names it untagged
    found = articles.entities(handmade_db, articles.article_ids(handmade_db))
    mentioning = {e.article_id for e in found if e.text == "Hansebau"}
    assert mentioning == {1, 2}
    assert {h.article_id for h in search(handmade_db, "@Hansebau")} == mentioning
    assert {h.article_id for h in search(handmade_db, "@hansebau")} == mentioning
    rostock = {e.article_id for e in found if e.text == "Rostock"}  # tagged in the records
    assert rostock == {1, 2} and {h.article_id for h in search(handmade_db, "@Rostock")} >= rostock
    assert search(handmade_db, "@Niemand") == []


def test_a_corrected_name_is_found_where_the_text_holds_it(handmade_db):
    corrections.correct(handmade_db, "Verkehrsclub Mecklenburg", "ORG", "ana")
    assert {h.article_id for h in search(handmade_db, '@"Verkehrsclub  Mecklenburg"')} == {
        i for i in articles.article_ids(handmade_db) if "Verkehrsclub Mecklenburg" in articles.get_article(handmade_db, i).text
    } == {1, 3}
    corrections.correct(handmade_db, "Stadtrat", "ORG", "ana")  # tagged nowhere before
    assert {h.article_id for h in search(handmade_db, "@Stadtrat")} == {
        i for i in articles.article_ids(handmade_db) if "Stadtrat" in articles.get_article(handmade_db, i).text
    } == {2}


def test_new_changed_and_deleted_articles_are_in_step_with_the_index(handmade_db):
    article_id, _ = articles.add_article(handmade_db, Article("neu.txt", "Ein Zebrastreifen in Posemuckel."))
    assert [h.article_id for h in search(handmade_db, "Posemuckel")] == [article_id]
    handmade_db.execute("UPDATE articles SET title = 'Neu', text = 'Nichts mehr vom Quokkaland.' WHERE id = ?", [article_id])
    assert search(handmade_db, "Posemuckel") == []
    assert [h.article_id for h in search(handmade_db, "Quokkaland")] == [article_id]
    handmade_db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    assert search(handmade_db, "Quokkaland") == []


def test_a_query_fts_cannot_run_is_a_search_error(handmade_db, monkeypatch):
    monkeypatch.setattr(Query, "fts", lambda self: "AND AND")
    with pytest.raises(SearchError, match="cannot search"):
        search(handmade_db, "x")


@pytest.fixture
def fresh_db(tmp_path):
    db = open_database(tmp_path / "search.db")
    yield db
    db.close()


def add_analysed(db, name, text, names):
    """An article whose entities are the given (form, label) names, wherever the text has them."""
    article_id, _ = articles.add_article(db, Article(name, text))
    found, at = [], 0
    for form, label in names:
        start = text.index(form, at)
        found.append(Entity(start, start + len(form), label, form, MODEL))
        at = start + len(form)
    articles.store_analysis(db, article_id, Analysis([(0, len(text))], found, "fake-1.0"))
    return article_id


def test_the_number_of_all_matches_is_counted_beyond_the_limit(fresh_db):
    for number in range(172):
        add_analysed(fresh_db, f"a{number}.txt", f"Zebra Nummer {number} in Berlin.", [("Berlin", "LOC")] * (number % 2))
    for number in range(30):
        add_analysed(fresh_db, f"b{number}.txt", f"Kein Huftier Nummer {number}.", [])
    found = find(fresh_db, "Zebra")
    assert (len(found.hits), found.total) == (100, 172)
    assert (len(find(fresh_db, "Zebra", limit=10).hits), find(fresh_db, "Zebra", limit=10).total) == (10, 172)
    assert find(fresh_db, "@Berlin Zebra").total == 86
    assert (len(find(fresh_db, "@Berlin").hits), find(fresh_db, "@Berlin").total) == (86, 86)
    assert find(fresh_db, "Nummer").total == 202
    assert find(fresh_db, "Okapi").total == 0
    assert search(fresh_db, "Zebra") == found.hits


def test_a_surname_finds_the_articles_that_name_the_whole_person(fresh_db):
    full = add_analysed(fresh_db, "voll.txt", "Horst Seehofer sprach in München.", [("Horst Seehofer", "PER")])
    short = add_analysed(fresh_db, "kurz.txt", "Seehofer sprach.", [("Seehofer", "PER")])
    genitive = add_analysed(fresh_db, "gen.txt", "Horst Seehofers Rede.", [("Horst Seehofers", "PER")])
    add_analysed(fresh_db, "strasse.txt", "Die Seehoferstraße in München.", [("Seehoferstraße", "LOC")])
    add_analysed(fresh_db, "ort.txt", "Am Bad Seehofer See.", [("Bad Seehofer", "LOC")])  # a place, not the person
    assert {h.article_id for h in search(fresh_db, "@Seehofer")} == {full, short, genitive}
    assert {h.article_id for h in search(fresh_db, "@seehofer sprach")} == {full, short}


def test_a_full_name_finds_the_article_that_tags_only_the_surname_after_it(fresh_db):
    text = "Horst Seehofer kam. Später sagte Seehofer nichts."
    # the model missed the full name and tagged only the later surname
    later = add_analysed(fresh_db, "spaeter.txt", text, [])
    at = text.rindex("Seehofer")
    articles.store_analysis(fresh_db, later, Analysis([(0, len(text))], [Entity(at, at + 8, "PER", "Seehofer", MODEL)], "f"))
    tagged = add_analysed(fresh_db, "voll.txt", "Horst Seehofer kam.", [("Horst Seehofer", "PER")])
    add_analysed(fresh_db, "anderer.txt", "Ein anderer Seehofer kam.", [("Seehofer", "PER")])  # no Horst: maybe not him
    add_analysed(fresh_db, "horst.txt", "Horst Seehofer kam, sagte Schmidt.", [("Schmidt", "PER")])  # he is not tagged
    assert {h.article_id for h in search(fresh_db, '@"Horst Seehofer"')} == {later, tagged}
    assert {h.article_id for h in search(fresh_db, '@"horst  seehofer" nichts')} == {later}
