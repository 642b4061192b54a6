"""`import-annotations`: claims from a `w3c` or `jsonl` export back into a database.

Each annotation is attached to its article (w3c: by the target's source IRI, the article's
URL or `urn:sha256:`; jsonl: by sha256, then source) and found again in its text by its
selectors (`corpus/selectors.py`). Claims are stored through `storage.claims`, so each has
its history row and can be undone by the annotator who made it (the file's creator, else
whoever runs the import). Claims are per annotator: one on a span that already holds a claim of the same
annotator is not stored (an exact duplicate, same type, verdict, check-worthiness and note,
is counted; a different judgement is reported as a conflict and the stored claim kept),
while another annotator's claim on that span is stored beside it.

Entity annotations are not stored: a label is the model's or a correction's, and a
correction reaches every occurrence of a form in every article, too far for an import to
decide. They are compared with the stored analysis and reported: same label, another
label, or no stored entity there.

A jsonl record that carries its article's full text (as the jsonl export writes it) brings
the article along into a database that lacks it. All or nothing: annotations for articles
the database lacks and the file does not carry stop the import, and the articles, claims
and links are stored in one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gegenlesen.corpus.anchoring import trim_span
from gegenlesen.corpus.incoming import AnnotationsRefused, Incoming, read_annotations
from gegenlesen.corpus.selectors import FUZZY, Located, anchor
from gegenlesen.storage import articles
from gegenlesen.storage.claims import add_claim, claim_at, update_claim
from gegenlesen.storage.codebooks import codebook_in_use
from gegenlesen.storage.db import Store, write
from gegenlesen.storage.exports.common import ExportError, plural
from gegenlesen.storage.links import RELATIONS, add_link, link_between

SHOWN = 3  # examples named in a message


@dataclass
class Report:
    """What an import did, for the user."""

    format: str
    claims_added: int = 0
    articles: set[int] = field(default_factory=set)
    duplicates: int = 0
    fuzzy: int = 0
    entities: Counter = field(default_factory=Counter)
    ignored: int = 0
    links_added: int = 0
    links_there: int = 0
    articles_added: int = 0
    """Articles the file carried in full (a jsonl export does) that the database lacked."""
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        found = [f"imported {plural(self.claims_added, 'claim')} into {plural(len(self.articles), 'article')} "
                 f"(from a {self.format} export); {plural(self.duplicates, 'exact duplicate')} skipped"]
        if self.fuzzy:
            found.append(f"{plural(self.fuzzy, 'claim')} found again by fuzzy matching (the text differs a little)")
        if sum(self.entities.values()):
            found.append(
                f"entities (compared, not imported): {self.entities['same']} as stored, "
                f"{self.entities['label']} with another label, {self.entities['missing']} not in the stored analysis"
            )
        if self.links_added or self.links_there:
            found.append(f"imported {plural(self.links_added, 'link')} between claims; "
                         f"{plural(self.links_there, 'link')} already there")
        if self.articles_added:
            found.append(f"added {plural(self.articles_added, 'article')} the file carried in full "
                         "(the reader analyses them when it opens)")
        if self.ignored:
            found.append(f"{plural(self.ignored, 'annotation')} neither claim, entity nor link, ignored")
        return found


def resolver(db: Store):
    """A function from an annotation to its article id (or None)."""
    by_sha, by_url, by_source = {}, {}, {}
    from gegenlesen.storage.pending import visible

    for article_id, sha, url, source in db.execute(
            f"SELECT id, sha256, url, source FROM articles WHERE {visible()} ORDER BY id"):
        by_sha[sha] = article_id
        if url:
            by_url[url] = article_id
        by_source[source] = article_id

    def resolve(item: Incoming) -> int | None:
        if item.sha256 and item.sha256 in by_sha:
            return by_sha[item.sha256]
        if item.iri and item.iri in by_url:
            return by_url[item.iri]
        if item.iri is None and item.source and item.source in by_source:
            return by_source[item.source]
        return None

    return resolve


def import_annotations(db: Store, path: Path, annotator: str) -> Report:
    """Read `path` and store its claims; the report says what happened.

    Raises:
        ExportError: for a file that cannot be read or parsed, or annotations whose
            articles are not in the database; nothing is stored then.
    """
    if db.owns(path):
        raise ExportError(f"{path} is this gegenlesen database (or its journal), not an export; nothing was imported")
    try:
        kind, items, ignored = read_annotations(path)
    except AnnotationsRefused as refused:
        raise ExportError(str(refused)) from None
    report = Report(kind, ignored=ignored)
    with write(db):  # all or nothing: carried articles, claims and links
        report.articles_added = _add_carried_articles(db, items)
        resolve = resolver(db)
        placed = [(item, resolve(item)) for item in items]
        ends = {id(item): resolve(item.other) for item in items if item.kind == "link" and item.other is not None}
        placed += [(item.other, ends[id(item)]) for item in items if id(item) in ends and ends[id(item)] is None]
        missing = sorted({item.article_ref for item, article_id in placed if article_id is None})
        if missing:
            count = sum(1 for _, article_id in placed if article_id is None)
            raise ExportError(
                f"{plural(count, 'annotation')} in {path} belong to {plural(len(missing), 'article')} this database "
                f"does not have ({', '.join(missing[:SHOWN])}{', …' if len(missing) > SHOWN else ''}); nothing was imported"
            )
        texts: dict[int, str] = {}
        unanchored: list[Incoming] = []
        anchored: list[tuple[Incoming, int, Located]] = []
        linked: list[tuple[Incoming, tuple[int, Located | None], tuple[int, Located | None]]] = []

        def anchored_in(item: Incoming, article_id: int) -> Located | None:
            if article_id not in texts:
                texts[article_id] = articles.get_article(db, article_id).text
            return anchor(texts[article_id], item.start, item.end, item.exact, item.prefix, item.suffix)

        for item, article_id in placed:
            if item.kind == "link":
                other_id = ends[id(item)]
                linked.append((item, (article_id, anchored_in(item, article_id)),
                               (other_id, anchored_in(item.other, other_id))))
                continue
            found = anchored_in(item, article_id)
            if found is None:
                unanchored.append(item)
            else:
                anchored.append((item, article_id, found))
        _compare_entities(db, [a for a in anchored if a[0].kind == "entity"], report)
        report.entities["missing"] += sum(1 for item in unanchored if item.kind == "entity")
        conflicts = _store_claims(db, [a for a in anchored if a[0].kind == "claim"], annotator, report)
        _store_links(db, linked, annotator, report)
    lost = [item for item in unanchored if item.kind == "claim"]
    if lost:
        quotes = ", ".join(f"“{(item.exact or '')[:40]}” ({item.where})" for item in lost[:SHOWN])
        report.warnings.append(f"{plural(len(lost), 'claim')} could not be found in {'its' if len(lost) == 1 else 'their'} "
                               f"article's text and {'was' if len(lost) == 1 else 'were'} not imported: {quotes}")
    if conflicts:
        report.warnings.append(
            f"{plural(len(conflicts), 'claim')} judged differently from the claim already stored on the same span "
            f"{'was' if len(conflicts) == 1 else 'were'} not imported (the stored one is kept): "
            + ", ".join(f"“{item.exact[:40] if item.exact else ''}” ({item.where})" for item in conflicts[:SHOWN])
        )
    _codebook_warning(db, [a[0] for a in anchored if a[0].kind == "claim"], report)
    return report


def _add_carried_articles(db: Store, items: list[Incoming]) -> int:
    """Store the articles the file carries whose text the database lacks; how many were added."""
    from gegenlesen.storage.importer import store_article

    added = 0
    carried = {item.article.to_article().sha256: item.article for item in items if item.article is not None}
    for sha, article in carried.items():
        if db.execute("SELECT 1 FROM articles WHERE sha256 = ?", [sha]).fetchone() is None:
            added += store_article(db, article)[1]
    return added


def _store_claims(db: Store, claims: list[tuple[Incoming, int, Located]], annotator: str, report: Report) -> list[Incoming]:
    conflicts, blank = [], []
    for item, article_id, found in claims:
        start, end = trim_span(texts_of(db, article_id), found.start, found.end)
        if start >= end:
            blank.append(item)
            continue
        who = item.annotator or annotator
        same = db.execute(
            'SELECT type, verdict, worthiness, note FROM claims WHERE article_id = ? AND start = ? AND "end" = ? '
            "AND status = 'claim' AND annotator = ?", [article_id, start, end, who],
        ).fetchone()
        if same is not None:
            if tuple(same) == (item.type, item.verdict, item.worthiness, item.note):
                report.duplicates += 1
            else:
                conflicts.append(item)
            continue
        claim = add_claim(db, article_id, start, end, who, type=item.type, verdict=item.verdict)
        changes = {}
        if item.worthiness != claim.worthiness:
            changes["worthiness"] = item.worthiness
        if item.note:
            changes["note"] = item.note
        if changes:
            update_claim(db, claim.id, who, **changes)
        report.claims_added += 1
        report.articles.add(article_id)
        report.fuzzy += found.how == FUZZY
    if blank:
        report.warnings.append(f"{plural(len(blank), 'claim')} on nothing but white space not imported: "
                               + ", ".join(item.where for item in blank[:SHOWN]))
    return conflicts


def _store_links(db: Store, linked: list, annotator: str, report: Report) -> None:
    """Link the claims now stored at both ends of each link (inside the import's transaction)."""
    lost = 0
    for item, (first_article, first), (second_article, second) in linked:
        who = item.annotator or annotator
        a = _claim_at(db, first_article, first, who)
        b = _claim_at(db, second_article, second, who)
        if a is None or b is None or a == b:
            lost += 1
            continue
        if link_between(db, a, b) is not None:
            report.links_there += 1
            continue
        add_link(db, a, b, item.relation if item.relation in RELATIONS else "related", item.annotator or annotator)
        report.links_added += 1
    if lost:
        report.warnings.append(f"{plural(lost, 'link')} not imported: a claim at one of its ends is not there")


def _claim_at(db: Store, article_id: int, found: Located | None, annotator: str) -> int | None:
    """The link's annotator's claim on the span, else anyone's."""
    if found is None:
        return None
    span = trim_span(texts_of(db, article_id), found.start, found.end)
    return claim_at(db, article_id, *span, annotator=annotator) or claim_at(db, article_id, *span)


def texts_of(db: Store, article_id: int) -> str:
    return db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def _compare_entities(db: Store, entities: list[tuple[Incoming, int, Located]], report: Report) -> None:
    if not entities:
        return
    stored = {(e.article_id, e.start, e.end): e.label for e in articles.entities(db, sorted({a for _, a, _ in entities}))}
    for item, article_id, found in entities:
        label = stored.get((article_id, found.start, found.end))
        report.entities["missing" if label is None else "same" if label == item.label else "label"] += 1


def _codebook_warning(db: Store, claims: list[Incoming], report: Report) -> None:
    codebook = codebook_in_use(db)
    types = {t.key for t in codebook.types}
    unknown = sorted({c.verdict for c in claims if c.verdict not in codebook.verdicts}
                     | {c.type for c in claims if c.type and c.type not in types})
    if unknown:
        report.warnings.append(f"the codebook in use does not know {', '.join(map(repr, unknown[:5]))}; "
                               "those claims keep them as they are")
