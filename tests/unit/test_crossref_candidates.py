"""Check-worthy sentences by rules."""

from __future__ import annotations

from gegenlesen.corpus.crossref.candidates import check_worthiness, claim_candidates
from gegenlesen.corpus.crossref.units import FigureMention, NameMention, Passage


def p(text: str, start: int = 0, names=(), figures=()) -> Passage:
    return Passage(1, start, start + len(text), text, tuple(NameMention(n.casefold(), n) for n in names), tuple(figures))


MONEY = FigureMention("MONEY", "6 Millionen Dollar", {"amount": 6000000, "currency": "USD"}, "MONEY:6000000 USD")


def test_a_figure_with_a_comparison_is_a_candidate():
    score, reasons = check_worthiness(p("Das Training kostete mehr als 6 Millionen Dollar.", figures=[MONEY]))
    assert score >= 3
    assert "figure: 6\u00a0000\u00a0000 USD" in reasons and "comparison: mehr als" in reasons


def test_a_quote_with_a_speaker():
    score, reasons = check_worthiness(p('Der Präsident bezeichnete das Modell als einen "großen Weckruf" für alle.', names=["Präsident"]))
    assert "quote with a speaker" in reasons and score >= 2


def test_causal_language_and_superlatives():
    _, reasons = check_worthiness(p("Der Kurs fiel stark, weil die Anleger das billigste Modell fürchteten."))
    assert "cause: weil" in reasons and "superlative: billigste" in reasons
    _, reasons = check_worthiness(p("Das führte zu deutlich günstigeren Preisen im ganzen Markt."))
    assert any(r.startswith("cause: führte zu") for r in reasons)
    assert any(r.startswith("comparison: günstigeren") for r in reasons)


def test_nouns_ending_like_superlatives_are_not():
    _, reasons = check_worthiness(p("Die Kosten im Westen sind ein Thema für viele Leute."))
    assert not any(r.startswith("superlative") for r in reasons)


def test_plain_sentences_questions_and_headings_are_not_candidates():
    passages = [
        p("Die Sonne schien über dem ganzen Land."),
        p("Ist das Modell wirklich mehr als 6 Millionen Dollar wert?", 40, figures=[MONEY]),
        p("Finanzielle Folgen", 100),
        p("Acme gab 6 Millionen Dollar aus, weil es billiger war.", 130, names=["Acme"], figures=[MONEY]),
    ]
    found = claim_candidates(passages)
    assert [(c.start, c.end) for c in found] == [(130, 130 + len(passages[3].text))]
    assert found[0].score >= 2 and found[0].reasons


def test_threshold_is_a_parameter():
    passages = [p("Der Kurs fiel stark, weil die Anleger Angst hatten.")]
    assert claim_candidates(passages) == []
    assert len(claim_candidates(passages, threshold=1.0)) == 1
