"""Links travel in every export that can hold them: jsonl, the links CSV, W3C."""

import csv
import io
import json

from gegenlesen.storage.claims import add_claim
from gegenlesen.storage.exports.csv import LINK_HEADER, export_links_csv
from gegenlesen.storage.exports.jsonl import export_jsonl
from gegenlesen.storage.exports.w3c import export_w3c
from gegenlesen.storage.links import add_link


def linked(db):
    a = add_claim(db, 1, 0, 40, "ana")
    b = add_claim(db, 2, 0, 30, "ana")
    c = add_claim(db, 3, 0, 20, "ana")
    add_link(db, a.id, b.id, "contradicts", "ana")
    add_link(db, c.id, a.id, "supports", "bert")
    return a, b, c


def test_jsonl_claims_carry_their_links(handmade_db):
    a, b, c = linked(handmade_db)
    out = io.StringIO()
    export_jsonl(handmade_db, out)
    claims = {claim["id"]: claim for line in out.getvalue().splitlines() for claim in json.loads(line)["claims"]}
    assert [(l["relation"], l["claim"], l["direction"]) for l in claims[a.id]["links"]] == [
        ("contradicts", b.id, "from"), ("supports", c.id, "to")]
    assert [l["claim"] for l in claims[b.id]["links"]] == [a.id]


def test_the_links_csv_has_one_row_per_link_between_exported_claims(handmade_db):
    a, b, c = linked(handmade_db)
    out = io.StringIO(newline="")
    assert export_links_csv(handmade_db, out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == LINK_HEADER
    assert [(r[1], int(r[2]), int(r[5])) for r in rows[1:]] == [("contradicts", a.id, b.id), ("supports", c.id, a.id)]
    out = io.StringIO(newline="")
    assert export_links_csv(handmade_db, out, [1, 2]) == 1  # a link to an article not exported is left out


def test_w3c_links_are_annotations_with_two_targets(handmade_db):
    a, b, _ = linked(handmade_db)
    out = io.StringIO()
    export_w3c(handmade_db, out, [1, 2])
    items = json.loads(out.getvalue())["first"]["items"]
    (link,) = [item for item in items if item["motivation"] == "linking"]
    assert link["body"][0]["value"] == "contradicts"
    assert [t["selector"][1]["start"] for t in link["target"]] == [a.start, b.start]
    assert [t["selector"][0]["exact"] for t in link["target"]] == [a.quote, b.quote]
