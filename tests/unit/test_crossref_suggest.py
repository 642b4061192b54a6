"""Suggestions: other articles only, shared names, figures and wording, deterministic."""

from __future__ import annotations

from gegenlesen.corpus.crossref.suggest import suggest
from gegenlesen.corpus.crossref.units import FigureMention, NameMention, Passage, content_words


def p(article: int, start: int, text: str, names=(), figures=()) -> Passage:
    return Passage(
        article, start, start + len(text), text,
        tuple(NameMention(n.casefold(), n) for n in names), tuple(figures), (), content_words(text),
    )


SIX = FigureMention("MONEY", "6 Millionen Dollar", {"amount": 6000000, "currency": "USD"}, "MONEY:6000000 USD")
FEWER = FigureMention(
    "MONEY", "weniger als 6 Millionen Dollar", {"amount": 6000000, "currency": "USD", "qualifier": "less than"},
    "MONEY:6000000 USD",
)
JAN24 = FigureMention("DATE", "Januar 2024", {"iso": "2024-01", "granularity": "month"}, "DATE:2024-01")
JAN25 = FigureMention("DATE", "Januar 2025", {"iso": "2025-01", "granularity": "month"}, "DATE:2025-01")

CLAIM = p(1, 0, "Acme trainierte das Modell für 6 Millionen Dollar.", ["Acme"], [SIX])
POOL = [
    CLAIM,
    p(1, 60, "Acme trainierte das Modell für 6 Millionen Dollar, sagte Acme.", ["Acme"], [SIX]),
    p(2, 0, "Das Training kostete Acme weniger als 6 Millionen Dollar.", ["Acme"], [FEWER]),
    p(2, 70, "Die Börse fiel am Montag deutlich.", []),
    p(3, 0, "Acme stellte ein neues Modell vor.", ["Acme"]),
    p(3, 40, "Das Wetter war schön.", []),
]


def test_only_other_articles_best_first_with_reasons():
    found = suggest(CLAIM, POOL, top=3)
    assert all(s.candidate.article_id != 1 for s in found)
    assert found[0].candidate is POOL[2]
    assert found[0].reasons[0] == "shared: Acme, 6\u00a0000\u00a0000 USD"
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_unrelated_passages_are_not_suggested():
    found = suggest(CLAIM, POOL, top=10)
    assert POOL[5] not in [s.candidate for s in found]


def test_top_limits_and_ranking_is_deterministic():
    assert len(suggest(CLAIM, POOL, top=1)) == 1
    assert suggest(CLAIM, POOL, top=0) == []
    assert suggest(CLAIM, list(reversed(POOL)), top=5) == suggest(CLAIM, POOL, top=5)


def test_similar_wording_is_a_reason():
    claim = p(1, 0, "Die Aktien der Technologieunternehmen fielen deutlich nach dem Börsenstart.")
    pool = [claim, p(2, 0, "Die Aktien vieler Technologieunternehmen fielen deutlich."), p(3, 0, "Ein Hund bellte.")]
    [best] = suggest(claim, pool, top=1)
    assert best.candidate is pool[1]
    assert any(reason.startswith("similar wording ") for reason in best.reasons)


def test_a_differing_date_about_a_shared_name_is_surfaced():
    claim = p(1, 0, "Acme stellte das Modell im Januar 2024 vor.", ["Acme"], [JAN24])
    other = p(2, 0, "Seit Januar 2025 ist Acme bekannt.", ["Acme"], [JAN25])
    pool = [claim, other, p(3, 0, "Acme ist ein Unternehmen.", ["Acme"])]
    best = suggest(claim, pool, top=2)[0]
    assert best.candidate is other
    assert "same kind of value about Acme: DATE" in best.reasons
