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
from hrdmap.storage.sql.store import SqlStore
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


class SqliteStore(SqlStore[SqliteSession]):
    """The corpus in one SQLite file; implements :class:`hrdmap.storage.repository.Store` with the repositories
    of :class:`~hrdmap.storage.sql.store.SqlStore` (whose example shows them in use).

    Example::

        store = SqliteStore.from_url("sqlite:///data/hrdmap.sqlite3")
    """

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self._conn = conn
        session = SqliteSession(conn)
        super().__init__(
            session,
            tags=SqliteTags(session),
            incidents=SqliteIncidents(session),
            tables=SqliteTables(conn),
            read_only=read_only,
        )

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

    def check(self) -> list[str]:
        """Problems SQLite reports about the file (``PRAGMA integrity_check``) and its foreign keys."""
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._conn.execute("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
