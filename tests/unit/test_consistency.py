"""Document-level consistency and common nouns: rules on top of the model's names."""

from gegenlesen.corpus.nlp.common_nouns import without_common_nouns
from gegenlesen.corpus.nlp.consistency import consistent_names
from gegenlesen.corpus.nlp.records import MODEL, RULE, Entity


def at(text, surface, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), label, surface, MODEL)


def starts(text):
    """Sentence starts of a text made of sentences ending in '. '."""
    return [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]


def added(text, found):
    return [(text[e.start:e.end], e.label) for e in consistent_names(text, found, starts(text)) if e not in found]


def test_a_name_the_model_found_twice_is_found_everywhere_in_the_article():
    text = "Heute sprach DeepSeeks Chef. Morgen DeepSeeks Team. DeepSeek wächst, sagt DeepSeek."
    found = [at(text, "DeepSeeks", "ORG"), at(text, "DeepSeeks", "ORG", 1)]
    result = consistent_names(text, found, starts(text))
    assert [(text[e.start:e.end], e.label, e.origin) for e in result if e not in found] == [("DeepSeek", "ORG", RULE)] * 2
    assert set(found) <= set(result)


def test_a_single_span_is_never_spread():
    once_inside = "Wir sahen Nvidia. Nvidia wächst. Gestern kam Nvidia."
    assert added(once_inside, [at(once_inside, "Nvidia", "ORG")]) == []
    # a wrong one-off span: "Der" after an abbreviated name makes no "Der" a person
    wrong = "Es sprach Karim B. Der Mann schwieg. Der Rest ist bekannt."
    assert added(wrong, [at(wrong, "Der", "PER")]) == []


def test_a_full_name_teaches_the_surname_and_the_majority_label_wins():
    text = "Gestern sagte Donald Trump etwas, und Trump sagte mehr. Donald Trump ging."
    found = [at(text, "Donald Trump", "PER"), at(text, "Donald Trump", "PER", 1)]
    assert added(text, found) == [("Trump", "PER")]


def test_nothing_spreads_into_other_entities_words_or_compound_starts():
    text = "Die Firma Apple und Apple sowie Applesauce, Apple-Chips und 6 Millionen Apple"
    money = Entity(text.index("6 Mil"), len(text), "MONEY", "6 Millionen Apple", RULE)
    found = [at(text, "Apple", "ORG"), at(text, "Apple", "ORG", 1), money]
    assert added(text, found) == []


def test_a_frequent_german_word_spreads_only_where_the_model_mostly_found_it():
    # "Richter" twice a surname, five times the judge the model rightly left alone
    text = ("Die Richterin Petra Richter kam. Der Richter sprach. Richter lachte. Ein Richter fehlte. "
            "Kein Richter kam. Dann sagte der Richter nichts. Am Ende ging ein Richter heim.")
    found = [at(text, "Petra Richter", "PER"), at(text, "Richter", "PER", 2)]
    assert added(text, found) == []
    # where the model found it nearly everywhere inside a sentence, the one it missed is a name too
    kanzler = "Heute sprach Kanzler Sebastian Kurz. Dann sagte Kurz nein. Später lachte Kurz. Morgen fliegt Kurz."
    found = [at(kanzler, "Sebastian Kurz", "PER"), at(kanzler, "Kurz", "PER", 1), at(kanzler, "Kurz", "PER", 2)]
    assert added(kanzler, found) == [("Kurz", "PER")]


def test_a_sentence_initial_capital_gets_no_name_when_the_word_is_written_lower_case():
    text = "Kanzler Kurz kam. Dann sprach Kurz lange. Kurz gesagt: nein. Das war kurz."
    found = [at(text, "Kurz", "PER"), at(text, "Kurz", "PER", 1)]
    assert added(text, found) == []
    # a name never written lower case keeps its sentence-initial places
    name = "Wir sahen Zalando. Dann kam Zalando. Zalando wächst."
    assert added(name, [at(name, "Zalando", "ORG"), at(name, "Zalando", "ORG", 1)]) == [("Zalando", "ORG")]


def test_a_common_word_at_the_start_of_a_sentence_is_not_spread():
    text = "Die Stadt Essen wächst. Die Bürger von Essen feiern. Essen gibt es dort. Nach Essen fährt man."
    found = [at(text, "Essen", "LOC"), at(text, "Essen", "LOC", 1), at(text, "Essen", "LOC", 3)]
    assert added(text, found) == []


def test_a_place_running_on_into_a_longer_name_is_not_this_name():
    text = "Sie lebt in Wien. Er mag Wien. Der Klub Austria Wien siegt. Die Statistik zeigt Wien vorne."
    found = [at(text, "Wien", "LOC"), at(text, "Wien", "LOC", 1)]
    assert added(text, found) == [("Wien", "LOC")]  # not the "Wien" of "Austria Wien"
    club = "Der 1. FC Köln spielte. In Köln regnet es. Aus Köln kommt er. FC Köln verliert."
    assert added(club, [at(club, "Köln", "LOC", 1), at(club, "Köln", "LOC", 2)]) == []


def test_a_form_with_an_unclear_label_is_not_spread():
    text = "Paris sprach. Dann Paris lachte. Wir sahen Paris. Nach Paris fuhr sie. Paris ist weit."
    found = [at(text, "Paris", "PER", 1), at(text, "Paris", "LOC", 2), at(text, "Paris", "PER", 3),
             at(text, "Paris", "LOC", 4)]
    assert added(text, found) == []
    found[0] = at(text, "Paris", "LOC", 1)  # three of four agree: a clear label
    assert added(text, found) == [("Paris", "LOC")] * 2  # the PER relabelled, the first one spread
    # two against one is no clear label: the model is unsure what the name is
    assert added(text, found[:3]) == []


def test_one_name_keeps_one_label_within_an_article():
    text = "Wir lasen Zalando. Dann kam Zalando. Heute ging Zalando. Auch Zalando. Zuletzt Zalando."
    found = [at(text, "Zalando", "ORG"), at(text, "Zalando", "ORG", 1), at(text, "Zalando", "ORG", 2),
             at(text, "Zalando", "LOC", 3)]
    result = consistent_names(text, found, starts(text))
    assert [(e.start, e.label) for e in result] == [(e.start, "ORG") for e in found] + [(text.rindex("Zalando"), "ORG")]
    assert result[3].origin == RULE  # the label comes from the rule now, not the model
    # two against one, or evenly split: no clear label, both labels stay and nothing is spread
    for split in (found[:2] + [at(text, "Zalando", "LOC", 2)], [at(text, "Zalando", "ORG"), at(text, "Zalando", "LOC", 1)]):
        result = consistent_names(text, split, starts(text))
        assert [e.label for e in result] == [e.label for e in split]


def test_common_nouns_are_no_names():
    kept = without_common_nouns([Entity(0, 2, "ORG", "KI", MODEL), Entity(3, 6, "ORG", "KIs", MODEL),
                                 Entity(7, 9, "ORG", "EU", MODEL)])
    assert [e.text for e in kept] == ["EU"]


def test_an_organisation_word_is_no_surname():
    text = "Die Alibaba Group wächst. Alibaba Group und die Group."
    found = [at(text, "Alibaba Group", "PER"), at(text, "Alibaba Group", "PER", 1)]
    assert ("Group", "PER") not in added(text, found)


def test_within_an_article_the_models_silence_counts_against_any_form():
    # the model found "Quorvex" twice and left it alone three times inside sentences
    new = "Wir sahen Quorvex. Dann kam Quorvex. Heute sprach Quorvex. Bald kauft Quorvex. Auch Quorvex."
    assert added(new, [at(new, "Quorvex", "ORG"), at(new, "Quorvex", "ORG", 1)]) == []


def test_a_one_word_person_is_spread_only_where_the_article_names_the_person_in_full():
    bare = "Heute sprach Quorvex. Dann sagte Quorvex nein. Später lachte Quorvex."
    assert added(bare, [at(bare, "Quorvex", "PER"), at(bare, "Quorvex", "PER", 1)]) == []
    # the full name may come from a rule (a first name before the model's surname)
    full = "Heute sprach Lena Quorvex. Dann sagte Quorvex nein. Später lachte Quorvex. Morgen fliegt Quorvex."
    named = Entity(full.index("Lena"), full.index(". Dann"), "PER", "Lena Quorvex", RULE)
    assert added(full, [named, at(full, "Quorvex", "PER", 1), at(full, "Quorvex", "PER", 2)]) == [("Quorvex", "PER")]
