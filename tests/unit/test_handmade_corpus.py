"""The hand-built test corpus (tests/fixtures/handmade.py) is what it says it is: its records
fit its text, storage gives them back, and nothing needs analysing again."""

from __future__ import annotations

import pytest

from fixtures.handmade import CORPUS, ROCKET
from gegenlesen.storage import articles


@pytest.mark.parametrize("written", (*CORPUS, ROCKET), ids=lambda w: w.source)
def test_records_fit_the_text(written):
    text = written.text
    sentences = written.sentences
    assert [text[start:end] for start, end in sentences] == [s for paragraph in written.paragraphs for s in paragraph]
    for entity in written.records():
        assert text[entity.start : entity.end] == entity.text
        assert any(start <= entity.start and entity.end <= end for start, end in sentences)


def test_the_database_holds_the_articles_with_their_analysis(handmade_db):
    assert articles.article_ids(handmade_db) == [1, 2, 3]
    assert articles.unanalysed(handmade_db) == []
    for article_id, written in enumerate(CORPUS, start=1):
        assert articles.get_article(handmade_db, article_id).text == written.text
        assert articles.sentences(handmade_db, article_id) == written.sentences
        stored = [(e.start, e.end, e.label, e.text) for e in articles.entities(handmade_db, [article_id])]
        assert stored == [(e.start, e.end, e.label, e.text) for e in written.records()]


def test_loading_the_model_fails_a_test_on_the_hand_built_corpus(handmade_db):
    from gegenlesen.corpus.nlp import pipeline

    with pytest.raises(AssertionError, match="must not load the model"):
        pipeline.load_pipeline()
