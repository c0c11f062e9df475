"""The store and the search index of one data folder, opened together for the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hrdmap.config import Settings
from hrdmap.search import open_backend
from hrdmap.search.base import SearchBackend
from hrdmap.storage.repository import Store
from hrdmap.storage.sqlite.store import SqliteStore


class Workspace:
    """What the services work on: the settings, the store, and the search back-end (opened on first use).

    Args:
        settings: Where the data lives and the limits that apply.
        store: The corpus store.
    """

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._backend: SearchBackend | None = None

    def search_backend(self) -> SearchBackend:
        """The search back-end named in the settings, opened once."""
        if self._backend is None:
            self._backend = open_backend(self.settings.search_backend, self.settings.search_dir)
        return self._backend

    def close(self) -> None:
        """Close the search back-end (if opened) and the store."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None
        self.store.close()


@contextmanager
def open_workspace(settings: Settings) -> Iterator[Workspace]:
    """Open the data folder of ``settings`` (creating the database on first use) for the block."""
    workspace = Workspace(settings, SqliteStore.open(settings.database))
    try:
        yield workspace
    finally:
        workspace.close()
