"""The claims pane's list and the comparison of two annotators: pure functions over claims, fast on 10,000."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gegenlesen.corpus.codebook import Codebook
from gegenlesen.storage.claims import Claim

ORDERS = ("position", "type")


@dataclass(frozen=True)
class ClaimsInView:
    """The claims of the articles in the panes, as the reader's panes and claims pane show them.

    `keep` is the claim the claims pane should keep highlighted (the one just changed)."""

    claims: tuple[Claim, ...] = ()
    candidates: tuple[Claim, ...] = ()
    link_counts: dict[int, int] = field(default_factory=dict)
    pane_of: dict[int, int] = field(default_factory=dict)
    """Article id -> the number of the first pane that shows it."""
    keep: int | None = None

    def of_article(self, article_id: int) -> list[Claim]:
        """The article's claims, in text order."""
        return [claim for claim in self.claims if claim.article_id == article_id]

    def candidates_of(self, article_id: int) -> list[Claim]:
        """The article's open candidates, in text order."""
        return [candidate for candidate in self.candidates if candidate.article_id == article_id]


def haystack(claim: Claim, codebook: Codebook) -> str:
    """Everything a filter may match in one claim, case-folded."""
    return " ".join(
        (claim.quote, claim.type or "untyped", codebook.type_label(claim.type), claim.verdict, claim.note, claim.annotator)
    ).casefold()


def filter_claims(claims: Iterable[Claim], query: str, codebook: Codebook, annotator: str | None = None) -> list[Claim]:
    """Claims whose text, type, verdict, note or annotator contain every word of `query`;
    only `annotator`'s when one is given."""
    words = query.casefold().split()
    chosen = []
    for claim in claims:
        if annotator is not None and claim.annotator != annotator:
            continue
        if words:
            text = haystack(claim, codebook)
            if not all(word in text for word in words):
                continue
        chosen.append(claim)
    return chosen


def order_claims(claims: list[Claim], order: str, codebook: Codebook, pane_of: dict[int, int]) -> list[Claim]:
    """By pane and position, or by codebook type (untyped last), then pane and position."""
    def position(claim: Claim) -> tuple:
        return (pane_of.get(claim.article_id, 99), claim.start, claim.end, claim.id)

    if order == "type":
        rank = {claim_type.key: index for index, claim_type in enumerate(codebook.types)}
        return sorted(claims, key=lambda claim: (rank.get(claim.type, len(rank)), *position(claim)))
    return sorted(claims, key=position)


def next_annotator(current: str | None, me: str, names: Iterable[str]) -> str | None:
    """Whose claims the pane lists after `current` (None: everybody's): everybody, me, then
    each other annotator by name, and round again."""
    order: list[str | None] = [None, me, *sorted(set(names) - {me})]
    index = order.index(current) if current in order else 0
    return order[(index + 1) % len(order)]


def claim_at_cursor(here: Sequence[Claim], kept: int | None, annotator: str | None = None) -> int | None:
    """Which of the claims at a pane's cursor (`here`, in text order) its claim keys act on:
    `kept` while it is still there, else the last of them; with `annotator`, their own claim
    there wins (`own_claim`, the kept one preferred)."""
    ids = [claim.id for claim in here]
    chosen = kept if kept in ids else (ids[-1] if ids else None)
    if annotator is not None and chosen is not None:
        mine = own_claim(here, annotator, chosen)
        if mine is not None:
            chosen = mine.id
    return chosen


def own_claim(claims: Iterable[Claim], annotator: str, preferred: int | None = None) -> Claim | None:
    """Of the claims at hand (those at the cursor), the annotator's own: the `preferred`
    one when it is theirs, else their claim on the same span as it, else their first."""
    claims = list(claims)
    mine = [claim for claim in claims if claim.annotator == annotator]
    if not mine:
        return None
    chosen = next((claim for claim in claims if claim.id == preferred), None)
    if chosen is not None:
        same = [claim for claim in mine if (claim.start, claim.end) == (chosen.start, chosen.end)]
        if chosen in mine:
            return chosen
        if same:
            return same[0]
    return mine[0]


@dataclass(frozen=True)
class Passage:
    """Overlapping claims of one article by two annotators: what each tagged there."""

    start: int
    end: int
    left: tuple[Claim, ...]
    right: tuple[Claim, ...]

    def _judged(self) -> list[set[str]]:
        return [{claim.verdict for claim in side if claim.verdict != "unchecked"} for side in (self.left, self.right)]

    @property
    def verdicts_differ(self) -> bool:
        """Whether both judged the passage (no "unchecked") and gave different verdicts."""
        judged = self._judged()
        return all(judged) and judged[0] != judged[1]

    @property
    def verdicts_agree(self) -> bool:
        """Whether both judged the passage and gave the same verdicts."""
        judged = self._judged()
        return all(judged) and judged[0] == judged[1]


def passages(left: Iterable[Claim], right: Iterable[Claim]) -> list[Passage]:
    """Two annotators' claims on one article grouped into passages of overlapping spans (as
    agreement groups them), in text order; a passage may hold claims of one side only."""
    tagged = sorted([(claim, 0) for claim in left] + [(claim, 1) for claim in right],
                    key=lambda item: (item[0].start, item[0].end, item[0].id))
    found: list[Passage] = []
    group: list[tuple[Claim, int]] = []
    end = -1
    for claim, side in tagged:
        if group and claim.start >= end:
            found.append(_passage(group))
            group = []
        end = max(end, claim.end) if group else claim.end
        group.append((claim, side))
    if group:
        found.append(_passage(group))
    return found


def _passage(group: list[tuple[Claim, int]]) -> Passage:
    return Passage(
        min(claim.start for claim, _ in group), max(claim.end for claim, _ in group),
        tuple(claim for claim, side in group if side == 0), tuple(claim for claim, side in group if side == 1),
    )
