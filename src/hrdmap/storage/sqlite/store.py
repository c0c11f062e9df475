"""The SQLite store: one database file holding the corpus, its batches and the audit trail.

Registered under the ``hrdmap.stores`` entry-point group as ``sqlite``: the URL ``sqlite:///data/hrdmap.sqlite3``
names a file relative to the working folder, ``sqlite:////srv/hrdmap/hrdmap.sqlite3`` an absolute one (the path
is everything after ``sqlite:///``, taken as written).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hrdmap.storage.registry import StoreUrlError
from hrdmap.storage.sqlite.audit import SqliteAudit
from hrdmap.storage.sqlite.batches import SqliteBatches
from hrdmap.storage.sqlite.calls import SqliteCalls
from hrdmap.storage.sqlite.connection import connect, transaction
from hrdmap.storage.sqlite.documents import SqliteDocuments
from hrdmap.storage.sqlite.mandates import SqliteMandates
from hrdmap.storage.sqlite.recommendations import SqliteRecommendations
from hrdmap.storage.sqlite.tags import SqliteTags

#: What a SQLite URL starts with; the file's path follows.
URL_PREFIX = "sqlite:///"


def sqlite_path(url: str) -> str:
    """The file a ``sqlite:///PATH`` URL names.

    Raises:
        StoreUrlError: The URL does not start with ``sqlite:///`` or names no file.
    """
    if not url.lower().startswith(URL_PREFIX) or len(url) == len(URL_PREFIX):
        raise StoreUrlError(
            "a SQLite database URL is sqlite:///relative/path.sqlite3 or sqlite:////absolute/path.sqlite3"
        )
    return url[len(URL_PREFIX) :]


class SqliteStore:
    """The corpus in one SQLite file; implements :class:`hrdmap.storage.repository.Store`.

    Example::

        store = SqliteStore.from_url("sqlite:///data/hrdmap.sqlite3")
        with store.transaction():
            stored = store.documents.add_version(document, at=now)
            store.audit.record("document.stored", actor="ana", at=now, subject=f"document:{stored.id}")
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._documents = SqliteDocuments(conn)
        self._batches = SqliteBatches(conn)
        self._audit = SqliteAudit(conn)
        self._mandates = SqliteMandates(conn)
        self._recommendations = SqliteRecommendations(conn)
        self._tags = SqliteTags(conn)
        self._calls = SqliteCalls(conn)

    @classmethod
    def open(cls, path: Path | str) -> SqliteStore:
        """Open (creating and migrating if needed) the database at ``path``."""
        return cls(connect(path))

    @classmethod
    def from_url(cls, url: str) -> SqliteStore:
        """Open the database a ``sqlite:///PATH`` URL names: the adapter's door in the ``hrdmap.stores`` registry.

        Raises:
            StoreUrlError: The URL names no SQLite file (see :func:`sqlite_path`).
        """
        return cls.open(sqlite_path(url))

    @property
    def documents(self) -> SqliteDocuments:
        """Documents, versions, blocks and footnotes."""
        return self._documents

    @property
    def batches(self) -> SqliteBatches:
        """Ingest batches."""
        return self._batches

    @property
    def audit(self) -> SqliteAudit:
        """The audit trail."""
        return self._audit

    @property
    def mandates(self) -> SqliteMandates:
        """The mandate registry: resolutions, requests and the documents answering them."""
        return self._mandates

    @property
    def recommendations(self) -> SqliteRecommendations:
        """Tracked recommendations and their status history."""
        return self._recommendations

    @property
    def tags(self) -> SqliteTags:
        """Machine tags, tagging runs and reviewers' decisions."""
        return self._tags

    @property
    def calls(self) -> SqliteCalls:
        """Calls for inputs, stakeholders, requests sent and contributions received."""
        return self._calls

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them commit at the end of the block, or none if it raises. Nesting joins."""
        with transaction(self._conn):
            yield

    def check(self) -> list[str]:
        """Problems SQLite reports about the file (``PRAGMA integrity_check``) and its foreign keys."""
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._conn.execute("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
