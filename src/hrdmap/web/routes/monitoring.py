"""Pages of the monitoring module: incidents (list, read, verify, add sources), indicators and early warnings.

Every read goes through the monitoring services' one door (:func:`hrdmap.services.monitoring.records.get_incident_for`
and :func:`~hrdmap.services.monitoring.records.list_incidents`): an incident above the reader's clearance or outside
its countries answers 404 like a page that does not exist; inside one, victims above the clearance are withheld
and sources and interventions above it left out, as on the command line. A read of a confidential incident (or of
confidential parts of one) is recorded in the audit trail. The indicators page is open to everyone: the public
sees figures of public records only, small ones suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hrdmap.domain.actor import Permission
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import Incident, Source
from hrdmap.domain.monitoring.vocabulary import (
    COUNTED,
    Independence,
    Reliability,
    Sensitivity,
    SourceKind,
    VerificationStatus,
)
from hrdmap.monitoring.indicators import DIMENSIONS, SDG_16_10_1, SDG_16_10_1_GROUPS, IndicatorQuery
from hrdmap.services.monitoring import figures, records
from hrdmap.services.monitoring.records import IncidentFilter
from hrdmap.web.access import Context, Ctx, GuardedRouter
from hrdmap.web.api_models import Id

router = GuardedRouter()

#: The act sets the indicators page offers: SDG 16.10.1's four violations, killings alone, or every act.
ACT_SETS: dict[str, tuple[str, ...]] = {"sdg-16-10-1": SDG_16_10_1, "killing": ("killing",), "all": ()}
#: The groups of victims the page offers (16.10.1's three, or all).
GROUP_SETS: dict[str, tuple[str, ...]] = {"all": (), "sdg-16-10-1": SDG_16_10_1_GROUPS}


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` form value, or ``None`` when empty.

    Raises:
        InvalidInput: Not a date.
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name}: give a date as YYYY-MM-DD") from None


def parse_month(value: str | None, today: dt.date) -> dt.date:
    """A ``YYYY-MM`` form value (the month of ``today`` when empty), as the month's first day.

    Raises:
        InvalidInput: Not a month.
    """
    if not value:
        return today.replace(day=1)
    try:
        return dt.date.fromisoformat(value[:7] + "-01")
    except ValueError:
        raise InvalidInput("as_of: give a month as YYYY-MM") from None


def parse_status(value: str) -> VerificationStatus:
    """A verification status as a form, the query string or the API gives it (any case and separators).

    Raises:
        InvalidInput: Not a status; the message lists them.
    """
    try:
        return VerificationStatus.parse(value)
    except ValueError as error:
        raise InvalidInput(f"status: {error}") from None


def month_warnings(ctx: Ctx, as_of: str | None, by_group: bool) -> tuple[dt.date, list[figures.WarningView]]:
    """The month asked (``YYYY-MM``; this month when empty) and its early warnings at full clearance (the warnings
    page and API).

    Raises:
        InvalidInput: Not a month.
    """
    month = parse_month(as_of, ctx.actor.today())
    with ctx.workspace() as ws:
        found = figures.early_warnings(
            ws, ctx.actor, as_of=month, clearance=Sensitivity.CONFIDENTIAL, by_group=by_group
        )
    return month, found


def incident_filter(
    country: Annotated[str | None, Query(max_length=3)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    act: Annotated[str | None, Query(max_length=80)] = None,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
) -> IncidentFilter:
    """The list filter of the query string (the incidents page and API read it through :data:`QueryIncidentFilter`).

    Raises:
        InvalidInput: A bad date or status.
    """
    if status:
        status = parse_status(status).value
    return IncidentFilter(
        country=(country or "").strip().upper()[:3] or None,
        status=status or None,
        act=(act or "").strip()[:80] or None,
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
        limit=200,
    )


def confidential_parts(incident: Incident) -> bool:
    """Whether what a reader sees of the incident holds confidential data (its read is then audited)."""
    levels = [incident.sensitivity]
    levels += [v.sensitivity for v in incident.victims] + [s.sensitivity for s in incident.sources]
    levels += [i.sensitivity for i in incident.interventions]
    return Sensitivity.CONFIDENTIAL in levels


def audit_incident_read(ctx: Ctx, incident: Incident) -> None:
    """Record the read of an incident when confidential data were shown."""
    if confidential_parts(incident):
        ctx.audit_read(f"incident:{incident.id}")


def change_incident_status(ctx: Ctx, incident_id: int, status: str, reason: str) -> Incident:
    """Change an incident's verification status for the page or the API (an incident out of the user's scope
    answers not found); audited.

    Raises:
        InvalidInput: Not a status.
        NotFound: No such incident, or one the user may not see.
    """
    wanted = parse_status(status)
    with ctx.workspace() as ws:
        records.get_incident_for(ws, ctx.actor, incident_id)  # out of scope: not found
        return records.change_status(ws, ctx.actor, incident_id, wanted, reason=reason, origin=ctx.origin)


def add_incident_source(ctx: Ctx, incident_id: int, source: Source) -> None:
    """Attach a source to an incident for the page or the API (an incident out of the user's scope answers not
    found); audited.

    Raises:
        NotFound: No such incident, or one the user may not see.
    """
    with ctx.workspace() as ws:
        records.get_incident_for(ws, ctx.actor, incident_id)  # out of scope: not found
        records.add_source(ws, ctx.actor, incident_id, source, origin=ctx.origin)


#: The incidents filter of a request's query string (a dependency of the incidents page and API).
QueryIncidentFilter = Annotated[IncidentFilter, Depends(incident_filter)]


@dataclass(frozen=True, slots=True)
class IndicatorForm:
    """The indicators form as asked: its values as given (the page shows them again) and the query they make.

    Attributes:
        acts: The act set's name (a key of :data:`ACT_SETS`).
        groups: The group set's name (a key of :data:`GROUP_SETS`).
        status: ``""`` (every status that counts) or ``"verified"``.
        date_from: The first day asked, as given.
        date_to: The last day asked, as given.
        query: The query of these values.
    """

    acts: str
    groups: str
    status: str
    date_from: str | None
    date_to: str | None
    query: IndicatorQuery


def indicator_form(
    acts: Annotated[str, Query(max_length=20)] = "sdg-16-10-1",
    groups: Annotated[str, Query(max_length=20)] = "all",
    by: Annotated[list[str] | None, Query(max_length=20)] = None,
    status: Annotated[str, Query(max_length=20)] = "",
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
) -> IndicatorForm:
    """The indicators form of the query string, grouped by year and act unless ``by`` says otherwise (the
    indicators page and API read it through :data:`QueryIndicatorForm`).

    Raises:
        InvalidInput: An unknown act set, group set, grouping or date.
    """
    chosen = by if by is not None else ["year", "act"]
    query = indicator_query(acts, groups, chosen, status, date_from, date_to)
    return IndicatorForm(acts, groups, status, date_from, date_to, query)


def indicator_query(
    acts: str, groups: str, by: list[str], status: str, date_from: str | None, date_to: str | None
) -> IndicatorQuery:
    """The indicators query of the form's values.

    Raises:
        InvalidInput: An unknown act set, group set, grouping or date.
    """
    if acts not in ACT_SETS or groups not in GROUP_SETS:
        raise InvalidInput("acts, groups: choose one of the sets offered")
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown or len(by) > 3:
        raise InvalidInput(f"by: up to three of {', '.join(DIMENSIONS)}")
    statuses: tuple[str, ...] = ()
    if status == "verified":
        statuses = (VerificationStatus.VERIFIED.value,)
    elif status:
        raise InvalidInput("status: all or verified")
    return IndicatorQuery(
        acts=ACT_SETS[acts],
        by=tuple(dict.fromkeys(by)),
        statuses=statuses,
        roles=GROUP_SETS[groups],
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
        clearance=Sensitivity.CONFIDENTIAL,
    )


#: The indicators form of a request's query string (a dependency of the indicators page and API).
QueryIndicatorForm = Annotated[IndicatorForm, Depends(indicator_form)]


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(ctx: Context, query: QueryIncidentFilter) -> HTMLResponse:
    """Incidents the user may see, newest first, with filters (country, status, act, dates)."""
    with ctx.workspace() as ws:
        found = records.list_incidents(ws, ctx.actor, query)
    return ctx.page(
        "incidents.html",
        incidents=found,
        query=query,
        statuses=[s.value for s in VerificationStatus],
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(ctx: Context, incident_id: Id) -> HTMLResponse:
    """One incident: event, acts, victims, perpetrators, sources, interventions and verification history, as the
    user's clearance allows; officers change its status and add sources here."""
    with ctx.workspace() as ws:
        found = records.get_incident_for(ws, ctx.actor, incident_id)
    audit_incident_read(ctx, found)
    manage = ctx.actor.can(Permission.MANAGE_INCIDENTS)
    return ctx.page(
        "incident.html",
        incident=found,
        manage=manage,
        statuses=[s.value for s in VerificationStatus if s is not VerificationStatus.PROPOSED],
        kinds=[k.value for k in SourceKind],
        reliabilities=[r.value for r in Reliability],
        independences=[i.value for i in Independence],
        sensitivities=[s.value for s in Sensitivity],
    )


@router.post("/incidents/{incident_id}/status")
def incident_status(
    ctx: Context,
    incident_id: Id,
    status: Annotated[str, Form(max_length=40)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Change the verification status (``verified`` is checked against the rule); audited."""
    change_incident_status(ctx, incident_id, status, reason)
    return RedirectResponse(ctx.request.url_for("incident_page", incident_id=incident_id), status_code=303)


def source_of(
    kind: str,
    reference: str,
    name: str,
    reliability: str,
    independence: str,
    group: str,
    evidence: str,
    sensitivity: str,
) -> Source:
    """A source from the form's (or the API's) values.

    Raises:
        InvalidInput: An unknown kind, grade or level, or no reference.
    """
    if not reference.strip():
        raise InvalidInput("reference: say what identifies the source (a URL, a paragraph, a name)")
    try:
        return Source(
            kind=SourceKind.parse(kind),
            reference=reference.strip(),
            name=name.strip(),
            reliability=Reliability.parse(reliability),
            independence=Independence.parse(independence),
            independence_group=group.strip(),
            evidence=evidence.strip(),
            sensitivity=Sensitivity.parse(sensitivity),
        )
    except ValueError as error:
        raise InvalidInput(str(error)) from None


@router.post("/incidents/{incident_id}/sources")
def incident_source_add(
    ctx: Context,
    incident_id: Id,
    kind: Annotated[str, Form(max_length=40)],
    reference: Annotated[str, Form(max_length=2000)],
    name: Annotated[str, Form(max_length=300)] = "",
    reliability: Annotated[str, Form(max_length=40)] = "unknown",
    independence: Annotated[str, Form(max_length=40)] = "secondary",
    independence_group: Annotated[str, Form(max_length=300)] = "",
    evidence: Annotated[str, Form(max_length=5000)] = "",
    sensitivity: Annotated[str, Form(max_length=40)] = "confidential",
) -> Response:
    """Attach a source to an incident; audited."""
    source = source_of(kind, reference, name, reliability, independence, independence_group, evidence, sensitivity)
    add_incident_source(ctx, incident_id, source)
    return RedirectResponse(ctx.request.url_for("incident_page", incident_id=incident_id), status_code=303)


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(ctx: Context, form: QueryIndicatorForm) -> HTMLResponse:
    """SDG 16.10.1 and other figures by any grouping (regions included), drilling down to incidents for those
    who may read them; the public sees public records only, small figures suppressed."""
    with ctx.workspace() as ws:
        view = figures.indicator_view(ws, ctx.actor, form.query)
    return ctx.page(
        "indicators.html",
        view=view,
        acts=form.acts,
        groups=form.groups,
        by=list(form.query.by),
        chosen_status=form.status,
        date_from=form.date_from or "",
        date_to=form.date_to or "",
        act_sets=list(ACT_SETS),
        group_sets=list(GROUP_SETS),
        dimensions=list(DIMENSIONS),
        read_records=ctx.actor.can(Permission.READ_CORPUS),
    )


@router.get("/warnings", response_class=HTMLResponse)
def warnings_page(
    ctx: Context,
    as_of: Annotated[str | None, Query(max_length=10)] = None,
    by_group: bool = False,
) -> HTMLResponse:
    """Early warnings of a month: per country (or group at risk), what changed, the incidents behind; officers
    acknowledge them."""
    month, found = month_warnings(ctx, as_of, by_group)
    return ctx.page(
        "warnings.html",
        warnings=found,
        as_of=month.isoformat()[:7],
        by_group=by_group,
        manage=ctx.actor.can(Permission.MANAGE_INCIDENTS),
        read_records=ctx.actor.can(Permission.READ_CORPUS),
        counted=sorted(s.value for s in COUNTED),
    )


@router.post("/warnings/acknowledge")
def warning_acknowledge(
    ctx: Context,
    series: Annotated[str, Form(max_length=200)],
    period: Annotated[str, Form(max_length=20)],
    note: Annotated[str, Form(max_length=2000)] = "",
    intervention: Annotated[str, Form(max_length=20)] = "",
    as_of: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Record that a warning was seen (and the intervention that followed); audited."""
    intervention_id = _intervention_id(intervention)
    with ctx.workspace() as ws:
        figures.acknowledge(
            ws, ctx.actor, series, period, note=note.strip(), intervention_id=intervention_id, origin=ctx.origin
        )
    target = ctx.request.url_for("warnings_page").include_query_params(as_of=as_of or period[:7])
    return RedirectResponse(target, status_code=303)


def _intervention_id(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or len(text.strip()) > 12:
        raise InvalidInput("intervention: give the number of an intervention, or nothing")
    return int(text.strip())
