"""The PostgreSQL implementation of :class:`hrdmap.storage.audit.AuditLog`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, utc


class PostgresAudit:
    """The append-only audit trail in PostgreSQL.

    Args:
        db: The store's connections; write inside the transaction of the change being recorded.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

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
        self._db.execute(
            "INSERT INTO audit (at, actor, action, subject, detail) VALUES (%s, %s, %s, %s, %s)",
            (stamp(at), actor, action, subject, json.dumps(dict(detail or {}), ensure_ascii=False, default=str)),
        )

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        rows = self._db.rows("SELECT * FROM audit ORDER BY id DESC LIMIT %s", (limit,))
        return [
            AuditEntry(
                id=r["id"],
                at=utc(r["at"]),
                actor=r["actor"],
                action=r["action"],
                subject=r["subject"],
                detail=r["detail"],
            )
            for r in rows
        ]
