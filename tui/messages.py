"""Messages that background work and the reader's features post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from gegenlesen.storage.claims import Claim


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


@dataclass
class ArticleOpened(Message, bubble=False):
    """The reader opened an article in a pane (`ReaderScreen.open_article`); posted once the
    pane shows it, handled once the feature that opened it is done (the layout is stored then)."""

    pane: int
    article_id: int


@dataclass
class ClaimTagged(Message, bubble=False):
    """A claim was tagged in the reader and is stored; the reader shows it already."""

    claim: Claim
