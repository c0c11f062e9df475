"""The JSON API of the monitoring module: incidents, their verification and sources, indicators, warnings.

The same services and rules as the pages (:mod:`hrdmap.web.routes.monitoring`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.services.monitoring import figures, records
from hrdmap.web import api_models as m
from hrdmap.web.access import Context, GuardedRouter
from hrdmap.web.api_models import Id
from hrdmap.web.routes.monitoring import (
    QueryIncidentFilter,
    QueryIndicatorForm,
    add_incident_source,
    audit_incident_read,
    change_incident_status,
    month_warnings,
    source_of,
)

router = GuardedRouter(prefix="/api")


def _summary(i: Incident) -> m.IncidentOut:
    return m.IncidentOut(
        id=i.id or 0,
        title=i.title,
        date=i.date.iso(),
        country=i.location.country,
        acts=list(i.act_types),
        status=i.status.value,
        sensitivity=i.sensitivity.value,
    )


@router.get("/incidents")
def api_incidents(ctx: Context, query: QueryIncidentFilter) -> list[m.IncidentOut]:
    """Incidents the caller may see, newest first (at most 200)."""
    with ctx.workspace() as ws:
        found = records.list_incidents(ws, ctx.actor, query)
    return [_summary(i) for i in found]


@router.get("/incidents/{incident_id}")
def api_incident(ctx: Context, incident_id: Id) -> m.IncidentDetail:
    """An incident as the caller's clearance allows (a read of confidential data is audited)."""
    with ctx.workspace() as ws:
        i = records.get_incident_for(ws, ctx.actor, incident_id)
    audit_incident_read(ctx, i)
    return m.IncidentDetail(
        **_summary(i).model_dump(),
        date_text=i.date.text,
        admin_area=i.location.admin_area,
        place=i.location.place,
        description=i.description,
        victims=[
            m.VictimOut(
                name=v.name,
                kind=v.kind.value,
                sex=v.sex.value,
                age=v.age,
                age_group=v.age_group.value,
                roles=list(v.roles),
                organisation=v.organisation,
                sensitivity=v.sensitivity.value,
            )
            for v in i.victims
        ],
        perpetrators=[p.type.value for p in i.perpetrators],
        sources=[
            m.SourceOut(
                kind=s.kind.value,
                reference=s.reference,
                name=s.name,
                reliability=s.reliability.value,
                independence=s.independence.value,
                independence_group=s.independence_group,
                evidence=s.evidence,
                sensitivity=s.sensitivity.value,
            )
            for s in i.sources
        ],
        interventions=[
            m.InterventionOut(
                id=v.id,
                kind=v.kind.value,
                date=v.date,
                by=v.by,
                symbol=v.symbol,
                summary=v.summary,
                reply_date=v.reply.date if v.reply else None,
                reply_summary=v.reply.summary if v.reply else None,
                sensitivity=v.sensitivity.value,
            )
            for v in i.interventions
        ],
        history=[m.StatusChangeOut(status=h.status.value, at=h.at, by=h.by, reason=h.reason) for h in i.history],
    )


@router.post("/incidents/{incident_id}/status")
def api_incident_status(ctx: Context, incident_id: Id, change: m.StatusIn) -> m.IncidentOut:
    """Change an incident's verification status (``verified`` checked against the rule); audited."""
    return _summary(change_incident_status(ctx, incident_id, change.status, change.reason))


@router.post("/incidents/{incident_id}/sources")
def api_incident_source(ctx: Context, incident_id: Id, given: m.SourceIn) -> m.Done:
    """Attach a source to an incident; audited."""
    source = source_of(
        given.kind,
        given.reference,
        given.name,
        given.reliability,
        given.independence,
        given.independence_group,
        given.evidence,
        given.sensitivity,
    )
    add_incident_source(ctx, incident_id, source)
    return m.Done(ok=True)


@router.get("/indicators")
def api_indicators(ctx: Context, form: QueryIndicatorForm) -> m.IndicatorsOut:
    """Figures by any grouping; without "read aggregates", public records only and small figures suppressed."""
    with ctx.workspace() as ws:
        view = figures.indicator_view(ws, ctx.actor, form.query)
    return m.IndicatorsOut(
        by=list(view.query.by),
        acts=list(view.query.acts),
        clearance=view.query.clearance.value,
        public=view.public,
        min_cell=view.min_cell,
        figures=[
            m.FigureOut(
                key=list(r.key),
                victims=r.victims,
                incidents=r.incidents,
                behind=[i.id for i in r.behind if i.id is not None],
            )
            for r in view.rows
        ],
    )


@router.get("/warnings")
def api_warnings(
    ctx: Context, as_of: Annotated[str | None, Query(max_length=10)] = None, by_group: bool = False
) -> list[m.WarningOut]:
    """The early warnings of a month (``YYYY-MM``; this month by default)."""
    _, found = month_warnings(ctx, as_of, by_group)
    return [
        m.WarningOut(
            series=w.series,
            period=w.warning.period,
            severity=w.warning.severity,
            change=w.warning.change,
            observed=w.warning.observed,
            expected=w.warning.expected,
            p_value=w.warning.p_value,
            incidents=list(w.incidents),
            acknowledged_by=w.acknowledged.actor if w.acknowledged else None,
            acknowledged_at=w.acknowledged.at if w.acknowledged else None,
            note=w.acknowledged.note if w.acknowledged else None,
        )
        for w in found
    ]


@router.post("/warnings/acknowledge")
def api_warning_acknowledge(ctx: Context, given: m.AcknowledgeIn) -> m.Done:
    """Acknowledge a warning (and name the intervention that followed); audited."""
    with ctx.workspace() as ws:
        figures.acknowledge(
            ws,
            ctx.actor,
            given.series,
            given.period,
            note=given.note,
            intervention_id=given.intervention,
            origin=ctx.origin,
        )
    return m.Done(ok=True)
