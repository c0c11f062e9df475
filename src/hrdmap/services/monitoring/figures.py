"""Figures from the incidents: indicators with drill-down, early warnings with what is behind them, exports.

Every figure is computed for a reader's clearance: incidents and victims above it are not counted, and what a
figure drills down to is redacted for the same reader (:mod:`hrdmap.monitoring.access`). Merged duplicates count
once (as their survivor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.errors import NotFound
from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.domain.monitoring.vocabulary import COUNTED, Sensitivity
from hrdmap.monitoring import exports
from hrdmap.monitoring.access import redact
from hrdmap.monitoring.early_warning import DEFAULT_BASELINE, Warning, detect, months, series_from_facts
from hrdmap.monitoring.facts import fact_rows
from hrdmap.monitoring.indicator_page import PageRow, render_indicators_page
from hrdmap.monitoring.indicators import IndicatorQuery, IndicatorTable
from hrdmap.services import audit_trail
from hrdmap.services.caching import GenerationCache, store_key
from hrdmap.services.monitoring.records import clearance_for, shown_many
from hrdmap.services.views.monitoring import incident_row_view, incident_view
from hrdmap.services.workspace import Workspace
from hrdmap.storage.incidents import Acknowledgement, IncidentFilter


class ExportFormat(StrEnum):
    """What ``hrdmap incidents export`` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    HXL = "hxl"


def _visible(workspace: Workspace, actor: Actor, clearance: Sensitivity) -> list[Incident]:
    """The incidents that count (not merged) as ``actor`` may see them at ``clearance``, with only what counting
    needs (:meth:`hrdmap.storage.incidents.IncidentRepository.countable`)."""
    level, countries = clearance_for(actor, clearance), actor.scope.countries
    found = (
        redact(i, level)
        for i in workspace.store.incidents.countable()
        if countries is None or i.location.country in countries
    )
    return [i for i in found if i is not None]


def indicator_table(workspace: Workspace, actor: Actor, clearance: Sensitivity) -> IndicatorTable:
    """The fact table of the stored incidents the actor may see (not merged ones), loaded into DuckDB.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    actor.require(Permission.READ_AGGREGATES)
    return IndicatorTable(fact_rows(_visible(workspace, actor, clearance)))


def drill(
    workspace: Workspace, actor: Actor, table: IndicatorTable, query: IndicatorQuery, key: Sequence[str]
) -> list[Incident]:
    """The incidents behind one figure, as the actor may see them (none for an actor who may not read records)."""
    if not actor.can(Permission.READ_CORPUS):
        return []
    return list(shown_many(actor, workspace.store.incidents.get_many(table.drill(query, key)), query.clearance))


def indicators_page(
    workspace: Workspace, actor: Actor, query: IndicatorQuery, *, title: str, min_cell: int | None
) -> str:
    """The indicators page (HTML) for a query; ``min_cell`` suppresses small public figures. Figures drill down
    to their incidents only for an actor who may read records.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    query = replace(query, clearance=clearance_for(actor, query.clearance))
    table = indicator_table(workspace, actor, query.clearance)
    try:
        rows = []
        for cell in table.count(query):
            small = min_cell is not None and cell.victims < min_cell
            ids = [] if small or not actor.can(Permission.READ_CORPUS) else table.drill(query, cell.key, limit=50)
            found = list(shown_many(actor, workspace.store.incidents.get_many(ids), query.clearance))
            rows.append(PageRow(cell, found, cell.incidents))
    finally:
        table.close()
    description = _describe(query)
    return render_indicators_page(title, description, query.by, rows, min_cell=min_cell, generated=actor.now())


def _describe(query: IndicatorQuery) -> str:
    parts = [f"Acts: {', '.join(query.acts) or 'all'}."]
    parts.append(f"Statuses: {', '.join(query.statuses) or ', '.join(sorted(s.value for s in COUNTED))}.")
    if query.roles:
        parts.append(f"Groups: {', '.join(query.roles)}.")
    if query.date_from or query.date_to:
        parts.append(f"Dates: {query.date_from or '…'} to {query.date_to or '…'}.")
    parts.append(f"Records up to {query.clearance.value}.")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class WarningView:
    """A warning with what is behind it.

    Attributes:
        warning: The rise flagged.
        incidents: Ids of the incidents counted in its window.
        paragraphs: Corpus paragraphs (``blocks.id``) among their sources.
        acknowledged: Who acknowledged it and what followed, if anyone did.
    """

    warning: Warning
    incidents: tuple[int, ...]
    paragraphs: tuple[int, ...]
    acknowledged: Acknowledgement | None

    @property
    def series(self) -> str:
        """The series as stored in acknowledgements: ``"COL"`` or ``"COL|journalists"``."""
        return "|".join(self.warning.key)


def _month_back(day: dt.date, count: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def early_warnings(
    workspace: Workspace,
    actor: Actor,
    *,
    as_of: dt.date,
    clearance: Sensitivity,
    by_group: bool = False,
    acts: Sequence[str] = (),
    baseline: int = DEFAULT_BASELINE,
) -> list[WarningView]:
    """The warnings as of a month (the month of ``as_of``), strongest first, with the incidents behind each.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    actor.require(Permission.READ_AGGREGATES)
    clearance = clearance_for(actor, clearance)
    first = _month_back(as_of, baseline + 2)
    periods = months(first, as_of)
    # Only incidents whose month is one of the periods are counted: the others are left before the fact rows.
    incidents = [
        i
        for i in _visible(workspace, actor, clearance)
        if i.date.start is not None and first <= i.date.start and f"{i.date.start:%Y-%m}" <= periods[-1]
    ]
    rows = [r for r in fact_rows(incidents) if r["status"] in {s.value for s in COUNTED}]
    rows = [r for r in rows if r["sensitivity"] in {s.value for s in Sensitivity if s.rank <= clearance.rank}]
    series = series_from_facts(rows, periods, acts=acts, by_group=by_group)
    found = detect(periods, series, baseline=baseline, only_last=True)
    acknowledged = workspace.store.incidents.acknowledgements()
    views = []
    for warning in sorted(found, key=lambda w: w.p_value):
        window = set(periods[-warning.window :])
        behind = sorted(
            {
                r["incident_id"]
                for r in rows
                if r["month"] in window
                and r["country"] == warning.key[0]
                and (not acts or r["act"] in acts)
                and (len(warning.key) == 1 or warning.key[1] in r["roles"])
            }
        )
        paragraphs = sorted(
            {
                int(s.reference.split(":")[1])
                for i in workspace.store.incidents.get_many(behind)
                for s in i.sources
                if s.kind.value == "paragraph" and s.reference.startswith("block:")
            }
        )
        views.append(
            WarningView(
                warning, tuple(behind), tuple(paragraphs), acknowledged.get(("|".join(warning.key), warning.period))
            )
        )
    return views


def acknowledge(
    workspace: Workspace,
    actor: Actor,
    series: str,
    period: str,
    *,
    note: str,
    intervention_id: int | None = None,
    origin: str | None = None,
) -> None:
    """Record that a warning was seen, and the intervention that followed if any.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        NotFound: No such intervention.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    with workspace.store.transaction():
        if intervention_id is not None and workspace.store.incidents.intervention_incident(intervention_id) is None:
            raise NotFound(f"no intervention {intervention_id}")
        workspace.store.incidents.acknowledge(Acknowledgement(series, period, at, actor.name, note, intervention_id))
        audit_trail.record(
            workspace,
            actor,
            "warning.acknowledged",
            subject=f"warning:{series}:{period}",
            detail={"note": note},
            origin=origin,
        )


def export_incidents(
    workspace: Workspace, actor: Actor, path: Path, fmt: ExportFormat, *, clearance: Sensitivity, query: IncidentFilter
) -> int:
    """Write the incidents the actor may see; a ``public`` export carries only public records. Returns the count.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read incident records.
    """
    actor.require(Permission.READ_CORPUS)
    repository = workspace.store.incidents
    incidents = list(shown_many(actor, repository.iterate(repository.ids(query)), clearance))
    if fmt is ExportFormat.JSON:
        return exports.write_json([incident_view(i) for i in incidents], path)
    rows = (incident_row_view(i) for i in incidents)
    if fmt is ExportFormat.XLSX:
        return exports.write_xlsx(rows, path)
    return exports.write_csv(rows, path, hxl=fmt is ExportFormat.HXL)


#: The smallest figure a public page shows; smaller ones read ``<3`` and drill down to nothing.
PUBLIC_MIN_CELL = 3


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One figure as a reader may see it.

    Attributes:
        key: The values of the groupings.
        victims: Victims counted, or ``None`` when the figure is too small to show.
        incidents: Incidents counted, or ``None`` when too small.
        behind: The incidents behind it that the reader may open (empty for readers who may not read records).
    """

    key: tuple[str, ...]
    victims: int | None
    incidents: int | None
    behind: tuple[Incident, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """The figures of a query for one reader.

    Attributes:
        query: The query as run (its clearance the one applied).
        rows: One row per cell.
        min_cell: Figures below it are suppressed (``None``: every figure shown).
        public: Whether only public records were counted (a reader without "read aggregates").
    """

    query: IndicatorQuery
    rows: tuple[IndicatorRow, ...]
    min_cell: int | None
    public: bool

    @property
    def largest(self) -> int:
        """The largest figure shown (for drawing bars)."""
        return max((r.victims or 0 for r in self.rows), default=0)


def indicator_view(
    workspace: Workspace, actor: Actor, query: IndicatorQuery, *, min_cell: int = PUBLIC_MIN_CELL, drill_limit: int = 50
) -> IndicatorView:
    """Figures anyone may ask for. A reader who may read aggregates gets them at the clearance asked (within
    the scope), every count shown when above ``public``; anyone else (the public) gets **public records only**,
    figures below ``min_cell`` suppressed. Figures drill down to their incidents only for a reader who may
    read records, and never from a suppressed figure.

    Raises:
        hrdmap.monitoring.indicators.IndicatorError: An unknown grouping.
    """
    internal = actor.can(Permission.READ_AGGREGATES)
    clearance = clearance_for(actor, query.clearance) if internal else Sensitivity.PUBLIC
    query = replace(query, clearance=clearance)
    floor = min_cell if clearance is Sensitivity.PUBLIC else None
    table = IndicatorTable(fact_rows(_visible(workspace, actor, clearance)))
    try:
        rows = []
        for cell in table.count(query):
            small = floor is not None and cell.victims < floor
            behind: tuple[Incident, ...] = ()
            if not small and actor.can(Permission.READ_CORPUS):
                found = workspace.store.incidents.get_many(table.drill(query, cell.key, limit=drill_limit))
                behind = tuple(shown_many(actor, found, clearance))
            rows.append(
                IndicatorRow(cell.key, None if small else cell.victims, None if small else cell.incidents, behind)
            )
    finally:
        table.close()
    return IndicatorView(query, tuple(rows), floor, not internal)


def new_warnings(workspace: Workspace, actor: Actor, *, as_of: dt.date) -> list[WarningView] | None:
    """The warnings of ``as_of``'s month that no one has acknowledged yet (the dashboard's), or ``None`` for an
    actor who may not read aggregates."""
    if not actor.can(Permission.READ_AGGREGATES):
        return None
    month = as_of.replace(day=1)
    key = (*store_key(workspace), month, actor.scope)  # the figures depend on the scope only, not on the name
    found = _DASHBOARD_WARNINGS.get(
        key, lambda: early_warnings(workspace, actor, as_of=month, clearance=Sensitivity.CONFIDENTIAL)
    )
    acknowledged = workspace.store.incidents.acknowledgements()  # read afresh: acknowledging is not counted
    return [w for w in found if (w.series, w.warning.period) not in acknowledged]


#: The dashboard's warnings by store generation, month and scope: recomputed only after a write to incidents.
_DASHBOARD_WARNINGS: GenerationCache[list[WarningView]] = GenerationCache(32)
