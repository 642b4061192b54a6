"""Messages that background work posts to the app."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class AnalysisProgress(Message):
    """One more article has been analysed and stored."""

    done: int
    total: int
    source: str


@dataclass
class AnalysisFinished(Message):
    """Analysis of every pending article is stored; `notes` say how the pipeline was chosen."""

    analysed: int
    notes: list[str] = field(default_factory=list)


class ArticlesChanged(Message, bubble=False):
    """Articles or their analysis changed in the database: a screen listing them reads again."""


@dataclass
class CandidatesMarked(Message):
    """Check-worthy sentences were stored as candidates: `added` new of `found`."""

    added: int
    found: int
