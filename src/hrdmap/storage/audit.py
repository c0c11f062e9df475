"""The audit trail: the protocol of the append-only log and the entries it returns.

Services record an entry in the same transaction as the change it describes, so a change and its audit row
commit together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail.

    Attributes:
        id: The entry's id.
        at: When (UTC).
        actor: Who.
        action: What, as ``noun.verb`` ("document.stored", "batch.started").
        subject: What it was done to ("document:12", "batch:3"), when there is one.
        detail: More, as plain strings and numbers.
    """

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str | None
    detail: Mapping[str, object]


class AuditLog(Protocol):
    """The audit trail: append-only."""

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
        ...

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        ...
