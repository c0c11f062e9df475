"""The calls registry in either database: :class:`SqlCalls`, written once for both.

Tables are created by ``migrations/0004_calls.sql`` of each adapter. Contact addresses live in a table of their
own (``stakeholder_contacts``), read by :meth:`SqlCalls.contacts` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from hrdmap.domain.calls import Call, CallRequest, Channel, Contribution, Stakeholder, StakeholderType
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
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row

#: Columns the upserts write as JSON, and as dates: the session converts them on their way in and out.
_JSON = frozenset({"mandate_paragraphs", "languages", "questions"})
_DAYS = frozenset({"deadline", "notes_verbales_sent", "received"})
_STORED_CALL = (
    "SELECT c.*, r.id AS resolution_id FROM calls c "
    "LEFT JOIN resolutions r ON upper(r.symbol) = upper(c.mandate_symbol)"
)
_PROVENANCE = (
    "SELECT d.document_id, d.contribution_id, k.key AS call, c.consent, s.country_code, s.key AS stakeholder "
    "FROM contribution_documents d JOIN contributions c ON c.id = d.contribution_id "
    "JOIN calls k ON k.id = c.call_id JOIN stakeholders s ON s.id = c.stakeholder_id"
)


class SqlCalls(SqlRepository):
    """Calls for inputs (``store.calls``); implements :class:`hrdmap.storage.calls.CallRepository`."""

    def _upsert(
        self,
        table: str,
        keys: dict[str, Any],
        columns: dict[str, Any],
        *,
        created: dict[str, Any],
        updated: dict[str, Any],
    ) -> tuple[int, Change]:
        """Insert the row with these ``keys``, or update its ``columns`` when one differs (read, compare, write).

        ``columns`` hold values as read back (dates, lists); ``created`` (timestamps) is written with a new row,
        ``updated`` with a change only, so a repeated save leaves the row, ``updated_at`` included, as it was.
        """
        s = self._session
        where = " AND ".join(f"{name} = ?" for name in keys)
        row = s.one(f"SELECT * FROM {table} WHERE {where}", [*keys.values()])  # noqa: S608
        if row is None:
            values = {**keys, **self._written(columns), **created}
            marks = ", ".join("?" * len(values))
            new_id = s.insert(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", [*values.values()])  # noqa: S608
            return new_id, Change.CREATED
        if all(self._read(name, row[name]) == value for name, value in columns.items()):
            return int(row["id"]), Change.UNCHANGED
        changes = {**self._written(columns), **updated}
        s.execute(
            f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in changes)} WHERE id = ?",  # noqa: S608
            [*changes.values(), row["id"]],
        )
        return int(row["id"]), Change.UPDATED

    def _upsert_stamped(self, table: str, key: str, columns: dict[str, Any], at: dt.datetime) -> tuple[int, Change]:
        """:meth:`_upsert` by ``key`` for a table with ``created_at`` and ``updated_at``."""
        stamp = self._session.stamp(at)
        created = {"created_at": stamp, "updated_at": stamp}
        return self._upsert(table, {"key": key}, columns, created=created, updated={"updated_at": stamp})

    def _written(self, columns: dict[str, Any]) -> dict[str, Any]:
        """``columns`` as the database keeps them: JSON and dates converted by the session."""
        s = self._session
        return {
            name: s.json(value) if name in _JSON else s.day(value) if name in _DAYS else value
            for name, value in columns.items()
        }

    def _read(self, name: str, value: Any) -> Any:
        """A column of ``_upsert``'s tables read back: JSON and dates converted by the session."""
        s = self._session
        return s.from_json(value) if name in _JSON else s.from_day(value) if name in _DAYS else value

    # Calls

    def save_call(self, call: Call, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a call, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("calls", call.key, call_columns(call), at)

    def call(self, key: str) -> StoredCall | None:
        """The call with this key, or ``None``."""
        row = self._session.one(f"{_STORED_CALL} WHERE c.key = ?", (key,))  # noqa: S608 - constant SQL
        return self._stored_call(row) if row else None

    def calls(self) -> list[StoredCall]:
        """Every call, by deadline then key."""
        rows = self._session.rows(f"{_STORED_CALL} ORDER BY c.deadline, c.key COLLATE BINARY")  # noqa: S608
        return [self._stored_call(r) for r in rows]

    def _stored_call(self, r: Row) -> StoredCall:
        s = self._session
        call = call_from_row({name: self._read(name, value) for name, value in dict(r).items()})
        return StoredCall(
            r["id"], call, r["resolution_id"], s.from_stamp(r["created_at"]), s.from_stamp(r["updated_at"])
        )

    # Stakeholders

    def save_stakeholder(self, stakeholder: Stakeholder, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a stakeholder, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("stakeholders", stakeholder.key, stakeholder_columns(stakeholder), at)

    def stakeholder(self, key: str) -> Stakeholder | None:
        """The stakeholder with this key, or ``None``."""
        row = self._session.one("SELECT * FROM stakeholders WHERE key = ?", (key,))
        return stakeholder_from_row(row) if row else None

    def stakeholders(self, types: Sequence[StakeholderType] = ()) -> list[Stakeholder]:
        """Stakeholders (of these types, or all), by name ignoring the case of ASCII letters, then key."""
        by_name = "ORDER BY lower(name COLLATE BINARY), key COLLATE BINARY"
        if types:  # fewer types than a slice of ``rows_in``: one query, so the rows come in order
            where = f"SELECT * FROM stakeholders WHERE type {{ids}} {by_name}"  # noqa: S608 - constant SQL
            rows = self._session.rows_in(where, [t.value for t in types])
        else:
            rows = self._session.rows(f"SELECT * FROM stakeholders {by_name}")  # noqa: S608 - constant SQL
        return [stakeholder_from_row(r) for r in rows]

    def set_contact(self, key: str, contact: str | None) -> bool:
        """Set (or with ``None`` remove) a stakeholder's contact address; ``True`` when it changed.

        Raises:
            KeyError: No stakeholder has this key.
        """
        s, stakeholder_id = self._session, self._stakeholder_id(key)
        if s.value("SELECT contact FROM stakeholder_contacts WHERE stakeholder_id = ?", (stakeholder_id,)) == contact:
            return False
        if contact is None:
            s.execute("DELETE FROM stakeholder_contacts WHERE stakeholder_id = ?", (stakeholder_id,))
        else:
            s.execute(
                "INSERT INTO stakeholder_contacts (stakeholder_id, contact) VALUES (?, ?) "
                "ON CONFLICT (stakeholder_id) DO UPDATE SET contact = excluded.contact",
                (stakeholder_id, contact),
            )
        return True

    def contacts(self, keys: Sequence[str]) -> dict[str, str]:
        """The contact addresses of these stakeholders, by key (those without one are absent).

        This is the only read of contacts; callers print them only when a person explicitly asked.
        """
        rows = self._session.rows_in(
            "SELECT s.key, c.contact FROM stakeholder_contacts c JOIN stakeholders s ON s.id = c.stakeholder_id "
            "WHERE s.key {ids}",
            list(keys),
        )
        return {r["key"]: r["contact"] for r in rows}

    def _stakeholder_id(self, key: str) -> int:
        found = self._session.value("SELECT id FROM stakeholders WHERE key = ?", (key,))
        if found is None:
            raise KeyError(key)
        return int(found)

    # Requests

    def add_request(self, call_id: int, request: CallRequest, *, at: dt.datetime) -> bool:
        """Record a request; ``False`` when the same request (stakeholder, date, channel, reminder) is recorded.

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        s = self._session
        added = s.execute(
            "INSERT INTO call_requests (call_id, stakeholder_id, date, channel, reminder, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                call_id,
                self._stakeholder_id(request.stakeholder),
                s.day(request.date),
                request.channel.value,
                bool(request.reminder),
                s.stamp(at),
            ),
        )
        return added > 0

    def requests(self, call_id: int) -> list[CallRequest]:
        """A call's requests, by date then stakeholder key."""
        s = self._session
        rows = s.rows(
            "SELECT q.*, s.key FROM call_requests q JOIN stakeholders s ON s.id = q.stakeholder_id "
            "WHERE q.call_id = ? ORDER BY q.date, s.key COLLATE BINARY, q.id",
            (call_id,),
        )
        return [
            CallRequest(r["key"], cast(dt.date, s.from_day(r["date"])), Channel(r["channel"]), bool(r["reminder"]))
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
            "received": contribution.received,
            "language": contribution.language,
            "consent": contribution.consent.value,
        }
        keys = {"call_id": call_id, "source": contribution.source}
        recorded = {"recorded_at": self._session.stamp(at)}
        return self._upsert("contributions", keys, columns, created=recorded, updated={})

    def link_documents(self, contribution_id: int, document_ids: Sequence[int]) -> list[int]:
        """Link stored documents to a contribution, in order after those linked already; returns the new ones."""
        known = self._session.rows(
            "SELECT document_id, seq FROM contribution_documents WHERE contribution_id = ?", (contribution_id,)
        )
        added = links_to_add(((r["document_id"], r["seq"]) for r in known), document_ids)
        self._session.executemany(
            "INSERT INTO contribution_documents (contribution_id, document_id, seq) VALUES (?, ?, ?)",
            [(contribution_id, document_id, seq) for document_id, seq in added],
        )
        return [document_id for document_id, _ in added]

    def contributions(self, call_id: int) -> list[Contribution]:
        """A call's contributions with their documents, by date received then id."""
        s = self._session
        documents: dict[int, list[int]] = {}
        for r in s.rows(
            "SELECT d.contribution_id, d.document_id FROM contribution_documents d "
            "JOIN contributions c ON c.id = d.contribution_id WHERE c.call_id = ? ORDER BY d.contribution_id, d.seq",
            (call_id,),
        ):
            documents.setdefault(r["contribution_id"], []).append(r["document_id"])
        rows = s.rows(
            "SELECT c.*, s.key FROM contributions c JOIN stakeholders s ON s.id = c.stakeholder_id "
            "WHERE c.call_id = ? ORDER BY c.received, c.id",
            (call_id,),
        )
        return [
            contribution_from_row(
                dict(r) | {"received": self._read("received", r["received"]), "documents": documents.get(r["id"], [])}
            )
            for r in rows
        ]

    def contributed(self) -> dict[int, list[Provenance]]:
        """:meth:`provenance` of every document a contribution brought (the only documents need to know can hide)."""
        return _provenance(self._session.rows(f"{_PROVENANCE} ORDER BY d.document_id, c.id"))  # noqa: S608

    def provenance(self, document_ids: Sequence[int]) -> dict[int, list[Provenance]]:
        """The contributions that brought these documents, by document id."""
        rows = self._session.rows_in(f"{_PROVENANCE} WHERE d.document_id {{ids}}", list(dict.fromkeys(document_ids)))
        return _provenance(sorted(rows, key=lambda r: (r["document_id"], r["contribution_id"])))


def _provenance(rows: Sequence[Row]) -> dict[int, list[Provenance]]:
    """Rows of ``_PROVENANCE``, by document then contribution, as each document's provenance."""
    found: dict[int, list[Provenance]] = {}
    for r in rows:
        found.setdefault(r["document_id"], []).append(
            Provenance(r["call"], r["consent"], r["country_code"], r["stakeholder"])
        )
    return found
