"""The PostgreSQL implementation of :class:`hrdmap.storage.audit.AuditLog`: append-only and hash-chained.

Triggers (migration ``0011_audit_chain.sql``) refuse to update, delete or truncate chained entries and to insert
one without a hash; :func:`chain_existing` chains the entries written before that migration, as part of it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.audit_chain import GENESIS, detail_json, entry_hash
from hrdmap.storage.postgresql.connection import Connection, Database
from hrdmap.storage.postgresql.values import stamp, utc

_PAGE = 1000


class PostgresAudit:
    """The append-only, hash-chained audit trail in PostgreSQL.

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
        """Append one entry after the latest, with its hash.

        Inside the store's writing transaction, which begins by taking the store's advisory write lock, so the
        latest entry read here stays the latest until this one commits (``READ COMMITTED``: the statement sees
        every writer that committed before it); the id, one more than the latest, is the primary key, so even a
        writer that bypassed the lock could not chain a second entry to the same one.
        """
        text = detail_json(detail)
        with self._db.transaction():
            last = self._db.one("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            entry_id, previous = (int(last["id"]) + 1, str(last["hash"])) if last else (1, GENESIS)
            own = entry_hash(entry_id, at, actor, action, subject, json.loads(text), previous)
            self._db.execute(
                "INSERT INTO audit (id, at, actor, action, subject, detail, previous_hash, hash)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (entry_id, stamp(at), actor, action, subject, text, previous, own),
            )

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        return [_entry(r) for r in self._db.rows("SELECT * FROM audit ORDER BY id DESC LIMIT %s", (limit,))]

    def chain(self, *, after: int | None = None) -> Iterator[AuditEntry]:
        """Every entry (with an id above ``after``, when given), oldest first, a page at a time."""
        while True:
            where, params = ("", (_PAGE,)) if after is None else ("WHERE id > %s ", (after, _PAGE))
            rows = self._db.rows(f"SELECT * FROM audit {where}ORDER BY id LIMIT %s", params)  # noqa: S608
            yield from (_entry(r) for r in rows)
            if len(rows) < _PAGE:
                return
            after = int(rows[-1]["id"])


def _entry(r: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=r["id"],
        at=utc(r["at"]),
        actor=r["actor"],
        action=r["action"],
        subject=r["subject"],
        detail=r["detail"],
        previous_hash=r["previous_hash"] or "",
        hash=r["hash"] or "",
    )


def chain_existing(conn: Connection) -> int:
    """Chain the entries written before the chain existed, in id order (inside the migration's transaction).

    Returns:
        How many entries were chained.
    """
    previous, count = GENESIS, 0
    for r in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
        own = entry_hash(r["id"], utc(r["at"]), r["actor"], r["action"], r["subject"], r["detail"], previous)
        conn.execute("UPDATE audit SET previous_hash = %s, hash = %s WHERE id = %s", (previous, own, r["id"]))
        previous, count = own, count + 1
    return count
