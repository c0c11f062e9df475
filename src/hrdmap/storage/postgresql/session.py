"""The PostgreSQL side of :class:`hrdmap.storage.sql.session.SqlSession`: ``?`` becomes ``%s``, ``IN`` becomes
``= ANY(…)``, ``COLLATE BINARY`` becomes ``COLLATE "C"``, timestamps are ``timestamptz`` in UTC, JSON goes as
text and comes back parsed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any

from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import to_json, utc
from hrdmap.storage.sql.session import Row
from hrdmap.storage.utc import in_utc


@lru_cache(maxsize=1024)
def dialect(statement: str) -> str:
    """A shared statement in psycopg's placeholders (``%`` doubled, ``?`` as ``%s``) and collations (SQLite's
    ``BINARY``, code point order, is PostgreSQL's ``"C"``)."""
    return statement.replace("%", "%%").replace("?", "%s").replace("COLLATE BINARY", 'COLLATE "C"')


def _any(statement: str, ids: Sequence[Any], params: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
    """``statement`` with each ``{ids}`` as ``= ANY(?)`` over all of ``ids``, and its parameters."""
    return statement.replace("{ids}", "= ANY(?)"), (*params, *[list(ids)] * statement.count("{ids}"))


class PostgresSession:
    """Shared statements over the store's connections; writes join the calling thread's transaction.

    Args:
        db: The store's connections.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        """Every row a query gives."""
        return list(self.db.rows(dialect(statement), params))

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        """The first row a query gives, or ``None``."""
        return self.db.one(dialect(statement), params)

    def value(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or ``None``."""
        row = self.db.one(dialect(statement), params)
        return None if row is None else next(iter(row.values()))

    def execute(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        return self.db.execute(dialect(statement), params)

    def executemany(self, statement: str, params: Iterable[Sequence[Any]]) -> None:
        """Run a statement once per parameter row (pipelined)."""
        self.db.executemany(dialect(statement), params)

    def insert(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT … RETURNING id``; the new row's id."""
        return int(self.db.value(dialect(statement) + " RETURNING id", params))

    def transaction(self) -> AbstractContextManager[object]:
        """The store's writing transaction (its write lock taken first), or the calling thread's open one."""
        return self.db.transaction()

    def rows_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> list[Row]:
        """The rows of ``statement`` with ``{ids}`` as ``= ANY(…)`` over all of ``ids`` at once."""
        return self.rows(*_any(statement, ids, params))

    def execute_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> int:
        """Run ``statement`` with ``{ids}`` as ``= ANY(…)`` over all of ``ids`` at once; the rows it changed."""
        return self.execute(*_any(statement, ids, params))

    def copy(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
        """Write ``rows`` into ``columns`` of ``table`` with one ``COPY`` (far faster than an ``INSERT`` each), in
        the calling thread's transaction.

        Args:
            table: The table, as written in SQL (one of the adapter's own, never a user's text).
            columns: Its columns, comma-separated, in the order of each row's values.
            rows: The rows' values, in PostgreSQL's types (:meth:`stamp`, :meth:`json` …).
        """
        with self.db.connection() as conn, conn.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def stamp(self, at: dt.datetime) -> Any:
        """A UTC datetime for ``timestamptz``."""
        return in_utc(at)

    def from_stamp(self, value: Any) -> dt.datetime:
        """A ``timestamptz`` in UTC."""
        return utc(value)

    def day(self, day: dt.date | None) -> Any:
        """Dates go as they are."""
        return day

    def from_day(self, value: Any) -> dt.date | None:
        """Dates come back as they are."""
        return value  # type: ignore[no-any-return]

    def json(self, value: Any) -> Any:
        """JSON text, written as the SQLite adapter writes it."""
        return to_json(value)

    def from_json(self, value: Any) -> Any:
        """``json``/``jsonb`` columns come back parsed."""
        return value
