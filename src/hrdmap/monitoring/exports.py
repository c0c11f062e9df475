"""Exports of incidents: CSV, XLSX, JSON in an Events-Standard-Formats-like shape, HXL-tagged CSV; public aggregates.

Exports are written from incidents already redacted for the reader (:mod:`hrdmap.monitoring.access`); a public
export is one made with the ``public`` clearance, so it carries only public records. Text cells that a spreadsheet
would run as a formula are written with a leading apostrophe (OWASP), whatever the importer let through.

**Small cells** (docs/monitoring.md): a public aggregate shows a count below ``min_cell`` (3 by default) as
``"<3"`` and gives no incident ids for it, so that a figure cannot single out a person.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.monitoring.fields import FORMULA_STARTS
from hrdmap.monitoring.indicators import Cell

#: Columns of the flat CSV/XLSX export, and their HXL hashtags.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#event+id"),
    ("title", "#event+name"),
    ("date_start", "#date+start"),
    ("date_end", "#date+end"),
    ("date_precision", "#date+precision"),
    ("country", "#country+code"),
    ("admin_area", "#adm1+name"),
    ("place", "#loc+name"),
    ("acts", "#event+type"),
    ("victims", "#affected+num"),
    ("victim_names", "#affected+name"),
    ("victim_roles", "#affected+type"),
    ("victim_sex", "#affected+sex"),
    ("perpetrators", "#actor+type"),
    ("status", "#status+verification"),
    ("sources", "#meta+source"),
    ("sensitivity", "#meta+sensitivity"),
)
DEFAULT_MIN_CELL = 3


def safe_cell(value: object) -> str:
    """A cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def flat_row(incident: Incident) -> dict[str, str]:
    """One incident as a flat row (lists joined with ``; ``)."""
    return {
        "id": str(incident.id or ""),
        "title": incident.title,
        "date_start": incident.date.start.isoformat() if incident.date.start else "",
        "date_end": incident.date.end.isoformat() if incident.date.end else "",
        "date_precision": incident.date.precision.value,
        "country": incident.location.country,
        "admin_area": incident.location.admin_area,
        "place": incident.location.place,
        "acts": "; ".join(incident.act_types),
        "victims": str(len(incident.victims)),
        "victim_names": "; ".join(v.name for v in incident.victims if v.name),
        "victim_roles": "; ".join(sorted({r for v in incident.victims for r in v.roles})),
        "victim_sex": "; ".join(v.sex.value for v in incident.victims),
        "perpetrators": "; ".join(dict.fromkeys(p.type.value for p in incident.perpetrators)),
        "status": incident.status.value,
        "sources": "; ".join(s.name or s.reference for s in incident.sources),
        "sensitivity": incident.sensitivity.value,
    }


def write_csv(incidents: Iterable[Incident], path: Path, *, hxl: bool = False) -> int:
    """Write a flat CSV (with an HXL hashtag row under the header when ``hxl``). Returns the rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in FLAT_COLUMNS])
        if hxl:
            writer.writerow([tag for _, tag in FLAT_COLUMNS])
        for incident in incidents:
            row = flat_row(incident)
            writer.writerow([safe_cell(row[name]) for name, _ in FLAT_COLUMNS])
            count += 1
    return count


def write_xlsx(incidents: Iterable[Incident], path: Path) -> int:
    """Write a flat XLSX workbook (one sheet). Returns the rows written."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.append([name for name, _ in FLAT_COLUMNS])
    count = 0
    for incident in incidents:
        row = flat_row(incident)
        sheet.append([safe_cell(row[name]) for name, _ in FLAT_COLUMNS])
        count += 1
    book.save(path)
    return count


def esf_event(incident: Incident) -> dict[str, Any]:
    """One incident in an Events-Standard-Formats-like shape: event, acts, victims, involvement, information,
    interventions."""
    return {
        "event": {
            "id": incident.id,
            "title": incident.title,
            "description": incident.description,
            "date": {
                "start": incident.date.start.isoformat() if incident.date.start else None,
                "end": incident.date.end.isoformat() if incident.date.end else None,
                "precision": incident.date.precision.value,
                "as_written": incident.date.text,
                "approximate": incident.date.approximate,
            },
            "location": {
                "country": incident.location.country,
                "admin_area": incident.location.admin_area,
                "place": incident.location.place,
            },
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
        "history": [
            {"status": c.status.value, "at": c.at.isoformat(), "by": c.by, "reason": c.reason} for c in incident.history
        ],
    }


def write_json(incidents: Iterable[Incident], path: Path) -> int:
    """Write the incidents as one JSON document ``{"format": "hrdmap-events/1", "events": [...]}``."""
    events = [esf_event(i) for i in incidents]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "hrdmap-events/1", "events": events}, ensure_ascii=False, indent=2), "utf-8")
    return len(events)


def suppressed(cells: Sequence[Cell], min_cell: int = DEFAULT_MIN_CELL) -> list[dict[str, Any]]:
    """Cells for a public aggregate: counts under ``min_cell`` shown as ``"<min_cell"``, with no drill-down."""
    out = []
    for cell in cells:
        small = cell.victims < min_cell
        out.append(
            {
                "key": list(cell.key),
                "victims": f"<{min_cell}" if small else cell.victims,
                "incidents": f"<{min_cell}" if cell.incidents < min_cell else cell.incidents,
                "suppressed": small,
            }
        )
    return out
