"""The SQLite implementation of :class:`hrdmap.storage.quarantine.QuarantineRepository`."""

from __future__ import annotations

import datetime as dt
import sqlite3

from hrdmap.storage.quarantine import Quarantined, QuarantineState
from hrdmap.storage.rows import from_row
from hrdmap.storage.sqlite.timestamps import from_text, to_text


class SqliteQuarantine:
    """Files too dangerous to parse again, in SQLite.

    Args:
        conn: An open connection; transactions are the caller's.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def reading(self, sha256: str, source: str, *, at: dt.datetime) -> None:
        """Record that a parser is about to read these bytes (replacing any record of them)."""
        self._conn.execute(
            "INSERT OR REPLACE INTO quarantine (sha256, source, state, error_code, reason, updated_at)"
            " VALUES (?, ?, 'reading', NULL, NULL, ?)",
            (sha256, source, to_text(at)),
        )

    def done(self, sha256: str) -> None:
        """Forget these bytes."""
        self._conn.execute("DELETE FROM quarantine WHERE sha256 = ?", (sha256,))

    def refuse(self, sha256: str, source: str, error_code: str, reason: str, *, at: dt.datetime) -> None:
        """Refuse these bytes from now on."""
        self._conn.execute(
            "INSERT OR REPLACE INTO quarantine (sha256, source, state, error_code, reason, updated_at)"
            " VALUES (?, ?, 'refused', ?, ?, ?)",
            (sha256, source, error_code, reason, to_text(at)),
        )

    def get(self, sha256: str) -> Quarantined | None:
        """The record of these bytes, or ``None``."""
        row = self._conn.execute("SELECT * FROM quarantine WHERE sha256 = ?", (sha256,)).fetchone()
        return _record(row) if row is not None else None

    def interrupted(self, reason: str, *, at: dt.datetime) -> list[Quarantined]:
        """Turn every ``reading`` record into a refused one, ``interrupted``, and return them."""
        self._conn.execute(
            "UPDATE quarantine SET state = 'refused', error_code = 'interrupted', reason = ?, updated_at = ?"
            " WHERE state = 'reading'",
            (reason, to_text(at)),
        )
        rows = self._conn.execute(
            "SELECT * FROM quarantine WHERE state = 'refused' AND error_code = 'interrupted' AND updated_at = ?",
            (to_text(at),),
        )
        return [_record(r) for r in rows]


def _record(row: sqlite3.Row) -> Quarantined:
    return from_row(Quarantined, row, state=QuarantineState(row["state"]), updated_at=from_text(row["updated_at"]))
