"""What the monitoring commands share: the clearance option, the mapping option, incidents as text (their JSON is
:func:`hrdmap.services.views.incident_view`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from hrdmap.cli.output import echo
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.domain.monitoring.vocabulary import Sensitivity
from hrdmap.monitoring.mapping import Mapping, builtin_mappings, load_mapping

_F = TypeVar("_F", bound=Callable[..., Any])

#: ``--clearance``: the most sensitive records the output may show. Until roles exist (docs/monitoring.md), this is
#: what the person running the command asks for; outputs meant for publication use the default, ``public``.
CLEARANCE: Callable[[_F], _F] = click.option(
    "--clearance",
    type=click.Choice([s.value for s in Sensitivity]),
    default="public",
    show_default=True,
    help="Most sensitive records shown: public, restricted or confidential.",
)


def clearance_of(value: str) -> Sensitivity:
    """The clearance named by the option."""
    return Sensitivity(value)


def load_mapping_option(value: str) -> Mapping:
    """A shipped mapping by name, or a mapping file by path.

    Raises:
        InvalidInput: Neither.
    """
    shipped = builtin_mappings()
    if value in shipped:
        return load_mapping(shipped[value])
    path = Path(value)
    if not path.is_file():
        raise InvalidInput(f"--mapping: {value!r} is neither a mapping file nor one of {', '.join(sorted(shipped))}")
    return load_mapping(path)


def print_incident(incident: Incident) -> None:
    """An incident as text, for a terminal."""
    echo(f"Incident {incident.id}: {incident.title}")
    echo(f"  date: {incident.date.iso() or 'unknown'} ({incident.date.precision.value}"
         f"{', approximate' if incident.date.approximate else ''}) {incident.date.text!r}")  # fmt: skip
    where = incident.location
    echo(f"  where: {', '.join(x for x in (where.place, where.admin_area, where.country) if x) or 'unknown'}")
    echo(f"  status: {incident.status.value}   sensitivity: {incident.sensitivity.value}")
    for act in incident.acts:
        echo(f"  act: {act.type}" + (f" (motive: {act.motive})" if act.motive else ""))
    for victim in incident.victims:
        echo(f"  victim: {victim.name or '(no name)'} — {victim.sex.value}, {', '.join(victim.roles) or 'no group'}")
    for perpetrator in incident.perpetrators:
        echo(f"  perpetrator: {perpetrator.type.value}" + (f" ({perpetrator.name})" if perpetrator.name else ""))
    for source in incident.sources:
        echo(f"  source: {source.name or source.kind.value}: {source.reference} [{source.reliability.value},"
             f" {source.independence.value}]")  # fmt: skip
    for intervention in incident.interventions:
        reply = f"; reply {intervention.reply.date}" if intervention.reply else "; no reply yet"
        what = f"{intervention.kind.value} {intervention.symbol} {intervention.date}"
        echo(f"  intervention {intervention.id}: {what}{reply}")
    for change in incident.history:
        echo(f"  {change.at:%Y-%m-%d %H:%M} {change.by}: {change.status.value} — {change.reason}")
