"""The help screen's table: the codebook's own types, verdicts and levels, shown literally."""

from __future__ import annotations

import io

from rich.console import Console

from gegenlesen.corpus.codebook import ClaimType, Codebook
from gegenlesen.tui.screens.help import help_table


def rendered(codebook: Codebook | None) -> str:
    console = Console(width=160, record=True, color_system=None, file=io.StringIO())
    console.print(help_table(codebook))
    return console.export_text()


def test_the_verdicts_and_levels_listed_are_the_codebooks():
    codebook = Codebook(
        "eigenes", (ClaimType("zahl", "Zahl"),), ("offen", "stimmt", "falsch\x1b]52;c;eA==\x07"), worthiness=4
    )
    shown = rendered(codebook)
    assert "offen → stimmt → falsch␛]52;c;eA==␇ → offen" in shown
    assert "1 → 2 → 3 → 4 → 1" in shown
    assert "mostly true" not in shown and "\x1b" not in shown


def test_without_a_codebook_no_verdicts_are_invented():
    shown = rendered(None)
    assert "Next verdict" in shown and "mostly true" not in shown
