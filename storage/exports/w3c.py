"""W3C Web Annotation Data Model: one AnnotationCollection of every entity and claim.

The collection embeds a single AnnotationPage (`first`) whose `items` are the annotations;
each annotation repeats the `@context`, so that it stands on its own when taken out of
the page. Every annotation targets a SpecificResource whose `source` is the article's IRI
(its URL where stored, else `urn:sha256:<hash of the text>`) with two selectors: a
TextQuoteSelector (exact text, 32 characters of prefix and suffix) and a
TextPositionSelector (start, end: code points, i.e. Python `str` indices).

- An entity: motivation `tagging`, one TextualBody with purpose `tagging` holding the label
  (and, for figures and dates, a second body with purpose `describing` holding the
  normalised value as JSON). Its creator is the pipeline (Software), or for a corrected
  form the annotator who corrected it.
- A claim: motivation `assessing`; bodies: the claim type (purpose `classifying`), the
  verdict and the check-worthiness (purpose `assessing`, told apart by their `label`), and
  the note (purpose `commenting`). Its creator is the annotator (Person). Where a lead
  curated the verdict, one more `assessing` body labelled `curated verdict` holds it, with
  the lead as its own creator and the time it was chosen.

Annotation ids are `urn:uuid:` UUIDs derived from the article's hash and the span, so the
same annotation keeps its id across exports and databases.
"""

from __future__ import annotations

import json
import uuid
from typing import TextIO

from gegenlesen.corpus.display import plural
from gegenlesen.corpus.incoming import TYPE_LABEL, VERDICT_LABEL, WORTHINESS_LABEL
from gegenlesen.corpus.anchoring import quote_selector
from gegenlesen.corpus.nlp.records import USER
from gegenlesen.storage.claims import Claim
from gegenlesen.storage.corrections import correction_rows
from gegenlesen.storage.curation import Curated, curated_of
from gegenlesen.storage.db import Store
from gegenlesen.storage.links import Link, links_of
from gegenlesen.storage.exports.common import ArticleRow, bundles, now_utc, utc
from gegenlesen.storage.records import StoredEntity

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = uuid.UUID("3f0c9d52-4a86-5b0e-9a51-6765676c6e00")  # gegenlesen's own, for uuid5
GENERATOR = {"type": "Software", "name": "gegenlesen"}
CURATED_LABEL = "curated verdict"
RELATION_LABEL = "relation"


def annotation_id(sha256: str, kind: str, start: int, end: int, label: str = "") -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{sha256}/{kind}/{start}/{end}/{label}')}"


def target(article: ArticleRow, start: int, end: int, exact: str, prefix: str, suffix: str) -> dict:
    """The SpecificResource with a quote and a position selector."""
    quote = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    return {
        "type": "SpecificResource",
        "source": article.iri,
        "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
    }


def entity_annotation(article: ArticleRow, entity: StoredEntity, correctors: dict[str, dict]) -> dict:
    selector = quote_selector(article.text, entity.start, entity.end)
    body = [{"type": "TextualBody", "purpose": "tagging", "value": entity.label}]
    if entity.value is not None:
        body.append({"type": "TextualBody", "purpose": "describing", "format": "application/json",
                     "value": json.dumps(entity.value, ensure_ascii=False, sort_keys=True)})
    annotation = {
        "@context": CONTEXT,
        "id": annotation_id(article.sha256, "entity", entity.start, entity.end, entity.label),
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": target(article, entity.start, entity.end, selector.exact, selector.prefix, selector.suffix),
    }
    rule = correctors.get(entity.text) if entity.origin == USER else None
    if rule is not None:
        annotation["creator"] = {"type": "Person", "name": rule["annotator"]}
        created, modified = utc(rule["created"]), utc(rule["modified"])
    else:
        annotation["creator"] = {"type": "Software", "name": article.pipeline or "gegenlesen"}
        created = modified = utc(article.analysed_at)
    if created:
        annotation["created"] = created
    if modified:
        annotation["modified"] = modified
    annotation["generator"] = GENERATOR
    return annotation


def claim_annotation(article: ArticleRow, claim: Claim, curated: Curated | None = None) -> dict:
    body = []
    if claim.type:
        body.append({"type": "TextualBody", "purpose": "classifying", "label": TYPE_LABEL, "value": claim.type})
    body.append({"type": "TextualBody", "purpose": "assessing", "label": VERDICT_LABEL, "value": claim.verdict})
    body.append({"type": "TextualBody", "purpose": "assessing", "label": WORTHINESS_LABEL, "value": str(claim.worthiness)})
    if curated is not None:
        chosen = {"type": "TextualBody", "purpose": "assessing", "label": CURATED_LABEL, "value": curated.verdict,
                  "creator": {"type": "Person", "name": curated.by}, "created": utc(curated.at)}
        body.append({key: value for key, value in chosen.items() if value is not None})
    if claim.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": claim.note})
    annotation = {
        "@context": CONTEXT,
        "id": annotation_id(article.sha256, "claim", claim.start, claim.end),
        "type": "Annotation",
        "motivation": "assessing",
        "body": body,
        "target": target(article, claim.start, claim.end, claim.quote, claim.prefix, claim.suffix),
        "creator": {"type": "Person", "name": claim.annotator},
        "created": utc(claim.created),
        "modified": utc(claim.modified),
        "generator": GENERATOR,
    }
    return {key: value for key, value in annotation.items() if value is not None}


def link_annotation(link: Link, first: tuple[ArticleRow, Claim], second: tuple[ArticleRow, Claim]) -> dict:
    """A link between two claims: motivation `linking`, the two claims' spans as targets,
    the relation (same, supports, contradicts, related) as the body."""
    (article_a, claim_a), (article_b, claim_b) = first, second
    return {
        "@context": CONTEXT,
        "id": annotation_id(f"{article_a.sha256}/{article_b.sha256}", "link", claim_a.start, claim_b.start,
                            f"{claim_a.end}/{claim_b.end}"),
        "type": "Annotation",
        "motivation": "linking",
        "body": [{"type": "TextualBody", "purpose": "linking", "label": RELATION_LABEL, "value": link.relation}],
        "target": [
            target(article_a, claim_a.start, claim_a.end, claim_a.quote, claim_a.prefix, claim_a.suffix),
            target(article_b, claim_b.start, claim_b.end, claim_b.quote, claim_b.prefix, claim_b.suffix),
        ],
        "creator": {"type": "Person", "name": link.annotator},
        "created": utc(link.created),
        "modified": utc(link.modified),
        "generator": GENERATOR,
    }


def correctors_by_form(db: Store) -> dict[str, dict]:
    """Correction rows by surface form, also under its genitive forms (DeepSeeks)."""
    found: dict[str, dict] = {}
    for row in correction_rows(db):
        for ending in ("", "s", "'s", "’s"):
            found.setdefault(row["surface"] + ending, row)
    return found


def export_w3c(db: Store, out: TextIO, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Write the AnnotationCollection, streaming its items; returns how many annotations."""
    wanted = set(article_ids)
    shas = [sha for article_id, sha in db.execute("SELECT id, sha256 FROM articles") if article_id in wanted]
    collection_id = f"urn:uuid:{uuid.uuid5(NAMESPACE, 'collection/' + ','.join(sorted(shas)))}"
    correctors = correctors_by_form(db)
    stamp = now_utc()
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"gegenlesen: entities and claims of {plural(len(article_ids), 'article')}",
        "generator": GENERATOR,
        "generated": stamp,
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
    page = {"id": f"{collection_id}?page=0", "type": "AnnotationPage", "partOf": {"id": collection_id}, "startIndex": 0}
    out.write(',\n "first": ' + json.dumps(page, ensure_ascii=False)[:-1] + ', "items": [')
    count = 0
    exported: dict[int, tuple[ArticleRow, Claim]] = {}
    for bundle in bundles(db, article_ids):
        items = [entity_annotation(bundle.article, e, correctors) for e in bundle.entities]
        curated = curated_of(db, [c.id for c in bundle.claims])
        items += [claim_annotation(bundle.article, c, curated.get(c.id)) for c in bundle.claims]
        exported.update((claim.id, (bundle.article, claim)) for claim in bundle.claims)
        for item in items:
            out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
            count += 1
    for link in links_of(db):
        if link.claim_a in exported and link.claim_b in exported:
            item = link_annotation(link, exported[link.claim_a], exported[link.claim_b])
            out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
            count += 1
    out.write("\n ]},\n" + f' "total": {count}\n}}\n')
    return count
