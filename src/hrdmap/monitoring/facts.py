"""Incidents flattened for counting: one row per act type and victim (an act with no victim gives one row).

The rows feed the indicators (:mod:`hrdmap.monitoring.indicators`) and early warning. Each carries what the
16.10.1 disaggregations need (year, month, country and its M49 groupings, sex, age group, the victim's groups,
the perpetrators' types, the act, the verification status) and its sensitivity: the stricter of the incident's
and the victim's, so a public figure never counts a restricted victim.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.domain.monitoring.vocabulary import DatePrecision, Sensitivity
from hrdmap.monitoring.places import region_of

#: The columns of a fact row, in order.
COLUMNS = (
    "incident_id", "victim_uid", "act", "status", "sensitivity", "date_start", "date_end", "year", "month",
    "precision", "country", "region", "subregion", "sex", "age_group", "roles", "perpetrators",
)  # fmt: skip

#: Victims per incident are numbered within ``victim_uid = incident_id * VICTIM_SLOTS + index``.
VICTIM_SLOTS = 10_000


def fact_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    """One row per act and victim of each stored incident.

    Raises:
        ValueError: An incident has no id.
    """
    for incident in incidents:
        if incident.id is None:
            raise ValueError("only stored incidents (with an id) can be counted")
        date = incident.date
        month = date.start.isoformat()[:7] if date.start and date.precision is DatePrecision.DAY else None
        if date.start and date.end and date.precision is DatePrecision.MONTH:
            month = date.start.isoformat()[:7]
        country = incident.location.country
        common = {
            "incident_id": incident.id,
            "status": incident.status.value,
            "date_start": date.start,
            "date_end": date.end,
            "year": date.start.year if date.start else None,
            "month": month,
            "precision": date.precision.value,
            "country": country or None,
            "region": region_of(country, "region") if country else None,
            "subregion": region_of(country, "subregion") if country else None,
        }
        emitted: set[tuple[str, int | None]] = set()
        for act in incident.acts:
            perpetrators = sorted({incident.perpetrators[i].type.value for i in act.perpetrators}) or ["unknown"]
            for index in act.victims or (None,):
                if (act.type, index) in emitted:  # one fact per act type and victim, however often repeated
                    continue
                emitted.add((act.type, index))
                victim = incident.victims[index] if index is not None else None
                strictest = max(incident.sensitivity, victim.sensitivity, key=lambda s: s.rank) if victim else None
                yield common | {
                    "victim_uid": incident.id * VICTIM_SLOTS + (index if index is not None else VICTIM_SLOTS - 1),
                    "act": act.type,
                    "sensitivity": (strictest or incident.sensitivity).value,
                    "sex": victim.sex.value if victim else "unknown",
                    "age_group": victim.age_group.value if victim else "unknown",
                    "roles": list(victim.roles) if victim and victim.roles else ["(none)"],
                    "perpetrators": perpetrators,
                }


def sensitivity_rank(level: Sensitivity) -> int:
    """0 public, 1 restricted, 2 confidential."""
    return level.rank
