"""Incidents proposed from the corpus: paragraphs tagged with an attack type, for a reviewer to accept or reject.

Each paragraph of a current document whose effective labels (reviewed first, machine tags above threshold
otherwise; :func:`hrdmap.services.review.effective_rows`) include attack types becomes one ``proposed`` incident:
its acts are those types, its country the paragraph's country (the first, when several; the others are kept as
an attribute), its victims one group with the paragraph's groups at risk, its date unknown (the document's year is
kept as an attribute: a paragraph rarely dates the act), and its source the paragraph itself, with its text as
evidence. A paragraph is proposed once; accepting makes the incident ``reported``, rejecting ``rejected`` (kept,
never deleted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Source, Victim
from hrdmap.domain.monitoring.vocabulary import Independence, Reliability, SourceKind, VerificationStatus, VictimKind
from hrdmap.monitoring.verification import change_status
from hrdmap.services.monitoring.records import stored_incident
from hrdmap.services.review import effective_rows
from hrdmap.services.workspace import Workspace

ATTACKS, GROUPS, COUNTRIES = "attack-types", "groups-at-risk", "countries"


@dataclass(frozen=True, slots=True)
class ProposalReport:
    """What :func:`propose_from_corpus` did: incidents proposed, paragraphs already proposed before."""

    proposed: int
    already: int


def _labels(workspace: Workspace) -> dict[int, dict[str, set[str]]]:
    tags = workspace.store.tags
    frameworks = (ATTACKS, GROUPS, COUNTRIES)
    labels: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in effective_rows(tags.machine_labels(frameworks), tags.latest_reviews(frameworks)):
        labels[row.block_id][row.framework].add(row.label)
    return {block: found for block, found in labels.items() if found.get(ATTACKS)}


def propose_from_corpus(workspace: Workspace, actor: Actor) -> ProposalReport:
    """Propose an incident for every paragraph tagged with an attack type that has not been proposed yet.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    labels = _labels(workspace)
    done = workspace.store.incidents.proposed_blocks()
    todo = sorted(set(labels) - done)
    repository = workspace.store.incidents
    with workspace.store.transaction():
        for located in workspace.store.documents.locate(todo):
            found = labels[located.id]
            countries = sorted(found.get(COUNTRIES, ()))
            document = located.document
            name = document.symbol or document.title or document.source
            paragraph = f"{name}, para. {located.block.label.strip('. ')}" if located.block.label else name
            acts = tuple(Act(t, victims=(0,)) for t in sorted(found[ATTACKS]))
            incident = Incident(
                title=f"{', '.join(sorted(found[ATTACKS])).replace('-', ' ').capitalize()} ({paragraph})",
                date=FuzzyDate.unknown(),
                location=Location(countries[0] if countries else ""),
                acts=acts,
                victims=(Victim(kind=VictimKind.GROUP, roles=tuple(sorted(found.get(GROUPS, ())))),),
                description=located.block.text[:2000],
                status=VerificationStatus.PROPOSED,
                external_ids=(f"block:{located.id}",),
                attributes={
                    k: v
                    for k, v in (
                        ("countries", ", ".join(countries)),
                        ("document_year", str(document.date.year) if document.date else ""),
                    )
                    if v
                },
            )
            incident_id = repository.add(incident, at=at)
            source = Source(
                SourceKind.PARAGRAPH,
                f"block:{located.id}",
                name=paragraph,
                reliability=Reliability.UNKNOWN,
                independence=Independence.SECONDARY,
                independence_group=name,
                evidence=located.block.text,
            )
            repository.add_source(incident_id, source, at=at, block_id=located.id)
        workspace.store.audit.record(
            "incidents.proposed",
            actor=actor.name,
            at=at,
            detail={"proposed": len(todo), "already": len(done & set(labels))},
        )
    return ProposalReport(len(todo), len(done & set(labels)))


def review_proposal(workspace: Workspace, actor: Actor, incident_id: int, *, accept: bool, reason: str) -> Incident:
    """Accept (``reported``) or reject (``rejected``) a proposed incident; edit it first with ``edit_incident``.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such incident.
        InvalidInput: It is not proposed.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    incident = stored_incident(workspace, incident_id)
    if incident.status is not VerificationStatus.PROPOSED:
        raise InvalidInput(f"incident {incident_id} is {incident.status.value}, not proposed")
    target = VerificationStatus.REPORTED if accept else VerificationStatus.REJECTED
    changed = change_status(incident, target, by=actor.name, at=at, reason=reason)
    with workspace.store.transaction():
        workspace.store.incidents.add_status(incident_id, changed.history[-1])
        workspace.store.audit.record(
            "incident.reviewed", actor=actor.name, at=at, subject=f"incident:{incident_id}", detail={"accepted": accept}
        )
    return changed
