"""Where a reader served to browsers may read files to import and write its exports.

In a terminal the reader opens whatever path its user types: the user owns the machine.
Over the web (`gegenlesen serve`) the typist does not, so every path typed into the import
or export dialog goes through `confined`, which keeps it inside the folder named at start.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ENV = "GEGENLESEN_PATH_LIMITS"
"""The environment variable through which `serve` hands the limits to each reader it starts."""


class OutsideLimits(ValueError):
    """A path the served reader may not open; the message says why, for the user."""


@dataclass(frozen=True)
class PathLimits:
    """The folders a served reader may use; None for one means that dialog is off."""

    import_dir: Path | None = None
    """Files and folders to import are taken only from here."""
    export_dir: Path | None = None
    """Exports (and screenshots) are written only in here."""

    def to_env(self) -> str:
        """The limits as the value of `ENV`."""
        return json.dumps({"import_dir": _text(self.import_dir), "export_dir": _text(self.export_dir)})

    @classmethod
    def from_env(cls, value: str) -> PathLimits:
        """The limits `to_env` wrote.

        Raises:
            OutsideLimits: the value is not what `to_env` writes (a reader never starts unlimited by mistake).
        """
        try:
            data = json.loads(value)
            folders = [data[key] for key in ("import_dir", "export_dir")]
        except (ValueError, TypeError, KeyError):
            raise OutsideLimits(f"${ENV} is not what gegenlesen serve sets") from None
        if not all(folder is None or isinstance(folder, str) for folder in folders):
            raise OutsideLimits(f"${ENV} is not what gegenlesen serve sets")
        return cls(*(None if folder is None else Path(folder) for folder in folders))


def _text(folder: Path | None) -> str | None:
    return None if folder is None else str(folder)


def confined(root: Path | None, typed: str | Path, option: str) -> Path:
    """The real path of `typed` (relative to `root`, or absolute), if it lies inside `root`.

    The typed path is judged twice: as written, without touching the disk (so `..` or an
    absolute path elsewhere is refused before anything outside is looked at), and with its
    symbolic links followed (so a link inside that points out is refused too). `~` is not
    expanded: it is a name like any other.

    Args:
        root: the folder named at start; None when it was not named (the dialog is off).
        typed: what the user typed.
        option: the command line option that names `root`, for the message (`--import-dir`).

    Returns:
        The resolved path, free of links and `..`: open this one, not what was typed.

    Raises:
        OutsideLimits: the path is empty, or leads outside `root`, or `root` was not given.
    """
    if root is None:
        raise OutsideLimits(f"not available here: the server was started without {option}")
    text = os.fspath(typed)
    if not text.strip():
        raise OutsideLimits("no path given")
    if "\0" in text:
        raise OutsideLimits("a path cannot hold a NUL character")
    base = Path(os.path.abspath(root))
    written = Path(os.path.normpath(base / text))
    if not _inside(written, base):
        raise OutsideLimits(f"{text} is outside {root} ({option}); only paths inside it can be used")
    try:
        real_base = base.resolve(strict=True)
        real = written.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop on older Pythons
        raise OutsideLimits(f"{text} cannot be used: {getattr(error, 'strerror', None) or error}") from None
    if not _inside(real, real_base):
        raise OutsideLimits(f"{text} leads outside {root} ({option}) through a symbolic link")
    return real


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def importable(root: Path | None, typed: list[str]) -> list[Path]:
    """The real paths to import for what was typed, each checked by `confined`.

    A folder is walked as the import walks it, and every file it would read must lie inside
    `root` too, so a link in the folder that points out refuses the whole import.

    Raises:
        OutsideLimits: one of the paths, or a file found under one of them, lies outside `root`.
    """
    from gegenlesen.corpus.importing import collect

    paths = [confined(root, text, "--import-dir") for text in typed]
    for candidate in collect(paths).files:
        confined(root, candidate.path, "--import-dir")
    return paths
