"""Fixtures for the storage tests: one fresh SQLite store per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdmap.storage.sqlite.store import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    """An empty store in a new database file, closed after the test."""
    opened = SqliteStore.open(tmp_path / "hrdmap.sqlite3")
    yield opened
    opened.close()
