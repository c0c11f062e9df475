"""The quarantine in either database: :class:`SqlQuarantine`, written once for both.

The table is created by ``migrations/0007_quarantine.sql`` of each adapter: one row per digest of bytes.
"""

from __future__ import annotations

import datetime as dt

from hrdmap.storage.quarantine import Quarantined, QuarantineState
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row

_PUT = (
    "INSERT INTO quarantine (sha256, source, state, error_code, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (sha256) DO UPDATE SET source = excluded.source, state = excluded.state,"
    " error_code = excluded.error_code, reason = excluded.reason, updated_at = excluded.updated_at"
)


class SqlQuarantine(SqlRepository):
    """Files too dangerous to parse again; implements :class:`hrdmap.storage.quarantine.QuarantineRepository`."""

    def reading(self, sha256: str, source: str, *, at: dt.datetime) -> None:
        """Record that a parser is about to read these bytes (replacing any record of them)."""
        self._session.execute(_PUT, (sha256, source, "reading", None, None, self._session.stamp(at)))

    def done(self, sha256: str) -> None:
        """Forget these bytes."""
        self._session.execute("DELETE FROM quarantine WHERE sha256 = ?", (sha256,))

    def refuse(self, sha256: str, source: str, error_code: str, reason: str, *, at: dt.datetime) -> None:
        """Refuse these bytes from now on."""
        self._session.execute(_PUT, (sha256, source, "refused", error_code, reason, self._session.stamp(at)))

    def get(self, sha256: str) -> Quarantined | None:
        """The record of these bytes, or ``None``."""
        row = self._session.one("SELECT * FROM quarantine WHERE sha256 = ?", (sha256,))
        return self._record(row) if row is not None else None

    def interrupted(self, reason: str, *, at: dt.datetime) -> list[Quarantined]:
        """Turn every ``reading`` record into a refused one, ``interrupted``, and return them (by digest).

        The records returned are those refused as ``interrupted`` at ``at``: call it inside the store's transaction,
        with the time of this run.
        """
        stamp = self._session.stamp(at)
        self._session.execute(
            "UPDATE quarantine SET state = 'refused', error_code = 'interrupted', reason = ?, updated_at = ?"
            " WHERE state = 'reading'",
            (reason, stamp),
        )
        rows = self._session.rows(
            "SELECT * FROM quarantine WHERE state = 'refused' AND error_code = 'interrupted' AND updated_at = ?"
            " ORDER BY sha256",
            (stamp,),
        )
        return [self._record(r) for r in rows]

    def _record(self, row: Row) -> Quarantined:
        updated_at = self._session.from_stamp(row["updated_at"])
        return from_row(Quarantined, row, state=QuarantineState(row["state"]), updated_at=updated_at)
