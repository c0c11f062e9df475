"""Run a test against every built-in search back-end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdmap.search import open_backend
from hrdmap.search.base import SearchBackend

BACKENDS = ("tantivy", "sqlite")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    """An empty index of each back-end in a temporary folder."""
    opened = open_backend(request.param, tmp_path / "search")
    yield opened
    opened.close()
