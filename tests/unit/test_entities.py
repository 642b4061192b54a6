"""group_mentions: names grouped by folded text across labels, figures by value, genitives merged only with care."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gegenlesen.corpus.entities import describe_value, entity_key, group_mentions


def mention(article_id, text, label="ORG"):
    return (article_id, entity_key(text, label), label, text)


def by_key(groups):
    return {group.key: group for group in groups}


def test_entity_key_folds_case_and_spacing_and_ignores_the_label_of_names():
    assert entity_key("DeepSeek", "ORG") == entity_key("deepseek", "MISC") == "name:deepseek"
    assert entity_key("  Weißes \n Haus ", "LOC") == "name:weisses haus"


def test_figures_meet_by_their_normalised_value():
    six = {"amount": 6000000, "currency": "USD"}
    assert entity_key("6 Millionen Dollar", "MONEY", six) == entity_key("weniger als 6 Millionen Dollar", "MONEY",
                                                                        {**six, "qualifier": "less than"})
    assert entity_key("Januar 2025", "DATE", {"iso": "2025-01"}) == entity_key(
        "Ende Januar 2025", "DATE", {"iso": "2025-01", "qualifier": "late"}) == "DATE:2025-01"
    assert entity_key("2,2 Dollar pro Million Tokens", "MONEY", {"amount": 2.2, "currency": "USD", "per": "Million Tokens"}) \
        != entity_key("2,2 Dollar", "MONEY", {"amount": 2.2, "currency": "USD"})


def test_genitive_merges_into_the_bare_form_when_it_is_mentioned():
    groups = group_mentions([
        mention(1, "DeepSeek"), mention(1, "DeepSeeks"), mention(1, "DeepSeek"),
        mention(2, "DeepSeeks"), mention(2, "DeepSeek"), mention(3, "Deepseek"),
    ])
    assert len(groups) == 1
    (group,) = groups
    assert group.key == "name:deepseek"
    assert group.keys == {"name:deepseek", "name:deepseeks"}
    assert group.name == "DeepSeek"  # the surface used most often
    assert dict(group.per_article) == {1: 3, 2: 2, 3: 1}
    assert group.total == 6
    assert group.label == "ORG"


def test_names_ending_in_s_stay_when_no_bare_form_exists():
    groups = by_key(group_mentions([mention(1, "Axios"), mention(2, "Axios"), mention(2, "Paris", "LOC")]))
    assert set(groups) == {"name:axios", "name:paris"}
    assert groups["name:axios"].name == "Axios"
    assert groups["name:paris"].label == "LOC"
    assert dict(groups["name:axios"].per_article) == {1: 1, 2: 1}


def test_genitive_without_bare_form_stays_separate():
    groups = group_mentions([mention(1, "Nvidias"), mention(1, "OpenAI")])
    assert {group.key for group in groups} == {"name:nvidias", "name:openai"}


def test_apostrophe_genitive_merges():
    groups = group_mentions([
        mention(1, "Trump", "PER"), mention(1, "Trump", "PER"), mention(2, "Trump’s", "PER"), mention(2, "Trump's", "PER"),
    ])
    assert len(groups) == 1 and groups[0].name == "Trump"
    assert groups[0].keys == {"name:trump", "name:trump’s", "name:trump's"}
    assert dict(groups[0].per_article) == {1: 2, 2: 2}


def test_one_name_with_several_labels_is_one_entity_labelled_by_most_mentions():
    groups = group_mentions([mention(1, "DeepSeek", "ORG"), mention(2, "DeepSeek", "ORG"), mention(2, "DeepSeeks", "MISC")])
    assert len(groups) == 1
    assert groups[0].label == "ORG" and groups[0].total == 3


def test_figures_never_take_part_in_genitive_merging():
    def date(article_id, text, iso):
        return (article_id, entity_key(text, "DATE", {"iso": iso}), "DATE", text)

    groups = group_mentions([date(1, "2025", "2025"), date(1, "Januar 2025", "2025-01"),
                             date(2, "Ende Januar 2025", "2025-01"), mention(1, "Google"), mention(1, "Googles")])
    assert {group.key for group in groups} == {"DATE:2025", "DATE:2025-01", "name:google"}
    assert by_key(groups)["DATE:2025-01"].total == 2


def test_groups_are_sorted_by_total_then_name():
    groups = group_mentions([
        mention(1, "Zeta"), mention(1, "beta"), mention(2, "Alpha"), mention(2, "Alpha"), mention(3, "beta"),
        mention(3, "Omega"), mention(3, "Omega"), mention(3, "Omega"),
    ])
    assert [(group.name, group.total) for group in groups] == [("Omega", 3), ("Alpha", 2), ("beta", 2), ("Zeta", 1)]


def test_surfaces_of_one_key_tie_alphabetically_so_the_name_is_stable():
    groups = group_mentions([mention(1, "deepseek"), mention(2, "DeepSeek")])
    assert groups[0].name == "DeepSeek" and groups[0].total == 2


def test_no_mentions_no_groups():
    assert group_mentions([]) == []


def test_group_name_is_deterministic_and_prefers_the_bare_form():
    code = (
        "from gegenlesen.corpus.entities import entity_key, group_mentions\n"
        "m = [(1, entity_key('DeepSeeks', 'ORG'), 'ORG', 'DeepSeeks'), (2, entity_key('DeepSeek', 'ORG'), 'ORG', 'DeepSeek')]\n"
        "print(group_mentions(m)[0].name)"
    )
    names = set()
    for seed in range(8):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        names.add(result.stdout.strip())
    assert names == {"DeepSeek"}


@pytest.mark.parametrize(
    "key,shown",
    [("MONEY:6000000 USD", "6\u00a0000\u00a0000 USD"), ("MONEY:2.2 USD per million tokens", "2.2 USD per million tokens"),
     ("PERCENT:3", "3%"), ("PERCENT:3.5", "3.5%"), ("DATE:2025-01", "2025-01"), ("CARDINAL:600000000000", "600\u00a0000\u00a0000\u00a0000"),
     ("name:deepseek", None), ("name:2025", None)],
)
def test_figures_show_their_normalised_value(key, shown):
    from gegenlesen.corpus.entities import readable_value

    assert readable_value(key) == shown


@pytest.mark.parametrize("label, value, shown", [
    ("MONEY", {"amount": 6000000, "currency": "USD", "qualifier": "less than"}, "less than 6\u00a0000\u00a0000 USD"),
    ("MONEY", {"amount": 2.2, "currency": "USD", "per": "Million Tokens"}, "2.2 USD per Million Tokens"),
    ("PERCENT", {"percent": 3, "qualifier": "more than"}, "more than 3%"),
    ("PERCENT", {"percentage_points": 1.5}, "1.5 percentage points"),
    ("DATE", {"iso": "2025-01", "granularity": "month", "qualifier": "late"}, "2025-01, late"),
    ("DATE", {"iso": "2025-01-30", "granularity": "day", "year_assumed": True}, "2025-01-30 (year assumed)"),
    ("CARDINAL", {"number": 600000000000, "qualifier": "about"}, "about 600\u00a0000\u00a0000\u00a0000"),
    ("ORG", None, None),
    ("DATE", {}, None),
])
def test_describe_value_says_what_a_figure_means(label, value, shown):
    assert describe_value(label, value) == shown


def test_dates_without_a_calendar_form_are_keyed_and_shown_as_read():
    from gegenlesen.corpus.entities import entity_key, readable_value

    duration = {"iso": "P2W", "granularity": "duration"}
    weekday = {"iso": "-W-1", "granularity": "weekday", "weekday": "Monday", "unresolved": True}
    decade = {"iso": "199X", "granularity": "decade"}
    quarter = {"iso": "2023-Q4", "granularity": "quarter"}
    shown = [readable_value(entity_key(text, "DATE", value))
             for text, value in (("zwei Wochen", duration), ("Montag", weekday), ("1990er", decade), ("Q4", quarter))]
    assert shown == ["2 weeks", "Monday (date of article unknown)", "1990s", "2023-Q4"]
