"""Whole tables of a SQLite store (:class:`hrdmap.storage.tables.TableAccess`), for ``hrdmap migrate-store``.

SQLite already stores the portable form of :mod:`hrdmap.storage.tables` (timestamps and dates as ISO text, 0 and
1, JSON text), so rows go out and in as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from hrdmap.storage.sqlite.connection import migrate, transaction
from hrdmap.storage.tables import Row, Table, load_order


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteTables:
    """The tables of one SQLite store.

    Args:
        conn: The store's connection.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def migrations(self) -> list[str]:
        """The migrations the store has had, by name."""
        return [r[0] for r in self._conn.execute("SELECT name FROM schema_migrations ORDER BY name")]

    def tables(self) -> list[Table]:
        """Every table but ``schema_migrations`` and ``generations`` (the store's own counter), parents first
        (then in the order they were created)."""
        names = [
            r[0]
            for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                " AND name NOT IN ('schema_migrations', 'generations') ORDER BY rowid"
            )
        ]
        parents = {
            name: {r["table"] for r in self._conn.execute(f"PRAGMA foreign_key_list({_quoted(name)})")}
            for name in names
        }
        return [Table(name, self._columns(name)) for name in load_order(names, parents)]

    def _columns(self, table: str) -> tuple[str, ...]:
        return tuple(r["name"] for r in self._conn.execute(f"PRAGMA table_info({_quoted(table)})"))

    def _key(self, table: str) -> str:
        info = [r for r in self._conn.execute(f"PRAGMA table_info({_quoted(table)})") if r["pk"]]
        return ", ".join(_quoted(r["name"]) for r in sorted(info, key=lambda r: r["pk"])) or "rowid"

    def count(self, table: str) -> int:
        """How many rows ``table`` holds."""
        return int(self._conn.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0])  # noqa: S608

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction for the block: every table as of its first read."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def rows(self, table: Table) -> Iterator[Row]:
        """The rows of ``table`` as stored, in primary-key order."""
        columns = ", ".join(map(_quoted, table.columns))
        cursor = self._conn.execute(f"SELECT {columns} FROM {_quoted(table.name)} ORDER BY {self._key(table.name)}")  # noqa: S608
        cursor.row_factory = None
        while batch := cursor.fetchmany(1000):
            yield from (tuple(r) for r in batch)

    def load(self, table: Table, rows: Iterable[Row]) -> int:
        """Insert rows as given; foreign keys are checked at commit (``defer_foreign_keys``)."""
        self._conn.execute("PRAGMA defer_foreign_keys = ON")
        marks = ", ".join("?" * len(table.columns))
        columns = ", ".join(map(_quoted, table.columns))
        before = self._conn.total_changes
        self._conn.executemany(f"INSERT INTO {_quoted(table.name)} ({columns}) VALUES ({marks})", rows)  # noqa: S608
        return self._conn.total_changes - before

    def finish_load(self) -> None:
        """Nothing: SQLite's next rowid follows the largest."""

    def reset(self) -> None:
        """Drop every table and view (their indexes and triggers go with them), then migrate afresh."""
        self._conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with transaction(self._conn):
                objects = self._conn.execute(
                    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
                ).fetchall()
                for kind, name in objects:
                    self._conn.execute(f"DROP {kind.upper()} IF EXISTS {_quoted(name)}")
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")
        migrate(self._conn)
