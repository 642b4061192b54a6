"""The key catalogue (tui/actions.py) is the one source of every binding, of the help screen and of
the screens' own lines of keys."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from dataclasses import replace

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode

import gegenlesen.tui
from gegenlesen.tui import actions
from gegenlesen.tui.actions import CATALOGUE, GROUPS, KeyAction, bindings, keys_text
from gegenlesen.tui.screens.help import help_table
from app.helpers import ModalHost  # tests/ is on the path: its folders are packages


def key_classes() -> list[type]:
    """Every class of the tui package that declares bindings of its own."""
    found = []
    for module_info in pkgutil.walk_packages(gegenlesen.tui.__path__, "gegenlesen.tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DOMNode) and value.__module__ == module.__name__ \
                    and "BINDINGS" in value.__dict__:
                found.append(value)
    return found


def as_binding(declared) -> Binding:
    return declared if isinstance(declared, Binding) else Binding(*declared)


def test_every_binding_of_every_screen_and_widget_is_in_the_catalogue():
    by_id = {entry.id: entry for entry in CATALOGUE}
    listed = {(frozenset(entry.keys.split(",")), entry.action) for entry in CATALOGUE}
    classes = key_classes()
    assert len(classes) > 10
    missing = []
    for cls in classes:
        for declared in cls.BINDINGS:
            binding = as_binding(declared)
            keys = frozenset(binding.key.split(","))
            entry = by_id.get(binding.id) if binding.id else None
            if binding.id is not None:
                if entry is None or (frozenset(entry.keys.split(",")), entry.action) != (keys, binding.action):
                    missing.append(f"{cls.__name__}: {binding.id} is not the catalogue's")
            elif (keys, binding.action) not in listed:
                missing.append(f"{cls.__name__}: {binding.key} → {binding.action}")
    assert missing == []


MODAL_SCOPES = {
    "gegenlesen.tui.screens.help.HelpScreen": "help",
    "gegenlesen.tui.screens.library.LibraryScreen": "library",
    "gegenlesen.tui.screens.library.LibraryTable": "library-list",
    "gegenlesen.tui.screens.linking.LinkScreen": "link",
    "gegenlesen.tui.screens.conflicts.ConflictsScreen": "conflicts",
    "gegenlesen.tui.screens.matrix.MatrixScreen": "matrix",
    "gegenlesen.tui.screens.timeline.TimelineScreen": "timeline",
    "gegenlesen.tui.screens.exporting.ExportScreen": "export",
    "gegenlesen.tui.screens.exporting.StatusLine": "export-question",
    "gegenlesen.tui.screens.agreement.AgreementScreen": "agreement",
    "gegenlesen.tui.screens.agreement.VerdictPrompt": "verdict",
    "gegenlesen.tui.screens.compare_annotators.CompareAnnotatorsScreen": "compare",
    "gegenlesen.tui.screens.correction.CorrectionScreen": "correction",
    "gegenlesen.tui.screens.note.NoteScreen": "note",
}


@pytest.mark.parametrize("where", sorted(MODAL_SCOPES))
def test_each_modal_screen_binds_exactly_its_scope_with_ids(where):
    module, _, name = where.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    declared = [as_binding(binding) for binding in cls.BINDINGS]
    scope = MODAL_SCOPES[where]
    assert [binding.id for binding in declared] == [entry.id for entry in CATALOGUE if entry.scope == scope]
    assert [(binding.key, binding.action) for binding in declared] == \
        [(entry.keys, entry.action) for entry in CATALOGUE if entry.scope == scope]


def test_binding_ids_are_unique_and_name_their_scope():
    ids = [entry.id for entry in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert all(entry.id.startswith(f"{entry.scope}.") for entry in CATALOGUE)
    assert KeyAction("u", "move(0, -1)", "", scope="matrix").id == "matrix.move-0--1"
    assert KeyAction("s", "link('same')", "", scope="link").id == "link.link-same"
    app_ids = [binding.id for binding in bindings("app")]
    assert "app.app.quit" in app_ids


def test_every_group_of_the_catalogue_is_one_the_help_screen_orders():
    assert {entry.group for entry in CATALOGUE} <= set(GROUPS)


def rendered_help() -> list[str]:
    console = Console(width=240, record=True, color_system=None, file=io.StringIO())
    console.print(help_table(None))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_help_lists_exactly_the_catalogues_entries_for_help_in_group_order():
    lines = rendered_help()
    wanted = [entry for entry in CATALOGUE if entry.in_help]
    rows = [line for line in lines if line.strip() and line.strip() not in GROUPS]
    assert len(rows) == len(wanted)
    for entry in wanted:
        assert any(row.startswith(entry.display_keys) and row.endswith(entry.description) for row in rows), entry
    headings = [line.strip() for line in lines if line.strip() in GROUPS]
    assert headings == [group for group in GROUPS if any(entry.group == group for entry in wanted)]
    hidden = {entry.description for entry in CATALOGUE if not entry.in_help} - {entry.description for entry in wanted}
    assert not any(line.endswith(f"  {description}") for description in hidden for line in lines)


MADE = [
    KeyAction("c", "confirm", "", scope="s", hint="confirms"),
    KeyAction("j", "move(1)", "", scope="s"),
    KeyAction("left_square_bracket", "article(-1)", "", scope="s", hint="another article"),
    KeyAction("escape,q", "close", "", scope="s", hint="back"),
    KeyAction("right_square_bracket", "article(1)", "", scope="s", hint="another article"),
    KeyAction("y,enter", "answer", "", scope="s", hint="replaces", help_keys="y/enter"),
    KeyAction("x", "other", "", scope="elsewhere", hint="not here"),
]


def test_a_line_of_keys_has_each_hinted_entry_of_its_scope_in_catalogue_order():
    assert keys_text("s", entries=MADE).plain == "c confirms · [ ] another article · escape back · y/enter replaces"


def test_a_line_of_keys_can_be_a_few_actions_in_the_order_asked():
    assert keys_text("s", ["close", "confirm"], entries=MADE).plain == "escape back · c confirms"
    assert keys_text("s", ["move(1)"], entries=MADE).plain == ""


def test_the_keys_of_a_line_can_be_styled_apart_from_the_words():
    line = keys_text("s", ["confirm"], entries=MADE, key_style="bold")
    assert [(line.plain[span.start:span.end], str(span.style)) for span in line.spans] == [("c", "bold")]


MARK = re.compile(r"«([^»]+)»")


@pytest.fixture
def marked(monkeypatch):
    """The catalogue with each hint replaced by its entry's id, so that a line shows where its words came from."""
    marked = [replace(entry, hint=f"«{entry.id}»" if entry.hint else "") for entry in CATALOGUE]
    monkeypatch.setattr(actions, "CATALOGUE", marked)


def hinted(scope: str) -> set[str]:
    return {entry.id for entry in CATALOGUE if entry.scope == scope and entry.hint}


async def shown_marks(screen, widget_id: str, wait=None) -> set[str]:
    from textual.widgets import Static

    app = ModalHost(screen)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        if wait is not None:
            for _ in range(100):
                if wait(screen):
                    break
                await pilot.pause(0.05)
        widget = screen.query_one(widget_id)
        text = str(widget.render()) if isinstance(widget, Static) else str(widget.border_subtitle)
    return set(MARK.findall(text))


async def test_the_screens_lines_of_keys_come_from_the_catalogue(marked, handmade_db):
    from gegenlesen.tui.screens.correction import Candidate, CorrectionScreen
    from gegenlesen.tui.screens.help import HelpScreen
    from gegenlesen.tui.screens.library import LibraryScreen
    from gegenlesen.tui.screens.matrix import MatrixScreen
    from gegenlesen.tui.screens.note import NoteScreen
    from gegenlesen.tui.screens.timeline import TimelineScreen

    assert await shown_marks(NoteScreen("Die Brücke kostet 12 Millionen.", ""), "#note-help") == hinted("note")
    assert await shown_marks(HelpScreen(), "#help") == hinted("help")
    correction = CorrectionScreen([Candidate("Rostock", "LOC")], lambda surface: "3 places", {})
    assert await shown_marks(correction, "#correction-help") == hinted("correction")
    assert await shown_marks(LibraryScreen(handmade_db), "#library-help") == hinted("library")
    assert await shown_marks(MatrixScreen(handmade_db, {}), "#matrix-help") == hinted("matrix")
    assert await shown_marks(TimelineScreen(handmade_db, {}), "#timeline-help") == hinted("timeline")
