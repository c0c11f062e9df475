"""The PostgreSQL implementation of :class:`hrdmap.storage.calls.CallRepository`.

Tables are created by ``migrations/0004_calls.sql``: the same rows as the SQLite adapter's
(:mod:`hrdmap.storage.sqlite.calls`); contact addresses live in ``stakeholder_contacts``, read by
:meth:`PostgresCalls.contacts` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from psycopg import sql
from psycopg.rows import DictRow
from psycopg.types.json import Json

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
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, to_json, utc


def _param(value: Any) -> Any:
    """A value as a query parameter: lists and dicts as JSON text written like the SQLite adapter's."""
    return Json(value, dumps=to_json) if isinstance(value, list | dict) else value


class PostgresCalls:
    """Calls for inputs in PostgreSQL; implements :class:`hrdmap.storage.calls.CallRepository`.

    Args:
        db: The store's connections; group writes with the store's transaction.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def _upsert(
        self,
        table: str,
        keys: dict[str, Any],
        columns: dict[str, Any],
        *,
        created: dict[str, Any],
        updated: dict[str, Any],
    ) -> tuple[int, Change]:
        """Insert the row with these ``keys``, or update its ``columns`` when one differs (read, compare, write:
        a repeated save leaves the row, ``updated_at`` included, as it was)."""
        where = sql.SQL(" AND ").join(sql.SQL("{} = %s").format(sql.Identifier(name)) for name in keys)
        row = self._db.one(sql.SQL("SELECT * FROM {} WHERE {}").format(sql.Identifier(table), where), [*keys.values()])
        if row is None:
            values = {**keys, **columns, **created}
            query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
                sql.Identifier(table),
                sql.SQL(", ").join(map(sql.Identifier, values)),
                sql.SQL(", ").join(sql.Placeholder() * len(values)),
            )
            return int(self._db.value(query, [_param(v) for v in values.values()])), Change.CREATED
        if all(row[name] == value for name, value in columns.items()):
            return int(row["id"]), Change.UNCHANGED
        changes = {**columns, **updated}
        query = sql.SQL("UPDATE {} SET {} WHERE id = %s").format(
            sql.Identifier(table),
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(name)) for name in changes),
        )
        self._db.execute(query, [*(_param(v) for v in changes.values()), row["id"]])
        return int(row["id"]), Change.UPDATED

    def _upsert_stamped(self, table: str, key: str, columns: dict[str, Any], at: dt.datetime) -> tuple[int, Change]:
        at = stamp(at)
        return self._upsert(
            table, {"key": key}, columns, created={"created_at": at, "updated_at": at}, updated={"updated_at": at}
        )

    # Calls

    def save_call(self, call: Call, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a call, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("calls", call.key, call_columns(call), at)

    def call(self, key: str) -> StoredCall | None:
        """The call with this key, or ``None``."""
        row = self._db.one(
            "SELECT c.*, r.id AS resolution_id FROM calls c "
            "LEFT JOIN resolutions r ON upper(r.symbol) = upper(c.mandate_symbol) WHERE c.key = %s",
            (key,),
        )
        return self._stored_call(row) if row else None

    def calls(self) -> list[StoredCall]:
        """Every call, by deadline then key."""
        rows = self._db.rows(
            "SELECT c.*, r.id AS resolution_id FROM calls c "
            "LEFT JOIN resolutions r ON upper(r.symbol) = upper(c.mandate_symbol) "
            'ORDER BY c.deadline, c.key COLLATE "C"'
        )
        return [self._stored_call(r) for r in rows]

    @staticmethod
    def _stored_call(r: DictRow) -> StoredCall:
        return StoredCall(r["id"], call_from_row(r), r["resolution_id"], utc(r["created_at"]), utc(r["updated_at"]))

    # Stakeholders

    def save_stakeholder(self, stakeholder: Stakeholder, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a stakeholder, or update the one with the same key. Returns its id and what changed."""
        return self._upsert_stamped("stakeholders", stakeholder.key, stakeholder_columns(stakeholder), at)

    def stakeholder(self, key: str) -> Stakeholder | None:
        """The stakeholder with this key, or ``None``."""
        row = self._db.one("SELECT * FROM stakeholders WHERE key = %s", (key,))
        return stakeholder_from_row(row) if row else None

    def stakeholders(self, types: Sequence[StakeholderType] = ()) -> list[Stakeholder]:
        """Stakeholders (of these types, or all), by name ignoring the case of ASCII letters, then key."""
        rows = self._db.rows(
            "SELECT * FROM stakeholders WHERE cardinality(%s::text[]) = 0 OR type = ANY(%s)"
            ' ORDER BY lower(name COLLATE "C"), key COLLATE "C"',
            ([t.value for t in types],) * 2,
        )
        return [stakeholder_from_row(r) for r in rows]

    def set_contact(self, key: str, contact: str | None) -> bool:
        """Set (or with ``None`` remove) a stakeholder's contact address; ``True`` when it changed.

        Raises:
            KeyError: No stakeholder has this key.
        """
        stakeholder_id = self._stakeholder_id(key)
        old = self._db.one("SELECT contact FROM stakeholder_contacts WHERE stakeholder_id = %s", (stakeholder_id,))
        if (old["contact"] if old else None) == contact:
            return False
        if contact is None:
            self._db.execute("DELETE FROM stakeholder_contacts WHERE stakeholder_id = %s", (stakeholder_id,))
        else:
            self._db.execute(
                "INSERT INTO stakeholder_contacts (stakeholder_id, contact) VALUES (%s, %s) "
                "ON CONFLICT (stakeholder_id) DO UPDATE SET contact = excluded.contact",
                (stakeholder_id, contact),
            )
        return True

    def contacts(self, keys: Sequence[str]) -> dict[str, str]:
        """The contact addresses of these stakeholders, by key (those without one are absent).

        This is the only read of contacts; callers print them only when a person explicitly asked.
        """
        rows = self._db.rows(
            "SELECT s.key, c.contact FROM stakeholder_contacts c JOIN stakeholders s ON s.id = c.stakeholder_id "
            "WHERE s.key = ANY(%s)",
            (list(keys),),
        )
        return {r["key"]: r["contact"] for r in rows}

    def _stakeholder_id(self, key: str) -> int:
        row = self._db.one("SELECT id FROM stakeholders WHERE key = %s", (key,))
        if row is None:
            raise KeyError(key)
        return int(row["id"])

    # Requests

    def add_request(self, call_id: int, request: CallRequest, *, at: dt.datetime) -> bool:
        """Record a request; ``False`` when the same request (stakeholder, date, channel, reminder) is recorded.

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        touched = self._db.execute(
            "INSERT INTO call_requests (call_id, stakeholder_id, date, channel, reminder, recorded_at)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            (
                call_id,
                self._stakeholder_id(request.stakeholder),
                request.date,
                request.channel.value,
                bool(request.reminder),
                stamp(at),
            ),
        )
        return touched > 0

    def requests(self, call_id: int) -> list[CallRequest]:
        """A call's requests, by date then stakeholder key."""
        rows = self._db.rows(
            "SELECT q.*, s.key FROM call_requests q JOIN stakeholders s ON s.id = q.stakeholder_id "
            'WHERE q.call_id = %s ORDER BY q.date, s.key COLLATE "C", q.id',
            (call_id,),
        )
        return [CallRequest(r["key"], r["date"], Channel(r["channel"]), bool(r["reminder"])) for r in rows]

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
        return self._upsert("contributions", keys, columns, created={"recorded_at": stamp(at)}, updated={})

    def link_documents(self, contribution_id: int, document_ids: Sequence[int]) -> list[int]:
        """Link stored documents to a contribution, in order after those linked already; returns the new ones."""
        known = self._db.rows(
            "SELECT document_id, seq FROM contribution_documents WHERE contribution_id = %s", (contribution_id,)
        )
        added = links_to_add(((r["document_id"], r["seq"]) for r in known), document_ids)
        self._db.executemany(
            "INSERT INTO contribution_documents (contribution_id, document_id, seq) VALUES (%s, %s, %s)",
            [(contribution_id, document_id, seq) for document_id, seq in added],
        )
        return [document_id for document_id, _ in added]

    def contributions(self, call_id: int) -> list[Contribution]:
        """A call's contributions with their documents, by date received then id."""
        rows = self._db.rows(
            "SELECT c.*, s.key, array(SELECT d.document_id FROM contribution_documents d"
            " WHERE d.contribution_id = c.id ORDER BY d.seq) AS documents"
            " FROM contributions c JOIN stakeholders s ON s.id = c.stakeholder_id"
            " WHERE c.call_id = %s ORDER BY c.received, c.id",
            (call_id,),
        )
        return [contribution_from_row(r) for r in rows]

    def contributed(self) -> dict[int, list[Provenance]]:
        """:meth:`provenance` of every document a contribution brought (the only documents need to know can hide)."""
        return self._provenance("ORDER BY d.document_id, c.id", ())

    def provenance(self, document_ids: Sequence[int]) -> dict[int, list[Provenance]]:
        """The contributions that brought these documents, by document id."""
        where = "WHERE d.document_id = ANY(%s) ORDER BY d.document_id, c.id"
        return self._provenance(where, (list(dict.fromkeys(document_ids)),))

    def _provenance(self, where: str, params: tuple[Any, ...]) -> dict[int, list[Provenance]]:
        found: dict[int, list[Provenance]] = {}
        rows = self._db.rows(
            "SELECT d.document_id, k.key AS call, c.consent, s.country_code, s.key AS stakeholder"  # noqa: S608
            " FROM contribution_documents d JOIN contributions c ON c.id = d.contribution_id"
            f" JOIN calls k ON k.id = c.call_id JOIN stakeholders s ON s.id = c.stakeholder_id {where}",
            params,
        )
        for r in rows:
            found.setdefault(r["document_id"], []).append(
                Provenance(r["call"], r["consent"], r["country_code"], r["stakeholder"])
            )
        return found
