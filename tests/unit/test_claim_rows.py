"""The claims pane's two lines per claim and its note lines, as plain functions."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console

from gegenlesen.corpus.codebook import default_codebook
from gegenlesen.storage.claims import Claim
from gegenlesen.tui.widgets.claims_pane import NOTE_LINES, claim_lines, note_lines


def claim(quote: str, note: str = "", annotator: str = "anna", orphaned: int = 0) -> Claim:
    return Claim(
        id=12, article_id=1, start=0, end=len(quote), quote=quote, prefix="", suffix="", type="attribution",
        verdict="unverifiable", worthiness=3, note=note, status="claim", orphaned=orphaned, annotator=annotator,
        created="", modified="", modified_by="",
    )


def test_a_short_claim_is_not_cut_and_its_marks_sit_at_the_right():
    first, second = claim_lines(claim("Die Zahl stimmt.", note="prüfen"), 1, default_codebook(), 60, links=2)
    assert first.plain.startswith("1 “Die Zahl stimmt.”   ") and first.plain.endswith("    ✎ ⇄2 anna")
    assert first.cell_len == 60
    assert second.plain == "  #12 Attribution · unverifiable · !!!"
    assert "…" not in first.plain + second.plain


def test_a_long_claim_is_cut_with_an_ellipsis_before_the_marks_at_every_width():
    long = claim("Als das neueste Meisterwerk der künstlichen Intelligenz aus China kam, staunten alle.", note="x")
    for width in (20, 33, 35, 50):
        first, second = claim_lines(long, 2, default_codebook(), width, links=1)
        assert first.cell_len <= width and second.cell_len <= width
        assert first.plain.endswith("…” ✎ ⇄1 anna"), (width, first.plain)
    first, second = claim_lines(long, 2, default_codebook(), 30, links=1)
    assert second.plain.endswith("…")  # the details are cut, and say so


def test_wide_characters_are_cut_by_cells_and_a_long_annotator_gives_way():
    wide = claim("中国的人工智能模型震惊了世界的专家们" * 2, annotator="annotator-with-a-long-name")
    first, _ = claim_lines(wide, 1, default_codebook(), 34)
    assert cell_len(first.plain) <= 34
    assert "…”" in first.plain and first.plain.rstrip().endswith("…")
    assert "annotator-w" in first.plain  # the name is shortened, never dropped


def test_a_changed_text_warning_is_on_the_second_line():
    _, second = claim_lines(claim("Kurz.", orphaned=2), 1, default_codebook(), 80)
    assert second.plain.endswith("⚠ text changed")


def test_a_note_takes_at_most_three_lines_and_says_when_it_goes_on():
    console = Console(width=40)
    assert [line.plain for line in note_lines("kurz", 30, console)] == ["✎ kurz"]
    lines = note_lines("[b]Quelle[/b] " + "sehr lange Notiz " * 20, 30, console)
    assert len(lines) == NOTE_LINES
    assert all(line.cell_len <= 30 for line in lines)
    assert lines[0].plain.startswith("✎ [b]Quelle[/b]") and lines[-1].plain.endswith("…")
