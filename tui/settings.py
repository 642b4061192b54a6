"""Who annotates and with which codebook: from the command line, the environment or the
config file (`config.toml` in the user config directory)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from gegenlesen.corpus.annotators import BadAnnotator, annotator_name
from gegenlesen.corpus.codebook import Codebook, CodebookError, parse_codebook

# The file readers are imported by the functions that read a file: most starts have no
# config file and no --codebook, and the reader's first frame should not wait for them.

SETTINGS_LIMIT = 1024 * 1024
"""A codebook or config file is small; anything larger is refused before it is read."""


class SettingsError(Exception):
    """A setting that cannot be used; the message is for the user."""


def config_path() -> Path:
    from platformdirs import user_config_path

    return Path(os.environ.get("GEGENLESEN_CONFIG") or user_config_path("gegenlesen", appauthor=False) / "config.toml")


def read_config(path: Path) -> dict:
    if not path.is_file():
        return {}
    import tomllib

    from gegenlesen.corpus.decoding import Refused
    from gegenlesen.corpus.importing import read_bytes
    from gegenlesen.corpus.untrusted import Unreadable, load_toml

    try:
        return load_toml(read_bytes(path, SETTINGS_LIMIT, empty_ok=True).decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, Unreadable, UnicodeDecodeError, OSError, Refused) as error:
        raise SettingsError(f"cannot read the config file {path}: {error}") from None


def resolve_annotator(given: str | None, environ: dict[str, str] | None = None, config: dict | None = None) -> str:
    """--annotator, else $GEGENLESEN_ANNOTATOR, else `annotator` in the config, else the login name."""
    environ = os.environ if environ is None else environ
    for candidate in (given, environ.get("GEGENLESEN_ANNOTATOR"), (config or {}).get("annotator")):
        if isinstance(candidate, str) and candidate.strip():
            try:
                return annotator_name(candidate) or "annotator"
            except BadAnnotator as error:
                raise SettingsError(str(error)) from None
    try:
        return annotator_name(getpass.getuser()) or "annotator"
    except (KeyError, OSError, BadAnnotator):
        return "annotator"


def read_codebook(path: Path) -> Codebook:
    """A codebook file given with --codebook."""
    from gegenlesen.corpus.decoding import Refused
    from gegenlesen.corpus.importing import read_bytes

    try:
        # Windows editors write a byte-order mark; a FIFO or device is refused, never waited on.
        text = read_bytes(path, SETTINGS_LIMIT, empty_ok=True).decode("utf-8-sig")
    except Refused as refused:
        raise SettingsError(f"cannot read codebook {path}: {refused}") from None
    except FileNotFoundError:
        raise SettingsError(f"codebook {path} does not exist") from None
    except UnicodeDecodeError:
        raise SettingsError(f"codebook {path} is not UTF-8 text") from None
    except OSError as error:
        raise SettingsError(f"cannot read codebook {path}: {error.strerror}") from None
    try:
        return parse_codebook(text, str(path))
    except CodebookError as error:
        raise SettingsError(str(error)) from None
