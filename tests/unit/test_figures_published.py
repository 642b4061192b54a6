"""Dates read against the article's publication date, how each new kind of value is
described, and the date reaching the rules from the database. Sentences written for this test."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.entities import describe_value
from gegenlesen.corpus.nlp.calendar_math import publication_date, weekday_date
from gegenlesen.corpus.nlp.figures import find_figures
from gegenlesen.corpus.nlp.records import Analysis
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending

WEDNESDAY = datetime.date(2025, 1, 29)


def read(text: str, published: datetime.date | None = WEDNESDAY) -> list[tuple[str, str]]:
    """(surface, description) of every figure."""
    return [(text[f.start:f.end], describe_value(f.label, f.value)) for f in find_figures(text, published=published)]


@pytest.mark.parametrize("text,shown", [
    ("Am Montag trat der Vorstand zurück.", "2025-01-27 (Monday)"),
    ("Am Mittwoch bestätigte das Amt die Zahlen.", "2025-01-29 (Wednesday)"),  # the day of publication
    ("Am Donnerstag hatte die Polizei das Haus durchsucht.", "2025-01-23 (Thursday)"),
    ("Am vergangenen Mittwoch tagte der Ausschuss.", "2025-01-22 (last Wednesday)"),
    ("Kommenden Montag beginnt der Prozess.", "2025-02-03 (next Monday)"),
    ("Ab Freitag gilt das Tempolimit.", "2025-01-31 (Friday)"),
    ("Seit Samstagabend wird der Bergsteiger vermisst.", "2025-01-25 (Saturday)"),
])
def test_weekdays_resolve_against_the_publication_date(text, shown):
    (found,) = read(text)
    assert found[1] == shown


@pytest.mark.parametrize("text,shown", [
    ("Gestern wurde der Tunnel gesperrt.", "2025-01-28 (yesterday)"),
    ("Vorgestern meldete die Firma Insolvenz an.", "2025-01-27 (the day before yesterday)"),
    ("Die Kommission entscheidet morgen.", "2025-01-30 (tomorrow)"),
    ("Heute Abend spricht der Kanzler.", "2025-01-29 (today)"),
    ("Vergangene Woche stürzte der Kurs ab.", "2025-W04 (last week)"),
    ("Nächste Woche wird gewählt.", "2025-W06 (next week)"),
    ("Im vergangenen Monat sank die Zahl der Anträge.", "2024-12 (last month)"),
    ("Im vergangenen Jahr kamen weniger Touristen.", "2024 (last year)"),
    ("Im Februar dieses Jahres läuft der Vertrag aus.", "2025-02 (this year)"),
    ("Ende vergangenen Jahres wurde der Bau gestoppt.", "2024 (last year), late"),
    ("Seit 20 Jahren betreibt er die Bäckerei.", "for 20 years, since 2005"),
    ("Vor drei Monaten zog das Amt um.", "3 months ago: 2024-10"),
    ("In zwei Wochen soll die Brücke fertig sein.", "in 2 weeks: 2025-02-12"),
    ("Im dritten Quartal stieg der Umsatz.", "2025-Q3 (year assumed)"),
])
def test_relative_dates_resolve_against_the_publication_date(text, shown):
    (found,) = read(text)
    assert found[1] == shown


@pytest.mark.parametrize("text,shown", [
    ("Am Montag trat der Vorstand zurück.", "Monday (date of article unknown)"),
    ("Kommenden Montag beginnt der Prozess.", "next Monday (date of article unknown)"),
    ("Gestern wurde der Tunnel gesperrt.", "yesterday (date of article unknown)"),
    ("Im Februar dieses Jahres läuft der Vertrag aus.", "--02 (this year; date of article unknown)"),
    ("Seit 20 Jahren betreibt er die Bäckerei.", "for 20 years"),
    ("Im dritten Quartal stieg der Umsatz.", "Q3 (year unknown)"),
])
def test_without_a_publication_date_the_description_says_so(text, shown):
    (found,) = read(text, published=None)
    assert found[1] == shown


def test_a_date_without_year_is_put_in_the_year_nearest_the_publication():
    assert read("Am 30. Dezember schloss die Filiale.", datetime.date(2025, 1, 5)) == [
        ("30. Dezember", "2024-12-30 (year assumed)")]
    assert read("Am 3. Januar öffnet die Filiale.", datetime.date(2024, 12, 20)) == [
        ("3. Januar", "2025-01-03 (year assumed)")]
    assert read("Am 10. Mai öffnet die Filiale.", datetime.date(2024, 12, 20)) == [
        ("10. Mai", "2025-05-10 (year assumed)")]


@pytest.mark.parametrize("weekday", range(7))
@pytest.mark.parametrize("published", [datetime.date(2025, 1, 27) + datetime.timedelta(days=n) for n in range(7)])
def test_weekday_date_lands_on_that_weekday_within_a_week(weekday, published):
    for direction, low, high in (("", -6, 0), ("last", -7, -1), ("next", 1, 7), ("from", 0, 6)):
        day = weekday_date(published, weekday, direction)
        assert day.weekday() == weekday
        assert low <= (day - published).days <= high


@pytest.mark.parametrize("label,value,shown", [
    ("DATE", {"iso": "P2W", "granularity": "duration"}, "2 weeks"),
    ("DATE", {"iso": "P1Y", "granularity": "duration", "qualifier": "almost"}, "almost 1 year"),
    ("DATE", {"iso": "PT36H", "granularity": "duration"}, "36 hours"),
    ("DATE", {"iso": "P5Y", "granularity": "duration", "relation": "ago", "resolved": "2020"}, "5 years ago: 2020"),
    ("DATE", {"iso": "P1W", "granularity": "duration", "relation": "within"}, "within 1 week"),
    ("DATE", {"iso": "2023-Q4", "granularity": "quarter"}, "2023-Q4"),
    ("DATE", {"iso": "199X", "granularity": "decade", "qualifier": "early"}, "1990s, early"),
    ("DATE", {"iso": "2025-06-16", "granularity": "day", "range": "from"}, "from 2025-06-16"),
    ("MONEY", {"amount": 10**9, "currency": "CNY", "qualifier": "more than", "magnitude": 10**9}, "billions of CNY"),
    ("MONEY", {"amount": 10**8, "currency": "USD", "qualifier": "more than", "magnitude": 10**8}, "hundreds of millions of USD"),
    ("MONEY", {"amount": 270, "currency": "EUR", "range": "to"}, "to 270 EUR"),
    ("CARDINAL", {"number": 10**4, "qualifier": "more than", "magnitude": 10**4}, "tens of thousands"),
    ("CARDINAL", {"number": 12, "qualifier": "more than", "magnitude": 12}, "dozens"),
    ("CARDINAL", {"number": 0.2, "fraction": "1/5"}, "0.2 (1/5)"),
    ("CARDINAL", {"number": 0.5, "fraction": "1/2", "qualifier": "more than"}, "more than 0.5 (1/2)"),
    ("DATE", {"iso": "nonsense", "granularity": "duration"}, "nonsense"),
    ("MONEY", {"amount": 5, "currency": "EUR", "magnitude": "many"}, "5 EUR"),
])
def test_describe_value_of_the_new_kinds(label, value, shown):
    assert describe_value(label, value) == shown


@pytest.mark.parametrize("stored,expected", [
    ("2025-01-29", datetime.date(2025, 1, 29)),
    ("2025-01-29T08:15:00+01:00", datetime.date(2025, 1, 29)),
    (" 29.01.2025 ", datetime.date(2025, 1, 29)),
    ("2025-02-30", None), ("gestern", None), ("", None), (None, None), ("2025", None), ("99.99.9999", None),
])
def test_publication_date_reads_what_sources_store(stored, expected):
    assert publication_date(stored) == expected


def test_analyse_pending_passes_each_articles_publication_date(tmp_path):
    db = open_database(tmp_path / "dates.db")
    try:
        for number, published in enumerate(["2025-01-29", "im Winter", None, "2025-13-01T00:00"]):
            articles.add_article(db, Article(f"{number}.txt", f"Artikel {number}. Am Montag.", published=published))
        seen = []

        def analyse(text, published):
            seen.append((text.split(".")[0], published))
            return Analysis([(0, len(text))], [], "fake-1")

        assert analyse_pending(db, analyse) == 4
        assert sorted(seen) == [("Artikel 0", WEDNESDAY), ("Artikel 1", None), ("Artikel 2", None), ("Artikel 3", None)]
    finally:
        db.close()


FRAGMENTS = ["Am", "Montag", "gestern", "vergangene", "Woche", "seit", "20", "Jahren", "vierten", "Quartal", "2023",
             "zwischen", "und", "bis", "Euro", "16.", "Juni", "1990er", "Jahre", "ein", "Fünftel", "die", "Hälfte",
             "Hunderte", "Milliarden", "Yuan", "zwei", "Dutzend", "über", "mehr als", "zehn", "Anfang", "des",
             "Jahres", "dieses", "Q4", "/", "-", "–", ".", " ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
       st.one_of(st.none(), st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))))
def test_spans_and_descriptions_are_sane_with_any_date(text, published):
    previous_end = 0
    for figure in find_figures(text, published=published):
        assert previous_end <= figure.start < figure.end <= len(text)
        previous_end = figure.end
        assert text[figure.start:figure.end].strip() == text[figure.start:figure.end]
        assert describe_value(figure.label, figure.value)


@pytest.mark.parametrize("published", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(2, 1, 1)])
def test_dates_at_the_ends_of_the_calendar_do_not_raise(published):
    text = "Am vergangenen Montag, gestern und morgen, vergangene Woche, am 30. Dezember, in 99999 Tagen."
    assert find_figures(text, published=published)
