"""What a shared repository needs from a database: run a statement, and write and read its values.

Statements mark their parameters with ``?`` (the PostgreSQL session rewrites them to ``%s``, and a literal ``%``
to ``%%``); write ``TRUE``/``FALSE`` for boolean literals (SQLite reads them as 1 and 0), and ``COLLATE BINARY``
to order text by code point (PostgreSQL's ``COLLATE "C"``; ``lower(x COLLATE BINARY)`` folds ASCII letters only,
in both). Rows are read by column name (``row["title"]``), never with ``.get``: SQLite's rows are not
dictionaries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

#: A row read by column name.
Row = Mapping[str, Any]


class SqlSession(Protocol):
    """One store's statements and values; implemented by each adapter."""

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        """Every row a query gives."""
        ...

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        """The first row a query gives, or ``None``."""
        ...

    def value(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or ``None`` when there is no row."""
        ...

    def execute(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; returns the number of rows it changed."""
        ...

    def executemany(self, statement: str, params: Iterable[Sequence[Any]]) -> None:
        """Run a statement once per parameter row."""
        ...

    def insert(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT`` into a table with an ``id`` key (no ``RETURNING``); returns the new row's id."""
        ...

    def transaction(self) -> AbstractContextManager[object]:
        """A writing transaction for the block, or the caller's when one is open (then the block joins it)."""
        ...

    def rows_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> list[Row]:
        """The rows of a query whose ``{ids}`` is ``column IN`` the ``ids``: ``"… WHERE b.id {ids}"``.

        ``params`` bind the ``?`` before ``{ids}``; none may follow it. ``{ids}`` may stand more than once, each
        time for the same ``ids``. The rows come in no particular order (SQLite runs the query once per slice of
        ``ids``): sort them after.
        """
        ...

    def execute_in(self, statement: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> int:
        """Run a statement whose ``{ids}`` is ``column IN`` the ``ids``, as :meth:`rows_in` reads them:
        ``"UPDATE versions SET search_indexed = ? WHERE id {ids}"``; returns the number of rows it changed."""
        ...

    def stamp(self, at: dt.datetime) -> Any:
        """A timezone-aware datetime as the database keeps it.

        Raises:
            ValueError: ``at`` has no timezone.
        """
        ...

    def from_stamp(self, value: Any) -> dt.datetime:
        """A timestamp read back, timezone-aware in UTC."""
        ...

    def day(self, day: dt.date | None) -> Any:
        """A date as the database keeps it (``None`` stays ``None``)."""
        ...

    def from_day(self, value: Any) -> dt.date | None:
        """A date read back."""
        ...

    def json(self, value: Any) -> Any:
        """A value for a JSON column."""
        ...

    def from_json(self, value: Any) -> Any:
        """A JSON column read back."""
        ...


#: An adapter's own session, for a shared class whose adapters' subclasses reach what only their session does.
S = TypeVar("S", bound=SqlSession)


def maybe_stamp(session: SqlSession, value: Any) -> dt.datetime | None:
    """:meth:`SqlSession.from_stamp`, keeping ``NULL`` as ``None``."""
    return session.from_stamp(value) if value is not None else None
