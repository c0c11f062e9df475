"""The audit trail: the protocol of the append-only, hash-chained log and the entries it returns.

Services record an entry in the same transaction as the change it describes, so a change and its audit row
commit together or not at all. The adapter chains every entry it writes to the one before it
(:mod:`hrdmap.storage.audit_chain`): it reads the latest entry's hash, numbers the new entry after it and stores
the new entry's own hash, all inside the writing transaction, which holds the store's write lock (SQLite's
``BEGIN IMMEDIATE``, PostgreSQL's advisory lock), so two writers never chain to the same entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail.

    Attributes:
        id: The entry's id: one more than the entry before it.
        at: When (UTC).
        actor: Who.
        action: What, as ``noun.verb`` ("document.stored", "batch.started").
        subject: What it was done to ("document:12", "batch:3"), when there is one.
        detail: More, as plain strings and numbers.
        previous_hash: The hash of the entry before it (:data:`~hrdmap.storage.audit_chain.GENESIS` for the first).
        hash: Its own hash (:func:`~hrdmap.storage.audit_chain.entry_hash`); empty on an entry never chained.
    """

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str | None
    detail: Mapping[str, object]
    previous_hash: str = ""
    hash: str = ""


class AuditLog(Protocol):
    """The audit trail: append-only, each entry chained to the one before it."""

    def record(
        self,
        action: str,
        *,
        actor: str,
        at: dt.datetime,
        subject: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        """Append one entry, chained to the latest (inside the caller's transaction, else in one of its own)."""
        ...

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        ...

    def chain(self, *, after: int | None = None) -> Iterator[AuditEntry]:
        """Every entry (with an id above ``after``, when given), oldest first, a page at a time (for verifying and
        exporting: memory does not grow with the trail)."""
        ...
