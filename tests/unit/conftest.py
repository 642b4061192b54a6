"""Fixtures the export and import tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_export_common import annotate


@pytest.fixture
def annotated_db_path(demo_db_path) -> Path:
    """The analysed demo database with claims, plus an article with astral characters."""
    return annotate(demo_db_path)
