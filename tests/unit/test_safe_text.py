"""The one way strings from outside reach the screen: visible controls, never markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from gegenlesen.corpus.display import visible
from gegenlesen.tui.safe import safe_content, safe_str, safe_text


def test_visible_keeps_offsets_and_shows_each_control():
    text = "a\x1b]0;x\x07b\x7fc\x9bd\u202ee\tf\ng"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown == "a␛]0;x␇b␡c\ufffdd\ufffde␉f\ng"
    assert visible("a\tb\nc\x1b", keep="\t") == "a\tb\nc␛"
    assert visible("\u061cx\u200ey\u200fz\u2067") == "\ufffdx\ufffdy\ufffdz\ufffd"  # bidi marks and isolates


def test_safe_str_is_one_line_and_shortened():
    assert safe_str("Notiz [Entwurf].md") == "Notiz [Entwurf].md"
    assert safe_str("zwei\nZeilen  \t hier\x1b\\") == "zwei Zeilen hier␛\\"
    assert safe_str("x" * 600, 64) == "x" * 63 + "…"
    assert safe_str("a\nb\x07", one_line=False) == "a\nb␇"


def test_safe_text_and_content_are_never_markup():
    for made in (safe_text("[bold]x[/bold] [@click=app.quit]z[/]"), safe_content("[bold]x[/bold] [@click=app.quit]z[/]")):
        assert made.plain == "[bold]x[/bold] [@click=app.quit]z[/]"
    assert isinstance(safe_text("x"), Text) and not safe_text("[bold]x[/bold]").spans
    assert isinstance(safe_content("x"), Content) and not safe_content("[bold]x[/bold]").spans
