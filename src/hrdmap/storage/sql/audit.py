"""The audit trail in either database: :class:`SqlAudit`, append-only and hash-chained, written once for both.

Triggers (migration ``0011_audit_chain.sql`` of each adapter) refuse to update or delete a chained entry (and,
in PostgreSQL, to empty the table) and to insert one without a hash; each adapter's ``chain_existing`` chains
the entries written before that migration, as part of it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.audit_chain import GENESIS, detail_json, own_hash
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row

_PAGE = 1000


class SqlAudit(SqlRepository):
    """The append-only, hash-chained audit trail; implements :class:`hrdmap.storage.audit.AuditLog`.

    Write inside the transaction of the change being recorded.
    """

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

        Inside the store's writing transaction, which holds the store's write lock (SQLite's ``BEGIN IMMEDIATE``,
        PostgreSQL's advisory lock), so the latest entry read here stays the latest until this one commits
        (PostgreSQL's ``READ COMMITTED``: the statement sees every writer that committed before it); the id, one
        more than the latest, is the primary key, so even a writer that bypassed the lock could not chain a second
        entry to the same one.
        """
        s, text = self._session, detail_json(detail)
        with s.transaction():
            last = s.one("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            entry_id, previous = (int(last["id"]) + 1, str(last["hash"])) if last else (1, GENESIS)
            entry = AuditEntry(entry_id, at, actor, action, subject, json.loads(text), previous)
            s.execute(
                "INSERT INTO audit (id, at, actor, action, subject, detail, previous_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_id, s.stamp(at), actor, action, subject, text, previous, own_hash(entry)),
            )

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        return [self._entry(r) for r in self._session.rows("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))]

    def chain(self, *, after: int | None = None) -> Iterator[AuditEntry]:
        """Every entry (with an id above ``after``, when given), oldest first, a page at a time."""
        while True:
            where, params = ("", (_PAGE,)) if after is None else ("WHERE id > ? ", (after, _PAGE))
            rows = self._session.rows(f"SELECT * FROM audit {where}ORDER BY id LIMIT ?", params)  # noqa: S608
            yield from (self._entry(r) for r in rows)
            if len(rows) < _PAGE:
                return
            after = int(rows[-1]["id"])

    def _entry(self, r: Row) -> AuditEntry:
        s = self._session
        at, detail = s.from_stamp(r["at"]), s.from_json(r["detail"])
        return from_row(
            AuditEntry, r, at=at, detail=detail, previous_hash=r["previous_hash"] or "", hash=r["hash"] or ""
        )
