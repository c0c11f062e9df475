"""The SQLite implementation of :class:`hrdmap.storage.batches.BatchRepository`."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from hrdmap.storage.batches import Batch, BatchItem, ItemStatus
from hrdmap.storage.rows import from_row
from hrdmap.storage.sqlite.timestamps import from_text, to_text


class SqliteBatches:
    """Ingest batches and their items in SQLite.

    Args:
        conn: An open connection; transactions are the caller's.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def start(self, paths: Sequence[str], *, actor: str, at: dt.datetime) -> Batch:
        """Record a batch and one pending item per path."""
        cursor = self._conn.execute("INSERT INTO batches (started_at, actor) VALUES (?, ?)", (to_text(at), actor))
        batch_id = cursor.lastrowid
        assert batch_id is not None  # noqa: S101 - an INSERT always gives a rowid
        self._conn.executemany(
            "INSERT OR IGNORE INTO batch_items (batch_id, path, status, updated_at) VALUES (?, ?, 'pending', ?)",
            ((batch_id, path, to_text(at)) for path in paths),
        )
        return Batch(id=batch_id, started_at=at, finished_at=None, actor=actor)

    def items(self, batch_id: int) -> list[BatchItem]:
        """A batch's items in the order they were recorded."""
        rows = self._conn.execute("SELECT * FROM batch_items WHERE batch_id = ? ORDER BY id", (batch_id,))
        return [_item(r) for r in rows]

    def get_item(self, batch_id: int, path: str) -> BatchItem | None:
        """One item of a batch by path, or ``None``."""
        row = self._conn.execute(
            "SELECT * FROM batch_items WHERE batch_id = ? AND path = ?", (batch_id, path)
        ).fetchone()
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
        self._conn.execute(
            "INSERT INTO batch_items (batch_id, path, status, reason, error_code, version_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, path) DO UPDATE SET"
            " status = excluded.status, reason = excluded.reason, error_code = excluded.error_code,"
            " version_id = excluded.version_id, updated_at = excluded.updated_at",
            (batch_id, path, status.value, reason, error_code, version_id, to_text(at)),
        )
        item = self.get_item(batch_id, path)
        assert item is not None  # noqa: S101 - just written
        return item

    def finish(self, batch_id: int, *, at: dt.datetime) -> None:
        """Mark a batch finished."""
        self._conn.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (to_text(at), batch_id))

    def unfinished(self) -> list[Batch]:
        """Batches not marked finished, oldest first (running, or interrupted)."""
        rows = self._conn.execute("SELECT * FROM batches WHERE finished_at IS NULL ORDER BY id")
        return [_batch(r) for r in rows]

    def latest_failures(self) -> list[BatchItem]:
        """Items that failed in the latest batch that tried their path, newest first."""
        rows = self._conn.execute(
            "SELECT i.* FROM batch_items i"
            " WHERE i.status = 'failed' AND i.id = (SELECT max(j.id) FROM batch_items j"
            "   WHERE j.path = i.path AND j.status != 'pending')"
            " ORDER BY i.id DESC"
        )
        return [_item(r) for r in rows]


def _item(r: sqlite3.Row) -> BatchItem:
    updated = from_text(r["updated_at"]) if r["updated_at"] else None
    return from_row(BatchItem, r, status=ItemStatus(r["status"]), updated_at=updated)


def _batch(r: sqlite3.Row) -> Batch:
    finished = from_text(r["finished_at"]) if r["finished_at"] else None
    return from_row(Batch, r, started_at=from_text(r["started_at"]), finished_at=finished)
