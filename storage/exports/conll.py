"""CoNLL-2003-style NER columns: one token per line, `token -X- _ TAG`.

Four space-separated columns as in CoNLL-2003 (token, POS, chunk, NER), with placeholders
for the two gegenlesen does not have (`-X-` and `_`), and the NER column in BIO
(`B-ORG`, `I-ORG`, `O`) from the stored entities: names (PER, ORG, LOC, MISC) and figures
(MONEY, PERCENT, DATE, CARDINAL, QUANTITY). Each article opens with `-DOCSTART- -X- -X- O`
and a blank line; a blank line ends each stored sentence. Tokens are those of `corpus/nlp/tokens.py`;
white-space tokens are left out, and a token with white space inside (rare) is split there.
An entity overlapping one already tagged is skipped and counted.
"""

from __future__ import annotations

import re
from typing import TextIO

from gegenlesen.corpus.nlp.tokens import tokens
from gegenlesen.storage.db import Store
from gegenlesen.storage.exports.common import Bundle, bundles

DOCSTART = "-DOCSTART- -X- -X- O"
NON_SPACE = re.compile(r"\S+")


def tag_tokens(bundle: Bundle, found: list[tuple[int, int, bool]], skipped: list[int]) -> list[str]:
    """The BIO tag of each token."""
    tags = ["O"] * len(found)
    starts = [start for start, _, _ in found]
    taken_until = 0
    index = 0
    for entity in sorted(bundle.entities, key=lambda e: (e.start, -e.end)):
        if entity.start < taken_until:
            skipped[0] += 1
            continue
        while index < len(found) and found[index][1] <= entity.start:
            index += 1
        first = True
        position = index
        while position < len(found) and starts[position] < entity.end:
            tags[position] = f"{'B' if first else 'I'}-{entity.label}"
            first = False
            position += 1
        taken_until = entity.end
    return tags


def sentence_groups(bundle: Bundle, found: list[tuple[int, int, bool]]) -> list[list[int]]:
    """Token indices per sentence: a token belongs to the stored sentence it starts in (text
    outside every sentence makes a sentence of its own)."""
    edges = sorted({p for s, e in bundle.sentences for p in (s, e)})
    groups: list[list[int]] = []
    edge = 0
    for index, (start, _, _) in enumerate(found):
        moved = False
        while edge < len(edges) and edges[edge] <= start:
            edge += 1
            moved = True
        if moved or not groups:
            groups.append([])
        groups[-1].append(index)
    return groups


def write_article(out: TextIO, bundle: Bundle, skipped: list[int]) -> None:
    text = bundle.article.text
    cuts = [p for e in bundle.entities for p in (e.start, e.end)]
    found = tokens(text, cuts)
    tags = tag_tokens(bundle, found, skipped)
    lines = [DOCSTART, ""]
    for group in sentence_groups(bundle, found):
        words = []
        for index in group:
            start, end, _ = found[index]
            for number, piece in enumerate(NON_SPACE.findall(text[start:end])):
                tag = tags[index]
                if number and tag.startswith("B-"):
                    tag = "I-" + tag[2:]  # a token split at white space stays one entity
                words.append((piece, tag))
        if words:
            lines.extend(f"{word} -X- _ {tag}" for word, tag in words)
            lines.append("")
    out.write("\n".join(lines) + "\n")


def export_conll(db: Store, out: TextIO, article_ids: list[int], notes: list[str] | None = None) -> int:
    """Write every article; returns how many."""
    skipped = [0]
    count = 0
    for bundle in bundles(db, article_ids, claims=False, sentences=True):
        write_article(out, bundle, skipped)
        count += 1
    if notes is not None and skipped[0]:
        notes.append(f"skipped {skipped[0]} overlapping entit{'ies' if skipped[0] != 1 else 'y'}")
    return count
