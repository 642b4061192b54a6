"""Strings from outside that must reach the screen as data, and what the terminal is sent."""

from __future__ import annotations

import re

OSC_TITLE = "\x1b]0;PWNED\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;Tk9URQ==\x1b\\"
BELL = "\x07"
MARKUP = "[bold]x[/bold]"
LINK = "[link=http://x]y[/link]"
CLICK = "[@click=app.quit]z[/]"
LONG = "L" * 600
HOSTILE = f"{OSC_TITLE}{OSC_CLIPBOARD}{BELL}{MARKUP} {LINK} {CLICK}\nzwei{LONG}"
"""One string holding every kind of trouble: escapes, a bell, markup, a newline, length."""

CSI = re.compile(r"\x1b\[[0-9;:?<>=]*[ -/]*[@-~]")
"""The sequences Textual itself writes (colours, cursor moves); nothing else may begin with ESC."""
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""(Lines of the output end in newlines.)"""


def terminal_output(app) -> str:
    """What the app would write to a terminal to draw its current screen in full."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def stray_controls(app) -> list[str]:
    """Control characters in the terminal output that are not Textual's own CSI sequences."""
    return CONTROL.findall(CSI.sub("", terminal_output(app)))


def codebook_toml(label: str, description: str) -> str:
    """A codebook whose first type (key "fact") has this label and description."""
    import json

    from gegenlesen.corpus.codebook import DEFAULT_TOML

    first = DEFAULT_TOML.index("[[types]]")
    fact = f'[[types]]\nkey = "fact"\nlabel = {json.dumps(label)}\ndescription = {json.dumps(description)}\n\n'
    return 'name = "hostile"\n' + DEFAULT_TOML[:first].split("\n", 1)[1] + fact + DEFAULT_TOML[first:]


def use_hostile_codebook(db, label: str, description: str) -> None:
    from gegenlesen.corpus.codebook import parse_codebook
    from gegenlesen.storage.codebooks import use_codebook

    use_codebook(db, parse_codebook(codebook_toml(label, description)))
