"""Records from the rows of a table, for both adapters: a column fills the record's field of the same name.

The SQLite and PostgreSQL adapters read the same tables into the same frozen records; what differs is how a
value comes back (a timestamp as ISO text or as a ``datetime``, JSON as text or as a list). So an adapter names
only the fields it converts, and :func:`from_row` copies the others, column to field::

    from_row(BatchItem, row, status=ItemStatus(row["status"]), updated_at=maybe_utc(row["updated_at"]))

Driver-free: a row is anything with ``keys()`` and ``row[name]`` (``sqlite3.Row``, psycopg's ``DictRow``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


#: A row by column name: anything with ``keys()`` and ``row[name]`` (``sqlite3.Row``, psycopg's ``DictRow``);
#: not a protocol class, which would make this module a repository protocol for the contract tests.
Row = Any


@functools.cache
def _fields(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def from_row(cls: Callable[..., R], row: Row, **given: Any) -> R:
    """A record (a dataclass) whose fields take the values of the row's columns of the same name.

    Args:
        cls: The record's class.
        row: The row.
        **given: Fields whose values the adapter converts or finds elsewhere; they win over columns.

    Fields that are neither given nor a column of the row keep their defaults.
    """
    columns = set(row.keys())
    values = {name: row[name] for name in _fields(cls) if name in columns and name not in given}
    return cls(**values, **given)
