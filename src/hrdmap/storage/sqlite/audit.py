"""The SQLite implementation of :class:`hrdmap.storage.audit.AuditLog`: append-only and hash-chained.

Triggers (migration ``0011_audit_chain.sql``) refuse to update or delete a chained entry and to insert one
without a hash; :func:`chain_existing` chains the entries written before that migration, as part of it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.audit_chain import GENESIS, detail_json, entry_hash
from hrdmap.storage.sqlite.connection import transaction
from hrdmap.storage.sqlite.timestamps import from_text, to_text

_PAGE = 1000


class SqliteAudit:
    """The append-only, hash-chained audit trail in SQLite.

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
        """Append one entry after the latest, with its hash (``BEGIN IMMEDIATE`` keeps other writers out)."""
        text = detail_json(detail)
        with transaction(self._conn):
            last = self._conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
            entry_id, previous = (last["id"] + 1, last["hash"]) if last else (1, GENESIS)
            own = entry_hash(entry_id, at, actor, action, subject, json.loads(text), previous)
            self._conn.execute(
                "INSERT INTO audit (id, at, actor, action, subject, detail, previous_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_id, to_text(at), actor, action, subject, text, previous, own),
            )

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        rows = self._conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        return [_entry(r) for r in rows]

    def chain(self, *, after: int | None = None) -> Iterator[AuditEntry]:
        """Every entry (with an id above ``after``, when given), oldest first, a page at a time."""
        while True:
            where, params = ("", (_PAGE,)) if after is None else ("WHERE id > ? ", (after, _PAGE))
            rows = self._conn.execute(f"SELECT * FROM audit {where}ORDER BY id LIMIT ?", params).fetchall()  # noqa: S608
            yield from (_entry(r) for r in rows)
            if len(rows) < _PAGE:
                return
            after = rows[-1]["id"]


def _entry(r: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        id=r["id"],
        at=from_text(r["at"]),
        actor=r["actor"],
        action=r["action"],
        subject=r["subject"],
        detail=json.loads(r["detail"]),
        previous_hash=r["previous_hash"] or "",
        hash=r["hash"] or "",
    )


def chain_existing(conn: sqlite3.Connection) -> int:
    """Chain the entries written before the chain existed, in id order (inside the migration's transaction).

    Returns:
        How many entries were chained.
    """
    previous, count = GENESIS, 0
    rows = conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    for r in rows:
        own = entry_hash(
            r["id"], from_text(r["at"]), r["actor"], r["action"], r["subject"], json.loads(r["detail"]), previous
        )
        conn.execute("UPDATE audit SET previous_hash = ?, hash = ? WHERE id = ?", (previous, own, r["id"]))
        previous, count = own, count + 1
    return count
