"""The one catalogue of keys and actions: bindings, footer, help screen and command palette."""

from __future__ import annotations

from dataclasses import dataclass

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
    """Where the binding lives: 'app', 'reader' (the reading screen) or 'article' (a pane)."""
    group: str = "Reading"
    help_keys: str = ""
    """How help and the palette name the keys, where several entries share one line."""
    in_help: bool = True

    @property
    def footer(self) -> bool:
        return bool(self.short)

    @property
    def display_keys(self) -> str:
        return self.help_keys or " / ".join(KEY_NAMES.get(key, key) for key in self.keys.split(","))


KEY_NAMES = {
    "question_mark": "?", "plus": "+", "minus": "-", "left_square_bracket": "[",
    "right_square_bracket": "]",
    "exclamation_mark": "!", "left_parenthesis": "(", "right_parenthesis": ")", "slash": "/",
}

GROUPS = ["Reading", "Selecting", "Claims", "Cross-reading", "Claims pane", "Team", "Panes", "Entities", "App"]

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
    KeyAction("l", "link_claim", "Link the claim to a claim or sentence of another article", short="link", group="Cross-reading"),
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
    KeyAction("a", "next_annotator('left')", "Comparing: the next annotator in the left column", short="left", scope="compare", group="Team"),
    KeyAction("b", "next_annotator('right')", "Comparing: the next annotator in the right column", short="right", scope="compare", group="Team"),
    KeyAction("left_square_bracket", "article(-1)", "Comparing: previous article", scope="compare", group="Team"),
    KeyAction("right_square_bracket", "article(1)", "Comparing: next article", short="article", scope="compare", group="Team"),
    KeyAction("j", "move(1)", "Next passage", scope="compare", group="Team", in_help=False),
    KeyAction("k", "move(-1)", "Previous passage", scope="compare", group="Team", in_help=False),
    KeyAction("enter", "choose", "Comparing: read the passage in the reader", short="read", scope="compare", group="Team"),
    KeyAction("escape", "back", "Back to reading", short="back", scope="compare", group="Team", in_help=False),
    *[
        KeyAction(str(digit), f"take({digit})", "Agreement: curate the passage with the verdict of annotator 1 … 9",
                  scope="agreement", group="Team", help_keys="1 … 9", in_help=digit == 1, short="take" if digit == 1 else "")
        for digit in range(1, 10)
    ],
    KeyAction("e", "write_verdict", "Agreement: write a curated verdict of your own for the passage", short="write", scope="agreement", group="Team"),
    KeyAction("u,ctrl+z", "undo", "Agreement: undo your last curation", short="undo", scope="agreement", group="Team"),
    KeyAction("enter", "choose", "Agreement: read the passage in the reader", short="read", scope="agreement", group="Team"),
    KeyAction("j", "move(1)", "Next passage", scope="agreement", group="Team", in_help=False),
    KeyAction("k", "move(-1)", "Previous passage", scope="agreement", group="Team", in_help=False),
    KeyAction("escape", "back", "Back to reading", short="back", scope="agreement", group="Team", in_help=False),
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
]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for one scope, straight from the catalogue."""
    return [
        Binding(
            entry.keys, entry.action, entry.short or entry.description, show=entry.footer,
            key_display=entry.help_keys.replace(" … ", "-") or None, tooltip=entry.description,
        )
        for entry in CATALOGUE
        if entry.scope == scope and entry.action != "app.command_palette"
    ]
