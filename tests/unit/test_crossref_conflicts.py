"""Conflicts: one kind of value about one name, granularity and qualifiers respected."""

from __future__ import annotations

from gegenlesen.corpus.crossref.conflicts import compatible, find_conflicts, shared_name
from gegenlesen.corpus.crossref.units import FigureMention, NameMention, Passage
from gegenlesen.corpus.entities import figure_identity


def fig(label: str, **value) -> FigureMention:
    return FigureMention(label, "…", value, f"{label}:{figure_identity(label, value)}")


def date(iso: str, **extra) -> FigureMention:
    granularity = {4: "year", 7: "month"}.get(len(iso), "day")
    return fig("DATE", iso=iso, granularity=granularity, **extra)


def usd(amount, **extra) -> FigureMention:
    return fig("MONEY", amount=amount, currency="USD", **extra)


def passage(article: int, *figures, names=("Acme",), standalone=True, context=(), text="Acme kostet …") -> Passage:
    return Passage(
        article, 0, 10, text,
        tuple(NameMention(n.casefold(), n, standalone) for n in names),
        tuple(figures),
        tuple(NameMention(n.casefold(), n) for n in context),
    )


def test_release_dates_a_year_apart_conflict_and_are_described():
    a = passage(3, date("2024-01"))
    b = passage(5, date("2025-01", qualifier="late"))
    [conflict] = find_conflicts(a, b)
    assert conflict.label == "DATE"
    assert conflict.describe() == "Acme: 2024-01 (article 3) against 2025-01, late (article 5)"
    assert conflict.describe({3: "002", 5: "004"}) == "Acme: 2024-01 (002) against 2025-01, late (004)"


def test_a_day_inside_the_month_is_no_conflict():
    assert not find_conflicts(passage(1, date("2025-01")), passage(2, date("2025-01-28")))
    assert not find_conflicts(passage(1, date("2025")), passage(2, date("2025-01-28")))
    assert find_conflicts(passage(1, date("2025-02")), passage(2, date("2025-01-28")))


def test_a_qualifier_on_a_date_alone_is_no_conflict():
    assert not find_conflicts(passage(1, date("2025-01", qualifier="late")), passage(2, date("2025-01", qualifier="early")))


def test_a_date_without_its_year_is_compared_by_month_and_day():
    assert not find_conflicts(passage(1, date("--01-30")), passage(2, date("2025-01")))
    assert not find_conflicts(passage(1, date("2024-01-30", year_assumed=True)), passage(2, date("2025-01-30")))
    assert find_conflicts(passage(1, date("--03-30")), passage(2, date("2025-01")))


def test_qualified_amounts_that_can_both_be_right_are_no_conflict():
    assert not find_conflicts(passage(1, usd(6000000, qualifier="only")), passage(2, usd(6000000, qualifier="less than")))
    assert not find_conflicts(passage(1, usd(5500000)), passage(2, usd(6000000, qualifier="less than")))
    assert not find_conflicts(passage(1, usd(5800000)), passage(2, usd(6000000, qualifier="about")))
    assert find_conflicts(passage(1, usd(7000000)), passage(2, usd(6000000, qualifier="less than")))
    assert find_conflicts(passage(1, usd(6000000)), passage(2, usd(8000000)))


def test_a_scale_mix_up_conflicts_but_unrelated_magnitudes_do_not():
    assert find_conflicts(passage(1, usd(6000000)), passage(2, usd(6000000000)))
    assert not find_conflicts(passage(1, usd(6000000)), passage(2, usd(5500000000)))


def test_currency_and_unit_must_agree():
    per_token = usd(2.2, per="Million Token")
    assert not find_conflicts(passage(1, per_token), passage(2, usd(60)))
    assert not find_conflicts(passage(1, usd(60)), passage(2, fig("MONEY", amount=60, currency="EUR")))
    assert find_conflicts(passage(1, per_token), passage(2, usd(3.5, per="million token")))
    # 2.2 against 60 per million tokens: prices of different things, not one price misreported
    assert not find_conflicts(passage(1, per_token), passage(2, usd(60, per="Million Token")))


def test_percent_and_percentage_points_are_different_kinds():
    assert not find_conflicts(passage(1, fig("PERCENT", percent=3)), passage(2, fig("PERCENT", percentage_points=5)))
    assert find_conflicts(passage(1, fig("PERCENT", percent=3)), passage(2, fig("PERCENT", percent=5)))


def test_a_value_inside_the_other_passages_range_or_comparison_is_no_conflict():
    assert not find_conflicts(passage(1, date("2024-01")), passage(2, date("2023"), date("2025")))
    assert not find_conflicts(passage(1, usd(6000000)), passage(2, usd(78000000), usd(6000000, qualifier="less than")))


def test_no_shared_name_or_same_article_means_no_conflict():
    assert not find_conflicts(passage(1, date("2024-01")), passage(2, date("2025-01"), names=("Other",)))
    assert not find_conflicts(passage(1, date("2024-01")), passage(1, date("2025-01")))


def test_a_name_met_only_in_compounds_on_both_sides_is_too_weak():
    a = passage(1, date("2024-01"), standalone=False)
    b = passage(2, date("2025-01"), standalone=False)
    assert shared_name(a, b) is None and not find_conflicts(a, b)


def test_a_name_just_before_the_passage_counts_with_one_inside_the_other():
    a = passage(1, date("2024-01"), names=(), context=("Acme",))
    b = passage(2, date("2025-01"))
    assert shared_name(a, b) == "Acme"
    assert find_conflicts(a, b)


def test_compatible_is_symmetric():
    pairs = [(date("2025-01"), date("2025-01-28")), (usd(6), usd(6, qualifier="less than")), (usd(6), usd(9))]
    for x, y in pairs:
        assert compatible(x, y) == compatible(y, x)


def test_amounts_must_count_the_same_thing_and_a_year_is_no_day():
    cost = passage(1, usd(2000000000), text="Das Werk von Acme kostet …")
    also_cost = passage(2, usd(1800000000), text="Acme: die Kosten betragen …")
    turnover = passage(2, usd(700000000), text="Acme erwartet einen Umsatz von … im Jahr")
    assert find_conflicts(cost, also_cost)
    assert not find_conflicts(cost, turnover)
    assert not find_conflicts(passage(1, date("2027")), passage(2, date("2024-03-12")))
    assert find_conflicts(passage(1, date("2024-03")), passage(2, date("2024-05-22")))
