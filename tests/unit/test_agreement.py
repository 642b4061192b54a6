"""Agreement over hand-made claim records; the expected alphas are worked out by hand below."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.agreement import ClaimRecord, agreement, alpha_figure, sentence_rows, units


def claim(who, start, end, article=1, type=None, verdict=None, id=0):
    return ClaimRecord(who, article, start, end, type, verdict, id)


def test_alpha_of_two_annotators_matches_the_hand_computation():
    # Items (a, b): (1,1) (1,0) (0,0) (0,0). Coincidences: o11=2, o10=o01=1, o00=4; n=8, n1=3, n0=5.
    # D_o = 2/8; D_e = 2*3*5/(8*7) = 30/56; alpha = 1 - (1/4)/(30/56) = 8/15.
    figure = alpha_figure([[1, 1, 0, 0], [1, 0, 0, 0]])
    assert figure.alpha == pytest.approx(8 / 15)
    assert figure.items == 4 and figure.observed == pytest.approx(3 / 4)


def test_cohens_kappa_of_two_annotators_matches_the_hand_computation():
    # Items (a, b): (x,x) (x,y) (y,y) (y,y) (x,x) (z,z), and one item b left out.
    # Observed 5/6; a gives x3 y2 z1, b x2 y3 z1: chance (3*2 + 2*3 + 1*1)/36 = 13/36;
    # kappa = (5/6 - 13/36) / (1 - 13/36) = 17/23.
    figure = alpha_figure([list("xxyyxz") + ["x"], list("xyyyxz") + [None]])
    assert figure.kappa == pytest.approx(17 / 23) and figure.kappa_items == 6
    assert alpha_figure([[1, 1, 0], [1, 0, 0], [0, 0, 1]]).kappa is None  # three annotators: alpha only
    assert alpha_figure([["a", "a"], ["a", "a"]]).kappa is None  # one value throughout: undefined


def test_alpha_of_three_annotators_with_missing_values():
    # Items: {1,1}, {1,0,0}, {0,0,0}, {0,1}. With 1/(m-1) weights: o11=2, o10=o01=2, o00=4; n=10,
    # n1=4, n0=6. D_o = 4/10; D_e = 2*4*6/(10*9) = 48/90; alpha = 1 - 0.4/(48/90) = 0.25.
    figure = alpha_figure([[1, 1, 0, None], [1, 0, 0, 0], [None, 0, 0, 1]])
    assert figure.alpha == pytest.approx(0.25)
    assert figure.items == 4 and figure.observed == pytest.approx(2 / 4)


def test_alpha_takes_text_values():
    assert alpha_figure([["true", "true", "false", "false"], ["true", "false", "false", "false"]]).alpha == \
        pytest.approx(8 / 15)


def test_one_value_only_leaves_alpha_undefined_but_counts_the_items():
    figure = alpha_figure([["event", "event"], ["event", "event"]])
    assert figure.alpha is None and figure.items == 2 and figure.observed == 1.0
    assert "same" in figure.reason


def test_items_with_one_value_are_not_counted():
    figure = alpha_figure([[1, None, 0], [None, 0, None]])
    assert figure.alpha is None and figure.items == 0 and figure.observed is None
    assert "two annotators" in figure.reason


def test_overlapping_claims_form_one_unit_touching_ones_do_not():
    found = units([claim("a", 0, 10, id=1), claim("b", 5, 20, id=2), claim("c", 18, 30, id=3),
                   claim("a", 30, 40, id=4), claim("b", 0, 5, article=2, id=5)])
    assert [(u.article, u.start, u.end, sorted(c.id for c in u.claims.values())) for u in found] == [
        (1, 0, 30, [1, 2, 3]), (1, 30, 40, [4]), (2, 0, 5, [5])]
    assert [u.shared for u in found] == [True, False, False]


def test_an_annotators_first_claim_stands_for_them_in_a_unit():
    (unit,) = units([claim("a", 0, 10, id=1, verdict="true"), claim("a", 8, 12, id=2, verdict="false"),
                     claim("b", 9, 11, id=3, verdict="true")])
    assert unit.claims["a"].id == 1 and unit.verdicts() == {"a": "true", "b": "true"}


def test_sentence_rows_mark_every_sentence_a_claim_overlaps():
    sentences = [(0, 10), (11, 20), (21, 30)]
    rows = sentence_rows(["a", "b", "c"], [claim("a", 5, 15), claim("b", 21, 25)], sentences)
    assert rows == [[1, 1, 0], [0, 0, 1], [None, None, None]]


def test_agreement_on_claim_sentences_types_and_verdicts():
    sentences = {1: [(0, 10), (11, 20), (21, 30), (31, 40)], 2: [(0, 10)], 3: [(0, 10), (11, 20)]}
    claims = [
        claim("a", 0, 10, type="event", verdict="true", id=1),
        claim("b", 0, 9, type="event", verdict="false", id=2),
        claim("a", 11, 20, type="quote", verdict="unchecked", id=3),
        claim("b", 11, 20, type="event", verdict="false", id=4),
        claim("b", 31, 40, type="figure", id=5),
        claim("a", 0, 10, article=2, id=6),  # only a tagged in article 2: left out
        claim("c", 0, 10, article=3, id=7),  # not asked for
        claim("b", 0, 10, article=3, id=8),
    ]
    report = agreement(["a", "b"], claims, sentences)
    # Article 1, sentences a=(1,1,0,0), b=(1,1,0,1): alpha by hand as above, o11=4, o10=o01=1, o00=2;
    # n=8, n1=5, n0=3, D_o=2/8, D_e=30/56: 8/15.
    assert list(report.per_article) == [1]
    assert report.sentences.alpha == pytest.approx(8 / 15) and report.sentences.items == 4
    assert report.shared_claims == 2
    assert report.types.items == 2 and report.types.observed == 0.5
    assert report.verdicts.items == 1  # "unchecked" is no verdict
    assert report.claims == {"a": 2, "b": 3}
    assert [sorted(c.id for c in u.claims.values()) for u in report.disagreements] == [[1, 2]]


def test_agreement_needs_two_annotators():
    with pytest.raises(ValueError):
        agreement(["a", "a"], [], {})
