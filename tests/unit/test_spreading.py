"""The spreading policy on hand-made records: which places get a name (no model, no text scan)."""

from gegenlesen.corpus.nlp.spreading import Mention, Place, decide, gather, is_common_word, shaped_as_no_word


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
