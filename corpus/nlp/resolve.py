"""Which German pipeline to use, decided without importing spaCy.

Order (`candidates`, `model_to_use`; README, "NLP"): a model the user names, an installed
`de_core_news_*` package, a pipeline learned from the user's corrections beside the
database (`learn.py`), the pipeline shipped in this package.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SHIPPED_MODEL = Path(__file__).resolve().parent / "models" / "de_gegenlesen"
OFFICIAL_PACKAGES = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")


@dataclass(frozen=True)
class Candidate:
    """A pipeline that might be loaded: a package name or a directory."""

    name: str
    why: str


def installed_official_packages() -> list[str]:
    """Names of installed spaCy German news pipelines, largest first."""
    return [name for name in OFFICIAL_PACKAGES if importlib.util.find_spec(name) is not None]


def candidates(requested: str | None) -> list[Candidate]:
    """The pipelines to try, in order: the one named, installed official packages, the
    shipped one (`model_to_use` names a learned pipeline as the one named)."""
    found = []
    if requested:
        found.append(Candidate(requested, "named with --model"))
    found += [Candidate(name, "installed spaCy package") for name in installed_official_packages()]
    found.append(Candidate(str(SHIPPED_MODEL), "shipped with gegenlesen"))
    return found


RULES_VERSION = 7
"""Bump when the rules on top of the model change what analysis finds (figures, names in
compounds): stored analysis made with older rules is then made again."""


def pipeline_name(meta: dict) -> str:
    """The name analysis is stored under: the pipeline's language, name and version, and
    the version of the rules on top of it."""
    return f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}+rules{RULES_VERSION}"


def expected_pipeline_name(requested: str | None = None) -> str | None:
    """The name of the pipeline `load_pipeline` would choose, read from its meta.json
    without importing spaCy; None when that cannot be told without loading it."""
    for candidate in candidates(requested):
        directory = Path(candidate.name)
        if not directory.is_dir():
            try:
                spec = importlib.util.find_spec(candidate.name) if "/" not in candidate.name else None
            except (ImportError, ValueError):
                spec = None
            if spec is None or not spec.submodule_search_locations:
                continue
            directory = Path(next(iter(spec.submodule_search_locations)))
        try:
            return pipeline_name(json.loads((directory / "meta.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return None


STATE_FILE = "state.json"
"""In a database's models folder: {"current": the learned pipeline's directory name or
null, "last": the highest number given, "base": the shipped pipeline it was learned from}."""


def models_dir(db_path: Path | str) -> Path:
    """Where the pipelines learned from a database live: `<db>.models/` beside it."""
    path = Path(db_path)
    return path.with_name(path.name + ".models")


def read_state(models: Path) -> dict:
    """The models folder's state; an empty one if it is missing or unreadable."""
    try:
        state = json.loads((models / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(models: Path, state: dict) -> None:
    """Replace the state file at once (a temporary file renamed over it)."""
    temporary = models / f".{STATE_FILE}.{os.getpid()}"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(state, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, models / STATE_FILE)


@contextmanager
def models_lock(models: Path) -> Iterator[None]:
    """Hold the models folder for one learning run or reset.

    Raises:
        BlockingIOError: another process holds it.
    """
    with (models / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shipped_name() -> str | None:
    """The shipped pipeline's stored name (`pipeline_name` of its meta.json)."""
    try:
        return pipeline_name(json.loads((SHIPPED_MODEL / "meta.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def learned_model(db_path: Path | str | None) -> Path | None:
    """The pipeline learned from the database at `db_path`, if there is one that is whole
    and was learned from the pipeline shipped now (after an update it is not used)."""
    if db_path is None:
        return None
    models = models_dir(db_path)
    state = read_state(models)
    current = state.get("current")
    if not isinstance(current, str) or "/" in current or not current:
        return None
    directory = models / current
    if not (directory / "meta.json").is_file() or state.get("base") != shipped_name():
        return None
    return directory


def model_to_use(requested: str | None, db_path: Path | str | None) -> str | None:
    """What to pass as the `requested` pipeline for the database at `db_path`: the named
    one, else None while an official package is installed (it comes first), else the
    learned pipeline's directory, else None (the shipped one)."""
    if requested:
        return requested
    if installed_official_packages():
        return None
    learned = learned_model(db_path)
    return str(learned) if learned else None
