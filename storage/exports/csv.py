"""CSV: one row per claim, for spreadsheets.

Written as UTF-8 with a byte-order mark when it goes to a file (`-o`), which LibreOffice
and Excel both open correctly; cells that a spreadsheet would run as a formula (starting
with =, +, -, @, tab or carriage return) are prefixed with an apostrophe.

Which cells that are follows OWASP's guidance on CSV injection, and goes a step further
because spreadsheets do: they skip leading white space and invisible characters before
they look for a formula, and some read the full-width and small forms of = + - @ (＝ ＋ －
＠ ﹦ ﹢ ﹣ ﹫) as the signs themselves. So a cell is a formula when, after leading white
space, control and format characters (no-break space, zero-width space, byte-order mark,
newline), its first character is one of the signs or a form that NFKC folds into one.
"""

from __future__ import annotations

import csv
import unicodedata
from typing import TextIO

from gegenlesen.storage import articles
from gegenlesen.storage.claims import list_claims
from gegenlesen.storage.curation import curated_of
from gegenlesen.storage.db import Store
from gegenlesen.storage.links import links_of

HEADER = [
    "article_source", "article_title", "start", "end", "quote", "type", "verdict",
    "check_worthiness", "note", "annotator", "created", "modified", "claim_id", "modified_by",
    "curated_verdict", "curated_by", "curated_at",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_SIGNS = "=+-@"
INVISIBLE = ("Cc", "Cf", "Zs", "Zl", "Zp")
"""Unicode categories a spreadsheet may pass over before a formula: controls (tab, CR, LF),
format characters (zero-width space, byte-order mark) and every kind of space."""


def is_formula(text: str) -> bool:
    """Whether a spreadsheet might run `text` as a formula (see the module's docstring)."""
    if text.startswith(FORMULA_STARTS):
        return True
    for char in text:
        if char.isspace() or unicodedata.category(char) in INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", char)
        return bool(folded) and folded[0] in FORMULA_SIGNS
    return False


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs: '=cmd' (or ' =cmd', '＝cmd') gets a leading "'"."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def export_csv(db: Store, out: TextIO, article_ids: list[int] | None = None, notes: list[str] | None = None) -> int:
    """Write the header and one row per claim; returns the number of claims."""
    summaries = {summary.id: summary for summary in articles.list_articles(db)}
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    curated = curated_of(db)
    for claim in list_claims(db, article_ids):
        article = summaries[claim.article_id]
        settled = curated.get(claim.id)
        row = [
            article.source, article.title, claim.start, claim.end, claim.quote, claim.type or "",
            claim.verdict, claim.worthiness, claim.note, claim.annotator, claim.created, claim.modified,
            claim.id, claim.modified_by,
            *((settled.verdict, settled.by, settled.at) if settled else ("", "", "")),
        ]
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count


LINK_HEADER = [
    "link_id", "relation", "claim_a", "source_a", "quote_a", "claim_b", "source_b", "quote_b",
    "annotator", "created", "modified", "modified_by",
]


def export_links_csv(
    db: Store, out: TextIO, article_ids: list[int] | None = None, notes: list[str] | None = None
) -> int:
    """One row per link between two exported claims ("a supports b"); returns how many."""
    claims = {claim.id: claim for claim in list_claims(db, article_ids)}
    sources = {summary.id: summary.source for summary in articles.list_articles(db)}
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINK_HEADER)
    count = 0
    for link in links_of(db):
        a, b = claims.get(link.claim_a), claims.get(link.claim_b)
        if a is None or b is None:
            continue
        row = [link.id, link.relation, a.id, sources[a.article_id], a.quote, b.id, sources[b.article_id], b.quote,
               link.annotator, link.created, link.modified, link.modified_by]
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count
