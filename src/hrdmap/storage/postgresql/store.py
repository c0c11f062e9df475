"""The PostgreSQL store: the corpus, its batches and the audit trail in one schema of a PostgreSQL database.

Registered under the ``hrdmap.stores`` entry-point group as ``postgresql``, so
``HRDMAP_DATABASE_URL=postgresql://ana@db.example.org/hrdmap`` chooses it (see
:mod:`hrdmap.storage.postgresql.connection` for the URL's own parameters). Opening a store creates its schema
when missing and applies the migrations it lacks; a server that only reads (a standby, or a session that is
read-only by default) gives a read-only store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hrdmap.storage.postgresql.connection import Connection, Database, Target, configure, connect, parse_url
from hrdmap.storage.postgresql.documents import PostgresDocuments
from hrdmap.storage.postgresql.incidents import PostgresIncidents
from hrdmap.storage.postgresql.mandates import PostgresMandates
from hrdmap.storage.postgresql.migrate import migrate, pending
from hrdmap.storage.postgresql.session import PostgresSession
from hrdmap.storage.postgresql.tables import PostgresTables
from hrdmap.storage.postgresql.tags import PostgresTags
from hrdmap.storage.registry import StoreUrlError
from hrdmap.storage.repository import ReadOnlyStore
from hrdmap.storage.sql.store import SqlStore

_READ_ONLY = "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS read_only"


class PostgresStore(SqlStore[PostgresSession]):
    """The corpus in PostgreSQL; implements :class:`hrdmap.storage.repository.Store` with the repositories of
    :class:`~hrdmap.storage.sql.store.SqlStore` (whose example shows them in use).

    Example::

        store = PostgresStore.from_url("postgresql://ana@127.0.0.1:5432/hrdmap?schema=team_a")

    Args:
        db: The store's connections.
        read_only: Whether the server refuses writes.
    """

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self._db = db
        session = PostgresSession(db)
        super().__init__(
            session,
            tags=PostgresTags(session),
            incidents=PostgresIncidents(session),
            tables=PostgresTables(db),
            documents=PostgresDocuments(session),
            mandates=PostgresMandates(session),
            read_only=read_only,
        )

    @classmethod
    def from_url(cls, url: str) -> PostgresStore:
        """Open (creating its schema and migrating if needed) the store a ``postgresql://`` URL names: the
        adapter's door in the ``hrdmap.stores`` registry.

        Raises:
            hrdmap.storage.registry.StoreUrlError: The URL cannot be used (the message never repeats a password).
            hrdmap.storage.postgresql.connection.PostgresUnavailable: The server cannot be reached.
            ReadOnlyStore: The server only reads and the store is missing or needs migrations.
        """
        target = parse_url(url)
        conn = connect(target)
        try:
            schema, read_only = _prepare(conn, target)
        finally:
            conn.close()
        return cls(Database(target, schema), read_only=read_only)

    @property
    def database(self) -> Database:
        """The store's connections (for this adapter's own tools and tests)."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them commit at the end of the block, or none if it raises. Nesting joins.

        Writers wait for each other (the store's write lock, taken when the block starts); readers do not.

        Raises:
            ReadOnlyStore: The server only reads.
        """
        if self._read_only:
            raise ReadOnlyStore(f"the PostgreSQL store {self._db.where} is read-only: this command needs to write")
        with self._db.transaction():
            yield

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the store's lock ``name`` for the block (an advisory lock the server frees if the process dies).

        Raises:
            hrdmap.storage.lock.Busy: Another process holds it.
        """
        with self._db.lock(name):
            yield

    def check(self) -> list[str]:
        """Problems the store reports about itself: migrations it lacks (PostgreSQL checks its own pages)."""
        with self._db.connection() as conn:
            return [f"migration not applied: {name}" for name in pending(conn)]

    def close(self) -> None:
        """Close the pool's connections."""
        self._db.close()


def _prepare(conn: Connection, target: Target) -> tuple[str, bool]:
    """The store's schema and whether the server only reads, after creating and migrating it when it can.

    Raises:
        ReadOnlyStore: The server only reads and the store is missing or needs migrations.
        hrdmap.storage.registry.StoreUrlError: No schema was named and the search path names none that exists.
    """
    row = conn.execute(_READ_ONLY).fetchone()
    read_only = bool(row and row["read_only"])
    schema = target.schema or _current_schema(conn, target)
    if not read_only:
        migrate(conn, schema)
        return schema, False
    configure(conn, schema)
    missing = pending(conn)
    if missing:
        raise ReadOnlyStore(
            f"the PostgreSQL store {target.where} (schema {schema}) is read-only and needs "
            f"{', '.join(missing)}: open it once with a server and role that can write"
        )
    return schema, True


def _current_schema(conn: Connection, target: Target) -> str:
    row = conn.execute("SELECT current_schema() AS schema").fetchone()
    if row is None or row["schema"] is None:
        raise StoreUrlError(
            f"the PostgreSQL database {target.where} has no schema on the search path: add ?schema=NAME to the URL"
        )
    return str(row["schema"])
