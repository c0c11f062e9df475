"""Ingest batches in either database: :class:`SqlBatches`, written once for both.

Tables are created by ``migrations/0001_corpus.sql`` of each adapter: a row of ``batches`` per run, a row of
``batch_items`` per file (unique by batch and path).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hrdmap.storage.batches import Batch, BatchItem, ItemStatus
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row, maybe_stamp


class SqlBatches(SqlRepository):
    """Ingest batches and their items; implements :class:`hrdmap.storage.batches.BatchRepository`."""

    def start(self, paths: Sequence[str], *, actor: str, at: dt.datetime) -> Batch:
        """Record a batch and one pending item per path (a path given twice is one item)."""
        s, stamp = self._session, self._session.stamp(at)
        batch_id = s.insert("INSERT INTO batches (started_at, actor) VALUES (?, ?)", (stamp, actor))
        s.executemany(
            "INSERT INTO batch_items (batch_id, path, status, updated_at) VALUES (?, ?, 'pending', ?)"
            " ON CONFLICT (batch_id, path) DO NOTHING",
            ((batch_id, path, stamp) for path in paths),
        )
        return Batch(id=batch_id, started_at=s.from_stamp(stamp), finished_at=None, actor=actor)

    def items(self, batch_id: int) -> list[BatchItem]:
        """A batch's items in the order they were recorded."""
        rows = self._session.rows("SELECT * FROM batch_items WHERE batch_id = ? ORDER BY id", (batch_id,))
        return [self._item(r) for r in rows]

    def get_item(self, batch_id: int, path: str) -> BatchItem | None:
        """One item of a batch by path, or ``None``."""
        row = self._session.one("SELECT * FROM batch_items WHERE batch_id = ? AND path = ?", (batch_id, path))
        return self._item(row) if row is not None else None

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
        self._session.execute(
            "INSERT INTO batch_items (batch_id, path, status, reason, error_code, version_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, path) DO UPDATE SET"
            " status = excluded.status, reason = excluded.reason, error_code = excluded.error_code,"
            " version_id = excluded.version_id, updated_at = excluded.updated_at",
            (batch_id, path, status.value, reason, error_code, version_id, self._session.stamp(at)),
        )
        item = self.get_item(batch_id, path)
        assert item is not None  # noqa: S101 - just written
        return item

    def finish(self, batch_id: int, *, at: dt.datetime) -> None:
        """Mark a batch finished."""
        self._session.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (self._session.stamp(at), batch_id))

    def unfinished(self) -> list[Batch]:
        """Batches not marked finished, oldest first (running, or interrupted)."""
        rows = self._session.rows("SELECT * FROM batches WHERE finished_at IS NULL ORDER BY id")
        return [self._batch(r) for r in rows]

    def latest_failures(self) -> list[BatchItem]:
        """Items that failed in the latest batch that tried their path, newest first."""
        rows = self._session.rows(
            "SELECT i.* FROM batch_items i"
            " WHERE i.status = 'failed' AND i.id = (SELECT max(j.id) FROM batch_items j"
            "   WHERE j.path = i.path AND j.status <> 'pending')"
            " ORDER BY i.id DESC"
        )
        return [self._item(r) for r in rows]

    def _item(self, r: Row) -> BatchItem:
        updated_at = maybe_stamp(self._session, r["updated_at"])
        return from_row(BatchItem, r, status=ItemStatus(r["status"]), updated_at=updated_at)

    def _batch(self, r: Row) -> Batch:
        s = self._session
        return from_row(
            Batch, r, started_at=s.from_stamp(r["started_at"]), finished_at=maybe_stamp(s, r["finished_at"])
        )
