"""The room rule over every module, by import-linter: corpus imports neither storage nor tui,
storage does not import tui, tui reaches SQLite only through storage (contracts in pyproject.toml)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("corpus", "storage", "tui")


def lint(tmp_path: Path, config: Path) -> subprocess.CompletedProcess:
    # The package is mapped from top-level folders, which import-linter cannot follow in an
    # editable install: a folder of links gives it `gegenlesen` as an ordinary package.
    package = tmp_path / "rooms" / "gegenlesen"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for room in ROOMS:
        (package / room).symlink_to(ROOT / room)
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    command = [str(Path(sys.executable).with_name("lint-imports")), "--config", str(config), "--no-cache"]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_every_module_keeps_the_room_rule(tmp_path):
    result = lint(tmp_path, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_broken_rule_is_reported(tmp_path):
    """The linter really reads the modules: tui imports storage, so forbidding it must fail."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "gegenlesen"\n\n'
        '[[tool.importlinter.contracts]]\nname = "tui without storage"\ntype = "forbidden"\n'
        'source_modules = ["gegenlesen.tui"]\nforbidden_modules = ["gegenlesen.storage"]\n'
    )
    result = lint(tmp_path, config)
    assert result.returncode != 0 and "BROKEN" in result.stdout
