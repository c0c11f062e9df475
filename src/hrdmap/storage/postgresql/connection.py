"""Connections to PostgreSQL the way hrdmap needs them: a pool, one schema, UTC, writers in line.

A store URL is a libpq URL with up to three parameters of hrdmap's own, removed before libpq sees it::

    postgresql://ana@db.example.org:5432/hrdmap?schema=team_a&pool_max=8&sslmode=require

``schema`` (default: the server's ``current_schema()``, usually ``public``) is created when missing and is the
only schema the connections see, so one database can hold several stores; ``pool_min`` and ``pool_max`` size the
connection pool (1 and 4). Every connection runs in autocommit with ``TimeZone`` UTC.

:class:`Database` hands the repositories one connection for the statements of a transaction (the calling
thread's, so threads sharing a store each get their own) and a pooled connection for a read outside one.
Writing transactions are serialised like SQLite's ``BEGIN IMMEDIATE``: each starts by taking a transaction-level
advisory lock of the store, so a service that checks what it is about to add (``documents.by_sha256``) inside a
transaction sees every earlier writer's commit (``READ COMMITTED``: each statement sees what was committed before
it started) and no other writer can add the same thing before it commits. Readers never wait.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool

from hrdmap.domain.errors import Unavailable
from hrdmap.storage.lock import Busy
from hrdmap.storage.registry import StoreUrlError

#: URL schemes this adapter serves.
SCHEMES = ("postgresql",)
#: The first key of every advisory lock hrdmap takes (the second is the store's schema); named locks add theirs.
_WRITE_LOCK, _MIGRATE_LOCK, _NAMED_LOCK = 0x68726401, 0x68726402, 0x68726403
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_OWN_PARAMETERS = ("schema", "pool_min", "pool_max")

Connection = psycopg.Connection[DictRow]


class PostgresUnavailable(Unavailable):
    """The PostgreSQL server named by the store URL cannot be reached or refused the connection."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a store URL names, split into what libpq takes and what hrdmap takes.

    Attributes:
        conninfo: The URL without hrdmap's parameters, for libpq.
        schema: The schema holding the store, or ``None`` for the server's ``current_schema()``.
        pool_min: Connections the pool keeps open.
        pool_max: Connections the pool opens at most.
        where: ``host:port/database`` for messages (never the user's password).
    """

    conninfo: str
    schema: str | None
    pool_min: int
    pool_max: int
    where: str


def parse_url(url: str) -> Target:
    """Split a ``postgresql://`` URL into libpq's connection string and hrdmap's settings.

    Raises:
        StoreUrlError: Not a PostgreSQL URL, a bad schema name or pool size, or a URL libpq refuses (the
            message never repeats the password).
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise StoreUrlError("a PostgreSQL database URL is postgresql://user@host:port/database")
    query = parse_qsl(parts.query, keep_blank_values=True)
    own = {k: v for k, v in query if k in _OWN_PARAMETERS}
    schema = own.get("schema") or None
    if schema is not None and _IDENTIFIER.fullmatch(schema) is None:
        raise StoreUrlError(f"schema={schema!r} in the database URL: use letters, digits and _ (63 at most)")
    pool_min, pool_max = _size(own, "pool_min", 1), _size(own, "pool_max", 4)
    if pool_max < pool_min:
        raise StoreUrlError(f"pool_max={pool_max} is smaller than pool_min={pool_min} in the database URL")
    rest = [(k, v) for k, v in query if k not in _OWN_PARAMETERS]
    conninfo = urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(rest, quote_via=quote), parts.fragment))
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        raise StoreUrlError("the PostgreSQL URL cannot be read (postgresql://user@host:port/database)") from None
    where = f"{params.get('host') or 'localhost'}:{params.get('port') or 5432}/{params.get('dbname') or ''}"
    return Target(conninfo, schema, pool_min, pool_max, where)


def _size(own: dict[str, str], name: str, default: int) -> int:
    raw = own.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise StoreUrlError(f"{name}={raw!r} in the database URL must be a whole number of at least 1")
    return int(raw)


def key_of(text: str) -> int:
    """A stable signed 32-bit number for ``text``: the second half of an advisory lock's key."""
    return zlib.crc32(text.encode("utf-8")) - 2**31


def connect(target: Target, *, schema: str | None = None) -> Connection:
    """Open one connection (autocommit, UTC, ``schema`` alone on the search path when given).

    Raises:
        PostgresUnavailable: The server cannot be reached or refused the connection.
    """
    try:
        conn = psycopg.connect(target.conninfo, autocommit=True, row_factory=dict_row, connect_timeout=10)
    except psycopg.OperationalError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PostgresUnavailable(f"cannot connect to PostgreSQL at {target.where}: {first}") from None
    configure(conn, schema)
    return conn


def configure(conn: Connection, schema: str | None) -> None:
    """Set UTC and the search path on a new connection."""
    conn.execute("SET TIME ZONE 'UTC'")
    if schema is not None:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))


class Database:
    """The store's connections: a pool, the calling thread's transaction, the write lock and named locks.

    Args:
        target: Where the store is.
        schema: The schema holding it (created before, see :func:`hrdmap.storage.postgresql.store.open_url`).
    """

    def __init__(self, target: Target, schema: str) -> None:
        self.target = target
        self.schema = schema
        self._key = key_of(schema)
        self._local = threading.local()
        self._pool: ConnectionPool[Connection] = ConnectionPool(
            target.conninfo,
            min_size=target.pool_min,
            max_size=target.pool_max,
            kwargs={"autocommit": True, "row_factory": dict_row},
            configure=lambda conn: configure(conn, schema),
            connection_class=psycopg.Connection[DictRow],
            open=True,
            name=f"hrdmap:{target.where}",
        )

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """The calling thread's transaction's connection, or one from the pool for the block."""
        current: Connection | None = getattr(self._local, "conn", None)
        if current is not None:
            yield current
            return
        with self._pool.connection() as conn:
            yield conn

    def rows(self, query: str | sql.Composed, params: Sequence[Any] | dict[str, Any] = ()) -> list[DictRow]:
        """Every row a query gives."""
        with self.connection() as conn:
            return conn.execute(query, params).fetchall()

    def one(self, query: str | sql.Composed, params: Sequence[Any] | dict[str, Any] = ()) -> DictRow | None:
        """The first row a query gives, or ``None``."""
        with self.connection() as conn:
            return conn.execute(query, params).fetchone()

    def value(self, query: str | sql.Composed, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (a query that always gives one, like ``INSERT … RETURNING id``)."""
        row = self.one(query, params)
        if row is None:
            raise LookupError("the query gave no row")
        return next(iter(row.values()))

    def execute(self, query: str | sql.Composed, params: Sequence[Any] = ()) -> int:
        """Run a statement; returns the number of rows it touched."""
        with self.connection() as conn:
            return conn.execute(query, params).rowcount

    def executemany(self, query: str, params: Iterable[Sequence[Any]]) -> None:
        """Run a statement once per parameter row (pipelined by psycopg)."""
        with self.connection() as conn, conn.cursor() as cursor:
            cursor.executemany(query, params)

    @property
    def in_transaction(self) -> bool:
        """Whether the calling thread is inside :meth:`transaction`."""
        return getattr(self._local, "conn", None) is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One writing transaction for the block, joined by nested blocks (no savepoints).

        The block first waits for the store's write lock, so writers commit one after the other; any exception
        (``KeyboardInterrupt`` included) rolls the whole block back.
        """
        with self._own_transaction("SELECT pg_advisory_xact_lock(%s, %s)", (_WRITE_LOCK, self._key)):
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One repeatable-read, read-only transaction for the calling thread's reads in the block (joins the
        thread's transaction when it has one): every table as of one moment."""
        with self._own_transaction("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"):
            yield

    @contextmanager
    def _own_transaction(self, opening: str, params: Sequence[Any] | None = None) -> Iterator[None]:
        """A transaction on a pooled connection, begun by the statement ``opening`` and held as the calling
        thread's for the block; the thread's own transaction when it is in one already."""
        if self.in_transaction:
            yield
            return
        with self._pool.connection() as conn, conn.transaction():
            conn.execute(opening, params)
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the store's lock ``name`` for the block, on a connection of its own.

        A session advisory lock: the server releases it when the block ends or the process dies (its
        connection closes).

        Raises:
            Busy: Another session holds it.
        """
        with self._pool.connection() as conn:
            got = conn.execute(
                "SELECT pg_try_advisory_lock(%s, %s) AS got", (_NAMED_LOCK, key_of(f"{self.schema}:{name}"))
            )
            row = got.fetchone()
            if row is None or not row["got"]:
                raise Busy(f"another hrdmap process holds the {name} lock of the PostgreSQL store {self.where}")
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_NAMED_LOCK, key_of(f"{self.schema}:{name}")))

    @property
    def where(self) -> str:
        """``host:port/database?schema=…`` for messages."""
        return f"{self.target.where} (schema {self.schema})"

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


def migrate_lock_key(schema: str) -> tuple[int, int]:
    """The advisory lock key that keeps two processes from migrating the same store at once."""
    return _MIGRATE_LOCK, key_of(schema)
