"""Incidents in SQLite: the shared statements (:mod:`hrdmap.storage.sql.incidents`) and a streaming read for figures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.storage.sql.incidents import SqlIncidents
from hrdmap.storage.sql.session import Row
from hrdmap.storage.sqlite.session import SqliteSession


class SqliteIncidents(SqlIncidents[SqliteSession]):
    """Incidents over one SQLite connection; writes join the store's transaction."""

    def countable(self) -> Iterator[Incident]:
        """Incidents not merged into another, with only what counting needs, streamed in id order.

        Four cursors sorted by incident id are walked together (a merge join), so memory stays flat.
        """
        conn = self._session.conn
        events = conn.execute(
            "SELECT id, status, sensitivity, date_start, date_end, date_precision, country FROM incidents"
            " WHERE merged_into IS NULL ORDER BY id"
        )
        acts = _Grouped(conn.execute(
            "SELECT incident_id, type, victims, perpetrators FROM incident_acts ORDER BY incident_id, seq"
        ))  # fmt: skip
        victims = _Grouped(conn.execute(
            "SELECT incident_id, sex, age_group, roles, sensitivity FROM incident_victims ORDER BY incident_id, seq"
        ))  # fmt: skip
        perpetrators = _Grouped(conn.execute(
            "SELECT incident_id, type FROM incident_perpetrators ORDER BY incident_id, seq"
        ))  # fmt: skip
        for row in events:
            key = row["id"]
            found_acts = acts.take(key)
            if found_acts:
                types = (p["type"] for p in perpetrators.take(key))
                yield self._counted(row, found_acts, victims.take(key), types)


class _Grouped:
    """Rows of a cursor sorted by ``incident_id``, taken one incident at a time (ids asked in increasing order)."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._rows = iter(cursor)
        self._next: Row | None = next(self._rows, None)

    def take(self, incident_id: int) -> list[Row]:
        while self._next is not None and self._next["incident_id"] < incident_id:
            self._next = next(self._rows, None)
        found = []
        while self._next is not None and self._next["incident_id"] == incident_id:
            found.append(self._next)
            self._next = next(self._rows, None)
        return found
