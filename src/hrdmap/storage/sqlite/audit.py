"""The SQLite implementation of :class:`hrdmap.storage.audit.AuditLog`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.sqlite.timestamps import from_text, to_text


class SqliteAudit:
    """The append-only audit trail in SQLite.

    Args:
        conn: An open connection; write inside the transaction of the change being recorded.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def record(
        self,
        action: str,
        *,
        actor: str,
        at: dt.datetime,
        subject: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        """Append one entry."""
        self._conn.execute(
            "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (
                to_text(at),
                actor,
                action,
                subject,
                json.dumps(dict(detail or {}), ensure_ascii=False, default=str),
            ),
        )

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        rows = self._conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        return [
            AuditEntry(
                id=r["id"],
                at=from_text(r["at"]),
                actor=r["actor"],
                action=r["action"],
                subject=r["subject"],
                detail=json.loads(r["detail"]),
            )
            for r in rows
        ]
