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

from hrdmap.storage.lock import exclusive
from hrdmap.storage.private import writable
from hrdmap.storage.registry import StoreUrlError
from hrdmap.storage.repository import ReadOnlyStore
from hrdmap.storage.sql.accounts import SqlAccounts
from hrdmap.storage.sql.audit import SqlAudit
from hrdmap.storage.sql.batches import SqlBatches
from hrdmap.storage.sql.calls import SqlCalls
from hrdmap.storage.sql.documents import SqlDocuments
from hrdmap.storage.sql.mandates import SqlMandates
from hrdmap.storage.sql.quarantine import SqlQuarantine
from hrdmap.storage.sql.recommendations import SqlRecommendations
from hrdmap.storage.sqlite.connection import connect, connect_read_only, transaction
from hrdmap.storage.sqlite.incidents import SqliteIncidents
from hrdmap.storage.sqlite.session import SqliteSession
from hrdmap.storage.sqlite.tables import SqliteTables
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

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self._conn = conn
        self._read_only = read_only
        #: The shared statements' session (:mod:`hrdmap.storage.sql`), over the same connection.
        self.session = SqliteSession(conn)
        self._documents = SqlDocuments(self.session)
        self._batches = SqlBatches(self.session)
        self._audit = SqlAudit(self.session)
        self._mandates = SqlMandates(self.session)
        self._recommendations = SqlRecommendations(self.session)
        self._tags = SqliteTags(self.session)
        self._calls = SqlCalls(self.session)
        self._incidents = SqliteIncidents(self.session)
        self._quarantine = SqlQuarantine(self.session)
        self._accounts = SqlAccounts(self.session)
        self._tables = SqliteTables(conn)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> SqliteStore:
        """Open (creating and migrating if needed) the database at ``path``.

        Args:
            path: The database file.
            read_only: Open it for reading only (see :func:`connect_read_only`); writes are then refused.

        Raises:
            ReadOnlyStore: ``read_only`` and the file is missing or needs migrations.
        """
        if read_only:
            return cls(connect_read_only(Path(path)), read_only=True)
        return cls(connect(path))

    @classmethod
    def from_url(cls, url: str) -> SqliteStore:
        """Open the database a ``sqlite:///PATH`` URL names: the adapter's door in the ``hrdmap.stores`` registry.

        A database hrdmap cannot write (its folder or the file is read-only) is opened for reading only.

        Raises:
            StoreUrlError: The URL names no SQLite file (see :func:`sqlite_path`).
            ReadOnlyStore: The database cannot be written and is missing or needs migrations.
        """
        path = Path(sqlite_path(url))
        return cls.open(path, read_only=not writable(path))

    @property
    def read_only(self) -> bool:
        """Whether the store is open for reading only."""
        return self._read_only

    @property
    def documents(self) -> SqlDocuments:
        """Documents, versions, blocks and footnotes."""
        return self._documents

    @property
    def batches(self) -> SqlBatches:
        """Ingest batches."""
        return self._batches

    @property
    def audit(self) -> SqlAudit:
        """The audit trail."""
        return self._audit

    @property
    def mandates(self) -> SqlMandates:
        """The mandate registry: resolutions, requests and the documents answering them."""
        return self._mandates

    @property
    def recommendations(self) -> SqlRecommendations:
        """Tracked recommendations and their status history."""
        return self._recommendations

    @property
    def tags(self) -> SqliteTags:
        """Machine tags, tagging runs and reviewers' decisions."""
        return self._tags

    @property
    def calls(self) -> SqlCalls:
        """Calls for inputs, stakeholders, requests sent and contributions received."""
        return self._calls

    @property
    def incidents(self) -> SqliteIncidents:
        """Incidents against defenders, their merges, cases and acknowledged warnings."""
        return self._incidents

    @property
    def quarantine(self) -> SqlQuarantine:
        """Files too dangerous to parse again."""
        return self._quarantine

    @property
    def accounts(self) -> SqlAccounts:
        """Users, sessions and API tokens of the web app, and the wrapped data keys."""
        return self._accounts

    @property
    def tables(self) -> SqliteTables:
        """Whole tables, for copying the store into another."""
        return self._tables

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them commit at the end of the block, or none if it raises. Nesting joins.

        Raises:
            ReadOnlyStore: The store is open for reading only.
        """
        if self._read_only:
            folder = Path(self._conn.execute("PRAGMA database_list").fetchone()[2]).parent
            raise ReadOnlyStore(f"the data folder {folder} is read-only: this command needs to write to it")
        with transaction(self._conn):
            yield

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the store's lock ``name`` for the block: an exclusive lock on the file ``<database>-<name>.lock``.

        Raises:
            hrdmap.storage.lock.Busy: Another process holds it.
        """
        database = Path(self._conn.execute("PRAGMA database_list").fetchone()[2])
        with exclusive(database.with_name(f"{database.name}-{name}.lock")):
            yield

    def generation(self) -> int:
        """The store's generation of the corpus's aggregates (raised by triggers, migration 0009)."""
        row = self._conn.execute("SELECT value FROM generations WHERE subject = 'corpus'").fetchone()
        return int(row[0]) if row is not None else 0  # deleted: the next write brings it back

    def check(self) -> list[str]:
        """Problems SQLite reports about the file (``PRAGMA integrity_check``) and its foreign keys."""
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._conn.execute("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
