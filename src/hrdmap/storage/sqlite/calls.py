"""The SQLite implementation of :class:`hrdmap.storage.calls.CallRepository`.

Tables are created by ``migrations/0004_calls.sql``. Contact addresses live in a table of their own
(``stakeholder_contacts``), read by :meth:`SqliteCalls.contacts` only.

The store hands the repository out (``store.calls``); writes are grouped, with their audit entries, by the
store's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from hrdmap.domain.calls import (
    Call,
    CallRequest,
    Channel,
    Contribution,
    Stakeholder,
    StakeholderType,
)
from hrdmap.storage.calls import (
    Change,
    Provenance,
    StoredCall,
    call_columns,
    call_from_row,
    contribution_from_row,
    links_to_add,
    stakeholder_columns,
    stakeholder_from_row,
)
from hrdmap.storage.sqlite.connection import chunks
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text, to_text

_PROVENANCE = (
    "SELECT d.document_id, k.key AS call, c.consent, s.country_code, s.key AS stakeholder "
    "FROM contribution_documents d JOIN contributions c ON c.id = d.contribution_id "
    "JOIN calls k ON k.id = c.call_id JOIN stakeholders s ON s.id = c.stakeholder_id"
)


def _call_columns(call: Call) -> dict[str, Any]:
    """The columns of ``calls`` as SQLite stores them: dates and JSON as text, the flag as 0 or 1."""
    columns = call_columns(call)
    return columns | {
        "deadline": call.deadline.isoformat(),
        "mandate_paragraphs": json.dumps(columns["mandate_paragraphs"]),
        "notes_verbales_sent": date_to_text(call.notes_verbales_sent),
        "languages": json.dumps(columns["languages"]),
        "questions": json.dumps(columns["questions"], ensure_ascii=False),
        "fictional": int(call.fictional),
    }


def _call(r: sqlite3.Row) -> Call:
    return call_from_row(
        dict(r)
        | {
            "deadline": dt.date.fromisoformat(r["deadline"]),
            "notes_verbales_sent": date_from_text(r["notes_verbales_sent"]),
            "mandate_paragraphs": json.loads(r["mandate_paragraphs"]) if r["mandate_symbol"] else [],
            "languages": json.loads(r["languages"]),
            "questions": json.loads(r["questions"]),
        }
    )


class SqliteCalls:
    """Calls for inputs in the corpus database; implements :class:`hrdmap.storage.calls.CallRepository`.

    The store hands it out (``store.calls``); group writes with the store's transaction.

    Args:
        conn: An open connection.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _upsert(
        self,
        table: str,
        keys: dict[str, Any],
        columns: dict[str, Any],
        *,
        created: dict[str, Any],
        updated: dict[str, Any],
    ) -> tuple[int, Change]:
        """Insert the row with these ``keys``, or update its ``columns`` when one differs.

        ``created`` (timestamps) is written with a new row; ``updated`` with a change only, so a repeated save
        leaves the row as it was.
        """
        where = " AND ".join(f"{name} = ?" for name in keys)
        row = self._conn.execute(f"SELECT * FROM {table} WHERE {where}", [*keys.values()]).fetchone()  # noqa: S608
        if row is None:
            values = {**keys, **columns, **created}
            cursor = self._conn.execute(
                f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608
                [*values.values()],
            )
            return int(cursor.lastrowid or 0), Change.CREATED
        if all(row[name] == value for name, value in columns.items()):
            return int(row["id"]), Change.UNCHANGED
        changes = {**columns, **updated}
        self._conn.execute(
            f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in changes)} WHERE id = ?",  # noqa: S608
            [*changes.values(), row["id"]],
        )
        return int(row["id"]), Change.UPDATED

    def _upsert_stamped(self, table: str, key: str, columns: dict[str, Any], at: dt.datetime) -> tuple[int, Change]:
        """:meth:`_upsert` by ``key`` for a table with ``created_at`` and ``updated_at``."""
        stamp = to_text(at)
        created = {"created_at": stamp, "updated_at": stamp}
        return self._upsert(table, {"key": key}, columns, created=created, updated={"updated_at": stamp})

    # Calls

    def save_call(self, call: Call, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a call, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("calls", call.key, _call_columns(call), at)

    def call(self, key: str) -> StoredCall | None:
        """The call with this key, or ``None``."""
        row = self._conn.execute(
            "SELECT c.*, r.id AS resolution_id FROM calls c "
            "LEFT JOIN resolutions r ON upper(r.symbol) = upper(c.mandate_symbol) WHERE c.key = ?",
            (key,),
        ).fetchone()
        return self._stored_call(row) if row else None

    def calls(self) -> list[StoredCall]:
        """Every call, by deadline then key."""
        rows = self._conn.execute(
            "SELECT c.*, r.id AS resolution_id FROM calls c "
            "LEFT JOIN resolutions r ON upper(r.symbol) = upper(c.mandate_symbol) ORDER BY c.deadline, c.key"
        )
        return [self._stored_call(r) for r in rows]

    @staticmethod
    def _stored_call(r: sqlite3.Row) -> StoredCall:
        return StoredCall(r["id"], _call(r), r["resolution_id"], from_text(r["created_at"]), from_text(r["updated_at"]))

    # Stakeholders

    def save_stakeholder(self, stakeholder: Stakeholder, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a stakeholder, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("stakeholders", stakeholder.key, stakeholder_columns(stakeholder), at)

    def stakeholder(self, key: str) -> Stakeholder | None:
        """The stakeholder with this key, or ``None``."""
        row = self._conn.execute("SELECT * FROM stakeholders WHERE key = ?", (key,)).fetchone()
        return stakeholder_from_row(row) if row else None

    def stakeholders(self, types: Sequence[StakeholderType] = ()) -> list[Stakeholder]:
        """Stakeholders (of these types, or all), by name."""
        rows = self._conn.execute(
            "SELECT * FROM stakeholders WHERE ? = '[]' OR type IN (SELECT value FROM json_each(?)) "
            "ORDER BY name COLLATE NOCASE, key",
            (json.dumps([t.value for t in types]),) * 2,
        )
        return [stakeholder_from_row(r) for r in rows]

    def set_contact(self, key: str, contact: str | None) -> bool:
        """Set (or with ``None`` remove) a stakeholder's contact address; ``True`` when it changed.

        Raises:
            KeyError: No stakeholder has this key.
        """
        stakeholder_id = self._stakeholder_id(key)
        old = self._conn.execute(
            "SELECT contact FROM stakeholder_contacts WHERE stakeholder_id = ?", (stakeholder_id,)
        ).fetchone()
        if (old[0] if old else None) == contact:
            return False
        if contact is None:
            self._conn.execute("DELETE FROM stakeholder_contacts WHERE stakeholder_id = ?", (stakeholder_id,))
        else:
            self._conn.execute(
                "INSERT INTO stakeholder_contacts (stakeholder_id, contact) VALUES (?, ?) "
                "ON CONFLICT (stakeholder_id) DO UPDATE SET contact = excluded.contact",
                (stakeholder_id, contact),
            )
        return True

    def contacts(self, keys: Sequence[str]) -> dict[str, str]:
        """The contact addresses of these stakeholders, by key (those without one are absent).

        This is the only read of contacts; callers print them only when a person explicitly asked.
        """
        rows = self._conn.execute(
            "SELECT s.key, c.contact FROM stakeholder_contacts c JOIN stakeholders s ON s.id = c.stakeholder_id "
            "WHERE s.key IN (SELECT value FROM json_each(?))",
            (json.dumps(list(keys)),),
        )
        return {r["key"]: r["contact"] for r in rows}

    def _stakeholder_id(self, key: str) -> int:
        row = self._conn.execute("SELECT id FROM stakeholders WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return int(row[0])

    # Requests

    def add_request(self, call_id: int, request: CallRequest, *, at: dt.datetime) -> bool:
        """Record a request; ``False`` when the same request (stakeholder, date, channel, reminder) is recorded.

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO call_requests (call_id, stakeholder_id, date, channel, reminder, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                call_id,
                self._stakeholder_id(request.stakeholder),
                request.date.isoformat(),
                request.channel.value,
                int(request.reminder),
                to_text(at),
            ),
        )
        return cursor.rowcount > 0

    def requests(self, call_id: int) -> list[CallRequest]:
        """A call's requests, by date then stakeholder key."""
        rows = self._conn.execute(
            "SELECT q.*, s.key FROM call_requests q JOIN stakeholders s ON s.id = q.stakeholder_id "
            "WHERE q.call_id = ? ORDER BY q.date, s.key, q.id",
            (call_id,),
        )
        return [
            CallRequest(r["key"], dt.date.fromisoformat(r["date"]), Channel(r["channel"]), bool(r["reminder"]))
            for r in rows
        ]

    # Contributions

    def save_contribution(self, call_id: int, contribution: Contribution, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a contribution, or update the call's contribution from the same file (not its documents).

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        columns = {
            "stakeholder_id": self._stakeholder_id(contribution.stakeholder),
            "received": contribution.received.isoformat(),
            "language": contribution.language,
            "consent": contribution.consent.value,
        }
        keys = {"call_id": call_id, "source": contribution.source}
        return self._upsert("contributions", keys, columns, created={"recorded_at": to_text(at)}, updated={})

    def link_documents(self, contribution_id: int, document_ids: Sequence[int]) -> list[int]:
        """Link stored documents to a contribution, in order after those linked already; returns the new ones."""
        known = self._conn.execute(
            "SELECT document_id, seq FROM contribution_documents WHERE contribution_id = ?", (contribution_id,)
        ).fetchall()
        added = links_to_add(((r[0], r[1]) for r in known), document_ids)
        self._conn.executemany(
            "INSERT INTO contribution_documents (contribution_id, document_id, seq) VALUES (?, ?, ?)",
            [(contribution_id, document_id, seq) for document_id, seq in added],
        )
        return [document_id for document_id, _ in added]

    def contributions(self, call_id: int) -> list[Contribution]:
        """A call's contributions with their documents, by date received then id."""
        rows = self._conn.execute(
            "SELECT c.*, s.key, (SELECT json_group_array(document_id) FROM "
            "(SELECT document_id FROM contribution_documents d WHERE d.contribution_id = c.id ORDER BY seq))"
            " AS documents FROM contributions c JOIN stakeholders s ON s.id = c.stakeholder_id "
            "WHERE c.call_id = ? ORDER BY c.received, c.id",
            (call_id,),
        )
        return [
            contribution_from_row(
                dict(r) | {"received": dt.date.fromisoformat(r["received"]), "documents": json.loads(r["documents"])}
            )
            for r in rows
        ]

    def contributed(self) -> dict[int, list[Provenance]]:
        """:meth:`provenance` of every document a contribution brought (the only documents need to know can hide)."""
        found: dict[int, list[Provenance]] = {}
        for r in self._conn.execute(f"{_PROVENANCE} ORDER BY d.document_id, c.id"):
            found.setdefault(r["document_id"], []).append(
                Provenance(r["call"], r["consent"], r["country_code"], r["stakeholder"])
            )
        return found

    def provenance(self, document_ids: Sequence[int]) -> dict[int, list[Provenance]]:
        """The contributions that brought these documents, by document id."""
        found: dict[int, list[Provenance]] = {}
        for part in chunks(list(dict.fromkeys(document_ids))):
            marks = ", ".join("?" * len(part))
            where = f"WHERE d.document_id IN ({marks}) ORDER BY d.document_id, c.id"
            rows = self._conn.execute(f"{_PROVENANCE} {where}", list(part))  # noqa: S608 - only ? marks
            for r in rows:
                found.setdefault(r["document_id"], []).append(
                    Provenance(r["call"], r["consent"], r["country_code"], r["stakeholder"])
                )
        return found
