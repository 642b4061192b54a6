"""The one catalogue of keys and actions: bindings, footer, help screen, the screens' own
lines of keys, and the command palette.

Each screen and key-handling widget takes its `BINDINGS` from `bindings(scope)`, so a key,
what it does and how it is described cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding


@dataclass(frozen=True)
class KeyAction:
    """A key, the action it runs, and how the user is told about it."""

    keys: str
    action: str
    description: str
    """What the help screen and the command palette say."""
    short: str = ""
    """The footer's word for it, for the keys shown there."""
    scope: str = "reader"
    """Where the binding lives: 'app', 'reader' (the reading screen), a pane or widget
    ('article', 'claims', 'entities' …), or a screen of its own ('library', 'link' …)."""
    group: str = "Reading"
    """The help screen's heading it is listed under."""
    help_keys: str = ""
    """How help and the palette name the keys, where several entries share one line."""
    in_help: bool = True
    hint: str = ""
    """How the screen's own line of keys says it, after the key ("opens side by side");
    entries without one are left out of that line."""

    @property
    def footer(self) -> bool:
        return bool(self.short)

    @property
    def display_keys(self) -> str:
        return self.help_keys or " / ".join(KEY_NAMES.get(key, key) for key in self.keys.split(","))

    @property
    def line_keys(self) -> str:
        """The key as a screen's line of keys names it: the first one, unless help_keys says otherwise."""
        return self.help_keys or KEY_NAMES.get(self.keys.split(",")[0], self.keys.split(",")[0])

    @property
    def id(self) -> str:
        """The binding's id, for keymaps: scope and action ("conflicts.confirm", "reader.set_type-3")."""
        action = re.sub(r"[\s'\")]", "", self.action).replace("(", "-").replace(",", "-")
        return f"{self.scope}.{action}"


KEY_NAMES = {
    "question_mark": "?", "plus": "+", "minus": "-", "left_square_bracket": "[",
    "right_square_bracket": "]",
    "exclamation_mark": "!", "left_parenthesis": "(", "right_parenthesis": ")", "slash": "/",
}

GROUPS = ["Reading", "Selecting", "Claims", "Cross-reading", "Claims pane", "Team", "Panes", "Entities", "App",
          "Library", "Link dialog", "Conflicts", "Matrix", "Timeline", "Export", "Correcting", "Note editor"]

CATALOGUE: list[KeyAction] = [
    KeyAction("j,down", "cursor(1)", "Next sentence", scope="article"),
    KeyAction("k,up", "cursor(-1)", "Previous sentence", scope="article"),
    KeyAction("pagedown,space", "page(1)", "Page down", scope="article"),
    KeyAction("pageup", "page(-1)", "Page up", scope="article"),
    KeyAction("home,g", "cursor_to(0)", "First sentence", scope="article"),
    KeyAction("end,G", "cursor_to(-1)", "Last sentence", scope="article"),
    KeyAction("v", "start_selection", "Start a selection at the cursor, or at the found word", short="select", scope="article", group="Selecting"),
    KeyAction("w", "select_end('word+')", "Selection end: one word further", scope="article", group="Selecting"),
    KeyAction("b", "select_end('word-')", "Selection end: one word back", scope="article", group="Selecting"),
    KeyAction("right_parenthesis", "select_end('sentence+')", "Selection end: to the next sentence end", scope="article", group="Selecting"),
    KeyAction("left_parenthesis", "select_end('sentence-')", "Selection end: one sentence back", scope="article", group="Selecting"),
    KeyAction("shift+right", "select_end('char+')", "Selection end: one character further", scope="article", group="Selecting"),
    KeyAction("shift+left", "select_end('char-')", "Selection end: one character back", scope="article", group="Selecting"),
    KeyAction("B", "select_start('word-')", "Selection start: take in the word before", scope="article", group="Selecting"),
    KeyAction("W", "select_start('word+')", "Selection start: let go of the first word", scope="article", group="Selecting"),
    KeyAction("ctrl+shift+left", "select_start('char-')", "Selection start: one character back", scope="article", group="Selecting"),
    KeyAction("ctrl+shift+right", "select_start('char+')", "Selection start: one character further", scope="article", group="Selecting"),
    KeyAction("escape", "cancel_selection", "Cancel the selection", scope="article", group="Selecting"),
    # After the selection's escape: one escape drops the selection, the next the find.
    KeyAction("slash", "find", "Find a word in the article (case and accents ignored)", scope="article"),
    KeyAction("n", "find_next(1)", "Next match of the find", scope="article"),
    KeyAction("N", "find_next(-1)", "Previous match of the find", scope="article"),
    KeyAction("escape", "clear_find", "End the find", scope="article"),
    # Help first in the footer, so that a narrow terminal still shows it.
    KeyAction("question_mark", "app.help", "Help: every key", short="help", group="App", in_help=False),
    KeyAction("c", "tag_claim", "Tag the selection (or the cursor sentence) as a claim", short="claim", group="Claims"),
    *[
        KeyAction(str(digit), f"set_type({digit})", "Set the claim's type (codebook number)", group="Claims",
                  help_keys="1 … 9", in_help=digit == 1, short="type" if digit == 1 else "")
        for digit in range(1, 10)
    ],
    KeyAction("t", "cycle_verdict", "Next verdict (the codebook's, in turn)", short="verdict", group="Claims"),
    KeyAction("exclamation_mark", "cycle_worthiness", "Next check-worthiness level (1, 2, … as the codebook counts)", group="Claims"),
    KeyAction("m", "edit_note", "Write a note on the claim", short="note", group="Claims"),
    KeyAction("x", "delete_claim", "Delete the claim (or dismiss the candidate)", group="Claims"),
    KeyAction("l", "link_claim", "Link the claim or sentence to a claim or sentence of another article", short="link", group="Cross-reading"),
    KeyAction("S", "suggest_claims", "Suggest claims: mark check-worthy sentences (c accepts, x dismisses)", group="Cross-reading"),
    KeyAction("M", "open_matrix", "Matrix: which article mentions which entity, how often", group="Cross-reading"),
    KeyAction("T", "open_timeline", "Timeline: every date and dated claim, in date order", group="Cross-reading"),
    KeyAction("X", "conflicts", "Conflicts between the articles, and the figures they share", short="conflicts", group="Cross-reading"),
    KeyAction("u,ctrl+z", "undo", "Undo the last annotation action", short="undo", group="Claims"),
    KeyAction("ctrl+r,ctrl+y", "redo", "Redo", group="Claims"),
    KeyAction("C", "focus_claims", "Claims pane", group="Claims pane"),
    KeyAction("j,down", "move(1)", "Next claim", scope="claims-list", group="Claims pane"),
    KeyAction("k,up", "move(-1)", "Previous claim", scope="claims-list", group="Claims pane"),
    KeyAction("pagedown", "move(10)", "Ten claims down", scope="claims-list", group="Claims pane", in_help=False),
    KeyAction("pageup", "move(-10)", "Ten claims up", scope="claims-list", group="Claims pane", in_help=False),
    KeyAction("enter", "jump", "Go to the claim in its article", scope="claims-list", group="Claims pane"),
    KeyAction("slash", "filter", "Filter claims by text, type, verdict, note or annotator", scope="claims", group="Claims pane"),
    KeyAction("o", "toggle_order", "Sort by position / by type", scope="claims", group="Claims pane"),
    KeyAction("a", "toggle_annotator", "Whose claims: everybody's, mine, then each annotator's in turn", scope="claims", group="Claims pane"),
    KeyAction("A", "compare_annotators", "Compare two annotators' claims on this article, side by side", group="Team"),
    KeyAction("K", "agreement", "Agreement between the annotators; curate the verdicts that differ", group="Team"),
    KeyAction("a", "next_annotator('left')", "Comparing: the next annotator in the left column", short="left", scope="compare", group="Team",
              hint="other annotators"),
    KeyAction("b", "next_annotator('right')", "Comparing: the next annotator in the right column", short="right", scope="compare", group="Team",
              hint="other annotators"),
    KeyAction("left_square_bracket", "article(-1)", "Comparing: previous article", scope="compare", group="Team",
              hint="another article"),
    KeyAction("right_square_bracket", "article(1)", "Comparing: next article", short="article", scope="compare", group="Team",
              hint="another article"),
    KeyAction("j", "move(1)", "Next passage", scope="compare", group="Team", in_help=False),
    KeyAction("k", "move(-1)", "Previous passage", scope="compare", group="Team", in_help=False),
    KeyAction("enter", "choose", "Comparing: read the passage in the reader", short="read", scope="compare", group="Team",
              hint="reads the passage"),
    KeyAction("escape", "back", "Back to reading", short="back", scope="compare", group="Team", in_help=False),
    *[
        KeyAction(str(digit), f"take({digit})", "Agreement: curate the passage with the verdict of annotator 1 … 9",
                  scope="agreement", group="Team", help_keys="1 … 9", in_help=digit == 1, short="take" if digit == 1 else "",
                  hint="curate with that annotator's verdict" if digit == 1 else "")
        for digit in range(1, 10)
    ],
    KeyAction("e", "write_verdict", "Agreement: write a curated verdict of your own for the passage", short="write", scope="agreement", group="Team",
              hint="write one"),
    KeyAction("u,ctrl+z", "undo", "Agreement: undo your last curation", short="undo", scope="agreement", group="Team",
              hint="undo"),
    KeyAction("enter", "choose", "Agreement: read the passage in the reader", short="read", scope="agreement", group="Team"),
    KeyAction("j", "move(1)", "Next passage", scope="agreement", group="Team", in_help=False),
    KeyAction("k", "move(-1)", "Previous passage", scope="agreement", group="Team", in_help=False),
    KeyAction("escape", "back", "Back to reading", short="back", scope="agreement", group="Team", in_help=False),
    KeyAction("escape", "cancel", "Agreement: cancel the verdict being written", scope="verdict", group="Team", in_help=False,
              hint="cancels"),
    KeyAction("tab", "app.focus_next", "Next pane", group="Panes"),
    KeyAction("shift+tab", "app.focus_previous", "Previous pane", group="Panes"),
    KeyAction("left_square_bracket", "article(-1)", "Previous article in this pane", group="Panes"),
    KeyAction("right_square_bracket", "article(1)", "Next article in this pane", short="article", group="Panes"),
    KeyAction("plus", "add_pane", "Add a pane", group="Panes"),
    KeyAction("minus", "remove_pane", "Remove this pane", group="Panes"),
    KeyAction("L", "open_library", "Library: every article, search, @entity filter", short="library", group="Panes"),
    KeyAction("I", "import", "Import articles: files or folders (.txt .md .html .jsonl)", group="Panes"),
    KeyAction("s", "toggle_sync", "Scroll panes together / independently", group="Panes"),
    KeyAction("e", "focus_entities", "Entities pane", short="entities", group="Entities"),
    KeyAction("j", "cursor_down", "Next entity", scope="entities", group="Entities"),
    KeyAction("k", "cursor_up", "Previous entity", scope="entities", group="Entities"),
    KeyAction("enter", "select", "Choose the entity: every mention is emphasised", scope="entities", group="Entities"),
    KeyAction("n", "occurrence(1)", "Next occurrence of the chosen entity (when no find is on)", group="Entities"),
    KeyAction("N", "occurrence(-1)", "Previous occurrence of the chosen entity (when no find is on)", group="Entities"),
    KeyAction("E", "correct_entity", "Correct an entity everywhere: relabel, remove, or add the selection", short="fix", group="Entities"),
    KeyAction("R", "learn", "Learn from the corrections: fine-tune the model, analyse again (escape stops)", group="Entities"),
    # Before clear_choice: while learning runs, escape stops it (else it falls through).
    KeyAction("escape", "stop_learning", "Stop learning (the previous model stays)", group="Entities", in_help=False),
    KeyAction("escape", "clear_choice", "Back to the article, or clear the chosen entity", group="Entities"),
    KeyAction("ctrl+e", "export", "Export annotations in any format: jsonl, csv, W3C, spaCy …", group="App"),
    KeyAction("ctrl+l", "app.reload", "Reload from the database", group="App"),
    KeyAction("question_mark", "app.help", "Help: every key", scope="app", group="App"),
    KeyAction("ctrl+p", "app.command_palette", "Command palette: every action", scope="app", group="App"),
    KeyAction("ctrl+t", "app.toggle_dark", "Light / dark theme", scope="app", group="App"),
    KeyAction("q", "app.quit", "Quit", short="quit", scope="app", group="App"),
    KeyAction("escape,q,question_mark", "dismiss", "Close help", scope="help", group="App", in_help=False, hint="closes"),
    KeyAction("j,down", "scroll(1)", "Help: scroll down", scope="help", group="App", in_help=False),
    KeyAction("k,up", "scroll(-1)", "Help: scroll up", scope="help", group="App", in_help=False),
    KeyAction("escape", "end_find", "End the find (in the find line)", scope="find-line", in_help=False),
    KeyAction("escape", "close", "Close (stops a running import)", short="close", scope="import", group="Panes", in_help=False),
    # The screens each key opens: L, l, X, M, T, ctrl+e, E, m.
    KeyAction("slash", "focus_search", "Back to the search field", short="search", scope="library", group="Library"),
    KeyAction("down", "focus_list", "From the search field to the list", scope="library", group="Library", help_keys="↓",
              hint="to the list"),
    KeyAction("enter", "open", "Open the article in the focused pane", short="open", scope="library", group="Library",
              hint="opens in the focused pane"),
    *[
        KeyAction(str(pane), f"open({pane})", "Open the article in pane 1 … 4", short="open in pane" if pane == 1 else "",
                  scope="library", group="Library", help_keys="1–4", in_help=pane == 1, hint="into that pane" if pane == 1 else "")
        for pane in range(1, 5)
    ],
    KeyAction("escape", "back", "Clear the search, then back to reading", short="back", scope="library", group="Library",
              hint="clears the search, then goes back"),
    KeyAction("j", "cursor_down", "Next article", scope="library-list", group="Library", in_help=False),
    KeyAction("k", "cursor_up", "Previous article", scope="library-list", group="Library", in_help=False),
    KeyAction("s", "link('same')", "Link as the same claim (on a link: make it one)", scope="link", group="Link dialog",
              hint="same claim"),
    KeyAction("p", "link('supports')", "Link as supporting (on a link: make it one)", scope="link", group="Link dialog",
              hint="supports"),
    KeyAction("c", "link('contradicts')", "Link as contradicting (on a link: make it one)", scope="link", group="Link dialog",
              hint="contradicts"),
    KeyAction("a", "link('related')", "Link as related (on a link: make it one)", scope="link", group="Link dialog",
              hint="related"),
    KeyAction("r", "change_relation", "The highlighted link's next relation", scope="link", group="Link dialog",
              hint="next relation of a link"),
    KeyAction("x", "delete", "Remove the highlighted link", scope="link", group="Link dialog", hint="removes a link"),
    KeyAction("escape", "cancel", "Back without linking", short="cancel", scope="link", group="Link dialog", hint="cancels"),
    KeyAction("j", "move(1)", "Next row", scope="link", group="Link dialog", in_help=False),
    KeyAction("k", "move(-1)", "Previous row", scope="link", group="Link dialog", in_help=False),
    KeyAction("c", "confirm", "Confirm the contradiction: both passages become claims, linked as contradicting",
              scope="conflicts", group="Conflicts", hint="confirms (contradicts link)"),
    KeyAction("d", "dismiss_conflict", "Dismiss the possible contradiction", scope="conflicts", group="Conflicts",
              hint="dismisses"),
    KeyAction("s", "link_same", "Link a figure several articles give as the same claim", scope="conflicts",
              group="Conflicts", hint="links a shared figure as the same claim"),
    KeyAction("o", "open", "Open the passages side by side", scope="conflicts", group="Conflicts", hint="opens side by side"),
    KeyAction("u", "undo", "Undo your last annotation action", scope="conflicts", group="Conflicts", hint="undoes"),
    KeyAction("escape", "close", "Back to reading", short="back", scope="conflicts", group="Conflicts", hint="back"),
    KeyAction("j", "move(1)", "Next row", scope="conflicts", group="Conflicts", in_help=False),
    KeyAction("k", "move(-1)", "Previous row", scope="conflicts", group="Conflicts", in_help=False),
    KeyAction("enter", "choose", "Read the article with the entity chosen, at its first mention", short="read",
              scope="matrix", group="Matrix", hint="reads the article with the entity chosen"),
    KeyAction("f", "cycle_kind", "Names and figures, names only, figures and dates only", short="names / figures",
              scope="matrix", group="Matrix", hint="names / figures / all"),
    KeyAction("escape", "back", "Back to reading", short="back", scope="matrix", group="Matrix", hint="back"),
    KeyAction("h", "move(-1, 0)", "One article to the left", scope="matrix", group="Matrix"),
    KeyAction("l", "move(1, 0)", "One article to the right", scope="matrix", group="Matrix"),
    KeyAction("j", "move(0, 1)", "Next entity", scope="matrix", group="Matrix", in_help=False),
    KeyAction("k", "move(0, -1)", "Previous entity", scope="matrix", group="Matrix", in_help=False),
    KeyAction("enter", "choose", "Read the sentence", short="read", scope="timeline", group="Timeline",
              hint="reads the sentence"),
    KeyAction("c", "toggle_claims", "Dated claims only, or every date", short="claims only", scope="timeline",
              group="Timeline", hint="claims only / every date"),
    KeyAction("escape", "back", "Back to reading", short="back", scope="timeline", group="Timeline", hint="back"),
    KeyAction("j", "move(1)", "Next date", scope="timeline", group="Timeline", in_help=False),
    KeyAction("k", "move(-1)", "Previous date", scope="timeline", group="Timeline", in_help=False),
    KeyAction("a", "toggle_scope", "Export every article, or only those in the panes", short="all / visible",
              scope="export", group="Export", hint="switches"),
    KeyAction("d", "download", "Download the export (in a browser)", short="download", scope="export", group="Export"),
    KeyAction("escape", "close", "Close the export dialog", short="close", scope="export", group="Export"),
    KeyAction("j", "move(1)", "Next format", scope="export", group="Export", in_help=False),
    KeyAction("k", "move(-1)", "Previous format", scope="export", group="Export", in_help=False),
    KeyAction("y,enter", "answer(True)", "Replace the existing file", scope="export-question", group="Export",
              help_keys="y/enter", hint="replaces"),
    KeyAction("n,escape", "answer(False)", "Keep the existing file: back to the path", scope="export-question",
              group="Export", help_keys="n/escape", hint="goes back to the path"),
    *[
        KeyAction(key, f"pick('{label}')", f"The entity is {what}", scope="correction", group="Correcting")
        for key, label, what in (
            ("p", "PER", "a person (PER)"), ("o", "ORG", "an organisation (ORG)"), ("l", "LOC", "a place (LOC)"),
            ("m", "MISC", "another name: product, event, work (MISC)"), ("x", "-remove", "no entity at all"),
        )
    ],
    KeyAction("r", "pick('-forget')", "Drop the correction: as the model says", scope="correction", group="Correcting"),
    KeyAction("escape", "cancel", "Back without correcting", short="cancel", scope="correction", group="Correcting",
              hint="cancels"),
    KeyAction("j", "move(1)", "Next row", scope="correction", group="Correcting", in_help=False),
    KeyAction("k", "move(-1)", "Previous row", scope="correction", group="Correcting", in_help=False),
    KeyAction("ctrl+s", "save", "Keep the note", short="keep", scope="note", group="Note editor", hint="keeps the note"),
    KeyAction("escape", "cancel", "Cancel: the note stays as it was", short="cancel", scope="note", group="Note editor",
              hint="cancels"),
]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for one scope, straight from the catalogue."""
    return [
        Binding(
            entry.keys, entry.action, entry.short or entry.description, show=entry.footer,
            key_display=entry.help_keys.replace(" … ", "-") or None, tooltip=entry.description, id=entry.id,
        )
        for entry in CATALOGUE
        if entry.scope == scope and entry.action != "app.command_palette"
    ]


def entry_for(scope: str, action: str) -> KeyAction:
    """The catalogue's entry for `action` in `scope` (KeyError if there is none)."""
    for entry in CATALOGUE:
        if entry.scope == scope and entry.action == action:
            return entry
    raise KeyError(f"{scope}: {action}")


def keys_text(scope: str, actions: Iterable[str] | None = None, entries: Iterable[KeyAction] | None = None,
              key_style: str = "") -> Text:
    """A screen's line of keys: "c confirms · d dismisses · escape back".

    Each entry of the scope with a hint, in catalogue order; entries sharing a hint share
    one piece ("[ ] another article").

    Args:
        scope: The screen's scope.
        actions: Only these actions, in this order, if given.
        entries: The catalogue to read (the shipped one unless given).
        key_style: The keys' style.
    """
    chosen = [entry for entry in (CATALOGUE if entries is None else entries) if entry.scope == scope and entry.hint]
    if actions is not None:
        order = list(actions)
        chosen = sorted((entry for entry in chosen if entry.action in order), key=lambda entry: order.index(entry.action))
    pieces: dict[str, list[str]] = {}
    for entry in chosen:
        pieces.setdefault(entry.hint, []).append(entry.line_keys)
    line = Text()
    for index, (hint, keys) in enumerate(pieces.items()):
        line.append(" · " if index else "")
        line.append(" ".join(keys), key_style)
        line.append(f" {hint}")
    return line


def keys_line(scope: str, actions: Iterable[str] | None = None) -> str:
    """`keys_text` as plain text."""
    return keys_text(scope, actions).plain
