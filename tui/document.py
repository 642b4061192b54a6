"""What an article pane shows: the article, its sentences and entities, ready to draw."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from gegenlesen.corpus.display import displayable
from gegenlesen.storage.records import ArticleText, StoredEntity


@dataclass(frozen=True, eq=False)
class ArticleDocument:
    """An article with its analysis; `shown` is its text made safe for a terminal."""

    article: ArticleText
    sentences: list[tuple[int, int]]
    entities: list[StoredEntity]
    shown: str = field(init=False)
    entity_starts: list[int] = field(init=False, repr=False)
    sentence_starts: list[int] = field(init=False, repr=False)
    longest_entity: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", displayable(self.article.text))
        object.__setattr__(self, "entity_starts", [e.start for e in self.entities])
        object.__setattr__(self, "longest_entity", max((e.end - e.start for e in self.entities), default=0))
        if not self.sentences and self.article.text.strip():
            object.__setattr__(self, "sentences", [(0, len(self.article.text))])
        object.__setattr__(self, "sentence_starts", [start for start, _ in self.sentences])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArticleDocument):
            return NotImplemented
        return (self.article, self.sentences, self.entities) == (other.article, other.sentences, other.entities)

    __hash__ = None  # type: ignore[assignment]

    def entities_between(self, start: int, end: int) -> list[StoredEntity]:
        """Entities that overlap the text from `start` to `end`."""
        low = bisect_left(self.entity_starts, start - self.longest_entity)
        high = bisect_right(self.entity_starts, end)
        return [e for e in self.entities[low:high] if e.end > start and e.start < end]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset`, or the nearest one before it."""
        return max(0, bisect_right(self.sentence_starts, offset) - 1)


def load_document(db, article_id: int) -> ArticleDocument | None:
    """Read an article and its cached analysis from the store."""
    from gegenlesen.storage import articles

    article = articles.get_article(db, article_id)
    if article is None:
        return None
    return ArticleDocument(article, articles.sentences(db, article_id), articles.entities(db, [article_id]))
