"""Word meaning for the ranking: lemmas, compound parts, synonym sets, negation, and what
happens when a table is missing or damaged. Sentences made up for the tests."""

from __future__ import annotations

import gzip

import pytest

from gegenlesen.corpus.crossref import compounds
from gegenlesen.corpus.crossref import lexicon as tables
from gegenlesen.corpus.crossref.meaning import MAX_TOKENS, Meaning, meaning_of, use_lexicon


@pytest.fixture
def shipped():
    yield tables.lexicon()
    use_lexicon(tables.load())


def lemmas(text: str) -> set[str]:
    return {word.lemma for word in meaning_of(text).words}


def test_inflected_forms_meet_on_their_lemma():
    assert {"aktie", "fallen"} <= lemmas("Die Aktien fielen am Nachmittag.")
    assert "nehmen" in lemmas("Sie hat es genommen.")
    assert "verlust" in lemmas("Die Verluste waren hoch.")


def test_compounds_are_split_by_frequency(shipped):
    assert compounds.split("kursverluste", shipped) == ("kurs", "verlust")
    assert compounds.split("technologieunternehmen", shipped) == ("technologie", "unternehmen")
    assert compounds.split("unternehmen", shipped) == ()  # unter + nehmen is no better than the word
    assert compounds.split("haus", shipped) == ()


def test_a_compound_meets_its_head():
    compound = meaning_of("Der Hersteller meldete Kursverluste.")
    plain = meaning_of("Der Verlust war groß.")
    assert "verlust" in compound.keys & plain.keys


def test_suicide_in_three_wordings_shares_a_synonym_set():
    suizid = meaning_of("Der Musiker beging Suizid.").concepts
    selbstmord = meaning_of("Ein Selbstmord wurde gemeldet.").concepts
    phrase = meaning_of("Der Musiker hat sich das Leben genommen.").concepts
    assert suizid & selbstmord & phrase


def test_a_phrase_counts_only_when_its_words_stand_together():
    near = meaning_of("Er hat sich das Leben genommen.")
    far = meaning_of("Das Leben in der kleinen Stadt am Fluss war ruhig, bis er das Auto genommen hat.")
    assert any(w.lemma == "leben nehmen" for w in near.words)
    assert not any(w.lemma == "leben nehmen" for w in far.words)


def test_negation_and_skipped_words():
    assert meaning_of("Das Modell ist nicht frei verfügbar.").negated
    assert not meaning_of("Das Modell ist frei verfügbar.").negated
    assert "nvidia" not in lemmas_skipping("Nvidia verlor stark.", {"nvidia"})


def lemmas_skipping(text: str, skip: set[str]) -> set[str]:
    return {w.lemma for w in meaning_of(text, frozenset(skip)).words}


def test_rare_words_weigh_more_than_common_ones():
    words = {w.lemma: w.weight for w in meaning_of("Die Quantisierung machte es schneller.").words}
    assert words["quantisierung"] > words["machen"]


def test_meaning_round_trips_through_json():
    meaning = meaning_of("Firmen mussten Kursverluste hinnehmen, das Leben genommen.")
    again = Meaning.from_json(meaning.to_json())
    assert again == meaning and again.concepts == meaning.concepts and again.total == meaning.total


def test_one_word_and_a_whole_article_are_read():
    assert [w.lemma for w in meaning_of("Kursverluste").words] == ["kursverlust"]
    assert meaning_of("").words == ()
    letters = "bcdfghklmnprstvwz"
    article = " ".join("Aktie" + letters[i % 17] + letters[i // 17 % 17] + letters[i // 289] for i in range(3000))
    assert len([w for w in meaning_of(article).words if w.keys]) == MAX_TOKENS


def test_missing_and_damaged_tables_leave_the_ranking_without_them(tmp_path, shipped):
    (tmp_path / tables.WORDS).write_bytes(b"not gzip at all")
    broken = tables.load(tmp_path)
    assert broken.problems == (
        f"The word table (lemmas, compounds) {tmp_path / tables.WORDS} is damaged: links are proposed without it.",
        f"The thesaurus (synonyms) {tmp_path / tables.THESAURUS} is missing: links are proposed without it.",
    )
    use_lexicon(broken)
    assert tables.problems_once() == broken.problems
    assert tables.problems_once() == ()  # said once
    meaning = meaning_of("Die Aktien fielen.")
    assert {w.lemma for w in meaning.words} == {"aktien", "fielen"} and not meaning.concepts


def test_a_table_with_a_bad_line_is_damaged(tmp_path):
    with gzip.open(tmp_path / tables.THESAURUS, "wt", encoding="utf-8") as out:
        out.write("# header\nsuizid\t6078\nkaputt\n")
    assert "damaged" in tables.load(tmp_path).problems[1]
