"""spaCy DocBin: one Doc per article, for training and evaluating spaCy pipelines.

Each Doc holds the stored text exactly (tokens as in `corpus/nlp/tokens.py`), the stored entities as
`doc.ents` (aligned with `char_span(..., alignment_mode="expand")`; an entity overlapping
one already placed is skipped and counted), the claims in `doc.spans["claims"]` labelled
with their type (or "claim"), and in `doc.user_data` the article's id, source, title and
sha256 and every field of its claims (`user_data["claims"]`).
"""

from __future__ import annotations

from typing import BinaryIO

from gegenlesen.corpus.nlp.tokens import blank_german, tokenized
from gegenlesen.storage.db import Store
from gegenlesen.storage.exports.common import Bundle, bundles, plural

ATTRS = ["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"]


def make_doc(bundle: Bundle, skipped: dict[str, int]):
    """The Doc of one article; counts what could not be placed in `skipped`."""
    from spacy.tokens import Doc

    article = bundle.article
    cuts = [p for e in bundle.entities for p in (e.start, e.end)] + [p for c in bundle.claims for p in (c.start, c.end)]
    doc, found = tokenized(article.text, cuts)
    if doc is None:  # a span edge inside a token: build the Doc from the split tokens
        doc = Doc(blank_german().vocab, words=[article.text[s:e] for s, e, _ in found], spaces=[sp for _, _, sp in found])
    ents, last_end = [], 0
    for entity in sorted(bundle.entities, key=lambda e: (e.start, -e.end)):
        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="expand")
        if span is None or span.start < last_end:
            skipped["entity"] += 1
            continue
        ents.append(span)
        last_end = span.end
    doc.set_ents(ents)
    claims = []
    for claim in bundle.claims:
        span = doc.char_span(claim.start, claim.end, label=claim.type or "claim", alignment_mode="expand")
        if span is None:
            skipped["claim"] += 1
            continue
        claims.append(span)
    doc.spans["claims"] = claims
    doc.user_data.update({
        "id": article.id, "source": article.source, "title": article.title, "sha256": article.sha256,
        "claims": [claim.as_row() for claim in bundle.claims],
    })
    return doc


def export_docbin(db: Store, out: BinaryIO, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Write the DocBin's bytes; returns how many Docs (articles) it holds."""
    from spacy.tokens import DocBin

    doc_bin = DocBin(attrs=ATTRS, store_user_data=True)
    skipped = {"entity": 0, "claim": 0}
    for bundle in bundles(db, article_ids):
        doc_bin.add(make_doc(bundle, skipped))
    out.write(doc_bin.to_bytes())
    if notes is not None and skipped["entity"]:
        many = skipped["entity"] != 1
        notes.append(f"skipped {skipped['entity']} {'entities that overlap' if many else 'entity that overlaps'} "
                     "another (doc.ents allows no overlaps)")
    if notes is not None and skipped["claim"]:
        notes.append(f"skipped {plural(skipped['claim'], 'claim')} that cover no token")
    return len(doc_bin)
