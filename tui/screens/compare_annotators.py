"""`A`: two annotators' claims on one article side by side, passage by passage."""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from gegenlesen.corpus.codebook import Codebook
from gegenlesen.corpus.display import plural
from gegenlesen.storage import articles
from gegenlesen.storage.agreement import claim_annotators
from gegenlesen.storage.claims import Claim, list_claims
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.claim_list import Passage, passages
from gegenlesen.tui.labels import annotator_colors
from gegenlesen.tui.safe import NAME_CELLS, safe_str, safe_text

SIDE_MIN = 20
"""However narrow the screen, each side keeps this many cells."""
AROUND_SIDES = 4 + 5 + 1 + 8
"""Cells of a row besides the two sides: the box's border and padding, the sentence number,
the mark, and the table's padding of each of its four columns."""


def side_cell(claims: tuple[Claim, ...], codebook: Codebook, width: int) -> Text:
    """What one annotator tagged in a passage: each claim's quote, then its type and verdict."""
    if not claims:
        return Text("—", style="dim")
    lines = []
    for claim in claims[:2]:
        quote = safe_text(" ".join(claim.quote.split()))
        quote.truncate(width, overflow="ellipsis")
        kind = safe_str(codebook.type_label(claim.type), NAME_CELLS) if claim.type else "untyped"
        judged = Text.assemble((f"#{claim.id} ", "dim"), kind, " · ", (safe_str(claim.verdict, NAME_CELLS), "bold"))
        judged.truncate(width, overflow="ellipsis")
        lines += [quote, judged]
    if len(claims) > 2:
        lines[-1].append(f" +{len(claims) - 2}", style="dim")
    return Text("\n").join(lines)


def mark(passage: Passage) -> Text:
    """= both gave one verdict, ≠ they differ, · one has not judged yet, ← or → only one side tagged here."""
    if not passage.right:
        return Text("←", style="dim")
    if not passage.left:
        return Text("→", style="dim")
    if passage.verdicts_differ:
        return Text("≠", style="bold red")
    if passage.verdicts_agree:
        return Text("=", style="green")
    return Text("·", style="dim")


class CompareAnnotatorsScreen(ModalScreen[Claim | None]):
    """One article, two annotators: a row per passage either tagged, their claims side by side.

    Hands back the claim to read (the left side's, else the right's), or None."""

    BINDINGS = bindings("compare")

    def __init__(self, db, codebook: Codebook, annotator: str, article_id: int) -> None:
        super().__init__()
        self.db = db
        self.codebook = codebook
        self.article_id = article_id
        self.names = claim_annotators(db)
        """Everyone with accepted claims, by name: whom the columns can show."""
        self.name_colors = annotator_colors(self.names)
        self.left = annotator if annotator in self.names else (self.names[0] if self.names else "")
        self.right = self._other_than(self.left, prefer_in_article=True)
        self.rows: list[Passage] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-box"):
            yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="compare-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._show()

    def _other_than(self, name: str, prefer_in_article: bool = False) -> str:
        others = [other for other in self.names if other != name]
        if prefer_in_article:
            here = {claim.annotator for claim in list_claims(self.db, [self.article_id])}
            others = [other for other in others if other in here] + [other for other in others if other not in here]
        return others[0] if others else ""

    def _show(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        box = self.query_one("#compare-box")
        article = articles.get_article(self.db, self.article_id)
        title = safe_str(article.title if article else "", 60)
        box.border_title = Text.assemble("Comparing annotators · article ", str(self.article_id), ": ", title)
        summary = self.query_one("#compare-summary", Static)
        if not self.left or not self.right:
            have = f"only {safe_str(self.names[0], NAME_CELLS)} has tagged claims" if self.names else "nobody has tagged claims"
            summary.update(Text(f"Comparing needs claims by two annotators; so far {have}."))
            self.rows = []
            return
        width = box.size.width or self.app.size.width * 95 // 100  # (before the first layout: as the .tcss makes it)
        side = max(SIDE_MIN, (width - AROUND_SIDES) // 2)
        table.add_column(Text("sent.", style="dim"), width=5, key="where")
        table.add_column(self._heading(self.left), width=side, key="left")
        table.add_column(Text(""), width=1, key="mark")
        table.add_column(self._heading(self.right), width=side, key="right")
        claims = list_claims(self.db, [self.article_id])
        starts = [start for start, _ in articles.sentences(self.db, self.article_id)]
        self.rows = passages([c for c in claims if c.annotator == self.left], [c for c in claims if c.annotator == self.right])
        for index, passage in enumerate(self.rows):
            left = side_cell(passage.left, self.codebook, side)
            right = side_cell(passage.right, self.codebook, side)
            height = max(len(left.split()), len(right.split()))
            sentence = bisect_right(starts, passage.start)  # counted from 1, as a person counts
            table.add_row(Text(str(sentence), style="dim"), left, mark(passage), right, height=height, key=str(index))
        summary.update(self._summary())

    def _heading(self, name: str) -> Text:
        return Text(safe_str(name, NAME_CELLS), style=f"bold {self.name_colors.get(name, '')}".strip())

    def _summary(self) -> Text:
        if not self.rows:
            return Text.assemble(self._heading(self.left), " and ", self._heading(self.right),
                                 " have no claims in this article: ",
                                 keys_line("compare", ["article(-1)", "article(1)", "next_annotator('left')",
                                                       "next_annotator('right')"]))
        both = [passage for passage in self.rows if passage.left and passage.right]
        differ = sum(passage.verdicts_differ for passage in both)
        only_left = sum(1 for passage in self.rows if not passage.right)
        only_right = sum(1 for passage in self.rows if not passage.left)
        return Text.assemble(
            f"{plural(len(self.rows), 'passage')}: {len(both)} tagged by both (verdicts differ in ",
            (str(differ), "bold"), "), ", str(only_left), " only by ", self._heading(self.left), ", ",
            str(only_right), " only by ", self._heading(self.right), (f" · {keys_line('compare', ['choose'])}", "dim"),
        )

    def action_next_annotator(self, side: str) -> None:
        if len(self.names) < 2:
            self.notify("There is nobody else to compare with.", severity="warning")
            return
        current, other = (self.left, self.right) if side == "left" else (self.right, self.left)
        choices = [name for name in self.names if name != other]
        chosen = choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]
        if side == "left":
            self.left = chosen
        else:
            self.right = chosen
        self._show()

    def action_article(self, step: int) -> None:
        ids = articles.current_ids(self.db)
        if not ids:
            return
        index = ids.index(self.article_id) if self.article_id in ids else 0
        self.article_id = ids[(index + step) % len(ids)]
        self._show()

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.rows:
            table.move_cursor(row=max(0, min(len(self.rows) - 1, table.cursor_row + step)))

    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if not self.rows:
            return
        passage = self.rows[table.cursor_row]
        self.dismiss((passage.left or passage.right)[0])

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_choose()

    def action_back(self) -> None:
        self.dismiss(None)
