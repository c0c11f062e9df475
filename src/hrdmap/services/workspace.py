"""The store and the search index the settings name, opened together for the services.

While a workspace is open, what hrdmap creates is private (files ``0600``, folders ``0700``, whatever the umask:
see :mod:`hrdmap.storage.private`). A store that cannot be written (a SQLite file in a read-only folder) is
open for reading: the commands that read work, the ones that write are refused with
:class:`~hrdmap.storage.repository.ReadOnlyStore`, and the search index is opened read-only too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from hrdmap.analyse.classifier.embedders import Embedder, get_embedder
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.base import Tagger
from hrdmap.analyse.taggers.registry import tagger
from hrdmap.config import Settings
from hrdmap.domain.errors import NotFound
from hrdmap.domain.framework import Framework
from hrdmap.reports.labels import Labels
from hrdmap.search import open_backend
from hrdmap.search.base import SearchBackend
from hrdmap.search.vectors import VectorIndex
from hrdmap.services.sealing import SealedStore, keyring_for
from hrdmap.storage.private import Exposure, exposure, private_files
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, or ``None`` for any other store (or an in-memory database)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url[len(prefix) :] in ("", ":memory:"):
        return None
    return Path(url[len(prefix) :])


class MissingStore(NotFound):
    """A command that only reads was pointed at a folder with no store; ``str()`` says which and what to do."""


class Workspace:
    """What the services work on: the settings, the store, and the search back-end (opened on first use).

    Args:
        settings: Where the data lives and the limits that apply.
        store: The corpus store.
    """

    def __init__(self, settings: Settings, store: Store, *, created: bool = False) -> None:
        self.settings = settings
        ring = keyring_for(store, settings.key_file, settings.home)
        self.store: Store = cast(Store, SealedStore(store, ring)) if ring is not None else store
        self.created = created
        self._backend: SearchBackend | None = None
        self._vectors: VectorIndex | None = None
        self._frameworks: dict[str, Framework] | None = None

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Open the store ``settings`` names, for a caller that closes it (:meth:`close`) itself: a server's
        pool of workspaces. Files are private only inside :func:`~hrdmap.storage.private.private_files` (the
        server sets the process's umask once).

        Raises:
            hrdmap.storage.registry.StoreUrlError: No adapter can open the URL.
        """
        return cls(settings, open_store(settings.store_url))

    def frameworks(self) -> dict[str, Framework]:
        """The built-in frameworks and the user's (``settings.frameworks_dirs``), by id, loaded once.

        Raises:
            hrdmap.analyse.frameworks.loader.FrameworkError: A user framework file is invalid.
        """
        if self._frameworks is None:
            self._frameworks = load_frameworks(self.settings.frameworks_dirs)
        return self._frameworks

    def labels(self) -> Labels:
        """The names of the labels of :meth:`frameworks` and of the gazetteer, for display and checks."""
        return Labels(self.frameworks())

    def tagger(self, name: str) -> Tagger:
        """The registered tagger ``name``, built with this workspace's frameworks and embedder (cached by both).

        Raises:
            KeyError: No tagger has that name.
        """
        return tagger(name, self.settings.frameworks_dirs, self.settings.embedder)

    def search_backend(self) -> SearchBackend:
        """The search back-end named in the settings, opened once."""
        if self._backend is None:
            self._backend = open_backend(
                self.settings.search_backend, self.settings.search_dir, read_only=self.store.read_only
            )
        return self._backend

    def embedder(self) -> Embedder:
        """The embedder the settings name (``HRDMAP_EMBEDDER``), loaded once per process.

        Raises:
            KeyError: No embedder has that name.
            hrdmap.analyse.classifier.embedders.EmbedderUnavailable: It needs packages that are not installed.
        """
        return get_embedder(self.settings.embedder).inner

    def vector_index(self) -> VectorIndex:
        """The vector index of the data folder (semantic search), opened once; read-only with the store.

        Raises:
            hrdmap.search.vectors.VectorIndexError: Its files cannot be read (``hrdmap reindex`` rebuilds it).
        """
        if self._vectors is None:
            embedder = self.embedder()
            self._vectors = VectorIndex(
                self.settings.vectors_dir, embedder.name, embedder.dim, read_only=self.store.read_only
            )
        return self._vectors

    def close_vectors(self) -> None:
        """Close the vector index if it is open (it opens again on next use)."""
        if self._vectors is not None:
            self._vectors.close()
            self._vectors = None

    def exposure(self) -> Exposure:
        """What other users of the machine can reach in the data folder (:func:`hrdmap.storage.private.exposure`)."""
        return exposure(self.settings.home)

    def close_search(self) -> None:
        """Close the search back-end if it is open (it opens again on next use)."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def close(self) -> None:
        """Close the search back-end and the vector index (if opened) and the store."""
        self.close_search()
        self.close_vectors()
        self.store.close()


@contextmanager
def open_workspace(settings: Settings, *, create: bool = True) -> Iterator[Workspace]:
    """Open the store of ``settings`` and its search index, for the block.

    The store is the one ``settings.store_url`` names, opened by the adapter registered for its scheme
    (:mod:`hrdmap.storage.registry`); the search back-end is opened on first use. Files created meanwhile are
    private (:func:`~hrdmap.storage.private.private_files`).

    Args:
        settings: Where the data lives.
        create: Create a SQLite store whose file does not exist yet (commands that bring data in). When false,
            such a store is refused and nothing is created, so a mistyped ``--home`` is caught instead of
            answered from a new empty store. Stores at other URLs (a database server) are opened as they are.

    Raises:
        hrdmap.storage.registry.StoreUrlError: No adapter can open the URL.
        hrdmap.storage.repository.ReadOnlyStore: The store cannot be written and holds no database, or one
            that needs migrations.
        MissingStore: ``create`` is false and the SQLite file does not exist.
    """
    file = sqlite_file(settings.store_url)
    created = file is not None and not file.is_file()
    if created and not create:
        raise MissingStore(
            f"{settings.home}: no hrdmap data here (no {file}); check --home or HRDMAP_HOME, "
            "or bring data in first (hrdmap ingest, hrdmap calls import …), which creates it"
        )
    with private_files():
        workspace = Workspace(settings, open_store(settings.store_url), created=created)
        try:
            yield workspace
        finally:
            workspace.close()
