"""What a reader cleared for a sensitivity level may see of an incident.

One rule for every output (list, show, exports, indicators, warnings, the map): an incident above the reader's
clearance is not shown at all (the services answer "not found", so its existence does not leak); inside a visible
incident, victims above the clearance are withheld (name, organisation and age removed, replaced by
``[withheld]``), and sources and interventions above it are left out.
"""

from __future__ import annotations

from dataclasses import replace

from hrdmap.domain.monitoring.incidents import Incident, Victim
from hrdmap.domain.monitoring.vocabulary import AgeGroup, Sensitivity

WITHHELD = "[withheld]"


def visible(incident: Incident, clearance: Sensitivity) -> bool:
    """Whether a reader with ``clearance`` may see the incident at all."""
    return incident.sensitivity.rank <= clearance.rank


def _victim(victim: Victim, clearance: Sensitivity) -> Victim:
    if victim.sensitivity.rank <= clearance.rank:
        return victim
    return Victim(name=WITHHELD, kind=victim.kind, age_group=AgeGroup.UNKNOWN, sensitivity=victim.sensitivity)


def redact(incident: Incident, clearance: Sensitivity) -> Incident | None:
    """The incident as the reader may see it, or ``None`` when it is above the clearance."""
    if not visible(incident, clearance):
        return None
    rank = clearance.rank
    levels = [p.sensitivity for p in incident.victims] + [p.sensitivity for p in incident.sources]
    levels += [p.sensitivity for p in incident.interventions]
    if all(level.rank <= rank for level in levels):
        return incident
    return replace(
        incident,
        victims=tuple(_victim(v, clearance) for v in incident.victims),
        sources=tuple(s for s in incident.sources if s.sensitivity.rank <= clearance.rank),
        interventions=tuple(i for i in incident.interventions if i.sensitivity.rank <= clearance.rank),
    )
