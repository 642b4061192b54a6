"""Fixtures the export and import tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_export_common import annotate


@pytest.fixture
def annotated_db_path(handmade_db_path) -> Path:
    """The hand-built database with claims, plus an article with astral characters."""
    return annotate(handmade_db_path)
