"""The one door to the audit trail: writing entries (reads of protected data included), and, for
administrators, listing, exporting and verifying it.

Every write of the use-cases and every read of confidential data, through a page, the API or the command line,
goes through :func:`record`, :func:`record_read` or :func:`record_document_reads`. The store chains each entry to
the one before it in the writing transaction (:mod:`hrdmap.storage.audit_chain`); :func:`verify` walks the chain
and names the first entry that breaks it. The actor is always the one the edge built (the signed-in user, the
local account), never a name the client or the environment declares; ``origin`` says from where (the client's
address as the server saw it, or ``cli``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TextIO

from hrdmap.domain.actor import Actor, Permission
from hrdmap.reports.tracker import write_csv
from hrdmap.services.visibility import confidential_ids
from hrdmap.services.workspace import Workspace
from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.audit_chain import Break, ChainReport
from hrdmap.storage.audit_chain import verify as verify_chain

__all__ = ["AuditEntry", "AuditFormat", "Break", "ChainReport", "entries", "export", "verify"]

#: The columns of an export, in order.
COLUMNS = ("id", "at", "actor", "action", "subject", "detail", "previous_hash", "hash")


class AuditFormat(StrEnum):
    """The formats :func:`export` writes."""

    JSONL = "jsonl"
    CSV = "csv"


def record(
    workspace: Workspace,
    actor: Actor,
    action: str,
    *,
    subject: str | None = None,
    detail: Mapping[str, object] | None = None,
    origin: str | None = None,
) -> None:
    """Append one entry (inside the caller's transaction when there is one)."""
    extra = dict(detail or {})
    if origin:
        extra["origin"] = origin
    workspace.store.audit.record(action, actor=actor.name, at=actor.now(), subject=subject, detail=extra)


def record_read(
    workspace: Workspace,
    actor: Actor,
    what: str,
    *,
    subject: str | None = None,
    origin: str | None = None,
    detail: Mapping[str, object] | None = None,
) -> None:
    """Record that ``actor`` read confidential data (``what``: the page, API call or command; ``subject``: the
    thing)."""
    with workspace.store.transaction():
        extra = {"what": what, **(detail or {})}
        record(workspace, actor, "read.confidential", subject=subject, detail=extra, origin=origin)


def record_document_reads(
    workspace: Workspace, actor: Actor, what: str, document_ids: Iterable[int], *, origin: str | None = None
) -> list[int]:
    """Record a read of the confidential documents among ``document_ids`` (those a confidential contribution
    brought, which the actor saw because of their clearance): one entry naming them all, none when there are none.

    Args:
        workspace: The data folder.
        actor: Who read.
        what: The command or page ("show", "search", "export", "map", "draft").
        document_ids: The documents the output was made from.
        origin: From where (``cli``, or the client's address).

    Returns:
        The confidential documents recorded, by id.
    """
    confidential = sorted(confidential_ids(workspace, document_ids))
    if confidential:
        subject = f"document:{confidential[0]}" if len(confidential) == 1 else None
        record_read(workspace, actor, what, subject=subject, origin=origin, detail={"documents": confidential})
    return confidential


def entries(workspace: Workspace, actor: Actor, *, limit: int = 200) -> list[AuditEntry]:
    """The latest audit entries, newest first: administrators only.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not administer the data folder.
    """
    actor.require(Permission.ADMINISTER)
    return workspace.store.audit.entries(limit=limit)


def verify(workspace: Workspace, actor: Actor, *, expect_head: str | None = None) -> ChainReport:
    """Walk the whole chain and report the first entry that breaks it: administrators only.

    Args:
        workspace: The data folder.
        actor: Who checks.
        expect_head: A head hash recorded earlier (``hrdmap audit verify`` prints it): the report says whether
            the chain still holds it, which shows entries cut from the end.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not administer the data folder.
    """
    actor.require(Permission.ADMINISTER)
    return verify_chain(lambda: workspace.store.audit.chain(), expect_head=expect_head)


def export(workspace: Workspace, actor: Actor, output: TextIO, fmt: AuditFormat = AuditFormat.JSONL) -> int:
    """Write every entry, oldest first, with its hashes, as JSON Lines or CSV; returns how many: administrators
    only. CSV cells a spreadsheet would run as a formula get a leading apostrophe.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not administer the data folder.
    """
    actor.require(Permission.ADMINISTER)
    chain = workspace.store.audit.chain()
    if fmt is AuditFormat.CSV:
        return write_csv((_csv_row(e) for e in chain), COLUMNS, output)
    count = 0
    for entry in chain:
        output.write(json.dumps(entry_row(entry), ensure_ascii=False) + "\n")
        count += 1
    return count


def entry_row(entry: AuditEntry) -> dict[str, object]:
    """One entry as plain JSON values (the time as ISO 8601 UTC)."""
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "subject": entry.subject,
        "detail": dict(entry.detail),
        "previous_hash": entry.previous_hash,
        "hash": entry.hash,
    }


def _csv_row(entry: AuditEntry) -> dict[str, str | int | None]:
    row = entry_row(entry)
    return {
        **{k: v for k, v in row.items() if isinstance(v, str | int) or v is None},
        "detail": json.dumps(row["detail"], ensure_ascii=False, sort_keys=True),
    }
