"""Views of incident monitoring: incidents in an Events-Standard-Formats-like shape and as flat rows, cases,
imports, duplicate candidates, indicator figures and early warnings.

What ``hrdmap incidents … --json``, ``hrdmap indicators --format json`` and ``hrdmap warnings --json`` print, and
what ``hrdmap incidents export`` writes: the JSON export is a list of :func:`incident_view`, the CSV, HXL and XLSX
exports are rows of :func:`incident_row_view` (their columns and hashtags: :data:`hrdmap.monitoring.exports.
FLAT_COLUMNS`). Every view shows what it is given: incidents come redacted for their reader from the services
(:mod:`hrdmap.monitoring.access`), and a public figure is suppressed here, by ``min_cell``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hrdmap.domain.monitoring.cases import Case, CaseStatusChange
from hrdmap.domain.monitoring.incidents import FuzzyDate, Incident, StatusChange
from hrdmap.monitoring.dedup import CandidatePair
from hrdmap.monitoring.indicators import Cell
from hrdmap.services.monitoring.importing import ImportReport

if TYPE_CHECKING:  # the figures' service writes its exports with these views
    from hrdmap.services.monitoring.figures import WarningView


def _change_view(change: StatusChange | CaseStatusChange) -> dict[str, object]:
    return {"status": change.status.value, "at": change.at.isoformat(), "by": change.by, "reason": change.reason}


def _date_view(date: FuzzyDate) -> dict[str, object]:
    return {
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "precision": date.precision.value,
        "as_written": date.text,
        "approximate": date.approximate,
    }


def incident_view(incident: Incident) -> dict[str, object]:
    """An incident in an Events-Standard-Formats-like shape (``hrdmap incidents show --json``, one event of the
    JSON export): the event (title, fuzzy date, place, sensitivity, status), its acts, victims, involvement
    (perpetrators), information (sources), interventions with the State's replies, and the status history."""
    where = incident.location
    return {
        "event": {
            "id": incident.id,
            "title": incident.title,
            "description": incident.description,
            "date": _date_view(incident.date),
            "location": {"country": where.country, "admin_area": where.admin_area, "place": where.place},
            "sensitivity": incident.sensitivity.value,
            "status": incident.status.value,
            "external_ids": list(incident.external_ids),
        },
        "acts": [
            {
                "type": act.type,
                "victims": list(act.victims),
                "perpetrators": list(act.perpetrators),
                "motive": act.motive,
                "motive_confirmed": act.motive_confirmed,
            }
            for act in incident.acts
        ],
        "victims": [
            {
                "name": v.name,
                "kind": v.kind.value,
                "sex": v.sex.value,
                "age_group": v.age_group.value,
                "roles": list(v.roles),
                "organisation": v.organisation,
            }
            for v in incident.victims
        ],
        "involvement": [{"type": p.type.value, "name": p.name} for p in incident.perpetrators],
        "information": [
            {
                "kind": s.kind.value,
                "reference": s.reference,
                "name": s.name,
                "reliability": s.reliability.value,
                "independence": s.independence.value,
            }
            for s in incident.sources
        ],
        "interventions": [
            {
                "kind": i.kind.value,
                "date": i.date.isoformat(),
                "by": i.by,
                "symbol": i.symbol,
                "reply": {"date": i.reply.date.isoformat(), "summary": i.reply.summary} if i.reply else None,
            }
            for i in incident.interventions
        ],
        "history": [_change_view(c) for c in incident.history],
    }


def incident_row_view(incident: Incident) -> dict[str, str]:
    """An incident as one flat row of text (a row of the CSV, HXL and XLSX exports; lists joined with ``; ``)."""
    date, where, victims = incident.date, incident.location, incident.victims
    return {
        "id": str(incident.id or ""),
        "title": incident.title,
        "date_start": date.start.isoformat() if date.start else "",
        "date_end": date.end.isoformat() if date.end else "",
        "date_precision": date.precision.value,
        "country": where.country,
        "admin_area": where.admin_area,
        "place": where.place,
        "acts": "; ".join(incident.act_types),
        "victims": str(len(victims)),
        "victim_names": "; ".join(v.name for v in victims if v.name),
        "victim_roles": "; ".join(sorted({r for v in victims for r in v.roles})),
        "victim_sex": "; ".join(v.sex.value for v in victims),
        "perpetrators": "; ".join(dict.fromkeys(p.type.value for p in incident.perpetrators)),
        "status": incident.status.value,
        "sources": "; ".join(s.name or s.reference for s in incident.sources),
        "sensitivity": incident.sensitivity.value,
    }


def added_incidents_view(ids: Sequence[int]) -> dict[str, object]:
    """The incidents ``hrdmap incidents add --json`` stored: ``{"added": [ids]}``."""
    return {"added": list(ids)}


def incident_import_view(report: ImportReport) -> dict[str, object]:
    """What ``hrdmap incidents import --json`` did: the file, rows added, already stored, left out by the mapping,
    and the refused rows (each naming file, row, column and reason)."""
    return {
        "file": str(report.file),
        "added": report.added,
        "unchanged": report.unchanged,
        "skipped": report.skipped,
        "errors": [str(e) for e in report.errors],
    }


def candidate_pair_view(pair: CandidatePair) -> dict[str, object]:
    """Two incidents that may be one (``hrdmap incidents duplicates --json``): the probability and each
    comparison's level and weight."""
    return {
        "left": pair.left,
        "right": pair.right,
        "probability": round(pair.probability, 4),
        "reasons": [{"comparison": r.comparison, "level": r.level, "weight": r.weight} for r in pair.reasons],
    }


def case_view(case: Case) -> dict[str, object]:
    """A case (``hrdmap incidents case show``): who is followed, its incidents and its status history."""
    return {
        "id": case.id,
        "title": case.title,
        "subject": case.subject,
        "status": case.status.value,
        "incidents": list(case.incidents),
        "history": [_change_view(c) for c in case.history],
    }


def cell_view(cell: Cell, dimensions: Sequence[str], min_cell: int | None = None) -> dict[str, object]:
    """One figure (``{"year": "2019", "country": "KEN", "victims": 3, "incidents": 2}``): the groupings' values,
    then the counts; with ``min_cell`` (a public figure), counts of fewer victims read ``"<min_cell"``."""
    small = min_cell is not None and cell.victims < min_cell
    item: dict[str, object] = dict(zip(dimensions, cell.key, strict=True))
    item["victims"] = f"<{min_cell}" if small else cell.victims
    item["incidents"] = f"<{min_cell}" if small else cell.incidents
    return item


def warning_view(found: WarningView) -> dict[str, object]:
    """An early warning (``hrdmap warnings --json``): the series and month, the counts against the baseline and
    the model's p-value, the incidents and corpus paragraphs behind it, and who acknowledged it."""
    w, ack = found.warning, found.acknowledged
    return {
        "series": found.series,
        "period": w.period,
        "window": w.window,
        "observed": w.observed,
        "expected": w.expected,
        "p_value": w.p_value,
        "severity": w.severity,
        "model": w.model,
        "change": w.change,
        "incidents": list(found.incidents),
        "paragraphs": list(found.paragraphs),
        "acknowledged": (
            {"by": ack.actor, "at": ack.at.isoformat(), "note": ack.note, "intervention": ack.intervention_id}
            if ack
            else None
        ),
    }
