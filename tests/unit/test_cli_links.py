"""gegenlesen links suggest / list: JSON lines on standard output."""

import json

import pytest

from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.db import open_database
from gegenlesen.storage.links import add_link
from gegenlesen.tui.cli import main


@pytest.fixture
def with_claims(handmade_db_path):
    db = open_database(handmade_db_path)
    texts = {i: db.execute("SELECT text FROM articles WHERE id = ?", [i]).fetchone()[0] for i in (1, 2, 3)}
    ids = []
    for article_id, words in ((1, "48 Millionen Euro"), (2, "52 Millionen Euro"), (1, "Verkehrsclub Mecklenburg"), (3, "Verkehrsclub Mecklenburg")):
        at = texts[article_id].index(words)
        ids.append(add_claim(db, article_id, max(0, at - 40), at + len(words) + 20, "ana").id)
    add_link(db, ids[0], ids[1], "same", "ana")
    db.close()
    return handmade_db_path, ids


def lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_list_prints_each_stored_link(with_claims, capsys):
    path, ids = with_claims
    assert main(["links", "list", "--db", str(path)]) == 0
    (record,) = lines(capsys)
    assert (record["claim_a"], record["relation"], record["claim_b"]) == (ids[0], "same", ids[1])


def test_suggest_prints_top_k_candidates_per_claim_from_other_articles(with_claims, capsys):
    path, ids = with_claims
    assert main(["links", "suggest", "--top", "2", "--db", str(path)]) == 0
    records = lines(capsys)
    assert {r["claim"] for r in records} == set(ids)
    assert all(set(r) == {"claim", "candidate", "score", "reasons"} for r in records)
    assert all(sum(1 for r in records if r["claim"] == claim) <= 2 for claim in ids)
    best = {r["claim"]: r["candidate"] for r in records if r is next(x for x in records if x["claim"] == r["claim"])}
    assert best[ids[0]] == ids[1]  # the cost of the same bridge, in the other article


def test_bad_usage_exits_2(with_claims, capsys):
    path, _ = with_claims
    assert main(["links", "suggest", "--top", "0", "--db", str(path)]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["links", "--db", str(path)])
    assert exit_.value.code == 2


def test_a_missing_table_is_said_once_and_proposals_go_on(with_claims, capsys, tmp_path):
    from gegenlesen.corpus.crossref import lexicon

    shipped = lexicon.lexicon()
    lexicon.use(lexicon.load(tmp_path))  # an empty folder: both tables missing
    try:
        path, ids = with_claims
        assert main(["links", "suggest", "--top", "2", "--db", str(path)]) == 0
        captured = capsys.readouterr()
        assert {json.loads(line)["claim"] for line in captured.out.splitlines()} == set(ids)
        assert captured.err.count("is missing: links are proposed without it") == 2
        assert main(["links", "suggest", "--top", "2", "--db", str(path)]) == 0
        assert "missing" not in capsys.readouterr().err  # once per process
    finally:
        lexicon.use(shipped)
