"""The PostgreSQL implementation of :class:`hrdmap.storage.quarantine.QuarantineRepository`."""

from __future__ import annotations

import datetime as dt

from psycopg.rows import DictRow

from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, utc
from hrdmap.storage.quarantine import Quarantined, QuarantineState
from hrdmap.storage.rows import from_row

_PUT = (
    "INSERT INTO quarantine (sha256, source, state, error_code, reason, updated_at) VALUES (%s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (sha256) DO UPDATE SET source = excluded.source, state = excluded.state,"
    " error_code = excluded.error_code, reason = excluded.reason, updated_at = excluded.updated_at"
)


class PostgresQuarantine:
    """Files too dangerous to parse again, in PostgreSQL.

    Args:
        db: The store's connections; transactions are the caller's.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def reading(self, sha256: str, source: str, *, at: dt.datetime) -> None:
        """Record that a parser is about to read these bytes (replacing any record of them)."""
        self._db.execute(_PUT, (sha256, source, "reading", None, None, stamp(at)))

    def done(self, sha256: str) -> None:
        """Forget these bytes."""
        self._db.execute("DELETE FROM quarantine WHERE sha256 = %s", (sha256,))

    def refuse(self, sha256: str, source: str, error_code: str, reason: str, *, at: dt.datetime) -> None:
        """Refuse these bytes from now on."""
        self._db.execute(_PUT, (sha256, source, "refused", error_code, reason, stamp(at)))

    def get(self, sha256: str) -> Quarantined | None:
        """The record of these bytes, or ``None``."""
        row = self._db.one("SELECT * FROM quarantine WHERE sha256 = %s", (sha256,))
        return _record(row) if row is not None else None

    def interrupted(self, reason: str, *, at: dt.datetime) -> list[Quarantined]:
        """Turn every ``reading`` record into a refused one, ``interrupted``, and return them."""
        rows = self._db.rows(
            "UPDATE quarantine SET state = 'refused', error_code = 'interrupted', reason = %s, updated_at = %s"
            " WHERE state = 'reading' RETURNING *",
            (reason, stamp(at)),
        )
        return [_record(r) for r in sorted(rows, key=lambda r: str(r["sha256"]))]


def _record(row: DictRow) -> Quarantined:
    return from_row(Quarantined, row, state=QuarantineState(row["state"]), updated_at=utc(row["updated_at"]))
