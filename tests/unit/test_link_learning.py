"""The ranking that `l` and `links suggest` use learns from the links the user keeps,
removes and passes over, on a hand-made corpus (no model: entities are given by hand)."""

from __future__ import annotations

import pytest

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.crossref.learning import MIN_KEPT
from gegenlesen.corpus.crossref.suggest import DEFAULT_WEIGHTS
from gegenlesen.corpus.nlp.records import Analysis, Entity
from gegenlesen.storage import articles, crossread, links
from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database

NAMES = [("Halvorsen", "Ingrid Svensson"), ("Brixton", "Pavel Korvin"), ("Quandor", "Lena Marquardt"),
         ("Velmar", "Otto Brandauer"), ("Tessaro", "Mila Jovanic"), ("Lindqvist", "Ruben Falk"),
         ("Morbach", "Selma Ostrowski")]
TOPICS = [
    ("meldet einen kräftigen Rückgang der Verkäufe im Ausland", "Die Verkäufe im Ausland brachen zuletzt kräftig ein."),
    ("plant den Bau einer großen Fabrik für Batterien", "Eine große Fabrik für Batterien soll gebaut werden."),
    ("senkt die Preise für Strom und Gas deutlich", "Strom und Gas werden deutlich billiger."),
    ("streicht wegen der Krise viele Stellen in der Verwaltung", "In der Verwaltung fallen wegen der Krise viele Stellen weg."),
    ("verdoppelt die Ausgaben für Forschung an Impfstoffen", "Die Ausgaben für die Forschung an Impfstoffen steigen stark."),
    ("verlegt seinen Sitz wegen hoher Steuern nach Irland", "Wegen hoher Steuern zieht der Sitz nach Irland."),
    ("verkauft die Sparte für Landmaschinen an einen Investor", "Die Sparte für Landmaschinen geht an einen Investor."),
]


def article(db, source: str, sentences: list[tuple[str, list[tuple[str, str]]]]) -> tuple[int, list[tuple[int, int]]]:
    """Store an article of these sentences, each with its names (text, label), analysed by hand."""
    text = " ".join(sentence for sentence, _ in sentences)
    article_id, _ = articles.add_article(db, Article(source, text))
    spans, found, at = [], [], 0
    for sentence, names in sentences:
        spans.append((at, at + len(sentence)))
        for name, label in names:
            start = text.index(name, at)
            found.append(Entity(start, start + len(name), label, name))
        at += len(sentence) + 1
    articles.store_analysis(db, article_id, Analysis(spans, found, "hand"))
    return article_id, spans


@pytest.fixture
def corpus_db(tmp_path):
    """Seven stories. In each, a claim names a company and a person; another article has a
    sentence saying the same in other words without the names (`wording`), and one naming
    both about something else (`subject`). Returns the database and (claim, wording, subject)
    per story."""
    db = open_database(tmp_path / "hand.db")
    stories = []
    for number, ((company, person), (said, paraphrase)) in enumerate(zip(NAMES, TOPICS)):
        claimed, own = article(db, f"claim{number}.txt",
                               [(f"{company} {said}, sagte {person}.", [(company, "ORG"), (person, "PER")])])
        other, theirs = article(db, f"other{number}.txt", [
            (paraphrase, []),
            (f"{person} eröffnet für {company} ein neues Büro in der Hauptstadt.", [(person, "PER"), (company, "ORG")]),
        ])
        stories.append((add_claim(db, claimed, *own[0], "ana").id, add_claim(db, other, *theirs[0], "ana").id,
                        add_claim(db, other, *theirs[1], "ana").id))
    yield db, stories
    db.close()


def learnt_weights(db):
    return crossread.with_learnt_weights(crossread.load_corpus(db)).weights


def dialog_order(db, claim_id: int) -> list[int | None]:
    return [p.claim_id for p in crossread.proposals(crossread.load_corpus(db), claim_id, top=2)]


def suggest_order(db, claim_id: int) -> list[int]:
    return [other for claim, other, _ in crossread.claim_suggestions(crossread.load_corpus(db), top=2)
            if claim == claim_id]


def test_links_kept_for_the_subject_and_removed_for_the_wording_put_the_subject_first(corpus_db):
    db, stories = corpus_db
    claim, wording, subject = stories[-1]
    assert dialog_order(db, claim) == suggest_order(db, claim) == [wording, subject]  # the shipped weights
    for own, their_wording, their_subject in stories[:-1]:
        links.add_link(db, own, their_subject, "related", "ana")
        links.delete_link(db, links.add_link(db, own, their_wording, "same", "ana").id, "ana")
    learnt = learnt_weights(db)
    assert learnt.names > DEFAULT_WEIGHTS.names
    assert crossread.load_corpus(db).weights == DEFAULT_WEIGHTS  # learnt only where a ranking is made
    assert dialog_order(db, claim) == suggest_order(db, claim) == [subject, wording]
    [first, _] = crossread.proposals(crossread.load_corpus(db), claim, top=2)
    assert "same subject: Selma Ostrowski, Morbach" in first.suggestion.reasons  # it still says why


def test_links_kept_for_the_wording_keep_the_wording_first_and_weigh_it_more(corpus_db):
    db, stories = corpus_db
    claim, wording, subject = stories[-1]
    for own, their_wording, their_subject in stories[:-1]:
        links.add_link(db, own, their_wording, "same", "ana")  # the subject sentence, shown beside it, passed over
    learnt = learnt_weights(db)
    assert learnt.words > DEFAULT_WEIGHTS.words and learnt.names < DEFAULT_WEIGHTS.names
    assert dialog_order(db, claim)[0] == suggest_order(db, claim)[0] == wording


def test_too_few_links_keep_the_shipped_weights(corpus_db):
    db, stories = corpus_db
    claim, wording, subject = stories[-1]
    for own, their_wording, their_subject in stories[:MIN_KEPT - 1]:
        links.add_link(db, own, their_subject, "related", "ana")
        links.delete_link(db, links.add_link(db, own, their_wording, "same", "ana").id, "ana")
    assert learnt_weights(db) == DEFAULT_WEIGHTS
    assert dialog_order(db, claim) == [wording, subject]


def test_undoing_the_links_forgets_what_they_taught(corpus_db):
    from gegenlesen.storage import history

    db, stories = corpus_db
    claim, wording, subject = stories[-1]
    for own, their_wording, their_subject in stories[:-1]:
        links.add_link(db, own, their_subject, "related", "ana")
    assert learnt_weights(db) != DEFAULT_WEIGHTS
    for _ in stories[:-1]:
        history.undo(db, "ana")
    assert learnt_weights(db) == DEFAULT_WEIGHTS
    assert dialog_order(db, claim) == [wording, subject]
