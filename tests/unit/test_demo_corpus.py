"""The built-in demo corpus is shipped byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gegenlesen.corpus import demo
from gegenlesen.corpus.article import sha256_of
from gegenlesen.corpus.demo import demo_articles

DEMO_DIR = Path(demo.__file__).resolve().parent
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.txt"))


def test_there_are_five_demo_files():
    assert [path.name[:4] for path in demo_files()] == ["000_", "001_", "002_", "003_", "004_"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not present")
def test_demo_files_equal_the_seeds():
    seeds = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in SEEDS.glob("*.txt")}
    shipped = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in demo_files()}
    assert seeds, "no seed files"
    assert shipped == seeds


def test_demo_articles_are_the_files_decoded():
    loaded = demo_articles()
    assert len(loaded) == 5
    assert [article.source for article in loaded] == [path.name for path in demo_files()]
    for article, path in zip(loaded, demo_files()):
        raw = path.read_bytes()
        assert article.text == raw.decode("utf-8")
        assert article.sha256 == hashlib.sha256(raw).hexdigest() == sha256_of(article.text)
        assert article.words > 300
        assert article.title and len(article.title) <= 80
        assert "DeepSeek" in article.text
    assert len({article.sha256 for article in loaded}) == 5
