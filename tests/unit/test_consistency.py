"""Document-level consistency and common nouns: rules on top of the model's names."""

from gegenlesen.corpus.nlp.common_nouns import without_common_nouns
from gegenlesen.corpus.nlp.consistency import consistent_names, sure_names
from gegenlesen.corpus.nlp.records import MODEL, RULE, Entity


def at(text, surface, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), label, surface, MODEL)


def test_a_name_the_model_found_twice_is_found_everywhere_in_the_article():
    text = "Heute sprach DeepSeeks Chef. Morgen DeepSeeks Team. DeepSeek wächst, sagt DeepSeek."
    found = [at(text, "DeepSeeks", "ORG"), at(text, "DeepSeeks", "ORG", 1)]
    added = consistent_names(text, found, [0, 29, 52])
    assert [(text[e.start:e.end], e.label, e.origin) for e in added] == [("DeepSeek", "ORG", RULE)] * 2


def test_a_single_sentence_initial_guess_is_not_spread():
    text = "Verknüpft mit Geld. Das ist verknüpft. Verknüpft."
    assert sure_names(text, [at(text, "Verknüpft", "PER")], [0, 20, 39]) == {}
    once_inside = "Wir sahen Nvidia. Nvidia wächst."
    assert sure_names(once_inside, [at(once_inside, "Nvidia", "ORG")], [0, 18]) == {"Nvidia": "ORG"}


def test_a_full_name_teaches_the_surname_and_the_majority_label_wins():
    text = "Gestern sagte Donald Trump etwas, und Trump sagte mehr. Donald Trump ging."
    found = [at(text, "Donald Trump", "PER"), at(text, "Donald Trump", "PER", 1)]
    (added,) = consistent_names(text, found, [0, 56])
    assert (added.text, added.label) == ("Trump", "PER")


def test_nothing_spreads_into_other_entities_words_or_compound_starts():
    text = "Die Firma Apple und Apple sowie Applesauce, Apple-Chips und 6 Millionen Apple"
    money = Entity(text.index("6 Mil"), len(text), "MONEY", "6 Millionen Apple", RULE)
    found = [at(text, "Apple", "ORG"), at(text, "Apple", "ORG", 1), money]
    assert consistent_names(text, found, [0]) == []


def test_common_nouns_are_no_names():
    kept = without_common_nouns([Entity(0, 2, "ORG", "KI", MODEL), Entity(3, 6, "ORG", "KIs", MODEL),
                                 Entity(7, 9, "ORG", "EU", MODEL)])
    assert [e.text for e in kept] == ["EU"]


def test_an_organisation_word_is_no_surname():
    text = "Die Alibaba Group wächst. Alibaba Group und die Group."
    found = [at(text, "Alibaba Group", "PER"), at(text, "Alibaba Group", "PER", 1)]
    assert "Group" not in sure_names(text, found, [0, 26])
