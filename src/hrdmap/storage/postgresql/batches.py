"""The PostgreSQL implementation of :class:`hrdmap.storage.batches.BatchRepository`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from psycopg.rows import DictRow

from hrdmap.storage.batches import Batch, BatchItem, ItemStatus
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import maybe_utc, stamp, utc
from hrdmap.storage.rows import from_row


class PostgresBatches:
    """Ingest batches and their items in PostgreSQL.

    Args:
        db: The store's connections; transactions are the store's.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def start(self, paths: Sequence[str], *, actor: str, at: dt.datetime) -> Batch:
        """Record a batch and one pending item per path."""
        at = stamp(at)
        batch_id = int(
            self._db.value("INSERT INTO batches (started_at, actor) VALUES (%s, %s) RETURNING id", (at, actor))
        )
        self._db.execute(
            "INSERT INTO batch_items (batch_id, path, status, updated_at)"
            " SELECT %s, path, 'pending', %s FROM unnest(%s::text[]) WITH ORDINALITY AS p(path, n) ORDER BY n"
            " ON CONFLICT (batch_id, path) DO NOTHING",
            (batch_id, at, list(paths)),
        )
        return Batch(id=batch_id, started_at=at, finished_at=None, actor=actor)

    def items(self, batch_id: int) -> list[BatchItem]:
        """A batch's items in the order they were recorded."""
        return [
            _item(r) for r in self._db.rows("SELECT * FROM batch_items WHERE batch_id = %s ORDER BY id", (batch_id,))
        ]

    def get_item(self, batch_id: int, path: str) -> BatchItem | None:
        """One item of a batch by path, or ``None``."""
        row = self._db.one("SELECT * FROM batch_items WHERE batch_id = %s AND path = %s", (batch_id, path))
        return _item(row) if row is not None else None

    def set_item(
        self,
        batch_id: int,
        path: str,
        status: ItemStatus,
        *,
        at: dt.datetime,
        reason: str | None = None,
        error_code: str | None = None,
        version_id: int | None = None,
    ) -> BatchItem:
        """Set an item's outcome, adding the item when the batch does not have it (members of containers)."""
        row = self._db.one(
            "INSERT INTO batch_items (batch_id, path, status, reason, error_code, version_id, updated_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (batch_id, path) DO UPDATE SET"
            " status = excluded.status, reason = excluded.reason, error_code = excluded.error_code,"
            " version_id = excluded.version_id, updated_at = excluded.updated_at RETURNING *",
            (batch_id, path, status.value, reason, error_code, version_id, stamp(at)),
        )
        assert row is not None  # noqa: S101 - RETURNING gives the row written
        return _item(row)

    def finish(self, batch_id: int, *, at: dt.datetime) -> None:
        """Mark a batch finished."""
        self._db.execute("UPDATE batches SET finished_at = %s WHERE id = %s", (stamp(at), batch_id))

    def unfinished(self) -> list[Batch]:
        """Batches not marked finished, oldest first (running, or interrupted)."""
        return [_batch(r) for r in self._db.rows("SELECT * FROM batches WHERE finished_at IS NULL ORDER BY id")]

    def latest_failures(self) -> list[BatchItem]:
        """Items that failed in the latest batch that tried their path, newest first."""
        rows = self._db.rows(
            "SELECT i.* FROM batch_items i"
            " WHERE i.status = 'failed' AND i.id = (SELECT max(j.id) FROM batch_items j"
            "   WHERE j.path = i.path AND j.status <> 'pending')"
            " ORDER BY i.id DESC"
        )
        return [_item(r) for r in rows]


def _item(r: DictRow) -> BatchItem:
    return from_row(BatchItem, r, status=ItemStatus(r["status"]), updated_at=maybe_utc(r["updated_at"]))


def _batch(r: DictRow) -> Batch:
    return from_row(Batch, r, started_at=utc(r["started_at"]), finished_at=maybe_utc(r["finished_at"]))
