"""label_colors: the colour table and GEGENLESEN_COLORS overrides."""

from __future__ import annotations

from gegenlesen.tui.labels import LABEL_COLORS, label_colors, read_label_colors


def test_defaults_without_overrides():
    assert label_colors({}) == LABEL_COLORS
    assert label_colors({"GEGENLESEN_COLORS": ""}) == LABEL_COLORS
    assert {"PER", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "DATE", "CARDINAL"} <= set(LABEL_COLORS)


def test_overrides_are_parsed_case_and_space_insensitively():
    colors = label_colors({"GEGENLESEN_COLORS": "org=#ff8800, PER = red ,date=rgb(10,20,30)"})
    # the commas inside rgb(10,20,30) do not split it
    assert colors["ORG"] == "#ff8800"
    assert colors["PER"] == "red"
    assert colors["DATE"] == "rgb(10,20,30)"
    assert colors["LOC"] == LABEL_COLORS["LOC"]


def test_bad_entries_are_ignored():
    spec = "BAD,LOC=notacolor,=blue,MISC=,ORG==,,PER=#12345,MONEY=#00ff00"
    colors = label_colors({"GEGENLESEN_COLORS": spec})
    expected = dict(LABEL_COLORS, MONEY="#00ff00")
    assert colors == expected


def test_new_labels_can_be_coloured():
    assert label_colors({"GEGENLESEN_COLORS": "EVENT=green"})["EVENT"] == "green"


def test_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv("GEGENLESEN_COLORS", "PER=blue")
    assert label_colors()["PER"] == "blue"
    monkeypatch.delenv("GEGENLESEN_COLORS")
    assert label_colors() == LABEL_COLORS


def test_table_is_not_mutated():
    label_colors({"GEGENLESEN_COLORS": "PER=blue"})
    assert LABEL_COLORS["PER"] == "#e5a50a"


def test_colours_textual_cannot_parse_are_ignored_and_named():
    """Rich takes these, Textual does not (and stopped the app with ColorParseError)."""
    for entry in ("ORG=bright_red", "PER=RED", "CLAIM=default", "ORG=color(200)", "LOC=grey100"):
        colors, problems = read_label_colors({"GEGENLESEN_COLORS": f"{entry},MONEY=#00ff00"})
        assert colors == dict(LABEL_COLORS, MONEY="#00ff00"), entry
        assert len(problems) == 1 and entry in problems[0], problems


def test_every_ignored_entry_is_named():
    _, problems = read_label_colors({"GEGENLESEN_COLORS": "BAD,LOC=notacolor,,PER=#00ff00"})
    assert [problem.split("'")[1] for problem in problems] == ["BAD", "LOC=notacolor"]
