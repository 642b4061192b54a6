"""`gegenlesen articles` keeps one line per article whatever its source name holds (issue 17, item 8e)."""

from __future__ import annotations

from gegenlesen.corpus.article import Article
from gegenlesen.corpus.nlp.records import Analysis
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import seed_demo_corpus
from gegenlesen.tui.cli import main, one_line


def test_a_source_name_with_line_breaks_stays_on_its_row(tmp_path, capsys):
    path = tmp_path / "names.db"
    db = open_database(path)
    seed_demo_corpus(db, empty=True)
    for source in ("zwei\nzeilen.txt", "crlf\r\nname.txt", "trenner\u2028x.txt"):
        article_id, _ = articles.add_article(db, Article(source, f"Text von {source!r}."))
        articles.store_analysis(db, article_id, Analysis([], [], "none"))
    db.close()
    assert main(["articles", "--db", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # the header and one row each
    assert "zwei␤zeilen.txt" in lines[1]
    assert "crlf␍␤name.txt" in lines[2]  # as the reader shows it: each control its picture
    assert "trenner␤x.txt" in lines[3]


def test_one_line():
    assert one_line("a\nb\u2029c\x1bd") == "a␤b␤c␛d"


def test_the_table_shows_controls_as_the_reader_does():
    from gegenlesen.tui.safe import safe_str

    name = "glocke\x07\u202e.txt"
    assert one_line(name) == safe_str(name) == "glocke␇\ufffd.txt"
