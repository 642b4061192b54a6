"""The entity × article matrix: which article mentions which entity how often; enter reads it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from gegenlesen.corpus.display import plural
from gegenlesen.corpus.entities import EntityGroup
from gegenlesen.storage.overview import ALL, FIGURES, NAMES, ArticleColumn, EntityMatrix, entity_matrix, of_kind
from gegenlesen.tui.actions import bindings, keys_line
from gegenlesen.tui.safe import NAME_CELLS, safe_str
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

KINDS = [ALL, NAMES, FIGURES]
"""The filter key cycles through these."""
KIND_WORDS = {ALL: "names and figures", NAMES: "names only", FIGURES: "figures and dates only"}
NAME_WIDTH = 26
FIXED = 3
"""Columns before the articles' (entity, label, total): they stay when scrolling sideways."""
CHUNK = 100
"""Rows added to the table at a time (see MatrixScreen._fill)."""
MAX_COLUMNS = 300
"""At most this many article columns: a larger corpus shows the articles with the most mentions."""


@dataclass(frozen=True)
class MatrixChoice:
    """What the matrix hands back: read this article with this entity chosen."""

    article_id: int
    group: EntityGroup

    @property
    def keys(self) -> frozenset[str]:
        """The entity keys whose mentions are this entity (genitives included)."""
        return frozenset(self.group.keys)


def short_title(title: str, width: int = 24) -> str:
    """A title on one line, cut to `width` with an ellipsis; control characters made visible."""
    return safe_str(title, width)


class Count:
    """A count in an article's column, drawn right-aligned as one segment. It has no
    `__rich_measure__`: its column has a fixed width, so the table need not measure it,
    which keeps 200,000 cells (2,000 entities × 100 articles) quick to add and draw."""

    __slots__ = ("plain", "style")

    def __init__(self, plain: str, style: str = "") -> None:
        self.plain = plain
        self.style = Style.parse(style) if style else Style.null()

    def __rich_console__(self, console, options):
        if self.plain:
            yield Segment(self.plain.rjust(options.max_width)[: options.max_width], self.style)


BLANK = Count("")
"""An article that does not mention the entity (the table would measure a None cell)."""


def entity_cells(group: EntityGroup, columns: list[ArticleColumn], colors: dict[str, str]) -> list:
    """One matrix row: name (a figure by its value), label, total, then the count per
    article, blank for none, bold in the label's colour where the row peaks, dim
    where it is below half of that."""
    name = safe_str(group.value or group.name, NAME_WIDTH)
    color = colors.get(group.label, "")
    most = max(group.per_article.values(), default=0)
    cells: list = [
        Text(name, style="bold", no_wrap=True),
        Text(group.label, style=color, no_wrap=True),
        Text(str(group.total), style="dim", justify="right"),
    ]
    for column in columns:
        count = group.per_article.get(column.id, 0)
        if not count:
            cells.append(BLANK)  # most cells of a large corpus
        elif count == most:
            cells.append(Count(str(count), f"bold {color}".strip()))
        else:
            cells.append(Count(str(count), "" if 2 * count >= most else "dim"))
    return cells


def busiest_columns(matrix: EntityMatrix, limit: int = MAX_COLUMNS) -> EntityMatrix:
    """The matrix with at most `limit` article columns: those with the most mentions, in
    their order (every article when there are no more than `limit`). The groups keep
    their counts in every article, so a name still leads to the article mentioning it most."""
    if len(matrix.articles) <= limit:
        return matrix
    mentions: Counter = Counter()
    for group in matrix.groups:
        mentions.update(group.per_article)
    kept = {column.id for column in sorted(matrix.articles, key=lambda c: (-mentions[c.id], c.id))[:limit]}
    return EntityMatrix([column for column in matrix.articles if column.id in kept], matrix.groups)


@dataclass
class MatrixReady(Message):
    """The matrix was computed in the background."""

    matrix: EntityMatrix
    articles: int
    """How many articles there are (the matrix may show fewer columns)."""


class MatrixScreen(ReportsWorkFailures, ModalScreen[MatrixChoice | None]):
    """Rows: entities, most mentioned first. Columns: articles. Cells: mentions."""

    BINDINGS = bindings("matrix")

    def __init__(self, db, colors: dict[str, str], chosen_key: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.db_path = db.path
        self.label_colors = colors
        self.initial_key = chosen_key
        self.kind = ALL
        self.matrix: EntityMatrix | None = None
        self.cells: dict[str, list] = {}
        self.shown: list[EntityGroup] = []
        self.articles_total = 0
        """How many articles there are; the columns may be fewer (`busiest_columns`)."""
        self._filling = 0
        """Counts fills of the table; a chunk of an older fill is not added."""

    def compose(self) -> ComposeResult:
        with Vertical(id="matrix-box"):
            yield DataTable(id="matrix-table", cursor_type="cell", fixed_columns=FIXED, zebra_stripes=True)
            yield Static(id="matrix-legend", markup=False)
            yield Static(id="matrix-cell", markup=False)
            yield Static(keys_line("matrix"), id="matrix-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#matrix-box").border_title = "Entities × articles"
        table = self.query_one(DataTable)
        table.loading = True
        table.focus()
        self._compute()

    def _compute(self) -> None:
        run_with_store(self, self.db.path, self._matrix, description="Computing the matrix", group="matrix")

    @staticmethod
    def _matrix(db, cancelled) -> MatrixReady:
        matrix = entity_matrix(db)
        return MatrixReady(busiest_columns(matrix), len(matrix.articles))

    def work_failed(self, group: str, line: str) -> None:
        """The notice said what failed; here the table stops waiting."""
        self.query_one(DataTable).loading = False
        self.query_one("#matrix-box").border_subtitle = "could not be computed"

    @on(MatrixReady)
    def _ready(self, message: MatrixReady) -> None:
        self.matrix, self.articles_total = message.matrix, message.articles
        self.cells = {}
        table = self.query_one(DataTable)
        table.add_column(Text("entity"), width=NAME_WIDTH, key="name")
        table.add_column(Text("label"), width=8, key="label")
        table.add_column(Text("Σ", justify="right"), width=5, key="total")
        for column in self.matrix.articles:
            table.add_column(Text(str(column.id), justify="right"), width=max(3, len(str(column.id))), key=str(column.id))
        table.loading = False
        self._show(self.initial_key)

    def _show(self, keep: str | None = None) -> None:
        """Fill the table with the groups of the current kind, the cursor on `keep` if shown."""
        table = self.query_one(DataTable)
        column = max(table.cursor_column, FIXED)
        table.clear()
        self.shown = of_kind(self.matrix.groups, self.kind) if self.matrix else []
        keys = [group.key for group in self.shown]
        row = keys.index(keep) if keep in keys else 0
        if self.matrix and self.matrix.articles:
            column = min(column, FIXED + len(self.matrix.articles) - 1)
        self._filling += 1
        self._fill(self._filling, 0, (row, column))
        articles = len(self.matrix.articles) if self.matrix else 0
        fewer = f" (of {self.articles_total:,}: those with the most mentions)" if self.articles_total > articles else ""
        self.query_one("#matrix-box").border_subtitle = (
            f"{KIND_WORDS[self.kind]} · {len(self.shown)} entities × {plural(articles, 'article')}{fewer}"
        )

    def _fill(self, filling: int, start: int, cursor: tuple[int, int]) -> None:
        """Add the rows a chunk at a time, so that keys are answered while a large matrix
        fills in; a newer fill (the filter changed) makes an older one stop."""
        if filling != self._filling or not self.is_attached:
            return
        table = self.query_one(DataTable)
        end = min(start + CHUNK, len(self.shown))
        colors = self.label_colors
        columns = self.matrix.articles
        table.add_rows(  # a row's cells are made when it is first added: 10,000 entities need not all be
            self.cells.get(group.key) or self.cells.setdefault(group.key, entity_cells(group, columns, colors))
            for group in self.shown[start:end]
        )
        if start <= cursor[0] < end and (start == 0 or table.cursor_coordinate == (0, cursor[1])):
            table.cursor_coordinate = cursor  # unless the user moved on meanwhile
            self._describe()
        elif start == 0:
            self._describe()
        if end < len(self.shown):
            self.set_timer(0.01, lambda: self._fill(filling, end, cursor))

    # -- what the cursor is on -------------------------------------------------------------

    def _at_cursor(self) -> tuple[EntityGroup | None, ArticleColumn | None]:
        table = self.query_one(DataTable)
        if not self.shown or self.matrix is None:
            return None, None
        row, column = table.cursor_coordinate
        group = self.shown[min(row, len(self.shown) - 1)]
        index = column - FIXED
        article = self.matrix.articles[index] if 0 <= index < len(self.matrix.articles) else None
        return group, article

    @on(DataTable.CellHighlighted)
    def _describe(self) -> None:
        group, article = self._at_cursor()
        self.query_one("#matrix-legend", Static).update(self._legend(article))
        line = Text(no_wrap=True, overflow="ellipsis")
        if group is not None:
            name = safe_str(group.value or group.name)
            line.append(name, "bold")
            if group.value:
                line.append(f" ({safe_str(group.name)})", "dim")
            spread = len(group.per_article)
            line.append(f" · {plural(group.total, 'mention')} in {plural(spread, 'article')}")
            if article is not None:
                count = group.per_article.get(article.id, 0)
                line.append(f" · article {article.id}: {count}" if count else f" · not in article {article.id}")
        self.query_one("#matrix-cell", Static).update(line)

    def _legend(self, current: ArticleColumn | None) -> Text:
        """Article numbers with short titles, from just before the cursor's article on."""
        legend = Text(no_wrap=True, overflow="ellipsis")
        columns = self.matrix.articles if self.matrix else []
        first = max(0, columns.index(current) - 1) if current in columns else 0
        for column in columns[first:]:
            legend.append(f"{column.id} ", "bold")
            legend.append(short_title(column.title), "reverse" if column is current else "")
            legend.append("   ")
        return legend

    # -- actions ---------------------------------------------------------------------------

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        group, article = self._at_cursor()
        if group is None:
            return
        if article is None:  # on the name: the article that mentions it most
            article_id = min(group.per_article, key=lambda i: (-group.per_article[i], i))
        elif not group.per_article.get(article.id):
            name = safe_str(group.value or group.name, NAME_CELLS)
            self.notify(f"Article {article.id} does not mention {name}.", severity="warning")
            return
        else:
            article_id = article.id
        self.dismiss(MatrixChoice(article_id, group))

    def action_cycle_kind(self) -> None:
        group, _ = self._at_cursor()
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self._show(group.key if group else None)

    def action_move(self, right: int, down: int) -> None:
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        table.cursor_coordinate = (row + down, column + right)  # the table keeps it inside

    def action_back(self) -> None:
        self.dismiss(None)
