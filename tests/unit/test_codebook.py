"""The codebook (claim types, verdicts, check-worthiness), where it is kept, and who annotates."""

from __future__ import annotations

import getpass
import textwrap

import pytest

from gegenlesen.corpus.codebook import (
    DEFAULT_TOML,
    MAX_TYPES,
    ClaimType,
    CodebookError,
    default_codebook,
    parse_codebook,
)
from gegenlesen.storage.codebooks import CODEBOOK, codebook_in_use, use_codebook
from gegenlesen.storage.db import open_database
from gegenlesen.storage.meta import get_meta, set_meta
from gegenlesen.tui import settings
from gegenlesen.tui.settings import SettingsError, read_codebook, read_config, resolve_annotator

DEFAULT_KEYS = ["statistic", "quotation", "causal", "comparison", "prediction", "event", "attribution", "other"]
DEFAULT_LABELS = [
    "Statistic", "Quotation", "Causal", "Comparison", "Prediction", "Event or date", "Attribution", "Other",
]
DEFAULT_VERDICTS = ["unchecked", "true", "mostly true", "misleading", "false", "unverifiable"]


def toml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def error_of(text: str, origin: str = "mein.toml") -> str:
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, origin)
    message = str(caught.value)
    assert message.startswith(f"{origin}: ") and "\n" not in message
    return message


def types_toml(count: int, blank_lines: bool = True) -> str:
    gap = "\n" if blank_lines else ""
    return "".join(f'{gap}[[types]]\nkey = "t{n}"\nlabel = "Typ {n}"\n' for n in range(1, count + 1))


# -- the default codebook -----------------------------------------------------------------


def test_default_codebook_has_the_eight_types_in_order():
    codebook = default_codebook()
    assert [t.key for t in codebook.types] == DEFAULT_KEYS
    assert [t.label for t in codebook.types] == DEFAULT_LABELS
    assert all(t.description for t in codebook.types)
    assert list(codebook.verdicts) == DEFAULT_VERDICTS
    assert codebook.worthiness == 3
    assert codebook.name == "gegenlesen default"
    assert codebook.source == DEFAULT_TOML


def test_digits_pick_types_in_codebook_order():
    codebook = default_codebook()
    assert [codebook.type_for_digit(d).key for d in range(1, 9)] == DEFAULT_KEYS
    assert codebook.type_for_digit(0) is None and codebook.type_for_digit(9) is None


def test_type_labels_for_known_unknown_and_no_type():
    codebook = default_codebook()
    assert codebook.type_label("event") == "Event or date"
    assert codebook.type_label("gerücht") == "gerücht"  # from another codebook: shown as stored
    assert codebook.type_label(None) == "untyped"


def test_verdict_and_worthiness_cycle_round():
    codebook = default_codebook()
    verdict, seen = "unchecked", []
    for _ in range(len(DEFAULT_VERDICTS)):
        verdict = codebook.next_verdict(verdict)
        seen.append(verdict)
    assert seen == DEFAULT_VERDICTS[1:] + DEFAULT_VERDICTS[:1]
    assert codebook.next_verdict("not in this codebook") == "unchecked"
    assert [codebook.next_worthiness(level) for level in (1, 2, 3)] == [2, 3, 1]


def test_to_dict_has_everything_but_the_source():
    data = default_codebook().to_dict()
    assert data["name"] == "gegenlesen default"
    assert [t["key"] for t in data["types"]] == DEFAULT_KEYS
    assert data["verdicts"] == DEFAULT_VERDICTS and data["worthiness"] == 3


def test_minimal_codebook_gets_defaults():
    codebook = parse_codebook('[[types]]\nkey = " gerücht "\n', "klein.toml")
    assert codebook.types == (ClaimType("gerücht", "gerücht", ""),)
    assert list(codebook.verdicts) == DEFAULT_VERDICTS and codebook.worthiness == 3
    assert codebook.name == "unnamed codebook"


def test_nine_types_are_allowed():
    assert len(parse_codebook(types_toml(MAX_TYPES)).types) == 9 == MAX_TYPES


# -- errors name the file and, where they can, the line ----------------------------------


def test_bad_toml_names_the_file_and_line():
    message = error_of('name = "x"\nworthiness = 3\nverdicts = ["a",\n[[types]]\n')
    assert "not valid TOML" in message and "line 4" in message


def test_bad_toml_value_names_the_line():
    message = error_of('name = "x"\n\nworthiness = drei\n')
    assert "line 3" in message


def test_type_without_key_names_its_header_line_in_a_compact_file():
    text = 'name = "x"\n[[types]]\nkey = "a"\n[[types]]\nlabel = "ohne Schlüssel"\n'
    message = error_of(text)
    assert "line 4:" in message and "type 2 needs a key" in message


def test_type_without_key_names_its_header_line_after_a_blank_line():
    text = toml(
        """
        name = "x"

        [[types]]
        key = "a"

        [[types]]
        label = "ohne Schlüssel"
        """
    )
    assert text.splitlines()[5] == "[[types]]"  # line 6
    assert "line 6:" in error_of(text)


@pytest.mark.parametrize("entry", ['key = ""', 'key = "   "', "key = 3", 'label = "x"'])
def test_type_key_must_be_a_non_blank_text(entry):
    assert "type 1 needs a key" in error_of(f"[[types]]\n{entry}\n")


def test_duplicate_type_key_names_the_second():
    text = '[[types]]\nkey = "zahl"\n[[types]]\nkey = "zitat"\n[[types]]\nkey = " zahl"\n'
    message = error_of(text)
    assert "'zahl' is used twice" in message and "line 5:" in message


def test_more_than_nine_types_is_refused_at_the_tenth():
    text = 'name = "zu viele"\n' + types_toml(MAX_TYPES + 1, blank_lines=False)
    message = error_of(text)
    assert "at most 9 types" in message
    tenth = [n for n, line in enumerate(text.splitlines(), 1) if line == "[[types]]"][MAX_TYPES]
    assert tenth == 29 and "line 29:" in message


@pytest.mark.parametrize("text", ["", 'name = "leer"\n', "types = []\n", 'types = "statistic"\n'])
def test_codebook_needs_types(text):
    assert "at least one [[types]]" in error_of(text)


def test_label_and_description_must_be_text():
    assert "must be text" in error_of('[[types]]\nkey = "a"\nlabel = 3\n')
    assert "must be text" in error_of('[[types]]\nkey = "a"\ndescription = ["x"]\n')


@pytest.mark.parametrize("verdicts", ['"true"', "[]", '["unchecked", 3]', '["unchecked", "  "]', "{ a = 1 }"])
def test_bad_verdicts_are_refused(verdicts):
    assert "verdicts must be a list of texts" in error_of(f"verdicts = {verdicts}\n[[types]]\nkey = \"a\"\n")


def test_duplicate_verdicts_are_refused():
    text = 'verdicts = ["unchecked", "true", "false", " true"]\n[[types]]\nkey = "a"\n'
    try:
        codebook = parse_codebook(text, "doppelt.toml")
    except CodebookError as error:
        assert "true" in str(error)
        return
    # Accepted: the cycle must still come round to 'unchecked'.
    verdict, seen = "unchecked", set()
    for _ in range(len(codebook.verdicts)):
        verdict = codebook.next_verdict(verdict)
        seen.add(verdict)
    assert "unchecked" in seen and "false" in seen


def test_verdicts_are_stripped():
    codebook = parse_codebook('verdicts = [" offen ", "stimmt"]\n[[types]]\nkey = "a"\n')
    assert codebook.verdicts == ("offen", "stimmt")


@pytest.mark.parametrize("worthiness", ["0", "6", "-1", '"3"', "2.5", "true"])
def test_bad_worthiness_is_refused(worthiness):
    assert "worthiness must be a whole number from 1 to 5" in error_of(f"worthiness = {worthiness}\n[[types]]\nkey = \"a\"\n")


@pytest.mark.parametrize("worthiness", [1, 5])
def test_worthiness_limits_are_allowed(worthiness):
    codebook = parse_codebook(f"worthiness = {worthiness}\n[[types]]\nkey = \"a\"\n")
    assert codebook.worthiness == worthiness
    assert codebook.next_worthiness(worthiness) == 1


# -- kept in the database -----------------------------------------------------------------


NEWSROOM = toml(
    """
    name = "Redaktion"
    verdicts = ["offen", "richtig", "falsch"]
    worthiness = 2

    [[types]]
    key = "zahl"
    label = "Zahl"

    [[types]]
    key = "zitat"
    label = "Zitat"
    description = "Wörtlich oder sinngemäß."
    """
)


def test_database_without_a_codebook_uses_the_default(handmade_db):
    assert get_meta(handmade_db, CODEBOOK) is None
    assert codebook_in_use(handmade_db) == default_codebook()


def test_use_codebook_round_trips_through_the_database(handmade_db_path):
    codebook = parse_codebook(NEWSROOM, "redaktion.toml")
    db = open_database(handmade_db_path)
    use_codebook(db, codebook)
    assert codebook_in_use(db) == codebook
    db.close()
    db = open_database(handmade_db_path)
    try:
        stored = codebook_in_use(db)
        assert stored == codebook
        assert stored.source == NEWSROOM and stored.to_dict() == codebook.to_dict()
        assert [t.description for t in stored.types] == ["", "Wörtlich oder sinngemäß."]
        use_codebook(db, default_codebook())
        assert codebook_in_use(db) == default_codebook()
    finally:
        db.close()


def test_codebook_without_a_name_keeps_its_name_when_stored(handmade_db, tmp_path):
    path = tmp_path / "ohne_name.toml"
    path.write_text('[[types]]\nkey = "zahl"\n', encoding="utf-8")
    codebook = read_codebook(path)
    use_codebook(handmade_db, codebook)
    assert codebook_in_use(handmade_db) == codebook


def test_unreadable_stored_codebook_falls_back_to_the_default(handmade_db):
    set_meta(handmade_db, CODEBOOK, "das ist [kein TOML")
    assert codebook_in_use(handmade_db) == default_codebook()


# -- read_codebook and read_config --------------------------------------------------------


def settings_error(call, *args) -> str:
    with pytest.raises(SettingsError) as caught:
        call(*args)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def test_read_codebook_reads_a_file(tmp_path):
    path = tmp_path / "redaktion.toml"
    path.write_text(NEWSROOM, encoding="utf-8")
    codebook = read_codebook(path)
    assert codebook.name == "Redaktion" and [t.key for t in codebook.types] == ["zahl", "zitat"]
    assert codebook.source == NEWSROOM


def test_read_codebook_missing_file(tmp_path):
    path = tmp_path / "fehlt.toml"
    message = settings_error(read_codebook, path)
    assert str(path) in message and "does not exist" in message


def test_read_codebook_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Prüfung"\n[[types]]\nkey = "zahl"\n'.encode("latin-1"))
    message = settings_error(read_codebook, path)
    assert str(path) in message and "not UTF-8" in message


def test_read_codebook_directory(tmp_path):
    message = settings_error(read_codebook, tmp_path)
    assert str(tmp_path) in message and "cannot read codebook" in message


def test_read_codebook_bad_content_names_file_and_line(tmp_path):
    path = tmp_path / "kaputt.toml"
    path.write_text('name = "x"\n[[types]]\nkey = "a"\n[[types]]\nkey = "a"\n', encoding="utf-8")
    message = settings_error(read_codebook, path)
    assert message.startswith(f"{path}: line 4:") and "used twice" in message


def test_read_codebook_with_byte_order_mark(tmp_path):
    path = tmp_path / "notepad.toml"
    path.write_text(NEWSROOM, encoding="utf-8-sig")
    assert read_codebook(path).name == "Redaktion"


def test_read_config_missing_is_empty(tmp_path):
    assert read_config(tmp_path / "config.toml") == {}


def test_read_config_broken_is_a_settings_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("annotator = \n", encoding="utf-8")
    message = settings_error(read_config, path)
    assert str(path) in message
    path.write_bytes(b'annotator = "J\xfcrgen"\n')
    assert str(path) in settings_error(read_config, path)


def test_config_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GEGENLESEN_CONFIG", str(tmp_path / "c.toml"))
    assert settings.config_path() == tmp_path / "c.toml"


# -- who annotates ------------------------------------------------------------------------


@pytest.fixture
def login(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "login")


def test_annotator_given_wins(login):
    env = {"GEGENLESEN_ANNOTATOR": "env"}
    assert resolve_annotator("given", env, {"annotator": "config"}) == "given"


def test_annotator_from_environment_before_config(login):
    assert resolve_annotator(None, {"GEGENLESEN_ANNOTATOR": "env"}, {"annotator": "config"}) == "env"


def test_annotator_from_config_before_login(login):
    assert resolve_annotator(None, {}, {"annotator": "config"}) == "config"


def test_annotator_falls_back_to_the_login_name(login):
    assert resolve_annotator(None, {}, {}) == "login"
    assert resolve_annotator(None, {}, None) == "login"


def test_blank_candidates_are_skipped(login):
    assert resolve_annotator("  ", {"GEGENLESEN_ANNOTATOR": ""}, {"annotator": "\t"}) == "login"
    assert resolve_annotator("", {"GEGENLESEN_ANNOTATOR": " "}, {"annotator": "config"}) == "config"


def test_non_text_config_annotator_is_skipped(login):
    assert resolve_annotator(None, {}, {"annotator": 42}) == "login"


def test_annotator_from_the_real_environment(login, monkeypatch):
    monkeypatch.setenv("GEGENLESEN_ANNOTATOR", "aus der Umgebung")
    assert resolve_annotator(None) == "aus der Umgebung"


def test_annotator_white_space_is_collapsed(login):
    assert resolve_annotator("  Anna   Müller ", {}, {}) == "Anna Müller"
    assert resolve_annotator("Anna\tMüller\n", {}, {}) == "Anna Müller"


@pytest.mark.parametrize("name", ["anna\x00", "\x1b[31manna", "an\x07na", "anna\u200b", "anna\u202e", "x" * 65])
@pytest.mark.parametrize("where", ["given", "env", "config"])
def test_unprintable_or_long_annotator_is_refused(login, name, where):
    given = name if where == "given" else None
    env = {"GEGENLESEN_ANNOTATOR": name} if where == "env" else {}
    config = {"annotator": name} if where == "config" else {}
    message = settings_error(resolve_annotator, given, env, config)
    assert "at most 64 printable characters" in message


def test_login_name_failure_gives_a_generic_name(monkeypatch):
    def fail():
        raise OSError("no login")

    monkeypatch.setattr(getpass, "getuser", fail)
    assert resolve_annotator(None, {}, {}) == "annotator"


def test_unprintable_login_name_is_not_used(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "root\x1b]0;owned\x07")
    try:
        name = resolve_annotator(None, {}, {})
    except SettingsError:
        return
    assert name.isprintable()


def test_the_built_in_default_equals_its_toml_text():
    from gegenlesen.corpus.codebook import DEFAULT_TOML

    assert parse_codebook(DEFAULT_TOML, "x") == default_codebook()
    assert default_codebook().source == DEFAULT_TOML


# -- hostile TOML ------------------------------------------------------------------------------

HOSTILE_TOML = [
    pytest.param("verdicts = " + "[" * 100_000 + "\n", "nested too deeply", id="deep array"),
    pytest.param("a = " + "{ b = " * 5_000 + "\n", "", id="deep inline tables"),
    pytest.param("worthiness = " + "9" * 5000 + '\n[[types]]\nkey = "a"\n', "a number with too many digits", id="digits"),
    pytest.param("worthiness = " + str(10**30) + '\n[[types]]\nkey = "a"\n', "worthiness must be", id="huge"),
    pytest.param('name = ["a", "list"]\n[[types]]\nkey = "a"\n', "name must be text", id="name list"),
]


@pytest.mark.parametrize("text, message", HOSTILE_TOML)
def test_a_hostile_codebook_is_one_line(tmp_path, text, message):
    path = tmp_path / "feind.toml"
    path.write_text(text, encoding="utf-8")
    found = settings_error(read_codebook, path)
    assert found.startswith(f"{path}: ") and message in found


@pytest.mark.parametrize("text, message", HOSTILE_TOML[:3])
def test_a_hostile_config_file_is_one_line(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    found = settings_error(read_config, path)
    assert str(path) in found and message in found


@pytest.mark.parametrize("option", ["--codebook", "config"])
def test_the_command_line_refuses_a_deeply_nested_toml_in_one_line(handmade_db_path, tmp_path, capsys, monkeypatch, option):
    from gegenlesen.storage.codebooks import codebook_in_use
    from gegenlesen.storage.db import open_database
    from gegenlesen.tui.cli import main

    path = tmp_path / "feind.toml"
    path.write_text("verdicts = " + "[" * 100_000 + "\n", encoding="utf-8")
    argv = ["articles", "--db", str(handmade_db_path)]
    if option == "config":
        monkeypatch.setenv("GEGENLESEN_CONFIG", str(path))
        monkeypatch.delenv("GEGENLESEN_ANNOTATOR", raising=False)
    else:
        argv += ["--codebook", str(path), "--annotator", "anna"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gegenlesen: ") and "nested too deeply" in err, err
    db = open_database(handmade_db_path)
    try:
        assert codebook_in_use(db) == default_codebook()
    finally:
        db.close()
