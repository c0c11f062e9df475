"""Whole tables of a PostgreSQL store (:class:`hrdmap.storage.tables.TableAccess`), for ``hrdmap migrate-store``.

Rows go out in the portable form of :mod:`hrdmap.storage.tables` (``timestamptz`` as ISO UTC text, ``date`` as
ISO text, ``boolean`` as 0 and 1, ``json`` as the text it holds, ``bytea`` as bytes) through a server-side
cursor, and come in with ``COPY``, whose text input reads that form for every column type as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from psycopg import sql
from psycopg.types.string import TextLoader

from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.migrate import migrate
from hrdmap.storage.tables import Row, Table, load_order
from hrdmap.storage.utc import utc_text

_TABLES = """
    SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = %s AND c.relkind = 'r' AND c.relname NOT IN ('schema_migrations', 'generations')
     ORDER BY c.oid
"""
_PARENTS = "SELECT conrelid, confrelid FROM pg_constraint WHERE contype = 'f' AND connamespace = %s::regnamespace"
_COLUMNS = """
    SELECT attrelid, attname FROM pg_attribute WHERE attrelid = ANY(%s) AND attnum > 0 AND NOT attisdropped
     ORDER BY attrelid, attnum
"""
_KEY = """
    SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
"""
_IDENTITIES = """
    SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = %s AND a.attidentity <> '' AND c.relkind = 'r'
"""


def _portable(value: Any) -> Any:
    """A value read from PostgreSQL in the portable form (the SQLite adapter's)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    return value


class PostgresTables:
    """The tables of one PostgreSQL store (its schema).

    Args:
        db: The store's connections.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def migrations(self) -> list[str]:
        """The migrations the store has had, by name."""
        return [r["name"] for r in self._db.rows('SELECT name FROM schema_migrations ORDER BY name COLLATE "C"')]

    def tables(self) -> list[Table]:
        """Every table of the schema but ``schema_migrations`` and ``generations``, parents first
        (then in the order created)."""
        found = {r["oid"]: r["relname"] for r in self._db.rows(_TABLES, (self._db.schema,))}
        parents: dict[str, set[str]] = {name: set() for name in found.values()}
        for r in self._db.rows(_PARENTS, (self._db.schema,)):
            if r["conrelid"] in found and r["confrelid"] in found:
                parents[found[r["conrelid"]]].add(found[r["confrelid"]])
        columns: dict[str, list[str]] = {name: [] for name in found.values()}
        for r in self._db.rows(_COLUMNS, (list(found),)):
            columns[found[r["attrelid"]]].append(r["attname"])
        return [Table(name, tuple(columns[name])) for name in load_order(list(found.values()), parents)]

    def count(self, table: str) -> int:
        """How many rows ``table`` holds."""
        return int(self._db.value(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))))

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One repeatable-read, read-only transaction for the block (the calling thread's reads join it)."""
        with self._db.reading():
            yield

    def rows(self, table: Table) -> Iterator[Row]:
        """The rows of ``table`` in portable form, in primary-key order, through a server-side cursor."""
        key = [r["attname"] for r in self._db.rows(_KEY, (sql.Identifier(table.name).as_string(),))]
        query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
            sql.SQL(", ").join(map(sql.Identifier, table.columns)),
            sql.Identifier(table.name),
            sql.SQL(", ").join(map(sql.Identifier, key or table.columns)),
        )
        with self._db.reading(), self._db.connection() as conn, conn.cursor(name=f"copy_{table.name}") as cursor:
            cursor.adapters.register_loader("json", TextLoader)
            cursor.itersize = 2000
            cursor.row_factory = lambda _: tuple  # type: ignore[assignment]
            cursor.execute(query)
            for row in cursor:
                yield tuple(_portable(v) for v in row)

    def load(self, table: Table, rows: Iterable[Row]) -> int:
        """``COPY`` rows in portable form, ids included; deferrable foreign keys wait for the commit."""
        query = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, table.columns))
        )
        count = 0
        with self._db.connection() as conn, conn.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            with cursor.copy(query) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count

    def finish_load(self) -> None:
        """Move each identity column's sequence past the largest id loaded."""
        for r in self._db.rows(_IDENTITIES, (self._db.schema,)):
            table, column = sql.Identifier(r["relname"]), sql.Identifier(r["attname"])
            self._db.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max({}), 0) + 1, false) FROM {}"
                ).format(column, table),
                (sql.Identifier(self._db.schema, r["relname"]).as_string(), r["attname"]),
            )

    def reset(self) -> None:
        """Drop every table and function of the schema, then apply the migrations afresh."""
        with self._db.connection() as conn, conn.transaction():
            tables = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s", (self._db.schema,)
            ).fetchall()
            for r in tables:
                conn.execute(
                    sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(sql.Identifier(self._db.schema, r["tablename"]))
                )
            functions = conn.execute(
                "SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = %s::regnamespace", (self._db.schema,)
            ).fetchall()
            for r in functions:
                name = sql.Identifier(self._db.schema, r["proname"])
                conn.execute(sql.SQL("DROP FUNCTION IF EXISTS {} CASCADE").format(name))
        with self._db.connection() as conn:
            migrate(conn, self._db.schema)
