"""Which German pipeline to use, decided without importing spaCy.

Order (DEVELOPERS.md): a model the user names, an installed `de_core_news_*` package,
the pipeline shipped in this package.
"""

from __future__ import annotations

import importlib.util
import json
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
    """The pipelines to try, in the order DEVELOPERS.md fixes."""
    found = []
    if requested:
        found.append(Candidate(requested, "named with --model"))
    found += [Candidate(name, "installed spaCy package") for name in installed_official_packages()]
    found.append(Candidate(str(SHIPPED_MODEL), "shipped with gegenlesen"))
    return found


RULES_VERSION = 5
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
