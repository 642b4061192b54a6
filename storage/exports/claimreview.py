"""schema.org ClaimReview JSON-LD: one review per judged claim (verdict other than "unchecked").

One JSON-LD document with `@context: https://schema.org` and an `@graph` of ClaimReviews:
`claimReviewed` is the quote, `reviewRating` a Rating whose `alternateName` is the verdict
in words and, where the verdict has a place on a truth scale, `ratingValue` from 1 (false)
to 5 (true) with `worstRating` 1 and `bestRating` 5 (a verdict without one, such as
"unverifiable", gets the words alone). `itemReviewed` is a Claim whose `appearance` is the
article (its URL where stored, its title, its text's hash); `author` is the annotator as a
Person; `datePublished`/`dateModified` are when the claim was tagged and last changed; the
note, if any, is the `reviewBody`.

Where a lead curated the verdict of a passage several annotators judged, the review gives
the curated verdict, the lead as its author and the time it was chosen as `dateModified`,
and claims on the same span with the same curated verdict make one review, not one each.
"""

from __future__ import annotations

import json
from typing import TextIO

from gegenlesen.storage.claims import Claim
from gegenlesen.storage.curation import Curated, curated_of
from gegenlesen.storage.db import Store
from gegenlesen.storage.exports.common import ArticleRow, bundles, sha256_iri, utc

CONTEXT = "https://schema.org"
WORST, BEST = 1, 5
# Verdict words (the default codebook's, their German counterparts, common fact-check words)
# and their place on the 1-5 scale; other verdicts carry their words only.
SCALE = {
    "true": 5, "wahr": 5, "richtig": 5, "correct": 5,
    "mostly true": 4, "größtenteils wahr": 4, "überwiegend wahr": 4, "weitgehend richtig": 4,
    "half true": 3, "teils wahr": 3, "halb wahr": 3, "teilweise richtig": 3,
    "misleading": 2, "mostly false": 2, "irreführend": 2, "größtenteils falsch": 2, "überwiegend falsch": 2,
    "false": 1, "falsch": 1, "pants on fire": 1, "fake": 1,
}
UNCHECKED = "unchecked"


def rating(verdict: str) -> dict:
    """The Rating for a verdict: its words, and its value on the scale where it has one."""
    found = {"@type": "Rating", "alternateName": verdict}
    value = SCALE.get(verdict.strip().casefold())
    if value is not None:
        found.update(ratingValue=value, bestRating=BEST, worstRating=WORST)
    return found


def appearance(article: ArticleRow) -> dict:
    work = {"@type": "CreativeWork", "name": article.title, "identifier": sha256_iri(article.sha256)}
    if article.url:
        work["url"] = article.url
    if article.published:
        work["datePublished"] = article.published
    return work


def review(article: ArticleRow, claim: Claim, curated: Curated | None = None) -> dict:
    found = {
        "@type": "ClaimReview",
        "claimReviewed": claim.quote,
        "reviewRating": rating(curated.verdict if curated else claim.verdict),
        "itemReviewed": {"@type": "Claim", "appearance": appearance(article)},
        "author": {"@type": "Person", "name": curated.by if curated else claim.annotator},
        "datePublished": utc(claim.created),
        "dateModified": utc(curated.at if curated else claim.modified),
    }
    if claim.note:
        found["reviewBody"] = claim.note
    return {key: value for key, value in found.items() if value is not None}


def export_claimreview(db: Store, out: TextIO, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Write the ClaimReview graph; returns how many reviews (judged claims) it holds."""
    out.write('{"@context": "' + CONTEXT + '", "@graph": [')
    count = 0
    for bundle in bundles(db, article_ids, entities=False):
        curated = curated_of(db, [claim.id for claim in bundle.claims])
        reviewed: set[tuple[int, int, str]] = set()
        for claim in bundle.claims:
            settled = curated.get(claim.id)
            if settled is not None:
                if (claim.start, claim.end, settled.verdict) in reviewed:
                    continue
                reviewed.add((claim.start, claim.end, settled.verdict))
            elif claim.verdict == UNCHECKED:
                continue
            item = review(bundle.article, claim, settled)
            out.write(("\n " if count == 0 else ",\n ") + json.dumps(item, ensure_ascii=False))
            count += 1
    out.write("\n]}\n")
    return count
