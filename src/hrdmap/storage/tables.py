"""Whole tables, for copying a store into another (``hrdmap migrate-store``): the protocol and the checksum.

Rows travel in a **portable form** both adapters read and write, the form the SQLite adapter stores: ``None``,
``int``, ``float``, ``str`` and ``bytes``; timestamps as ISO 8601 UTC text with microseconds
(``2026-03-01T09:30:00.000000Z``), dates as ``2026-03-01``, booleans as ``0`` and ``1``, JSON as its text. A
table's rows come in the order of its primary key, so a copy keeps every id, and the checksum of a table
(:func:`checksum`) is the same in both stores when they hold the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

#: A value in portable form.
Value = None | int | float | str | bytes
Row = tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the store and its columns, in the order they are stored.

    Attributes:
        name: The table's name.
        columns: Its columns.
    """

    name: str
    columns: tuple[str, ...]


class TableAccess(Protocol):
    """A store's tables as rows: read them, load them into an empty store, empty a store."""

    def migrations(self) -> list[str]:
        """The migrations the store has had, by name."""
        ...

    def tables(self) -> list[Table]:
        """Every table but ``schema_migrations`` and ``generations`` (each store counts its own), parents before
        the tables whose foreign keys point at them."""
        ...

    def count(self, table: str) -> int:
        """How many rows ``table`` holds."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Read every table as of one moment for the block (others may write meanwhile)."""
        ...

    def rows(self, table: Table) -> Iterator[Row]:
        """The rows of ``table`` in portable form, in primary-key order, streamed."""
        ...

    def load(self, table: Table, rows: Iterable[Row]) -> int:
        """Insert rows in portable form, ids included (inside the store's transaction); returns how many."""
        ...

    def finish_load(self) -> None:
        """After a load: make the next ids follow the largest loaded (inside the store's transaction)."""
        ...

    def reset(self) -> None:
        """Drop everything the store holds and apply the migrations afresh: an empty store."""
        ...


def checksum(rows: Iterable[Row]) -> tuple[int, str]:
    """The number of rows and a SHA-256 of their portable form (equal in any store holding the same rows)."""
    tally = Tally()
    for _ in tally.through(rows):
        pass
    return tally.count, tally.checksum


def _plain(value: Value) -> object:
    return {"bytes": value.hex()} if isinstance(value, bytes) else value


class Tally:
    """Counts and digests rows as they pass on their way to a load (the source's checksum, read once)."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.count = 0

    def through(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Yield ``rows`` unchanged, digesting each."""
        for row in rows:
            self._digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode("utf-8"))
            self._digest.update(b"\n")
            self.count += 1
            yield row

    @property
    def checksum(self) -> str:
        """The SHA-256 of the rows that went through (as :func:`checksum` gives it)."""
        return self._digest.hexdigest()


def load_order(tables: Sequence[str], parents: dict[str, set[str]]) -> list[str]:
    """``tables`` with every table after the tables its foreign keys point at (self-references ignored), else in
    the order given."""
    ordered: list[str] = []
    placed: set[str] = set()
    pending = list(tables)
    while pending:
        ready = next((t for t in pending if parents.get(t, set()) - {t} <= placed), pending[0])
        ordered.append(ready)
        placed.add(ready)
        pending.remove(ready)
    return ordered
