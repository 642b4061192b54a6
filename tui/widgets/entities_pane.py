"""The entities of the visible articles, with how often each article mentions them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gegenlesen.tui.safe import safe_str
from gegenlesen.corpus.entities import EntityGroup
from gegenlesen.tui.actions import bindings


def entity_row(group: EntityGroup, article_ids: list[int], colors: dict[str, str], name_width: int = 16) -> Text:
    """'DeepSeek  ORG  9·14·0': name, label, mentions per pane in pane order. Figures and
    dates show their normalised value ('2025-01', '6,000,000 USD'): that is what to compare."""
    name = safe_str(group.value or group.name, name_width)
    counts = "·".join(str(group.per_article.get(article_id, 0)) for article_id in article_ids)
    return Text.assemble(
        (name.ljust(name_width), "bold"), " ",
        (group.label.ljust(8), colors.get(group.label, "")), " ", (counts, "dim"),
        no_wrap=True,
    )


class EntitiesPane(OptionList):
    """Choose an entity (enter) to have every occurrence emphasised in all panes."""

    BINDINGS = bindings("entities")

    @dataclass
    class EntityChosen(Message):
        group: EntityGroup | None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Entities"
        self.groups: list[EntityGroup] = []

    def show_groups(self, groups: list[EntityGroup], article_ids: list[int], colors: dict[str, str]) -> None:
        """Replace the list, keeping the highlighted entity where it still exists."""
        previous = self.groups[self.highlighted].key if self.highlighted is not None and self.groups else None
        self.groups = groups
        self.clear_options()
        if not groups:
            self.add_option(Option(Text("No entities in the visible articles yet.", style="dim italic"), disabled=True))
            self.border_subtitle = ""
            return
        self.add_options(Option(entity_row(group, article_ids, colors), id=group.key) for group in groups)
        keys = [group.key for group in groups]
        self.highlighted = keys.index(previous) if previous in keys else 0
        self.border_subtitle = f"{len(groups)} · per pane"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.groups and event.option_index < len(self.groups):
            self.post_message(self.EntityChosen(self.groups[event.option_index]))
