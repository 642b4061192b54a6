"""The spreading policy on hand-made records: which places get a name (no model, no text scan)."""

from gegenlesen.corpus.nlp import gazetteers
from gegenlesen.corpus.nlp.spreading import (
    Mention, Place, decide, find_places, gather, is_common_word, shaped_as_no_word, surnames,
)


def mentions(form, label, articles, initial=False):
    return [Mention(article, 0, len(form), label, form, initial) for article in articles]


def places(form, articles, initial=False):
    return [Place(article, 100, 100 + len(form), form, initial) for article in articles]


def test_the_word_tables_know_common_words_and_names():
    assert is_common_word("Richter") and is_common_word("Der") and is_common_word("Kurz")
    assert not is_common_word("Merkel") and not is_common_word("Post")  # GermEval: mostly names
    assert shaped_as_no_word("DeepSeek") and shaped_as_no_word("iPhone") and not shaped_as_no_word("Richter")


def test_across_the_corpus_a_name_shaped_as_no_word_spreads_though_the_model_missed_most_of_its_places():
    evidence = gather(mentions("QuorVex", "ORG", [1, 2, 2]))
    missed = places("QuorVex", [3, 4, 5, 6, 7])
    spread = decide(evidence, missed, set(), 3, 2, silence_only_against_words=True)
    assert [(s.place.article, s.label) for s in spread] == [(a, "ORG") for a in (3, 4, 5, 6, 7)]
    # a form that could be a German word, and that the model mostly left alone, is no name there
    for form in ("Quorvex", "Sonne"):
        evidence = gather(mentions(form, "LOC", [1, 2, 2]))
        assert decide(evidence, places(form, [3, 4, 5, 6, 7]), set(), 3, 2, silence_only_against_words=True) == []
    # where the model found it in half its places, it is a name in the other half
    evidence = gather(mentions("Quorvex", "ORG", [1, 2, 2]))
    assert len(decide(evidence, places("Quorvex", [3, 4, 5]), set(), 3, 2, silence_only_against_words=True)) == 3


def test_no_persons_name_right_after_an_article():
    evidence = gather(mentions("Quorvex", "PER", [1, 1]))
    spots = [Place(1, 5, 12, "Quorvex", False, after_article=True), Place(1, 20, 27, "Quorvex", False)]
    assert [s.place.start for s in decide(evidence, spots, set())] == [20]
    organisation = gather(mentions("Quorvex", "ORG", [1, 1]))
    assert len(decide(organisation, spots, set())) == 2  # "die Quorvex" may well be a company


def test_never_from_a_single_span_nor_from_one_article_in_the_corpus():
    assert decide(gather(mentions("Quorvex", "ORG", [1])), places("Quorvex", [2]), set()) == []
    assert decide(gather(mentions("Quorvex", "ORG", [1, 1, 1])), places("Quorvex", [2]), set(), 3, 2) == []


def test_a_sentence_initial_place_of_a_form_written_lower_case_elsewhere_is_no_name():
    evidence = gather(mentions("Quorvex", "ORG", [1, 1]))
    initial = places("Quorvex", [1], initial=True)
    assert decide(evidence, initial, {"Quorvex"}) == []
    assert len(decide(evidence, initial, set())) == 1


def test_an_article_keeps_its_own_label_for_the_form():
    evidence = gather(mentions("Quorvex", "ORG", [1, 1, 2]) + mentions("Quorvex", "LOC", [3]))
    spread = decide(evidence, places("Quorvex", [3, 4]), set(), 3, 2, silence_only_against_words=True)
    assert [(s.place.article, s.label) for s in spread] == [(3, "LOC"), (4, "ORG")]


def test_a_compound_start_or_a_place_running_on_gets_nothing():
    evidence = gather(mentions("Quorvex", "ORG", [1, 1]))
    odd = [Place(1, 5, 12, "Quorvex", False, runs_on=True), Place(1, 20, 27, "Quorvex", False, compound=True)]
    assert decide(evidence, odd, set()) == []


def test_two_mentions_against_one_are_no_clear_label():
    unsure = gather(mentions("Quorvex", "LOC", [1, 2]) + mentions("Quorvex", "PER", [3]))
    assert decide(unsure, places("Quorvex", [4]), set(), 3, 2) == []
    clear = gather(mentions("Quorvex", "LOC", [1, 2, 2]) + mentions("Quorvex", "PER", [3]))
    assert [s.label for s in decide(clear, places("Quorvex", [4]), set(), 3, 2)] == ["LOC"]


def test_the_surnames_an_article_names_in_full():
    names = [("Lena Quorvex", "PER"), ("Acme Group", "ORG"), ("Timo Zarbels", "PER"), ("Zarbel", "PER")]
    assert surnames(names) == {"Quorvex", "Zarbels", "Zarbel"}


def test_within_an_article_a_one_word_person_needs_the_person_named_in_full():
    evidence = gather(mentions("Quorvex", "PER", [1, 1, 1]))
    assert decide(evidence, places("Quorvex", [1]), set(), named_in_full=set()) == []
    assert [s.label for s in decide(evidence, places("Quorvex", [1]), set(), named_in_full={"Quorvex"})] == ["PER"]
    # across a corpus (no article's names given) the rule does not apply
    assert len(decide(evidence, places("Quorvex", [1]), set())) == 1


def test_within_an_article_two_mentions_make_a_name_only_when_more_than_the_model_says_so():
    alone = set()
    assert decide(gather(mentions("Quorvex", "ORG", [1, 1])), places("Quorvex", [1]), set(), named_in_full=alone) == []
    assert len(decide(gather(mentions("Quorvex", "ORG", [1, 1, 1])), places("Quorvex", [1]), set(),
                      named_in_full=alone)) == 1
    assert len(decide(gather(mentions("QuorVex", "ORG", [1, 1])), places("QuorVex", [1]), set(),
                      named_in_full=alone)) == 1  # shaped as no German word
    place = sorted(name for name in gazetteers.tables()["places"] if " " not in name and len(name) > 3)[0]
    assert len(decide(gather(mentions(place, "LOC", [1, 1])), places(place, [1]), set(), named_in_full=alone)) == 1
    # a person's name of two words, twice, is named in full
    assert len(decide(gather(mentions("Lena Quorvex", "PER", [1, 1])), places("Lena Quorvex", [1]), set(),
                      named_in_full=alone)) == 1


def test_no_name_right_after_an_indefinite_article():
    text = "Sie bekam einen Quorvex. Dann kam Quorvex. Kein Quorvex half."
    found, _ = find_places(1, text, [0, 25, 42], ["Quorvex"], [])
    assert [place.after_indefinite for place in found] == [True, False, True]
    evidence = gather(mentions("Quorvex", "ORG", [1, 1, 1]))
    assert [s.place.start for s in decide(evidence, found, set())] == [text.index("Quorvex", 25)]


def test_a_name_followed_by_a_plus_or_joined_by_an_ampersand_is_part_of_a_longer_name():
    text = "Wir nutzen Quorvex+ heute. Bei Quorvex & Partner und bei Acme & Quorvex, sagt Quorvex."
    found, _ = find_places(1, text, [0, 27], ["Quorvex"], [])
    assert [place.runs_on for place in found] == [True, True, True, False]


def test_a_country_code_is_spread_only_as_a_place():
    text = "Lena Quorvex (AUT) 227,8. Timo Zarbel (AUT) 218,4. Dann Mia Ulm (AUT) 215,0."
    found, _ = find_places(1, text, [0, 26, 51], ["AUT"], [])
    assert decide(gather(mentions("AUT", "ORG", [1, 1, 1])), found, set()) == []
    assert [s.label for s in decide(gather(mentions("AUT", "LOC", [1, 1, 1])), found, set())] == ["LOC"] * 3
