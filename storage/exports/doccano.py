"""doccano's JSONL import format for sequence labelling, one article per line.

    {"text": ..., "label": [[start, end, "ORG"], ..., [start, end, "CLAIM"]],
     "source": ..., "title": ..., "sha256": ..., "article_id": ..., "claims": [{...}, ...]}

Entities and claims are both spans in `label`, claims with the label "CLAIM" (so a claim and
the entities inside it overlap: create the doccano project with "Allow overlapping spans").
The other keys are not labels: doccano's importer keeps every key besides the text and
label columns as the example's metadata, so the claims' type, verdict, check-worthiness,
note and annotator travel along in `claims`.

Offsets count UTF-16 code units, as doccano's browser front end does (doccano issue #2484);
they equal Python `str` indices unless the text holds characters outside the Basic
Multilingual Plane (emoji, 𝔇), where each such character counts two.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import TextIO

from gegenlesen.storage.db import Store
from gegenlesen.storage.exports.common import bundles

CLAIM = "CLAIM"
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str):
    """A function from Python offsets to UTF-16 offsets in `text`."""
    if not ASTRAL.search(text):
        return lambda offset: offset
    table = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]
    return table.__getitem__


def export_doccano(db: Store, out: TextIO, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Write one line per article; returns how many."""
    count = 0
    for bundle in bundles(db, article_ids):
        article = bundle.article
        at = utf16_offsets(article.text)
        spans = [[at(e.start), at(e.end), e.label] for e in bundle.entities]
        spans += [[at(c.start), at(c.end), CLAIM] for c in bundle.claims]
        record = {
            "text": article.text,
            "label": sorted(spans, key=lambda span: (span[0], span[1])),
            "source": article.source, "title": article.title, "sha256": article.sha256, "article_id": article.id,
            "claims": [
                {key: value for key, value in claim.as_row().items() if key not in ("id", "article_id", "status", "orphaned")}
                for claim in bundle.claims
            ],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
