"""The short list of passages worth ranking for a claim, on hand-made passages."""

from __future__ import annotations

from gegenlesen.corpus.crossref.shortlist import shortlist
from gegenlesen.corpus.crossref.units import FigureMention, NameMention, Passage, content_words


def passage(article: int, start: int, text: str, names=(), figures=()) -> Passage:
    return Passage(article, start, start + len(text), text,
                   tuple(NameMention(n.casefold(), n) for n in names),
                   tuple(FigureMention("MONEY", f, {"amount": 1}, f"MONEY:{f}") for f in figures),
                   (), content_words(text))


CLAIM = passage(1, 0, "Velora verlor an der Börse sechs Milliarden Euro.", names=["Velora"], figures=["6e9 EUR"])


def test_passages_sharing_more_come_first_and_sharing_nothing_are_left_out():
    same_figure = passage(2, 0, "Der Verlust betrug sechs Milliarden Euro.", figures=["6e9 EUR"])
    same_name_and_figure = passage(3, 0, "Velora büßte sechs Milliarden Euro ein.", names=["Velora"], figures=["6e9 EUR"])
    same_word = passage(4, 0, "Die Börse schloss früher.")
    nothing = passage(5, 0, "Es regnete den ganzen Tag.")
    found = shortlist(CLAIM, [nothing, same_word, same_figure, same_name_and_figure], limit=10)
    assert found == [same_name_and_figure, same_figure, same_word]


def test_a_rare_name_counts_more_than_a_common_one():
    rare = passage(2, 0, "Brandt lobte das.", names=["Brandt"])
    common = passage(3, 0, "Europa lobte das.", names=["Europa"])
    claim = passage(1, 0, "Brandt und Europa lobten das.", names=["Brandt", "Europa"])
    in_articles = {"brandt": 2, "europa": 900}.get
    assert shortlist(claim, [common, rare], 10, lambda key: in_articles(key, 0), 1000) == [rare, common]
    assert shortlist(claim, [common, rare], 1, lambda key: in_articles(key, 0), 1000) == [rare]


def test_ties_go_to_the_earlier_article_and_position_and_an_empty_pool_gives_nothing():
    later = passage(3, 0, "Velora wuchs.", names=["Velora"])
    earlier = passage(2, 50, "Velora wuchs.", names=["Velora"])
    first = passage(2, 10, "Velora wuchs.", names=["Velora"])
    assert shortlist(CLAIM, [later, earlier, first], 10) == [first, earlier, later]
    assert shortlist(CLAIM, [], 10) == [] and shortlist(CLAIM, [later], 0) == []
