"""tui.selection: moving the ends of a selection by word, sentence or character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gegenlesen.tui.selection import first_word, move_end, move_start

TEXT = (
    "Die Bundesregierung hat am 3. März 2025 rund 2,5 Mrd. Euro für den US-Dollar-Ausgleich bewilligt. "
    "Das sagte Olaf Scholz’ Sprecher in Berlin. Danach folgte – nichts."
)
S1_END = TEXT.index(" Das")
S2_START = S1_END + 1
S2_END = TEXT.index(" Danach")
S3_START = S2_END + 1
SENTENCES = [(0, S1_END), (S2_START, S2_END), (S3_START, len(TEXT))]


def at(word: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(word, after)
    return start, start + len(word)


def selected(span: tuple[int, int]) -> str:
    return TEXT[span[0] : span[1]]


def test_sentences_are_what_the_tests_think():
    assert [selected(s) for s in SENTENCES] == [
        "Die Bundesregierung hat am 3. März 2025 rund 2,5 Mrd. Euro für den US-Dollar-Ausgleich bewilligt.",
        "Das sagte Olaf Scholz’ Sprecher in Berlin.",
        "Danach folgte – nichts.",
    ]


# -- first word ---------------------------------------------------------------------------


def test_first_word_of_each_sentence():
    assert [selected(first_word(TEXT, *s)) for s in SENTENCES] == ["Die", "Das", "Danach"]


def test_first_word_from_the_middle_of_a_word_takes_the_rest_of_it():
    start = TEXT.index("regierung")
    assert selected(first_word(TEXT, start, S1_END)) == "regierung"


def test_first_word_without_a_word_is_one_character():
    dash = TEXT.index("–")
    assert first_word(TEXT, dash, dash + 2) == (dash, dash + 1)


def test_first_word_stays_inside_its_limit():
    start, end = first_word(TEXT, 0, 2)
    assert (start, end) == (0, 2)


# -- the end ------------------------------------------------------------------------------


def test_end_word_forward_takes_whole_words():
    span = first_word(TEXT, 0, S1_END)
    span = move_end(TEXT, SENTENCES, span, "word+")
    assert selected(span) == "Die Bundesregierung"
    span = move_end(TEXT, SENTENCES, span, "word+")
    assert selected(span) == "Die Bundesregierung hat"


@pytest.mark.parametrize(
    "before, after",
    [
        ("rund", "rund 2,5"),  # decimal comma
        ("den", "den US-Dollar-Ausgleich"),  # hyphenated compound
        ("Olaf", "Olaf Scholz"),  # the apostrophe at the end is not part of the word
        ("am", "am 3"),  # "3." is a number and a full stop
        ("2,5", "2,5 Mrd"),
        ("für", "für den"),
    ],
)
def test_end_word_forward_over_german_words(before, after):
    span = at(before)
    assert selected(move_end(TEXT, SENTENCES, span, "word+")) == after


def test_end_word_forward_from_the_middle_of_a_word_finishes_it():
    start = TEXT.index("Bundes")
    assert selected(move_end(TEXT, SENTENCES, (start, start + 3), "word+")) == "Bundesregierung"


def test_end_word_forward_at_the_end_of_the_text():
    span = (TEXT.index("nichts"), len(TEXT))
    assert move_end(TEXT, SENTENCES, span, "word+") == span
    span = (TEXT.index("nichts"), len(TEXT) - 1)  # "nichts" without the full stop
    assert move_end(TEXT, SENTENCES, span, "word+") == (span[0], len(TEXT))


def test_end_word_back_lets_go_of_the_last_word_but_never_the_first():
    span = (0, at("hat")[1])
    span = move_end(TEXT, SENTENCES, span, "word-")
    assert selected(span) == "Die Bundesregierung"
    span = move_end(TEXT, SENTENCES, span, "word-")
    assert selected(span) == "Die"
    assert move_end(TEXT, SENTENCES, span, "word-") == span


def test_end_word_back_over_a_compound():
    span = (at("den")[0], at("bewilligt")[1])
    assert selected(move_end(TEXT, SENTENCES, span, "word-")) == "den US-Dollar-Ausgleich"


def test_end_sentence_forward_and_back():
    span = first_word(TEXT, 0, S1_END)
    seen = []
    for _ in range(4):
        span = move_end(TEXT, SENTENCES, span, "sentence+")
        seen.append(span)
    assert seen == [(0, S1_END), (0, S2_END), (0, len(TEXT)), (0, len(TEXT))]
    back = []
    for _ in range(3):
        span = move_end(TEXT, SENTENCES, span, "sentence-")
        back.append(span)
    assert back == [(0, S2_END), (0, S1_END), (0, S1_END)]


def test_end_sentence_forward_from_the_middle_of_a_sentence():
    span = at("Scholz")
    assert move_end(TEXT, SENTENCES, span, "sentence+") == (span[0], S2_END)


def test_end_sentence_back_never_crosses_the_start():
    span = (TEXT.index("Olaf"), len(TEXT))
    span = move_end(TEXT, SENTENCES, span, "sentence-")
    assert span == (TEXT.index("Olaf"), S2_END)
    assert move_end(TEXT, SENTENCES, span, "sentence-") == span


def test_end_sentence_without_sentences():
    assert move_end(TEXT, [], (0, 3), "sentence+") == (0, len(TEXT))
    assert move_end(TEXT, [], (0, 3), "sentence-") == (0, 3)


def test_end_characters():
    assert move_end(TEXT, SENTENCES, (0, 3), "char+") == (0, 4)
    assert move_end(TEXT, SENTENCES, (0, 3), "char-") == (0, 2)
    assert move_end(TEXT, SENTENCES, (0, 1), "char-") == (0, 1)
    assert move_end(TEXT, SENTENCES, (5, len(TEXT)), "char+") == (5, len(TEXT))


def test_unknown_move_is_an_error():
    with pytest.raises(ValueError):
        move_end(TEXT, SENTENCES, (0, 3), "page+")
    with pytest.raises(ValueError):
        move_start(TEXT, (0, 3), "sentence-")


# -- the start ----------------------------------------------------------------------------


def test_start_word_back_takes_in_the_word_before():
    span = at("hat")
    span = move_start(TEXT, span, "word-")
    assert selected(span) == "Bundesregierung hat"
    span = move_start(TEXT, span, "word-")
    assert selected(span) == "Die Bundesregierung hat"
    assert move_start(TEXT, span, "word-") == span  # nothing before the text


def test_start_word_back_over_a_compound_and_a_number():
    span = at("bewilligt")
    span = move_start(TEXT, span, "word-")
    assert selected(span) == "US-Dollar-Ausgleich bewilligt"
    span = at("Mrd")
    assert selected(move_start(TEXT, span, "word-")) == "2,5 Mrd"


def test_start_word_back_from_the_middle_of_a_word_takes_its_beginning():
    start = TEXT.index("regierung")
    assert selected(move_start(TEXT, (start, start + 9), "word-")) == "Bundesregierung"


def test_start_word_forward_lets_go_of_the_first_word():
    span = (0, at("hat")[1])
    span = move_start(TEXT, span, "word+")
    assert selected(span) == "Bundesregierung hat"
    span = move_start(TEXT, span, "word+")
    assert selected(span) == "hat"
    assert move_start(TEXT, span, "word+") == span  # the last word stays


def test_start_word_forward_from_the_middle_of_a_word():
    start = TEXT.index("regierung")
    span = (start, at("hat")[1])
    assert selected(move_start(TEXT, span, "word+")) == "hat"


def test_start_word_forward_over_a_compound():
    span = (at("den")[0], at("bewilligt")[1])
    span = move_start(TEXT, span, "word+")
    assert selected(span) == "US-Dollar-Ausgleich bewilligt"
    assert selected(move_start(TEXT, span, "word+")) == "bewilligt"


def test_start_characters():
    assert move_start(TEXT, (0, 3), "char-") == (0, 3)
    assert move_start(TEXT, (4, 9), "char-") == (3, 9)
    assert move_start(TEXT, (4, 9), "char+") == (5, 9)
    assert move_start(TEXT, (8, 9), "char+") == (8, 9)


# -- any sequence of moves ----------------------------------------------------------------

END_MOVES = ["word+", "word-", "sentence+", "sentence-", "char+", "char-"]
START_MOVES = ["word+", "word-", "char+", "char-"]
moves = st.lists(
    st.one_of(st.tuples(st.just("end"), st.sampled_from(END_MOVES)), st.tuples(st.just("start"), st.sampled_from(START_MOVES))),
    max_size=40,
)
texts = st.one_of(
    st.just(TEXT),
    st.text(alphabet=st.sampled_from(list("aäßZ09 -–,.’'\n\t“„")), min_size=1, max_size=60),
    st.text(min_size=1, max_size=40),
)


@st.composite
def cases(draw):
    text = draw(texts)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))) | {0, len(text)})
    sentences = [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]
    if text == TEXT and draw(st.booleans()):
        sentences = SENTENCES
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, sentences, (start, end), draw(moves)


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_moves_never_empty_or_invert_the_selection(case):
    text, sentences, selection, steps = case
    for which, how in steps:
        start, end = selection
        if which == "end":
            selection = move_end(text, sentences, selection, how)
            assert selection[0] == start
        else:
            selection = move_start(text, selection, how)
            assert selection[1] == end
        assert 0 <= selection[0] < selection[1] <= len(text), (which, how)


@settings(max_examples=200, deadline=None)
@given(case=cases())
def test_selection_from_first_word_then_moves_stays_valid(case):
    text, sentences, _, steps = case
    sentence = sentences[0]
    selection = first_word(text, *sentence)
    assert sentence[0] <= selection[0] < selection[1] <= sentence[1]
    for which, how in steps:
        selection = move_end(text, sentences, selection, how) if which == "end" else move_start(text, selection, how)
        assert 0 <= selection[0] < selection[1] <= len(text)
