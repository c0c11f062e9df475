"""The storage contract: every test in this folder runs against every store adapter, through ``store``.

The tests here use only the protocols of :mod:`hrdmap.storage` (a :class:`~hrdmap.storage.repository.Store` and
its repositories) and the domain; what only one adapter promises (SQLite's WAL, migrations, triggers) is tested in
that adapter's folder (``tests/storage/sqlite/``, ``tests/storage/postgresql/``). A new adapter adds one entry to
:data:`STORE_URLS`: a context manager that gives the URL of an empty store of its own for one test and removes it
after (``test_contract.py`` fails while a registered adapter has none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store
from tests.postgres import empty_store_url


@contextmanager
def _sqlite(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{(tmp_path / 'hrdmap.sqlite3').as_posix()}"


#: One factory per adapter, by URL scheme: the URL of an empty store for one test (its own folder given), valid
#: inside the block. The PostgreSQL one gives a schema emptied after the test, and skips when no server answers.
STORE_URLS: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
    "sqlite": _sqlite,
    "postgresql": lambda _: empty_store_url(),
}


@pytest.fixture(params=sorted(STORE_URLS))
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store of each adapter, for the test's duration."""
    with STORE_URLS[request.param](tmp_path) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store of each adapter, opened through the ``hrdmap.stores`` registry, closed after the test."""
    opened = open_store(store_url)
    yield opened
    opened.close()
