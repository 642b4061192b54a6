"""Word vectors for the ranking: the compact table, a soft alignment of two passages' words,
and what happens when the table is missing or damaged. Vectors and sentences are made up
for the tests, so they do not change when the shipped vectors do."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gegenlesen.corpus.crossref import alignment
from gegenlesen.corpus.crossref import vectors as table
from gegenlesen.corpus.crossref.meaning import Meaning, Word
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS, suggest
from gegenlesen.corpus.crossref.units import Passage, content_words
from gegenlesen.corpus.nlp.build_vectors import column_sentences, normalise, quantise, write_table

# three directions: money lost on the market, weather, and a word in between
MADE_UP = {
    "kursverlust": [1.0, 0.1, 0.0],
    "verlust": [0.9, 0.2, 0.0],
    "fallen": [0.95, 0.0, 0.15],
    "regen": [0.0, 1.0, 0.0],
    "wetter": [0.1, 0.95, 0.1],
    "unternehmen": [0.3, 0.0, 0.95],
    "krise": [0.5, 0.0, 0.8],
}


def made_up_table(path):
    words = sorted(MADE_UP)
    write_table(path, words, np.array([MADE_UP[w] for w in words], dtype=np.float32), {"sources": ["made up"]})
    return table.load(path)


@pytest.fixture
def made_up(tmp_path):
    shipped = table.vectors()
    table.use(made_up_table(tmp_path / "vectors.npz"))
    yield table.vectors()
    table.use(shipped)


def word(surface: str, lemma: str, weight: float = 2.0, parts: tuple[str, ...] = ()) -> Word:
    return Word(surface, lemma, frozenset((lemma, *parts)), frozenset(), weight, surface[0].isupper())


def meaning(*words: Word) -> Meaning:
    return Meaning.of(tuple(words), False)


def cosine(a: str, b: str) -> float:
    x, y = np.array(MADE_UP[a]), np.array(MADE_UP[b])
    return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))


def test_the_table_keeps_each_word_and_its_direction(made_up):
    assert set(made_up.rows) == set(MADE_UP)
    got = made_up.matrix[made_up.rows["kursverlust"]] @ made_up.matrix[made_up.rows["fallen"]]
    assert got == pytest.approx(cosine("kursverlust", "fallen"), abs=0.01)  # int8 loses little
    assert np.allclose(np.linalg.norm(made_up.matrix, axis=1), 1.0, atol=1e-5)
    assert made_up.meta == {"sources": ["made up"]}


def test_quantised_rows_are_unit_vectors_in_int8():
    rows = quantise(np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float32))
    assert rows.dtype == np.int8 and rows.tolist() == [[76, 102], [0, 0]]


def test_training_text_is_read_as_the_ranking_reads_passages():
    assert normalise(["Die", "US-AI-Modelle", "kosteten", "6", "Mio.", "!"]) == [
        "die", "us", "ai", "modelle", "kosteten", "mio",
    ]


def test_training_sentences_are_the_token_column_without_labels_or_comments(tmp_path):
    germeval = tmp_path / "g.tsv"
    germeval.write_text("#\tquelle 2009\n1\tOtto\tB-PER\tO\n2\tlacht\tO\tO\n\n1\tJa\tO\tO\n", encoding="utf-8")
    assert list(column_sentences(germeval, 1)) == [["Otto", "lacht"], ["Ja"]]
    running = tmp_path / "e.bio"  # no blank lines: a sentence ends at its mark
    running.write_text("Der O\nZug O\nkam O\n. O\nEr B-PER\nging O\n", encoding="utf-8")
    assert list(column_sentences(running, 0)) == [["Der", "Zug", "kam", "."], ["Er", "ging"]]


def test_a_word_is_looked_up_by_lemma_then_as_written_then_by_its_compound_head():
    compound = word("Technologieunternehmen", "technologieunternehmen", parts=("technologie", "unternehmen"))
    assert alignment.forms(compound) == ("technologieunternehmen", "technologieunternehmen", "unternehmen")
    assert alignment.forms(word("fielen", "fallen")) == ("fallen", "fielen")


def test_different_words_of_one_meaning_align(made_up):
    losses = meaning(word("Kursverluste", "kursverlust", 3.0))
    falling = meaning(word("fielen", "fallen", 3.0))
    found = alignment.align(losses, falling)
    expected = (cosine("kursverlust", "fallen") - alignment.FLOOR) / (1 - alignment.FLOOR)
    assert found.similarity == pytest.approx(expected, abs=0.02)
    assert found.pairs == (("Kursverluste", "fielen"),)


def test_unrelated_words_do_not_align_and_rare_words_count_more(made_up):
    losses = meaning(word("Kursverluste", "kursverlust", 3.0))
    assert alignment.align(losses, meaning(word("Regen", "regen"))) == alignment.NOTHING
    rare_match = meaning(word("Kursverluste", "kursverlust", 4.0), word("Regen", "regen", 1.0))
    common_match = meaning(word("Kursverluste", "kursverlust", 1.0), word("Regen", "regen", 4.0))
    other = meaning(word("Verlust", "verlust"))
    assert alignment.align(rare_match, other).similarity > alignment.align(common_match, other).similarity


def test_the_same_lemma_aligns_fully_even_without_a_vector(made_up):
    text = meaning(word("Quorx", "quorx"), word("Verlust", "verlust"))
    assert alignment.align(text, text).similarity == pytest.approx(1.0)


def p(article: int, text: str) -> Passage:
    return Passage(article, 0, len(text), text, (), (), (), content_words(text))


def test_a_paraphrase_without_shared_words_is_proposed_with_its_reason(made_up):
    claim = p(1, "Kursverluste drohen.")
    pool = [claim, p(2, "Sie fielen."), p(3, "Regen kommt.")]
    weights = dataclasses.replace(DEFAULT_WEIGHTS, vectors=2.0)
    [found] = suggest(claim, pool, top=5, weights=weights)
    assert found.candidate is pool[1]
    assert "Kursverluste ≈ fielen" in found.reasons
    assert suggest(claim, pool, top=5, weights=dataclasses.replace(weights, vectors=0.0)) == []


def test_a_proposal_by_loosely_related_words_still_says_why(made_up):
    claim = p(1, "Kursverluste drohen.")
    [found] = suggest(claim, [claim, p(2, "Krise bahnt.")], weights=dataclasses.replace(DEFAULT_WEIGHTS, vectors=2))
    assert alignment.FLOOR < cosine("kursverlust", "krise") < alignment.SHOWN
    assert found.reasons == ("related wording (word vectors)",)


def test_missing_and_damaged_vectors_leave_the_ranking_without_them(tmp_path):
    missing = table.load(tmp_path / "none.npz")
    assert missing.problems == (
        f"The word vectors {tmp_path / 'none.npz'} are missing: links are proposed without them.",
    )
    (tmp_path / "bad.npz").write_bytes(b"PK\x03\x04 not really a zip")
    assert "are damaged" in table.load(tmp_path / "bad.npz").problems[0]
    np.savez(tmp_path / "shape.npz", vectors=np.zeros(3, dtype=np.int8), words=np.zeros(0, np.uint8),
             meta=np.zeros(0, np.uint8))
    assert "are damaged" in table.load(tmp_path / "shape.npz").problems[0]
    shipped = table.vectors()
    try:
        table.use(missing)
        assert table.problems_once() == missing.problems
        assert table.problems_once() == ()  # said once
        text = meaning(word("Kursverluste", "kursverlust"))
        assert alignment.align(text, text) == alignment.NOTHING
        claim = p(1, "Die Aktien fielen deutlich.")
        weights = dataclasses.replace(DEFAULT_WEIGHTS, vectors=2.0)
        [found] = suggest(claim, [claim, p(2, "Die Aktien fielen.")], weights=weights)
        assert found.candidate.article_id == 2
    finally:
        table.use(shipped)


def test_many_at_once_equals_one_by_one(made_up):
    own = meaning(word("Kursverluste", "kursverlust", 3.0), word("Unternehmen", "unternehmen", 1.0),
                  word("Verluste", "verlust", 2.0))
    others = [
        meaning(word("fielen", "fallen")),
        meaning(word("Quorx", "quorx")),  # no vector: nothing to compare
        meaning(word("Regen", "regen"), word("Wetter", "wetter", 4.0)),
        meaning(word("Verlust", "verlust"), word("Unternehmen", "unternehmen", 0.5), word("Quorx", "quorx")),
        own,
    ]
    expected = [alignment.align(own, other).similarity for other in others]
    assert alignment.similarities(own, others).tolist() == pytest.approx(expected, abs=1e-5)
    assert expected[1] == 0 and expected[2] == 0 and expected[4] == pytest.approx(1.0) and 0 < expected[0] < 1


def test_the_shipped_table_loads_and_says_where_it_comes_from():
    shipped = table.load()
    assert shipped.problems == () and len(shipped.rows) > 10_000
    assert (table.DATA / table.VECTORS).stat().st_size < 12_000_000
    assert shipped.meta["sources"] and "floret" in shipped.meta["method"]
