"""Reading annotation files back: a `w3c` export (or any Web Annotation JSON-LD of the same
shape) or a `jsonl` export, told apart by their content, into plain records.

A malformed file is refused with one line naming the line and column (JSON) or the
annotation or line at fault (structure), before anything is stored. Every value is checked
for its type and range here, so that nothing read from the file reaches SQLite unchecked.
A jsonl record that carries its article's full text brings the article along (`article`),
for a database that lacks it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from gegenlesen.corpus.annotators import BadAnnotator, annotator_name
from gegenlesen.corpus.codebook import MAX_WORTHINESS
from gegenlesen.corpus.decoding import Refused
from gegenlesen.corpus.importing import ImportedArticle, article_from_record, read_bytes
from gegenlesen.corpus.untrusted import Unreadable, load_json

SHA_IRI = "urn:sha256:"
ANNOTATIONS_LIMIT = 2**30
"""A jsonl export carries every article's text: far more than one article file may have."""
WORTHINESS_TEXT = re.compile(r"[0-9]{1,3}")

# The labels of a claim's bodies in a w3c export, which tell its type, verdict and
# check-worthiness apart (the export writes them: storage/exports/w3c.py).
TYPE_LABEL = "claim type"
VERDICT_LABEL = "verdict"
WORTHINESS_LABEL = "check-worthiness"


class AnnotationsRefused(Exception):
    """A file of annotations that cannot be read as a whole; the message names where and why."""


@dataclass(frozen=True)
class Incoming:
    """One annotation read from a file: which article, where, and what it says."""

    where: str
    """Where in the file, for messages ("annotation 12", "line 3, claim 2")."""
    iri: str | None
    sha256: str | None
    source: str | None
    kind: str  # "claim", "entity" or "link" (from this span to `other`'s)
    start: int | None
    end: int | None
    exact: str | None
    prefix: str = ""
    suffix: str = ""
    label: str | None = None
    type: str | None = None
    verdict: str = "unchecked"
    worthiness: int = 1
    note: str = ""
    annotator: str | None = None
    relation: str | None = None
    """A link's relation (same, supports, contradicts, related)."""
    other: Incoming | None = None
    """A link's other end."""
    article: ImportedArticle | None = None
    """The article itself, when the file carries its full text (a jsonl export does)."""

    @property
    def article_ref(self) -> str:
        return self.iri or self.sha256 or self.source or "?"


def read_annotations(path: Path) -> tuple[str, list[Incoming], int]:
    """(format, annotations, how many were of another kind and ignored)."""
    try:
        text = read_bytes(path, ANNOTATIONS_LIMIT, empty_ok=True).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnnotationsRefused(f"{path} is not UTF-8 text; nothing was imported") from None
    except Refused as refused:
        raise AnnotationsRefused(f"{path}: {refused}; nothing was imported") from None
    if not text.strip():
        raise AnnotationsRefused(f"{path} is empty; nothing was imported")
    try:
        document = load_json(text)
    except json.JSONDecodeError as error:
        first = text.strip().splitlines()[0]
        if _is_object(first):
            return "jsonl", *_from_jsonl(path, text)
        raise AnnotationsRefused(f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}; "
                          "nothing was imported") from None
    except Unreadable as error:
        if len(text.strip().splitlines()) > 1:  # JSON Lines: the line at fault is named
            return "jsonl", *_from_jsonl(path, text)
        raise AnnotationsRefused(f"{path}: {error}; nothing was imported") from None
    if isinstance(document, dict) and "@context" not in document and ("sha256" in document or "claims" in document):
        return "jsonl", *_from_jsonl(path, text)
    return "w3c", *_from_w3c(path, document)


def _is_object(line: str) -> bool:
    try:
        return isinstance(load_json(line), dict)
    except json.JSONDecodeError:
        return False
    except Unreadable:  # the jsonl reader says what is wrong with it, and where
        return True


def _problem(path: Path, where: str, what: str) -> AnnotationsRefused:
    return AnnotationsRefused(f"{path}, {where}: {what}; nothing was imported")


# -- JSON Lines -------------------------------------------------------------------------------


def _from_jsonl(path: Path, text: str) -> tuple[list[Incoming], int]:
    found: list[Incoming] = []
    by_id: dict[object, Incoming] = {}
    outgoing: list[tuple[Incoming, list]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = load_json(line)
        except json.JSONDecodeError as error:
            raise _problem(path, f"line {number}", f"not valid JSON (column {error.colno}: {error.msg})") from None
        except Unreadable as error:
            raise _problem(path, f"line {number}", str(error)) from None
        if not isinstance(record, dict):
            raise _problem(path, f"line {number}", "expected one JSON object per line (an article)")
        sha, source = record.get("sha256"), record.get("source")
        if not isinstance(sha, str) and not isinstance(source, str):
            raise _problem(path, f"line {number}", "the article has neither a sha256 nor a source")
        for key in ("claims", "entities"):
            if not isinstance(record.get(key, []), list):
                raise _problem(path, f"line {number}", f"{key} must be a list")
        article = _carried_article(path, number, record)
        owner = dict(iri=None, sha256=sha if isinstance(sha, str) else None,
                     source=source if isinstance(source, str) else None, article=article)
        for index, claim in enumerate(record.get("claims", []), 1):
            where = f"line {number}, claim {index}"
            fields = _fields(path, where, claim, {"start": int, "end": int, "quote": str})
            worthiness = claim.get("worthiness", 1)
            if not isinstance(worthiness, int) or isinstance(worthiness, bool) or not 1 <= worthiness <= MAX_WORTHINESS:
                raise _problem(path, where, f"worthiness must be a whole number from 1 to {MAX_WORTHINESS}")
            claim_id = claim.get("id")
            if claim_id is not None and (not isinstance(claim_id, (int, str)) or isinstance(claim_id, bool)):
                raise _problem(path, where, "id must be a number or a text")
            incoming = Incoming(
                where=where, **owner, kind="claim", start=fields["start"], end=fields["end"], exact=fields["quote"],
                prefix=_text_of(path, where, claim, "prefix"), suffix=_text_of(path, where, claim, "suffix"),
                type=_text_of(path, where, claim, "type") or None,
                verdict=_text_of(path, where, claim, "verdict") or "unchecked", worthiness=worthiness,
                note=_text_of(path, where, claim, "note"), annotator=_annotator(path, where, _text_of(path, where, claim, "annotator")),
            )
            found.append(incoming)
            if claim_id is not None:
                by_id[claim_id] = incoming
            links = claim.get("links", [])
            if not isinstance(links, list) or not all(isinstance(link, dict) for link in links):
                raise _problem(path, where, "links must be a list of objects")
            for link in links:
                for key in ("direction", "relation", "annotator"):
                    _text_of(path, where, link, key)
            outgoing.append((incoming, links))
        for index, entity in enumerate(record.get("entities", []), 1):
            where = f"line {number}, entity {index}"
            fields = _fields(path, where, entity, {"start": int, "end": int, "label": str})
            found.append(Incoming(
                where=where, **owner, kind="entity", start=fields["start"], end=fields["end"],
                exact=_text_of(path, where, entity, "text") or None, label=fields["label"],
            ))
    for claim, links in outgoing:  # each link once: from the claim it starts at
        for link in links:
            other = by_id.get(link.get("claim")) if isinstance(link.get("claim"), (int, str)) else None
            if link.get("direction") == "from" and other is not None:
                found.append(replace(claim, kind="link", relation=_text(link.get("relation")) or "related",
                                     annotator=_annotator(path, claim.where, _text(link.get("annotator"))),
                                     other=replace(other, kind="link-end")))
    return found, 0


def _carried_article(path: Path, number: int, record: dict) -> ImportedArticle | None:
    """The article a jsonl record carries in full (its "text"), checked as `gegenlesen import` checks it."""
    if record.get("text") is None:
        return None
    try:
        return article_from_record(record, f"line {number}", f"{path.name}#{number}")
    except Refused as refused:
        raise AnnotationsRefused(f"{path}, {refused}; nothing was imported") from None


def _fields(path: Path, where: str, item: object, wanted: dict[str, type]) -> dict:
    if not isinstance(item, dict):
        raise _problem(path, where, "expected a JSON object")
    for key, kind in wanted.items():
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise _problem(path, where, f"{key} is missing or not a {'number' if kind is int else 'text'}")
    if "start" in wanted:
        _check_span(path, where, item["start"], item["end"])
    return item


def _check_span(path: Path, where: str, start: int, end: int) -> None:
    if not 0 <= start < end:
        raise _problem(path, where, f"start {start} and end {end} are no span (0 <= start < end)")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _text_of(path: Path, where: str, node: dict, key: str) -> str:
    """node[key] if it is a text, "" if it is missing or null; anything else is refused."""
    value = node.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _problem(path, where, f'"{key}" must be a text, not {_kind(value)}')
    return value


def _names(path: Path, where: str, node: dict, *keys: str) -> set[str]:
    """A field that holds a name or a list of names (type, motivation, purpose)."""
    value = next((node[key] for key in keys if key in node), None)
    values = _as_list(value)
    if not all(isinstance(v, str) for v in values):
        raise _problem(path, where, f'"{keys[0]}" must be a text or a list of texts, not {_kind(value)}')
    return set(values)


def _kind(value: object) -> str:
    return {list: "a list", dict: "an object", bool: "true or false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "a text")


# -- Web Annotation ---------------------------------------------------------------------------


def _types(node: dict) -> set[str]:
    """A node's types; anything that is not a name is no type it could match."""
    return {value for value in _as_list(node.get("type", node.get("@type"))) if isinstance(value, str)}


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _from_w3c(path: Path, document: object) -> tuple[list[Incoming], int]:
    items = _items(path, document)
    found: list[Incoming] = []
    ignored = 0
    for number, item in enumerate(items, 1):
        if isinstance(item, str):
            raise _problem(path, f"annotation {number}", "annotations given by IRI alone cannot be read")
        if not isinstance(item, dict) or "Annotation" not in _types(item):
            raise _problem(path, f"annotation {number}", "not an object of type Annotation")
        where = f"annotation {number} ({item.get('id', 'without id')})"
        parsed = _annotation(path, where, item)
        if parsed is None:
            ignored += 1
        else:
            found.append(parsed)
    return found, ignored


def _items(path: Path, document: object) -> list:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise _problem(path, "top level", "expected an AnnotationCollection, an AnnotationPage or annotations")
    kinds = _types(document)
    if "Annotation" in kinds:
        return [document]
    page = document
    if "AnnotationCollection" in kinds:
        page = document.get("first")
        if page is None:
            return []
        if not isinstance(page, dict):
            raise _problem(path, "first", "pages given by IRI alone cannot be read; export with the pages embedded")
    items: list = []
    while isinstance(page, dict):
        if not isinstance(page.get("items"), list):
            raise _problem(path, "AnnotationPage", "has no list of items")
        items.extend(page["items"])
        page = page.get("next")
    if "AnnotationCollection" not in kinds and "AnnotationPage" not in kinds:
        raise _problem(path, "top level", "expected an AnnotationCollection, an AnnotationPage or annotations")
    return items


def _annotation(path: Path, where: str, item: dict) -> Incoming | None:
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    purposes = {p for b in bodies for p in _names(path, where, b, "purpose")}
    motivations = _names(path, where, item, "motivation")
    if "linking" in motivations and len(_as_list(item.get("target"))) == 2:
        return _link(path, where, item, bodies)
    if "assessing" in motivations or purposes & {"assessing", "classifying"}:
        kind = "claim"
    elif "tagging" in motivations or "tagging" in purposes or "identifying" in motivations:
        kind = "entity"
    else:
        return None
    source, selectors = _target(path, where, item.get("target"))
    quote = next((s for s in selectors if "TextQuoteSelector" in _types(s)), None)
    position = next((s for s in selectors if "TextPositionSelector" in _types(s)), None)
    if quote is None and position is None:
        raise _problem(path, where, "its target has neither a TextQuoteSelector nor a TextPositionSelector")
    start, end = _position(path, where, position) if position is not None else (None, None)
    if position is not None and start is None:
        raise _problem(path, where, "TextPositionSelector start and end must be whole numbers")
    exact = None
    if quote is not None:
        exact = quote.get("exact")
        if not isinstance(exact, str):
            raise _problem(path, where, "TextQuoteSelector has no exact text")
    sha = source[len(SHA_IRI):] if source.startswith(SHA_IRI) else None
    common = dict(where=where, iri=source, sha256=sha, source=None, kind=kind, start=start, end=end, exact=exact,
                  prefix=_text(quote.get("prefix")) if quote else "", suffix=_text(quote.get("suffix")) if quote else "")
    if kind == "entity":
        label = next((b.get("value") for b in bodies if "tagging" in _as_list(b.get("purpose"))), None)
        if not isinstance(label, str) or not label:
            raise _problem(path, where, "an entity annotation needs a tagging body with the label")
        return Incoming(**common, label=label)
    return Incoming(**common, **_judgement(path, where, bodies), annotator=_annotator(path, where, _creator(item.get("creator"))))


def _position(path: Path, where: str, position: dict) -> tuple[int | None, int | None]:
    """A link end's TextPositionSelector, checked like a claim's; (None, None) without one."""
    start, end = position.get("start"), position.get("end")
    if start is None and end is None:
        return None, None
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise _problem(path, where, "TextPositionSelector start and end must be whole numbers")
    _check_span(path, where, start, end)
    return start, end


def _link(path: Path, where: str, item: dict, bodies: list[dict]) -> Incoming:
    """A link between two claims: both targets' spans, and the relation from its body."""
    relation = next((b.get("value") for b in bodies if isinstance(b.get("value"), str)), None)
    if relation is None:
        raise _problem(path, where, "a linking annotation needs a body with the relation")
    first, second = (_end(path, where, target) for target in _as_list(item.get("target")))
    return Incoming(**first, relation=relation, annotator=_annotator(path, where, _creator(item.get("creator"))),
                    other=Incoming(**{**second, "kind": "link-end"}))


def _end(path: Path, where: str, target: object) -> dict:
    """One target of a link as the fields of an `Incoming`."""
    source, selectors = _target(path, where, target)
    quote = next((s for s in selectors if "TextQuoteSelector" in _types(s)), {})
    position = next((s for s in selectors if "TextPositionSelector" in _types(s)), {})
    start, end = _position(path, where, position)
    if start is None and not isinstance(quote.get("exact"), str):
        raise _problem(path, where, "a link target needs a TextQuoteSelector or a TextPositionSelector")
    return dict(where=where, iri=source, sha256=source[len(SHA_IRI):] if source.startswith(SHA_IRI) else None,
                source=None, kind="link", start=start, end=end,
                exact=quote.get("exact") if isinstance(quote.get("exact"), str) else None,
                prefix=_text(quote.get("prefix")), suffix=_text(quote.get("suffix")))


def _target(path: Path, where: str, target: object) -> tuple[str, list[dict]]:
    for candidate in _as_list(target):
        if isinstance(candidate, dict) and isinstance(candidate.get("source"), str):
            return candidate["source"], [s for s in _as_list(candidate.get("selector")) if isinstance(s, dict)]
    raise _problem(path, where, "its target has no source with selectors")


def _judgement(path: Path, where: str, bodies: list[dict]) -> dict:
    found: dict = {}
    for body in bodies:
        purposes, label, value = _as_list(body.get("purpose")), body.get("label"), body.get("value")
        if not isinstance(value, str):
            continue
        if "classifying" in purposes and label in (None, TYPE_LABEL):
            found["type"] = value or None
        elif "assessing" in purposes and label == WORTHINESS_LABEL:
            if not WORTHINESS_TEXT.fullmatch(value.strip()) or not 1 <= int(value) <= MAX_WORTHINESS:
                raise _problem(path, where, f"check-worthiness {value[:20]!r} is not a whole number from 1 to "
                                            f"{MAX_WORTHINESS}")
            found["worthiness"] = int(value)
        elif "assessing" in purposes and label in (None, VERDICT_LABEL):
            found["verdict"] = value or "unchecked"
        elif "commenting" in purposes:
            found["note"] = f"{found['note']}\n\n{value}" if found.get("note") else value
    return found


def _annotator(path: Path, where: str, raw: str | None) -> str | None:
    """An annotator's name from the file, held to the rule --annotator is held to."""
    try:
        return annotator_name(raw) if raw else None
    except BadAnnotator as error:
        raise _problem(path, where, str(error)) from None


def _creator(creator: object) -> str | None:
    for agent in _as_list(creator):
        if isinstance(agent, dict):
            name = agent.get("name", agent.get("nickname"))
            name = name[0] if isinstance(name, list) and name else name
            if isinstance(name, str) and name.strip():
                return name
        elif isinstance(agent, str) and agent.strip():
            return agent
    return None
