"""Suggestions: other articles only, shared names, figures, words and their meaning,
deterministic, each with its reasons. Sentences made up for the tests."""

from __future__ import annotations

from gegenlesen.corpus.crossref.suggest import FEATURES, Weights, suggest
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
    assert found[0].reasons[:2] == ("same subject: Acme", "same value: 6\u00a0000\u00a0000 USD")
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
    [same] = [reason for reason in best.reasons if reason.startswith("same words: ")]
    assert "Technologieunternehmen" in same and "Aktien" in same


def test_a_differing_date_about_a_shared_name_is_surfaced():
    claim = p(1, 0, "Acme stellte das Modell im Januar 2024 vor.", ["Acme"], [JAN24])
    other = p(2, 0, "Seit Januar 2025 ist Acme bekannt.", ["Acme"], [JAN25])
    pool = [claim, other, p(3, 0, "Acme ist ein Unternehmen.", ["Acme"])]
    best = suggest(claim, pool, top=2)[0]
    assert best.candidate is other
    assert "same kind of value about Acme: DATE" in best.reasons


def test_the_same_claim_in_other_words_is_found_and_said_why():
    claim = p(1, 0, "Der Musiker Acme beging Suizid.", ["Acme"])
    pool = [
        claim,
        p(2, 0, "Acme hat ein neues Album aufgenommen.", ["Acme"]),
        p(3, 0, "Acme hat sich das Leben genommen, teilte die Familie mit.", ["Acme"]),
        p(4, 0, "Ein Selbstmord in der Nachbarschaft erschütterte die Stadt."),
    ]
    found = suggest(claim, pool, top=3)
    assert found[0].candidate is pool[2]  # same subject and the same predicate in other words
    assert found[0].reasons[0] == "same subject: Acme"
    assert "Suizid ≈ Leben … genommen" in found[0].reasons[1]
    assert [s.candidate for s in found].index(pool[3]) < [s.candidate for s in found].index(pool[1])


def test_a_compound_meets_the_words_it_is_made_of():
    claim = p(1, 0, "Firmen wie Acme mussten Kursverluste hinnehmen.", ["Acme"])
    pool = [claim, p(2, 0, "Acme meldete Verluste beim Kurs der Aktie."), p(3, 0, "Acme stellte ein Auto vor.", ["Acme"])]
    assert suggest(claim, pool, top=1)[0].candidate is pool[1]


def test_a_negation_is_named_but_does_not_hide_the_proposal():
    claim = p(1, 0, "Das Modell ist frei verfügbar und quelloffen.")
    other = p(2, 0, "Das Modell ist nicht frei verfügbar.")
    [best] = suggest(claim, [claim, other], top=1)
    assert best.candidate is other and "one of them says no (the other)" in best.reasons


def test_weights_change_the_order():
    claim = p(1, 0, "Acme beging Suizid.", ["Acme"])
    by_name = p(2, 0, "Acme baut Autos in Schweden.", ["Acme"])
    by_meaning = p(3, 0, "Ein Selbstmord wurde gemeldet.")
    pool = [claim, by_name, by_meaning]
    names_only = Weights(**{name: (1.0 if name == "names" else 0.0) for name in FEATURES})
    meaning_only = Weights(**{name: (1.0 if name == "synonyms" else 0.0) for name in FEATURES})
    assert [s.candidate for s in suggest(claim, pool, top=1, weights=names_only)] == [by_name]
    assert [s.candidate for s in suggest(claim, pool, top=1, weights=meaning_only)] == [by_meaning]


def test_a_one_word_claim_and_a_claim_of_a_whole_article():
    word = p(1, 0, "Kursverluste")
    assert suggest(word, [word, p(2, 0, "Die Verluste an der Börse waren hoch.")], top=3)
    article = p(1, 0, " ".join(["Die Aktien fielen nach dem Börsenstart deutlich."] * 2000))
    found = suggest(article, [article, p(2, 0, "Die Aktien fielen deutlich."), p(3, 0, "Ein Hund bellte.")], top=3)
    assert [s.candidate.article_id for s in found] == [2]
