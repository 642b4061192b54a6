"""`gegenlesen conflicts`: what the reader's `X` lists, on standard output."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from gegenlesen.corpus.crossref.flags import FlaggedConflict
from gegenlesen.corpus.entities import describe_value
from gegenlesen.storage import crossread

FORMATS = ("table", "jsonl")


def conflict_record(flagged: FlaggedConflict) -> dict:
    """One flag as a plain record: both passages (article id, offsets, text) and their values."""
    conflict = flagged.conflict

    def side(passage, figure) -> dict:
        return {"article": passage.article_id, "start": passage.start, "end": passage.end, "text": passage.text,
                "value": describe_value(figure.label, figure.value) or figure.text, "surface": figure.text}

    return {"entity": conflict.entity, "label": conflict.label, "decision": flagged.decision,
            "a": side(conflict.a, conflict.a_figure), "b": side(conflict.b, conflict.b_figure)}


def command_conflicts(db, output_format: str = "table", out: TextIO | None = None) -> int:
    """List the possible contradictions of the database, open ones first.

    Args:
        output_format: 'table' (one line each, for reading) or 'jsonl' (one JSON object per flag).

    Returns:
        The exit code: 0 (also when nothing is flagged: it says so on standard error).
    """
    out = out or sys.stdout
    corpus = crossread.load_corpus(db)
    if len({p.article_id for p in corpus.sentences}) < 2:
        print("gegenlesen: fewer than two analysed articles: nothing to compare", file=sys.stderr)
        return 0
    flagged = crossread.corpus_conflicts(db, corpus)
    if not flagged:
        print("gegenlesen: no possible contradictions found", file=sys.stderr)
    for item in flagged:
        if output_format == "jsonl":
            print(json.dumps(conflict_record(item), ensure_ascii=False), file=out)
        else:
            mark = {None: "?", "confirmed": "✓", "dismissed": "✗", "linked": "⇄"}[item.decision]
            print(f"{mark} {' '.join(item.conflict.describe().split())}", file=out)
    return 0
