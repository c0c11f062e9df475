"""The storage contract: every test in this folder runs against every store adapter, through ``store``.

The tests here use only the protocols of :mod:`hrdmap.storage` (a :class:`~hrdmap.storage.repository.Store` and
its repositories) and the domain; what only one adapter promises (SQLite's WAL, migrations, triggers) is tested in
that adapter's folder (``tests/storage/sqlite/``). A new adapter adds one entry to :data:`STORE_URLS`: a function
that gives the URL of an empty store of its own for one test (``test_contract.py`` fails while a registered
adapter has none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store


def _sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'hrdmap.sqlite3').as_posix()}"


#: One factory per adapter, by URL scheme: the URL of an empty store for one test (its own folder given).
STORE_URLS: dict[str, Callable[[Path], str]] = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(STORE_URLS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each adapter, opened through the ``hrdmap.stores`` registry, closed after the test."""
    opened = open_store(STORE_URLS[request.param](tmp_path))
    yield opened
    opened.close()
