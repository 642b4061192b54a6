"""German word vectors for the link ranking: read lazily from the shipped table, compared by cosine.

The table (`data/vectors.npz`, built by `corpus/nlp/build_vectors.py`) holds a vocabulary
and one int8 row per word, scaled to length 1 (x 127), so reading it needs numpy only and a
cosine is a dot product. A word's vector is that of its lemma, else of the word as written,
else of its compound head ("Technologieunternehmen" -> unternehmen). A table that is
missing or damaged leaves the ranking without vectors, and `problems()` says so once.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from gegenlesen.corpus.crossref.lexicon import DATA
from gegenlesen.corpus.crossref.shipped import Shipped

VECTORS = "vectors.npz"


@dataclass
class Vectors:
    """The vocabulary and its unit vectors (float32 rows); empty when the table could not be read."""

    rows: dict[str, int] = field(default_factory=dict)
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    meta: dict = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rows)

    def row(self, *forms: str) -> int | None:
        """The row of the first of `forms` the table knows, or None."""
        for form in forms:
            found = self.rows.get(form)
            if found is not None:
                return found
        return None


def load(path: Path = DATA / VECTORS) -> Vectors:
    """Read the table at `path`; a missing or damaged one gives empty vectors with the problem named."""
    try:
        with np.load(path, allow_pickle=False) as table:
            raw = table["vectors"]
            words = table["words"].tobytes().decode("utf-8").split("\n")
            meta = json.loads(table["meta"].tobytes().decode("utf-8"))
        if raw.ndim != 2 or raw.dtype != np.int8 or len(words) != raw.shape[0] or not isinstance(meta, dict):
            raise ValueError("shape")
    except FileNotFoundError:
        return Vectors(problems=(f"The word vectors {path} are missing: links are proposed without them.",))
    except (OSError, EOFError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile):
        return Vectors(problems=(f"The word vectors {path} are damaged: links are proposed without them.",))
    matrix = raw.astype(np.float32) / 127.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1, norms)
    return Vectors({word: number for number, word in enumerate(words)}, matrix, meta)


_shipped: Shipped[Vectors] = Shipped(load, on_use=lambda: word_rows.cache_clear())
vectors = _shipped.get
"""The shipped vectors, read on first use (thread-safe)."""
use = _shipped.use
problems_once = _shipped.problems_once


@lru_cache(maxsize=100_000)
def word_rows(forms: tuple[tuple[str, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    """For each word (given as the forms to try, best first), its unit vector; and which
    words have one. Cached: passages come back again and again."""
    table = vectors()
    found = [table.row(*word) for word in forms]
    have = np.array([f is not None for f in found], dtype=bool)
    if not table or not have.any():
        return np.zeros((0, table.matrix.shape[1] if table else 0), dtype=np.float32), have
    return table.matrix[[f for f in found if f is not None]], have
