"""The indicators page: one self-contained HTML file (no script, no remote resource) with bar charts in SVG, the
table of figures, and under it, for each figure, its incidents and their sources."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from jinja2 import Environment, select_autoescape

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.monitoring.indicators import Cell

#: Incidents listed under one figure on the page.
DRILL_LIMIT = 50


@dataclass(frozen=True, slots=True)
class PageRow:
    """One figure on the page: its cell and the incidents behind it (already redacted for the reader)."""

    cell: Cell
    incidents: Sequence[Incident]
    total: int


def _chart(dimension: str, index: int, rows: Sequence[PageRow], min_cell: int | None) -> dict[str, Any]:
    sums: dict[str, int] = defaultdict(int)
    for row in rows:
        sums[row.cell.key[index]] += row.cell.victims
    items = sorted(sums.items())[:40]
    largest = max((v for _, v in items), default=1) or 1
    bars = [
        {
            "label": label[:24],
            "value": value if min_cell is None or value >= min_cell else f"<{min_cell}",
            "length": 0 if min_cell is not None and value < min_cell else round(400 * value / largest),
            "y": i * 16,
        }
        for i, (label, value) in enumerate(items)
    ]
    return {"dimension": dimension, "bars": bars, "label_width": 170, "width": 640, "height": 16 * len(bars) + 4}


def _incident(incident: Incident) -> dict[str, Any]:
    return {
        "title": incident.title,
        "date": incident.date.iso() or "date unknown",
        "country": incident.location.country,
        "status": incident.status.value,
        "sources": [f"{s.name or s.kind.value}: {s.reference}" for s in incident.sources],
    }


def render_indicators_page(
    title: str,
    description: str,
    dimensions: Sequence[str],
    rows: Sequence[PageRow],
    *,
    min_cell: int | None,
    generated: dt.datetime,
) -> str:
    """The page's HTML. ``min_cell``: public page (small counts suppressed, not broken down); ``None``: internal."""
    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = environment.from_string(
        files("hrdmap.monitoring").joinpath("templates", "indicators.html.jinja").read_text("utf-8")
    )
    shown = []
    for i, row in enumerate(rows):
        small = min_cell is not None and row.cell.victims < min_cell
        shown.append(
            {
                "key": row.cell.key,
                "victims": f"<{min_cell}" if small else row.cell.victims,
                "incidents": f"<{min_cell}" if small else row.cell.incidents,
                "anchor": None if small or not row.incidents else f"cell-{i}",
                "drill": [_incident(x) for x in row.incidents[:DRILL_LIMIT]],
                "more": max(row.total - DRILL_LIMIT, 0),
            }
        )
    context: Mapping[str, Any] = {
        "title": title,
        "description": description,
        "generated": generated.strftime("%Y-%m-%d %H:%M UTC"),
        "suppression": min_cell is not None,
        "min_cell": min_cell,
        "dimensions": list(dimensions),
        "charts": [_chart(d, i, rows, min_cell) for i, d in enumerate(dimensions)],
        "rows": shown,
    }
    return template.render(**context)
