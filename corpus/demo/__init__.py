"""The built-in demo corpus: five German articles about DeepSeek, shipped byte for byte."""

from __future__ import annotations

from importlib import resources

from gegenlesen.corpus.article import Article


def demo_articles() -> list[Article]:
    """The demo articles in file-name order, decoded exactly as stored."""
    files = sorted(
        (entry for entry in resources.files(__name__).iterdir() if entry.name.endswith(".txt")),
        key=lambda entry: entry.name,
    )
    return [Article(source=entry.name, text=entry.read_bytes().decode("utf-8")) for entry in files]
