"""Incidents one by one: add, edit, read (one door, by clearance), verify, sources, interventions, cases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.errors import InvalidInput, NotFound
from hrdmap.domain.monitoring.cases import Case, CaseStatusChange
from hrdmap.domain.monitoring.incidents import Incident, Intervention, Source, StateReply
from hrdmap.domain.monitoring.vocabulary import CaseStatus, Sensitivity, VerificationStatus
from hrdmap.monitoring.access import redact
from hrdmap.monitoring.importer import vocabulary_from
from hrdmap.monitoring.verification import change_status as verified_change
from hrdmap.services import audit_trail
from hrdmap.services.workspace import Workspace
from hrdmap.storage.incidents import IncidentFilter as IncidentFilter  # what list reads take; the CLI builds it


def check_vocabulary(workspace: Workspace, incident: Incident) -> None:
    """Refuse act types and victims' roles that the workspace's frameworks do not define.

    Raises:
        InvalidInput: An unknown act type or role, named.
    """
    words = vocabulary_from(workspace.frameworks())
    for act in incident.acts:
        if act.type not in words.act_types:
            raise InvalidInput(f"act type {act.type!r} is not a label of the attack-types framework")
    for victim in incident.victims:
        for role in victim.roles:
            if role not in words.roles:
                raise InvalidInput(f"role {role!r} is not a label of the groups-at-risk framework")


def clearance_for(actor: Actor, requested: Sensitivity) -> Sensitivity:
    """The clearance a read runs with: what is asked, within what the actor's scope allows."""
    return list(Sensitivity)[min(requested.rank, int(actor.scope.sensitivity))]


def record_clearance(actor: Actor, requested: Sensitivity) -> Sensitivity:
    """The clearance a read of **records** runs with: :func:`clearance_for`, and never ``confidential`` for an
    actor whose roles may not read confidential data (the need-to-know rule of
    :mod:`hrdmap.services.visibility`: a reviewer reads restricted records at most, whatever its scope)."""
    level = clearance_for(actor, requested)
    if level is Sensitivity.CONFIDENTIAL and not actor.can(Permission.READ_CONFIDENTIAL):
        return Sensitivity.RESTRICTED
    return level


def shown(actor: Actor, incident: Incident, clearance: Sensitivity) -> Incident | None:
    """The incident as ``actor`` may see it at ``clearance``, or ``None`` (out of scope or above clearance)."""
    if incident.location.country and not actor.scope.allows_country(incident.location.country):
        return None
    if not incident.location.country and actor.scope.countries is not None:
        return None
    return redact(incident, record_clearance(actor, clearance))


def shown_many(actor: Actor, incidents: Iterable[Incident], clearance: Sensitivity) -> Iterator[Incident]:
    """The incidents as ``actor`` may see them at ``clearance`` (:func:`shown`), those it may not see left out;
    lazily, so a stream of incidents stays one."""
    return (visible for visible in (shown(actor, i, clearance) for i in incidents) if visible is not None)


def add_incident(workspace: Workspace, actor: Actor, incident: Incident) -> int:
    """Store a new incident (status ``reported`` unless it says otherwise) and audit it.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        InvalidInput: Unknown act type or role, or an external id already used.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    check_vocabulary(workspace, incident)
    at = actor.now()
    store = workspace.store
    with store.transaction():
        for external in incident.external_ids:
            if store.incidents.by_external_id(external) is not None:
                raise InvalidInput(f"an incident with the id {external!r} is already stored")
        incident_id = store.incidents.add(incident, at=at)
        store.audit.record("incident.added", actor=actor.name, at=at, subject=f"incident:{incident_id}")
    return incident_id


def stored_incident(workspace: Workspace, incident_id: int) -> Incident:
    """The stored incident, whatever its clearance: for the writes, never to show (:func:`get_incident_for` is the
    door for reads).

    Raises:
        NotFound: No such incident.
    """
    found = workspace.store.incidents.get(incident_id)
    if found is None:
        raise NotFound(f"no incident {incident_id}")
    return found


def _editable(workspace: Workspace, actor: Actor, incident_id: int) -> Incident:
    """The stored incident, once the actor is known to be one who may record incidents (``Forbidden`` if not,
    ``NotFound`` if there is no such incident)."""
    actor.require(Permission.MANAGE_INCIDENTS)
    return stored_incident(workspace, incident_id)


def get_incident_for(
    workspace: Workspace, actor: Actor, incident_id: int, clearance: Sensitivity = Sensitivity.CONFIDENTIAL
) -> Incident:
    """The incident as ``actor`` may see it, at most at ``clearance``.

    Raises:
        NotFound: No such incident, one above the clearance or out of the actor's scope, or an actor who may not
            read records (the same answer: existence does not leak).
    """
    found = workspace.store.incidents.get(incident_id) if actor.can(Permission.READ_CORPUS) else None
    visible = shown(actor, found, clearance) if found is not None else None
    if visible is None:
        raise NotFound(f"no incident {incident_id}")
    return visible


def list_incidents(
    workspace: Workspace, actor: Actor, query: IncidentFilter, clearance: Sensitivity = Sensitivity.CONFIDENTIAL
) -> list[Incident]:
    """Incidents that match, newest first, as the actor may see them (none for an actor who may not read)."""
    if not actor.can(Permission.READ_CORPUS):
        return []
    repository = workspace.store.incidents
    return list(shown_many(actor, repository.get_many(repository.ids(query)), clearance))


def edit_incident(workspace: Workspace, actor: Actor, incident_id: int, edited: Incident) -> None:
    """Replace an incident's event, acts, victims and perpetrators (status, sources and history stay).

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such incident.
        InvalidInput: Unknown act type or role.
    """
    _editable(workspace, actor, incident_id)
    check_vocabulary(workspace, edited)
    at = actor.now()
    with workspace.store.transaction():
        workspace.store.incidents.replace(incident_id, edited, at=at)
        workspace.store.audit.record("incident.edited", actor=actor.name, at=at, subject=f"incident:{incident_id}")


def change_status(
    workspace: Workspace,
    actor: Actor,
    incident_id: int,
    status: VerificationStatus,
    *,
    reason: str,
    origin: str | None = None,
) -> Incident:
    """Move an incident to another verification status; ``verified`` is checked against the rule.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such incident.
        hrdmap.monitoring.verification.VerificationError: Not allowed, no reason, or the rule is not met.
    """
    stored = _editable(workspace, actor, incident_id)
    at = actor.now()
    changed = verified_change(stored, status, by=actor.name, at=at, reason=reason)
    with workspace.store.transaction():
        workspace.store.incidents.add_status(incident_id, changed.history[-1])
        audit_trail.record(
            workspace,
            actor,
            "incident.status",
            subject=f"incident:{incident_id}",
            detail={"status": status.value, "reason": changed.history[-1].reason},
            origin=origin,
        )
    return changed


def add_source(
    workspace: Workspace,
    actor: Actor,
    incident_id: int,
    source: Source,
    *,
    block_id: int | None = None,
    origin: str | None = None,
) -> None:
    """Attach a source to an incident.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such incident.
    """
    _editable(workspace, actor, incident_id)
    at = actor.now()
    with workspace.store.transaction():
        workspace.store.incidents.add_source(incident_id, source, at=at, block_id=block_id)
        audit_trail.record(
            workspace,
            actor,
            "incident.source",
            subject=f"incident:{incident_id}",
            detail={"kind": source.kind.value},
            origin=origin,
        )


def add_intervention(workspace: Workspace, actor: Actor, incident_id: int, intervention: Intervention) -> int:
    """Record what the UN did about an incident. Returns the intervention's id.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such incident.
    """
    _editable(workspace, actor, incident_id)
    with workspace.store.transaction():
        intervention_id = workspace.store.incidents.add_intervention(incident_id, intervention)
        audit_trail.record(
            workspace,
            actor,
            "incident.intervention",
            subject=f"incident:{incident_id}",
            detail={"intervention": intervention_id, "kind": intervention.kind.value},
        )
    return intervention_id


def record_reply(workspace: Workspace, actor: Actor, intervention_id: int, reply: StateReply) -> None:
    """Record the State's reply to an intervention.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such intervention.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    with workspace.store.transaction():
        incident_id = workspace.store.incidents.intervention_incident(intervention_id)
        if incident_id is None or not workspace.store.incidents.set_reply(intervention_id, reply):
            raise NotFound(f"no intervention {intervention_id}")
        audit_trail.record(
            workspace,
            actor,
            "incident.reply",
            subject=f"incident:{incident_id}",
            detail={"intervention": intervention_id},
        )


def open_case(workspace: Workspace, actor: Actor, case: Case) -> int:
    """Open a case following a person or group.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: A listed incident does not exist.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    for incident_id in case.incidents:
        stored_incident(workspace, incident_id)
    at = actor.now()
    opened = replace(case, history=(CaseStatusChange(case.status, at, actor.name, "opened"),))
    with workspace.store.transaction():
        case_id = workspace.store.incidents.add_case(opened, at=at)
        workspace.store.audit.record("case.opened", actor=actor.name, at=at, subject=f"case:{case_id}")
    return case_id


def get_case_for(
    workspace: Workspace, actor: Actor, case_id: int, clearance: Sensitivity = Sensitivity.CONFIDENTIAL
) -> Case:
    """A case as the actor may see it (its incidents above the clearance or out of scope left out).

    Raises:
        NotFound: No such case, one above the clearance, or an actor who may not read records.
    """
    case = workspace.store.incidents.get_case(case_id) if actor.can(Permission.READ_CORPUS) else None
    level = clearance_for(actor, clearance)
    if case is None or case.sensitivity.rank > level.rank:
        raise NotFound(f"no case {case_id}")
    visible = shown_many(actor, workspace.store.incidents.get_many(case.incidents), level)
    return replace(case, incidents=tuple(i.id for i in visible if i.id is not None))


def update_case(
    workspace: Workspace,
    actor: Actor,
    case_id: int,
    *,
    add_incident: int | None = None,
    status: CaseStatus | None = None,
    reason: str = "",
) -> None:
    """Add an incident to a case and/or change its status (with a reason).

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such case or incident.
        InvalidInput: A status change without a reason.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    if workspace.store.incidents.get_case(case_id) is None:
        raise NotFound(f"no case {case_id}")
    if add_incident is not None:
        stored_incident(workspace, add_incident)
    if status is not None and not reason.strip():
        raise InvalidInput("a case status change needs a reason")
    with workspace.store.transaction():
        if add_incident is not None:
            workspace.store.incidents.add_case_incident(case_id, add_incident)
        if status is not None:
            workspace.store.incidents.add_case_status(case_id, CaseStatusChange(status, at, actor.name, reason.strip()))
        workspace.store.audit.record("case.updated", actor=actor.name, at=at, subject=f"case:{case_id}")
