"""brat standoff: a directory with `<stem>.txt` and `<stem>.ann` per article, and the
`annotation.conf` and `visual.conf` that brat needs to show them.

- `.txt` is the stored text exactly (UTF-8, line ends untouched), so offsets agree.
- Entities are `T` lines (`T1<TAB>ORG 10 18<TAB>DeepSeek`); claims are `Claim` `T` lines.
  A span crossing a line break is split into fragments (`start end;start end`), white
  space at a fragment's edges left out; the text column holds the fragments joined by a
  space, as brat writes it.
- A claim's verdict and check-worthiness are `A` attributes (`Verdict`, `Worthiness`;
  white space and other characters brat cannot take in a value become `_`), and its type,
  note and annotator one `#` AnnotatorNotes line (line breaks in the note become spaces).
- `annotation.conf` declares the labels in use, the two attributes with every value, and
  allows overlapping annotations (a claim usually contains entities).
"""

from __future__ import annotations

import re
from pathlib import Path

from gegenlesen.storage.codebooks import codebook_in_use
from gegenlesen.storage.db import Store
from gegenlesen.storage.exports.common import Bundle, bundles

NAME_LABELS = ("PER", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY")
CLAIM = "Claim"
LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
NOT_VALUE = re.compile(r"[^\w.-]+")
NOT_STEM = re.compile(r"[^A-Za-z0-9._-]+")
COLOURS = {"PER": "#ffccaa", "ORG": "#8fb2ff", "LOC": "#95dfff", "MISC": "#f1f447", "MONEY": "#b4ffb4",
           "PERCENT": "#b4ffb4", "DATE": "#ffe8be", "CARDINAL": "#e3e3e3", "QUANTITY": "#e3e3e3", CLAIM: "#ff8fd0"}
NAMES = {"PER": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Other name", "MONEY": "Money",
         "PERCENT": "Percentage", "DATE": "Date", "CARDINAL": "Number", "QUANTITY": "Quantity", CLAIM: "Claim"}


def attribute_value(value: str) -> str:
    """A value brat can read in an `A` line and in annotation.conf: "mostly true" → "mostly_true"."""
    return NOT_VALUE.sub("_", value.strip()) or "_"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span's pieces between line breaks, white space at their edges left out."""
    pieces, position = [], start
    for match in LINE_BREAK.finditer(text, start, end):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, end))
    trimmed = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def note_line(value: str) -> str:
    return " ".join(LINE_BREAK.sub(" ", value).replace("\t", " ").split())


def ann_lines(bundle: Bundle) -> list[str]:
    text = bundle.article.text
    lines: list[str] = []
    counters = {"T": 0, "A": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def span_line(label: str, start: int, end: int) -> str | None:
        pieces = fragments(text, start, end)
        if not pieces:
            return None
        tid = next_id("T")
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(f"{tid}\t{label} {offsets}\t{' '.join(text[a:b] for a, b in pieces)}")
        return tid

    for entity in bundle.entities:
        span_line(entity.label, entity.start, entity.end)
    for claim in bundle.claims:
        tid = span_line(CLAIM, claim.start, claim.end)
        if tid is None:
            continue
        lines.append(f"{next_id('A')}\tVerdict {tid} {attribute_value(claim.verdict)}")
        lines.append(f"{next_id('A')}\tWorthiness {tid} {claim.worthiness}")
        parts = [f"type: {claim.type or 'none'}", f"annotator: {claim.annotator}"]
        if claim.note:
            parts.append(f"note: {claim.note}")
        lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{note_line('; '.join(parts))}")
    return lines


def safe_stem(source: str, article_id: int, taken: set[str]) -> str:
    """A file name stem from the article's source, unique in the directory."""
    stem = NOT_STEM.sub("_", Path(source.rstrip("/")).stem).strip("._-")[:80] or f"article-{article_id}"
    if stem.casefold() in taken or stem.casefold() in {"annotation", "visual", "tools", "kb_shortcuts"}:
        stem = f"{stem}-{article_id}"
    taken.add(stem.casefold())
    return stem


def annotation_conf(labels: list[str], verdicts: list[str], worthiness: int) -> str:
    values = "|".join(dict.fromkeys(attribute_value(v) for v in verdicts))
    levels = "|".join(str(level) for level in range(1, worthiness + 1))
    return "\n".join([
        "# gegenlesen export: entity labels and claims",
        "[entities]", *labels, CLAIM, "",
        "[relations]",
        "# annotations may overlap: a claim usually contains entities",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "",
        "[events]", "",
        "[attributes]",
        f"Verdict\tArg:{CLAIM}, Value:{values}",
        f"Worthiness\tArg:{CLAIM}, Value:{levels}", "",
    ])


def visual_conf(labels: list[str]) -> str:
    lines = ["[labels]"]
    lines += [f"{label} | {NAMES.get(label, label)}" for label in [*labels, CLAIM]]
    lines += ["Verdict | Verdict", "Worthiness | Check-worthiness", "", "[drawing]",
              "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
              "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
              "ATTRIBUTE_DEFAULT\tglyph:*"]
    lines += [f"{label}\tbgColor:{COLOURS[label]}" for label in [*labels, CLAIM] if label in COLOURS]
    return "\n".join(lines) + "\n"


def export_brat(db: Store, directory: Path, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Fill `directory` (which exists and is empty); returns how many articles."""
    codebook = codebook_in_use(db)
    labels = list(NAME_LABELS)
    verdicts = list(codebook.verdicts)
    worthiness = codebook.worthiness
    taken: set[str] = set()
    count = 0
    for bundle in bundles(db, article_ids):
        stem = safe_stem(bundle.article.source, bundle.article.id, taken)
        (directory / f"{stem}.txt").write_text(bundle.article.text, encoding="utf-8", newline="")
        (directory / f"{stem}.ann").write_text("".join(line + "\n" for line in ann_lines(bundle)),
                                               encoding="utf-8", newline="")
        labels += [e.label for e in bundle.entities if e.label not in labels]
        verdicts += [c.verdict for c in bundle.claims if c.verdict not in verdicts]
        worthiness = max([worthiness, *(c.worthiness for c in bundle.claims)])
        count += 1
    (directory / "annotation.conf").write_text(annotation_conf(labels, verdicts, worthiness), encoding="utf-8")
    (directory / "visual.conf").write_text(visual_conf(labels), encoding="utf-8")
    return count
