"""Fixtures for what only the SQLite adapter promises: one fresh database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdmap.storage.sqlite.store import SqliteStore


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    """An empty SQLite store in ``tmp_path/hrdmap.sqlite3``, closed after the test."""
    opened = SqliteStore.open(tmp_path / "hrdmap.sqlite3")
    yield opened
    opened.close()
