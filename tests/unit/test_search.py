"""Full-text search and entity filters over the stored articles."""

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.storage import articles, corrections
from gegenlesen.storage.search import MARK_CLOSE, MARK_OPEN, Query, SearchError, parse_query, search


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


def test_search_finds_ranked_articles_with_marked_snippets(demo_db):
    hits = search(demo_db, "Präsident Trump")
    assert hits and all("Trump" in articles.get_article(demo_db, h.article_id).text for h in hits)
    assert "[Präsident] Donald [Trump]" in marked(hits[0].snippet)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_diacritics_and_prefixes_are_forgiven(demo_db):
    assert {h.article_id for h in search(demo_db, "Prasident")} == {h.article_id for h in search(demo_db, "Präsident")}
    assert search(demo_db, "Trum")


def test_phrases_must_occur_as_phrases(demo_db):
    for hit in search(demo_db, '"6 Millionen Dollar"'):
        assert "6 Millionen Dollar" in articles.get_article(demo_db, hit.article_id).text


def test_an_entity_filter_lists_every_article_that_mentions_it(demo_db):
    corrections.correct(demo_db, "OpenAI", "ORG", "ana")  # whatever the model finds
    found = articles.entities(demo_db, articles.article_ids(demo_db))
    mentioning = {e.article_id for e in found if e.text in ("OpenAI", "OpenAIs")}
    assert mentioning
    assert {h.article_id for h in search(demo_db, "@OpenAI")} == mentioning
    assert {h.article_id for h in search(demo_db, "@openai")} == mentioning
    china = {e.article_id for e in found if e.text == "China"}  # found by the model
    assert china and {h.article_id for h in search(demo_db, "@China")} >= china
    assert search(demo_db, "@Niemand") == []


def test_a_corrected_name_is_found_where_the_text_holds_it(demo_db):
    corrections.correct(demo_db, "Silicon Valley", "LOC", "ana")
    assert {h.article_id for h in search(demo_db, '@"Silicon  Valley"')} == {
        i for i in articles.article_ids(demo_db) if "Silicon Valley" in articles.get_article(demo_db, i).text
    }
    corrections.correct(demo_db, "Broadcom", "ORG", "ana")
    assert {h.article_id for h in search(demo_db, "@Broadcom")} == {
        i for i in articles.article_ids(demo_db) if "Broadcom" in articles.get_article(demo_db, i).text
    }


def test_new_changed_and_deleted_articles_are_in_step_with_the_index(demo_db):
    article_id, _ = articles.add_article(demo_db, Article("neu.txt", "Ein Zebrastreifen in Posemuckel."))
    assert [h.article_id for h in search(demo_db, "Posemuckel")] == [article_id]
    demo_db.execute("UPDATE articles SET title = 'Neu', text = 'Nichts mehr vom Quokkaland.' WHERE id = ?", [article_id])
    assert search(demo_db, "Posemuckel") == []
    assert [h.article_id for h in search(demo_db, "Quokkaland")] == [article_id]
    demo_db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    assert search(demo_db, "Quokkaland") == []


def test_a_query_fts_cannot_run_is_a_search_error(demo_db, monkeypatch):
    monkeypatch.setattr(Query, "fts", lambda self: "AND AND")
    with pytest.raises(SearchError, match="cannot search"):
        search(demo_db, "x")
