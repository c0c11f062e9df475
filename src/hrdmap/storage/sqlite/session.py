"""The SQLite side of :class:`hrdmap.storage.sql.session.SqlSession`: ISO 8601 text for times and dates."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, cast

from hrdmap.storage.sql.session import Row
from hrdmap.storage.sqlite.connection import chunks, transaction
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text
from hrdmap.storage.utc import utc_text


def _slices(statement: str, ids: Sequence[Any], params: Sequence[Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """``statement`` with each ``{ids}`` as ``IN (?, …)`` for each slice of ``ids``, and its parameters."""
    times = statement.count("{ids}")
    for part in chunks(ids):
        marks = ", ".join("?" * len(part))
        yield statement.replace("{ids}", f"IN ({marks})"), (*params, *tuple(part) * times)


class SqliteSession:
    """Shared statements over one SQLite connection; writes join the store's transaction.

    Args:
        conn: The store's connection (rows by name: ``sqlite3.Row``).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        """Every row a query gives."""
        return cast(list[Row], self.conn.execute(statement, params).fetchall())

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        """The first row a query gives, or ``None``."""
        return cast(Row | None, self.conn.execute(statement, params).fetchone())

    def value(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or ``None``."""
        row = self.conn.execute(statement, params).fetchone()
        return None if row is None else row[0]

    def execute(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        return self.conn.execute(statement, params).rowcount

    def executemany(self, statement: str, params: Iterable[Sequence[Any]]) -> None:
        """Run a statement once per parameter row."""
        self.conn.executemany(statement, params)

    def insert(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT``; the new row's id."""
        return int(self.conn.execute(statement, params).lastrowid or 0)

    def transaction(self) -> AbstractContextManager[object]:
        """``BEGIN IMMEDIATE`` for the block, or the transaction already open."""
        return transaction(self.conn)

    def rows_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> list[Row]:
        """The rows of ``statement`` with ``{ids}`` as ``IN (…)``, a slice of ``ids`` at a time."""
        return [row for part, values in _slices(statement, ids, params) for row in self.rows(part, values)]

    def execute_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> int:
        """Run ``statement`` with ``{ids}`` as ``IN (…)``, a slice of ``ids`` at a time; the rows it changed."""
        return sum(self.execute(part, values) for part, values in _slices(statement, ids, params))

    def stamp(self, at: dt.datetime) -> Any:
        """ISO 8601 UTC text."""
        return utc_text(at)

    def from_stamp(self, value: Any) -> dt.datetime:
        """A timestamp from its text."""
        return from_text(value)

    def day(self, day: dt.date | None) -> Any:
        """ISO 8601 date text."""
        return date_to_text(day)

    def from_day(self, value: Any) -> dt.date | None:
        """A date from its text."""
        return date_from_text(value)

    def json(self, value: Any) -> Any:
        """JSON text, non-ASCII kept."""
        return json.dumps(value, ensure_ascii=False)

    def from_json(self, value: Any) -> Any:
        """A value from its JSON text."""
        return json.loads(value)
