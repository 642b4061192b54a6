"""The reader's features touch the screen only through the declared interface (reader_api.Reader)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from gegenlesen.tui.screens import reader_api
from gegenlesen.tui.screens.reader import ReaderScreen

SCREENS = Path(reader_api.__file__).parent
MIXINS = sorted(SCREENS.glob("*_actions.py"))


def declared() -> set[str]:
    """What the Protocol lists: annotated attributes, properties and methods."""
    names = set(reader_api.Reader.__annotations__)
    names |= {name for name, _ in inspect.getmembers(reader_api.Reader) if not name.startswith("_")}
    return names


def touched_and_own(path: Path) -> tuple[dict[str, int], set[str]]:
    """`self.<name>` uses (name -> first line) in a module, and the names its classes define."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    touched: dict[str, int] = {}
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    own.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    own.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    own |= {target.id for target in item.targets if isinstance(target, ast.Name)}
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            touched.setdefault(node.attr, node.lineno)
    return touched, own


def test_the_mixins_are_found():
    assert {path.stem for path in MIXINS} >= {"claim_actions", "library_actions", "overview_actions", "link_actions"}


@pytest.mark.parametrize("path", MIXINS, ids=lambda path: path.stem)
def test_a_feature_touches_only_what_reader_api_declares(path):
    touched, own = touched_and_own(path)
    undeclared = {name: line for name, line in touched.items() if name not in own and name not in declared()}
    assert not undeclared, f"{path.name} touches the screen outside reader_api.Reader: {undeclared}"


def test_the_reader_screen_provides_everything_the_interface_declares():
    missing = [name for name in declared() if not hasattr(ReaderScreen, name)]
    # instance attributes are set in __init__: look for their assignment there
    source = inspect.getsource(ReaderScreen.__init__)
    missing = [name for name in missing if not re.search(rf"self\.{name}\b[^=\n]*=", source)]
    assert not missing, f"ReaderScreen lacks {missing}"


def test_the_checks_see_an_undeclared_use(tmp_path):
    feature = tmp_path / "rogue_actions.py"
    feature.write_text("class Rogue:\n    def act(self):\n        self.refresh_claims()\n        self.mine()\n\n"
                       "    def mine(self):\n        self.open_article(None, 1)\n", encoding="utf-8")
    touched, own = touched_and_own(feature)
    assert {name for name in touched if name not in own and name not in declared()} == {"refresh_claims"}
