"""Cross-reading: which passages of other articles speak to a claim, where they disagree,
and which sentences look worth checking.

Pure functions over plain frozen dataclasses with character offsets; no Textual, no spaCy,
no SQLite. `units` and `passages` build passages, `suggest` ranks them (with weights
`learning` fits to the user's links), `proposals` chooses a claim's best ones, `conflicts`
compares their figures and dates and `flags` lists them with the user's decisions,
`recurring` finds figures several articles give, `candidates` proposes check-worthy sentences.
"""

from gegenlesen.corpus.crossref.candidates import CheckWorthy, claim_candidates
from gegenlesen.corpus.crossref.conflicts import (
    Conflict, ConflictPair, Sentences, Unit, conflict_pair, find_conflicts,
)
from gegenlesen.corpus.crossref.suggest import Suggestion, suggest
from gegenlesen.corpus.crossref.units import (
    FigureMention,
    NameIndex,
    NameMention,
    Passage,
    article_passages,
    name_index,
    passage_for_span,
)

__all__ = [
    "CheckWorthy", "Conflict", "ConflictPair", "FigureMention", "NameIndex", "NameMention", "Passage", "Sentences",
    "Suggestion", "Unit", "article_passages", "claim_candidates", "conflict_pair", "find_conflicts", "name_index",
    "passage_for_span", "suggest",
]
