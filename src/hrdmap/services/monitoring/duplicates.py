"""Duplicates: propose pairs across sources, merge (keeping every source), undo, or mark as distinct."""

from __future__ import annotations

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.errors import Conflict, InvalidInput, NotFound
from hrdmap.domain.monitoring.vocabulary import Sensitivity
from hrdmap.monitoring.dedup import DEFAULT_THRESHOLD, CandidatePair, find_pairs, link_record
from hrdmap.services.monitoring.records import shown_many, stored_incident
from hrdmap.services.workspace import Workspace


def candidates(
    workspace: Workspace,
    actor: Actor,
    *,
    clearance: Sensitivity = Sensitivity.CONFIDENTIAL,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[CandidatePair]:
    """Pairs of stored incidents that may be one, best first; merged incidents and pairs judged distinct are left
    out, and so are incidents the actor may not see at ``clearance``.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read incident records.
    """
    actor.require(Permission.READ_CORPUS)
    repository = workspace.store.incidents
    visible = shown_many(actor, repository.iterate(repository.counted_ids()), clearance)
    records = [link_record(incident) for incident in visible if incident.status.value not in ("rejected", "refuted")]
    distinct = repository.distinct_pairs()
    return [p for p in find_pairs(records, threshold=threshold) if (p.left, p.right) not in distinct]


def merge(workspace: Workspace, actor: Actor, survivor_id: int, merged_id: int, *, reason: str = "") -> None:
    """Merge ``merged_id`` into ``survivor_id``: it stops counting, its sources show with the survivor; nothing is
    deleted and :func:`unmerge` undoes it.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: Either incident does not exist.
        InvalidInput: The same incident twice.
        Conflict: One of them is already merged into another.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    if survivor_id == merged_id:
        raise InvalidInput("an incident cannot be merged into itself")
    repository = workspace.store.incidents
    for incident_id in (survivor_id, merged_id):
        stored_incident(workspace, incident_id)
        into = repository.merged_into(incident_id)
        if into is not None:
            raise Conflict(f"incident {incident_id} is already merged into incident {into}")
    with workspace.store.transaction():
        repository.merge(survivor_id, merged_id, at=at, actor=actor.name, reason=reason)
        workspace.store.audit.record(
            "incident.merged", actor=actor.name, at=at, subject=f"incident:{merged_id}", detail={"into": survivor_id}
        )


def unmerge(workspace: Workspace, actor: Actor, merged_id: int) -> None:
    """Undo the merge of an incident.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: It is not merged.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    with workspace.store.transaction():
        if not workspace.store.incidents.unmerge(merged_id, at=at, actor=actor.name):
            raise NotFound(f"incident {merged_id} is not merged")
        workspace.store.audit.record("incident.unmerged", actor=actor.name, at=at, subject=f"incident:{merged_id}")


def mark_distinct(workspace: Workspace, actor: Actor, left_id: int, right_id: int) -> None:
    """Record that two incidents are not duplicates, so they are not proposed again.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: Either incident does not exist.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    for incident_id in (left_id, right_id):
        stored_incident(workspace, incident_id)
    with workspace.store.transaction():
        workspace.store.incidents.mark_distinct(left_id, right_id, at=at, actor=actor.name)
        workspace.store.audit.record(
            "incident.distinct", actor=actor.name, at=at, subject=f"incident:{left_id}", detail={"other": right_id}
        )
