"""JSON Lines: one object per article with its text, entities and claims."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from gegenlesen.storage import articles
from gegenlesen.storage.claims import claims_of
from gegenlesen.storage.codebooks import codebook_in_use
from gegenlesen.storage.curation import curated_of
from gegenlesen.storage.db import Store
from gegenlesen.storage.links import links_of


def article_record(db: Store, article_id: int) -> dict:
    article = articles.get_article(db, article_id)
    assert article is not None
    entities = [
        {"start": e.start, "end": e.end, "label": e.label, "text": e.text, "origin": e.origin, "value": e.value}
        for e in articles.entities(db, [article_id])
    ]
    claims = claims_of(db, article_id)
    linked = links_of(db, [claim["id"] for claim in claims])
    curated = curated_of(db, [claim["id"] for claim in claims])
    for claim in claims:
        settled = curated.get(claim["id"])
        claim["curated"] = settled.as_dict() if settled else None
        claim["links"] = [
            {"link": link.id, "relation": link.relation, "claim": link.other(claim["id"]),
             "direction": "from" if link.claim_a == claim["id"] else "to", "annotator": link.annotator}
            for link in linked if claim["id"] in (link.claim_a, link.claim_b)
        ]
    url, published, author, version_of = db.execute(
        "SELECT url, published, author, version_of FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return {
        "id": article.id, "source": article.source, "title": article.title, "sha256": article.sha256,
        "url": url, "published": published, "author": author, "version_of": version_of,
        "text": article.text, "entities": entities, "claims": claims, "codebook": codebook_in_use(db).to_dict(),
    }


def export_jsonl(
    db: Store, out: TextIO, article_ids: Iterable[int] | None = None, notes: list[str] | None = None
) -> int:
    """Write one JSON object per article; returns how many were written."""
    ids = list(article_ids) if article_ids is not None else [a.id for a in articles.list_articles(db)]
    for article_id in ids:
        out.write(json.dumps(article_record(db, article_id), ensure_ascii=False) + "\n")
    return len(ids)
