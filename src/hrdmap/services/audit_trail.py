"""The one door through which the web app's use-cases write the audit trail, reads of protected data included.

Every write of the web's use-cases and every read of confidential data through a page or the API goes through
:func:`record` or :func:`record_read`, so that when the tamper-evident (hash-chained) audit of the hardening work
lands, only this module changes. The actor is always the signed-in user the edge built from its session, never
a name the client sent; ``origin`` says from where (the client's address as the server saw it).
"""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.actor import Actor, Permission
from hrdmap.services.workspace import Workspace
from hrdmap.storage.audit import AuditEntry


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
    workspace: Workspace, actor: Actor, what: str, *, subject: str | None = None, origin: str | None = None
) -> None:
    """Record that ``actor`` read confidential data (``what``: the page or API call; ``subject``: the thing)."""
    with workspace.store.transaction():
        record(workspace, actor, "read.confidential", subject=subject, detail={"what": what}, origin=origin)


def entries(workspace: Workspace, actor: Actor, *, limit: int = 200) -> list[AuditEntry]:
    """The latest audit entries, newest first: administrators only.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not administer the data folder.
    """
    actor.require(Permission.ADMINISTER)
    return workspace.store.audit.entries(limit=limit)
