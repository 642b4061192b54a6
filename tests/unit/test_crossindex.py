"""The cross-reading index on small hand-built corpora (explicit entity records, no model):
what it keeps up to date and how, which names count, copies, credit lines, edge cases."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import MODEL, RULE, Analysis, Entity
from gegenlesen.storage import articles, corrections, crossindex, crossread
from gegenlesen.storage.claims import add_claim, delete_claim
from gegenlesen.storage.db import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "index.db")
    yield database
    crossindex.forget(database)
    database.close()


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentences split after '. ' (and the text's end)."""
    found, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] in " \n"):
            found.append((start, index + 1))
            start = index + 2
    if start < len(text.rstrip()):
        found.append((start, len(text.rstrip())))
    return found


def tag(text: str, word: str, label: str = "ORG", nth: int = 0) -> Entity:
    """The `nth` occurrence of `word` as a name the model tagged."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return Entity(at, at + len(word), label, word, MODEL)


def dated(text: str, words: str, iso: str) -> Entity:
    at = text.index(words)
    granularity = {4: "year", 7: "month"}.get(len(iso), "day")
    return Entity(at, at + len(words), "DATE", words, RULE, {"iso": iso, "granularity": granularity})


def add(db, text: str, entities: list[Entity], source: str | None = None, version_of: int | None = None) -> int:
    article_id, _ = articles.add_article(db, Article(source=source or text[:20], text=text), version_of=version_of)
    articles.store_analysis(db, article_id, Analysis(sentences_of(text), entities, "hand-1.0"))
    return article_id


def state(index: crossindex.CrossIndex) -> tuple:
    """Everything an index answers from, comparable between two indexes."""
    entries = {
        a: (e.sentences, e.claims, sorted(e.names), e.shingles, e.spans) for a, e in sorted(index.entries.items())
    }
    near, anywhere = index._block_counts()
    return (entries, index.trusted, index.name_postings, index.figure_postings, index.representative,
            index.shingle_postings, index.edges, +near, +anywhere)


def full(db) -> crossindex.CrossIndex:
    """The index built from nothing."""
    crossindex.forget(db)
    return crossindex.current(db)


FILLER = [
    "Die Feuerwehr rückte am Abend zu einem Einsatz in Quellbach aus.",
    "Im Rathaus von Wendelstein wurde über den Haushalt beraten.",
    "Der Verein Ruderclub Steinau feierte sein Jubiläum mit einem Fest.",
    "Am Bahnhof Tellingen fiel wegen Bauarbeiten ein Zug aus.",
    "Die Bibliothek in Haselberg verlängert ihre Öffnungszeiten.",
    "Das Museum Kornhaus zeigt eine Ausstellung über Uhren.",
]


def small_corpus(db) -> dict[str, int]:
    """Two articles on one story (Velora, Brandt, Kessing) and six unrelated ones."""
    one = "Der Konzern Velora stellte sein Modell vor. Laut Brandt geschah das im Januar 2024 in Kessing."
    two = "Nach Angaben von Brandt brachte Velora das Modell im März 2025 in Kessing heraus. Es war teuer."
    ids = {
        "one": add(db, one, [tag(one, "Velora"), tag(one, "Brandt", "PER"), tag(one, "Kessing", "LOC"),
                             dated(one, "Januar 2024", "2024-01")]),
        "two": add(db, two, [tag(two, "Brandt", "PER"), tag(two, "Velora"), tag(two, "Kessing", "LOC"),
                             dated(two, "März 2025", "2025-03")]),
    }
    for number, text in enumerate(FILLER):
        place = text.split(" in ")[-1].split(" ")[0].rstrip(".") if " in " in text else None
        ids[f"filler{number}"] = add(db, text, [tag(text, place, "LOC")] if place else [])
    return ids


# -- keeping up to date ---------------------------------------------------------------------


def test_an_unchanged_database_gives_back_the_same_index(db):
    small_corpus(db)
    first = crossindex.current(db)
    assert crossindex.current(db) is first


def test_a_new_claim_rebuilds_only_its_article_and_equals_a_full_rebuild(db):
    ids = small_corpus(db)
    before = crossindex.current(db)
    text = articles.get_article(db, ids["one"]).text
    claim = add_claim(db, ids["one"], 0, text.index(".") + 1, "ana")
    after = crossindex.current(db)
    assert after is not before and after.seq > before.seq
    assert after.entries[ids["one"]] is not before.entries[ids["one"]]
    assert claim.id in after.entries[ids["one"]].claims
    assert all(after.entries[a] is before.entries[a] for a in after.entries if a != ids["one"])
    assert state(after) == state(full(db))


def test_a_deleted_claim_leaves_the_index(db):
    ids = small_corpus(db)
    text = articles.get_article(db, ids["two"]).text
    claim = add_claim(db, ids["two"], 0, len(text), "ana")
    assert claim.id in crossindex.current(db).claims()
    delete_claim(db, claim.id, "ana")
    after = crossindex.current(db)
    assert claim.id not in after.claims()
    assert state(after) == state(full(db))


def test_a_new_article_is_read_alone_and_the_index_equals_a_full_rebuild(db):
    ids = small_corpus(db)
    before = crossindex.current(db)
    text = "Die Schule in Quellbach bekommt ein neues Dach."
    new = add(db, text, [tag(text, "Quellbach", "LOC")])
    after = crossindex.current(db)
    assert new in after.entries and new not in before.entries
    untouched = [a for a in before.entries if a not in (new,)]
    # Quellbach was tagged once before: a second tag makes it trusted, so articles holding it are read again
    holding = {a for a in untouched if "Quellbach" in articles.get_article(db, a).text}
    assert all(after.entries[a] is before.entries[a] for a in untouched if a not in holding)
    assert state(after) == state(full(db))


def test_a_new_version_replaces_the_old_article_in_the_index(db):
    ids = small_corpus(db)
    crossindex.current(db)
    text = "Der Konzern Velora stellte sein Modell vor. Laut Brandt geschah das im Februar 2024 in Kessing."
    newer = add(db, text, [tag(text, "Velora"), tag(text, "Brandt", "PER"), tag(text, "Kessing", "LOC"),
                           dated(text, "Februar 2024", "2024-02")], source="one, corrected", version_of=ids["one"])
    after = crossindex.current(db)
    assert newer in after.entries and ids["one"] not in after.entries
    assert state(after) == state(full(db))


def test_a_changed_analysis_rebuilds_its_article_and_articles_holding_a_name_that_came(db):
    ids = small_corpus(db)
    lone = "Zentrix meldete Zahlen. Der Chef sprach."
    lone_id = add(db, lone, [tag(lone, "Zentrix")])  # tagged once, at a sentence start: no name yet
    helper = "Die Stadt dankte. Auch Zentrix half."
    helper_id = add(db, helper, [])
    before = crossindex.current(db)
    assert "zentrix" not in before.trusted
    articles.store_analysis(db, helper_id, Analysis(sentences_of(helper), [tag(helper, "Zentrix")], "hand-1.0"))
    after = crossindex.current(db)
    assert "zentrix" in after.trusted
    assert after.entries[lone_id] is not before.entries[lone_id]  # it holds the name that came
    assert any(n.key == "zentrix" for p in after.entries[lone_id].sentences for n in p.names)
    assert after.entries[ids["filler3"]] is before.entries[ids["filler3"]]
    assert state(after) == state(full(db))


def test_a_correction_rebuilds_everything_and_applies_everywhere(db):
    ids = small_corpus(db)
    before = crossindex.current(db)
    assert "velora" in before.trusted
    corrections.correct(db, "Velora", None, "ana")  # no entity at all
    after = crossindex.current(db)
    assert "velora" not in after.trusted
    assert all(after.entries[a] is not before.entries[a] for a in after.entries)
    assert not any(n.key == "velora" for p in after.entries[ids["one"]].sentences for n in p.names)
    assert state(after) == state(full(db))


def test_many_changes_at_once_rebuild_everything_and_equal_a_full_rebuild(db):
    ids = small_corpus(db)
    before = crossindex.current(db)
    for key in ("filler0", "filler1", "filler2", "filler3"):
        text = articles.get_article(db, ids[key]).text
        add_claim(db, ids[key], 0, len(text), "ana")
    after = crossindex.current(db)
    assert all(after.entries[a] is not before.entries[a] for a in after.entries)
    assert state(after) == state(full(db))


def test_a_cancelled_build_raises_and_the_next_call_builds(db):
    small_corpus(db)
    crossindex.forget(db)
    for number in range(60):  # the build asks every 50 articles read
        text = f"Meldung {number} aus dem Ort Nummer {number}."
        add(db, text, [])
    with pytest.raises(crossindex.BuildCancelled):
        crossindex.current(db, cancelled=lambda: True)
    assert len(crossindex.current(db).entries) == 68


# -- which names count ------------------------------------------------------------------------


def test_a_name_counts_when_tagged_twice_or_mid_sentence_never_a_function_word(db):
    first = "Orlanda kündigte an. Es regnete. Der Bericht kam."
    second = "Wir trafen Halvor in Bremen. Des Weiteren Regen."
    third = "Orlanda sagte nichts. Der Tag war lang."
    add(db, first, [tag(first, "Orlanda", "PER"), tag(first, "Der", "PER", nth=0)])
    add(db, second, [tag(second, "Halvor", "PER"), tag(second, "Des", "PER")])
    add(db, third, [tag(third, "Orlanda", "PER"), tag(third, "Der", "PER")])
    lone = "Stumpf war der Tag. Nichts weiter."
    add(db, lone, [tag(lone, "Stumpf", "PER")])
    trusted = crossindex.current(db).trusted
    assert "orlanda" in trusted  # tagged in two places (each at a sentence start)
    assert "halvor" in trusted  # tagged once, capitalised mid-sentence
    assert "stumpf" not in trusted  # tagged once, at a sentence start
    assert "der" not in trusted and "des" not in trusted  # function words, however often tagged


def test_a_corrected_form_counts_though_tagged_once_at_a_sentence_start(db):
    text = "Stumpf war der Tag. Nichts weiter."
    add(db, text, [])
    add(db, "Ein anderer Text ohne Namen.", [])
    corrections.correct(db, "Stumpf", "PER", "ana")
    assert "stumpf" in crossindex.current(db).trusted


def test_a_trusted_name_is_found_where_the_model_missed_it(db):
    one = "Gestern sprach Velora über Pläne."
    two = "Velora wuchs. Auch Velora sparte."
    add(db, one, [tag(one, "Velora")])
    untagged = add(db, two, [])  # the model tagged nothing here
    index = crossindex.current(db)
    assert [n.key for p in index.entries[untagged].sentences for n in p.names] == ["velora", "velora"]


# -- near-duplicates ------------------------------------------------------------------------------


STORY = ("Die Stadtwerke von Lindau erhöhen zum ersten Juli die Preise für Strom und Gas deutlich. "
         "Ein Sprecher begründete den Schritt mit gestiegenen Einkaufskosten am Großhandelsmarkt. "
         "Verbraucherschützer raten dazu, die Tarife zu vergleichen und rechtzeitig zu wechseln. "
         "Der Gemeinderat will sich in seiner nächsten Sitzung mit den Folgen beschäftigen.")


def test_near_duplicate_articles_are_grouped_and_proposed_once(db):
    original = add(db, STORY, [tag(STORY, "Lindau", "LOC")], source="Blatt A")
    copy_text = STORY + " (Agentur Süd)"
    copy = add(db, copy_text, [tag(copy_text, "Lindau", "LOC")], source="Blatt B")
    other_text = "In Lindau steigen die Preise für Strom ab Juli. Der Gemeinderat berät bald."
    other = add(db, other_text, [tag(other_text, "Lindau", "LOC")], source="Blatt C")
    index = crossindex.current(db)
    assert index.representative[copy] == index.representative[original] == original
    assert index.representative[other] == other
    assert index.duplicates_of(original) == [copy]
    claim = add_claim(db, other, 0, other_text.index(".") + 1, "ana")
    corpus = crossread.load_corpus(db)
    articles_proposed = {p.passage.article_id for p in crossread.proposals(corpus, claim.id, top=20)}
    assert articles_proposed and len(articles_proposed & {original, copy}) == 1


def test_a_footer_many_articles_share_is_boilerplate_not_a_copy(db):
    footer = " Alle Rechte vorbehalten, Nachdruck nur mit Genehmigung der Redaktion gestattet."
    ids = [add(db, f"Meldung {n}: {FILLER[n % len(FILLER)]} Es war der {n}. Fall." + footer, [], source=f"m{n}")
           for n in range(crossindex.COMMON_SHINGLE + 2)]
    index = crossindex.current(db)
    assert len({index.representative[a] for a in ids}) > len(FILLER)


# -- conflicts ------------------------------------------------------------------------------------


LEADS = {
    "2024-01": "Velora und Brandt trafen sich gestern zu einem langen Gespräch in Kessing.",
    "2025-03": "In Kessing sprach Brandt am Rande einer Messe ausführlich über die Zukunft von Velora.",
}


def story_article(db, date_words: str, iso: str, tail: str = "", source: str | None = None) -> int:
    """An article on the Velora story (three names other articles share) dating the opening;
    articles of other dates are worded otherwise (no copies of each other)."""
    text = f"{LEADS[iso]} Velora eröffnete das Werk im {date_words}.{tail}"
    return add(db, text, [tag(text, "Velora"), tag(text, "Velora", nth=1), tag(text, "Brandt", "PER"),
                          tag(text, "Kessing", "LOC"), dated(text, date_words, iso)], source=source)


def test_two_dates_of_one_event_in_one_story_are_flagged(db):
    story_article(db, "Januar 2024", "2024-01")
    story_article(db, "März 2025", "2025-03")
    flagged = crossread.corpus_conflicts(db, crossread.load_corpus(db))
    assert [f.conflict.label for f in flagged] == ["DATE"]
    assert "2024-01" in flagged[0].conflict.describe() and "2025-03" in flagged[0].conflict.describe()


def test_credit_line_dates_are_never_flagged(db):
    for filed, iso in (("6.11.2015", "2015-11-06"), ("9.12.2016", "2016-12-09")):
        text = f"Velora und Brandt trafen sich in Kessing. Velora eröffnete das Werk. (APA, {filed})"
        add(db, text, [tag(text, "Velora"), tag(text, "Velora", nth=1), tag(text, "Brandt", "PER"),
                       tag(text, "Kessing", "LOC"), dated(text, filed, iso)])
    assert crossread.corpus_conflicts(db, crossread.load_corpus(db)) == []


def test_a_copy_of_an_article_does_not_double_a_conflict(db):
    story_article(db, "Januar 2024", "2024-01")
    story_article(db, "März 2025", "2025-03")
    story_article(db, "März 2025", "2025-03", tail=" (Agentur)", source="copy")
    assert len(crossread.corpus_conflicts(db, crossread.load_corpus(db))) == 1


# -- edge cases -----------------------------------------------------------------------------------


def test_a_claim_that_is_a_whole_article_has_a_passage_and_proposals(db):
    ids = small_corpus(db)
    text = articles.get_article(db, ids["two"]).text
    claim = add_claim(db, ids["two"], 0, len(text), "ana")
    corpus = crossread.load_corpus(db)
    passage = corpus.claims[claim.id]
    assert (passage.start, passage.end) == (0, len(text))
    assert {"velora", "brandt", "kessing"} <= {n.key for n in passage.names}
    found = crossread.proposals(corpus, claim.id)
    assert found and found[0].passage.article_id == ids["one"]
    assert all(p.passage.article_id != ids["two"] for p in found)


def test_a_corpus_of_one_article_has_nothing_to_propose_or_flag(db):
    text = "Velora eröffnete das Werk im Januar 2024. Velora eröffnete das Werk im März 2025."
    only = add(db, text, [tag(text, "Velora"), tag(text, "Velora", nth=1), dated(text, "Januar 2024", "2024-01"),
                          dated(text, "März 2025", "2025-03")])
    claim = add_claim(db, only, 0, text.index(".") + 1, "ana")
    corpus = crossread.load_corpus(db)
    assert list(corpus.index.entries) == [only]
    assert corpus.index.candidate_articles(db, corpus.claims[claim.id]) == []
    assert crossread.proposals(corpus, claim.id) == []
    assert crossread.corpus_conflicts(db, corpus) == []


def test_an_empty_database_has_an_empty_index(db):
    index = crossindex.current(db)
    assert index.entries == {} and index.sentences() == [] and index.claims() == {}


def test_claims_are_suggested_from_claims_sharing_something_with_them(db):
    ids = small_corpus(db)
    tagged = {}
    for key in ("one", "two", "filler4"):
        text = articles.get_article(db, ids[key]).text
        tagged[key] = add_claim(db, ids[key], 0, len(text), "ana").id
    pool = crossread.ClaimPool(crossread.load_corpus(db))
    assert [other for other, _ in pool.suggest(tagged["one"])] == [tagged["two"]]
    assert pool.suggest(tagged["filler4"]) == []
    assert {(a, b) for a, b, _ in crossread.claim_suggestions(crossread.load_corpus(db))} == {
        (tagged["one"], tagged["two"]), (tagged["two"], tagged["one"])}


def test_a_copy_imported_later_joins_its_original_in_the_update(db):
    original = add(db, STORY, [tag(STORY, "Lindau", "LOC")], source="Blatt A")
    for number, text in enumerate(FILLER):
        add(db, text, [], source=f"filler {number}")
    before = crossindex.current(db)
    copy_text = STORY + " (Agentur Süd)"
    copy = add(db, copy_text, [tag(copy_text, "Lindau", "LOC")], source="Blatt B")
    after = crossindex.current(db)
    assert after.entries[original] is before.entries[original]  # an update, not a rebuild
    assert after.representative[copy] == original and after.duplicates_of(original) == [copy]
    assert state(after) == state(full(db))
