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
from hrdmap.storage.sql.accounts import SqlAccounts
from hrdmap.storage.sql.audit import SqlAudit
from hrdmap.storage.sql.batches import SqlBatches
from hrdmap.storage.sql.calls import SqlCalls
from hrdmap.storage.sql.quarantine import SqlQuarantine
from hrdmap.storage.sql.recommendations import SqlRecommendations

_READ_ONLY = "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS read_only"


class PostgresStore:
    """The corpus in PostgreSQL; implements :class:`hrdmap.storage.repository.Store`.

    Example::

        store = PostgresStore.from_url("postgresql://ana@127.0.0.1:5432/hrdmap?schema=team_a")
        with store.transaction():
            stored = store.documents.add_version(document, at=now)
            store.audit.record("document.stored", actor="ana", at=now, subject=f"document:{stored.id}")

    Args:
        db: The store's connections.
        read_only: Whether the server refuses writes.
    """

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self._db = db
        self._read_only = read_only
        #: The shared statements' session (:mod:`hrdmap.storage.sql`), over the same connections.
        self.session = PostgresSession(db)
        self._documents = PostgresDocuments(self.session)
        self._batches = SqlBatches(self.session)
        self._audit = SqlAudit(self.session)
        self._mandates = PostgresMandates(self.session)
        self._recommendations = SqlRecommendations(self.session)
        self._tags = PostgresTags(self.session)
        self._calls = SqlCalls(self.session)
        self._incidents = PostgresIncidents(self.session)
        self._quarantine = SqlQuarantine(self.session)
        self._accounts = SqlAccounts(self.session)
        self._tables = PostgresTables(db)

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
    def read_only(self) -> bool:
        """Whether the store is open for reading only."""
        return self._read_only

    @property
    def database(self) -> Database:
        """The store's connections (for this adapter's own tools and tests)."""
        return self._db

    @property
    def documents(self) -> PostgresDocuments:
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
    def mandates(self) -> PostgresMandates:
        """The mandate registry: resolutions, requests and the documents answering them."""
        return self._mandates

    @property
    def recommendations(self) -> SqlRecommendations:
        """Tracked recommendations and their status history."""
        return self._recommendations

    @property
    def tags(self) -> PostgresTags:
        """Machine tags, tagging runs and reviewers' decisions."""
        return self._tags

    @property
    def calls(self) -> SqlCalls:
        """Calls for inputs, stakeholders, requests sent and contributions received."""
        return self._calls

    @property
    def incidents(self) -> PostgresIncidents:
        """Incidents, merges, cases and acknowledged warnings."""
        return self._incidents

    @property
    def quarantine(self) -> SqlQuarantine:
        """Files too dangerous to parse again."""
        return self._quarantine

    @property
    def accounts(self) -> SqlAccounts:
        """Web users, sessions, API tokens and wrapped data keys."""
        return self._accounts

    @property
    def tables(self) -> PostgresTables:
        """Whole tables, for copying the store into another."""
        return self._tables

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

    def generation(self) -> int:
        """The store's generation of the corpus's aggregates (raised by triggers, migration 0009)."""
        row = self._db.one("SELECT value FROM generations WHERE subject = 'corpus'")
        return int(row["value"]) if row is not None else 0  # deleted: the next write brings it back

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
