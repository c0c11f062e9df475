"""The recommendation tracker: counts per status per addressee or theme, and the tables that export it.

A tracker view groups recommendations by addressee or by theme (a recommendation with three themes counts under
each) and counts them per current status, with the share implemented (implemented ÷ all recommendations of the
group, assessed or not). The same rows feed the terminal, CSV and XLSX.

Exports hold plain values only. Text that came from documents and imports is untrusted: a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a formula by a spreadsheet, so it is
written with a leading apostrophe (OWASP's advice on CSV injection), in CSV and in XLSX alike.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hrdmap.domain.tracking import NOT_ASSESSED, RECOMMENDATION_COLUMNS, Status, TrackedRecommendation

#: Statuses in tracker order, "not assessed" first.
STATUSES: tuple[str, ...] = (NOT_ASSESSED, *(s.value for s in Status))
#: Columns of the status history table.
HISTORY_COLUMNS: tuple[str, ...] = (
    "recommendation_id",
    "key",
    "addressee",
    "symbol",
    "paragraph",
    "status",
    "status_date",
    "evidence",
    "document_id",
    "block_id",
    "assessed_by",
    "recorded_by",
    "recorded_at",
)
#: Separator of several values in one cell (States, themes, groups, SDGs).
LIST_SEPARATOR = "; "
NO_ADDRESSEE = "(addressee not stated)"
NO_THEME = "(no theme)"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60
Cell = str | int | float | dt.date | None


class TrackerView(StrEnum):
    """How the tracker groups recommendations."""

    ADDRESSEE = "addressee"
    THEME = "theme"


@dataclass(frozen=True, slots=True)
class TrackerGroup:
    """One line of a tracker view.

    Attributes:
        name: The addressee or theme.
        counts: Recommendations per current status (every status of :data:`STATUSES`, zeros included).
        recommendations: The recommendations of the group, in tracker order.
    """

    name: str
    counts: Mapping[str, int]
    recommendations: tuple[TrackedRecommendation, ...]

    @property
    def total(self) -> int:
        """How many recommendations the group holds."""
        return len(self.recommendations)

    @property
    def implemented_share(self) -> float:
        """Implemented ÷ total, from 0 to 1 (0 for an empty group)."""
        return self.counts[Status.IMPLEMENTED.value] / self.total if self.total else 0.0


def _group_names(rec: TrackedRecommendation, view: TrackerView) -> list[str]:
    record = rec.record
    if view is TrackerView.ADDRESSEE:
        return [record.addressee or NO_ADDRESSEE]
    return list(dict.fromkeys(t.text for t in record.themes)) or [NO_THEME]


def tracker(recommendations: Iterable[TrackedRecommendation], view: TrackerView) -> list[TrackerGroup]:
    """The groups of a tracker view, by name ("(… not stated)" groups last)."""
    members: dict[str, list[TrackedRecommendation]] = {}
    for rec in recommendations:
        for name in _group_names(rec, view):
            members.setdefault(name, []).append(rec)
    groups = []
    for name in sorted(members, key=lambda n: (n.startswith("("), n.casefold())):
        counts = dict.fromkeys(STATUSES, 0)
        for rec in members[name]:
            counts[rec.status] += 1
        groups.append(TrackerGroup(name, counts, tuple(members[name])))
    return groups


def reference(rec: TrackedRecommendation) -> str:
    """How a person cites a recommendation: "A/HRC/15/8 para. 101.1", or "#12" without symbol and number."""
    record = rec.record
    if record.symbol and record.paragraph:
        return f"{record.symbol} para. {record.paragraph}"
    return f"#{rec.id}" + (f" para. {record.paragraph}" if record.paragraph else "")


def recommendation_row(rec: TrackedRecommendation) -> dict[str, Cell]:
    """A recommendation with its current status, as a row of :data:`RECOMMENDATION_COLUMNS`."""
    r = rec.record
    current = rec.current
    a = current.assessment if current else None
    return {
        "id": rec.id,
        "key": r.key,
        "source_kind": r.source_kind.value,
        "body": r.body,
        "symbol": r.symbol,
        "paragraph": r.paragraph,
        "text": r.text,
        "recommending_states": LIST_SEPARATOR.join(r.recommending_states),
        "addressee": r.addressee,
        "addressee_iso3": r.addressee_iso3,
        "themes": LIST_SEPARATOR.join(t.text for t in r.themes),
        "groups": LIST_SEPARATOR.join(t.text for t in r.groups),
        "sdgs": LIST_SEPARATOR.join(t.text for t in r.sdgs),
        "response": r.response.value if r.response else None,
        "response_date": r.response_date,
        "response_source": r.response_source,
        "status": rec.status,
        "status_date": a.date if a else None,
        "evidence": a.evidence if a else None,
        "assessed_by": a.assessed_by if a else None,
        "document_id": r.document_id,
        "block_id": r.block_id,
        "origin": r.origin,
    }


def history_rows(recommendations: Iterable[TrackedRecommendation]) -> list[dict[str, Cell]]:
    """Every status entry, recommendation by recommendation, oldest first, as rows of :data:`HISTORY_COLUMNS`."""
    rows: list[dict[str, Cell]] = []
    for rec in recommendations:
        for entry in rec.history:
            a = entry.assessment
            rows.append(
                {
                    "recommendation_id": rec.id,
                    "key": rec.record.key,
                    "addressee": rec.record.addressee,
                    "symbol": rec.record.symbol,
                    "paragraph": rec.record.paragraph,
                    "status": a.status.value,
                    "status_date": a.date,
                    "evidence": a.evidence,
                    "document_id": a.document_id,
                    "block_id": a.block_id,
                    "assessed_by": a.assessed_by,
                    "recorded_by": entry.recorded_by,
                    "recorded_at": entry.recorded_at.isoformat(timespec="seconds"),
                }
            )
    return rows


def tracker_columns(view: TrackerView) -> tuple[str, ...]:
    """Columns of a tracker view's table."""
    return (view.value, "total", *STATUSES, "implemented_share", "recommendations")


def tracker_rows(groups: Iterable[TrackerGroup], view: TrackerView) -> list[dict[str, Cell]]:
    """A tracker view as rows of :func:`tracker_columns`; ``recommendations`` lists the tracker ids."""
    return [
        {
            view.value: g.name,
            "total": g.total,
            **g.counts,
            "implemented_share": round(g.implemented_share, 4),
            "recommendations": ", ".join(str(r.id) for r in g.recommendations),
        }
        for g in groups
    ]


def safe_cell(value: Cell) -> Cell:
    """``value`` made inert for spreadsheets: text that a spreadsheet would run as a formula gets a leading "'"."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, Cell]], columns: Sequence[str], output: TextIO) -> int:
    """Write rows as CSV with a header line; dates as ISO dates; returns the number of rows written."""
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_csv_text(safe_cell(row.get(c))) for c in columns])
        count += 1
    return count


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a workbook: its title, its columns and its rows."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Mapping[str, Cell]]


def tracker_sheets(recommendations: Sequence[TrackedRecommendation]) -> list[Sheet]:
    """The sheets of the XLSX export: recommendations, status history, one per tracker view."""
    sheets = [
        Sheet("Recommendations", RECOMMENDATION_COLUMNS, [recommendation_row(r) for r in recommendations]),
        Sheet("Status history", HISTORY_COLUMNS, history_rows(recommendations)),
    ]
    for view in TrackerView:
        rows = tracker_rows(tracker(recommendations, view), view)
        sheets.append(Sheet(f"By {view.value}", tracker_columns(view), rows))
    return sheets


def write_xlsx(sheets: Sequence[Sheet], path: Path) -> None:
    """Write sheets to an XLSX workbook: bold frozen header, sensible widths, plain values only."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.title), sheet)
    workbook.save(path)


def _fill(ws: Any, sheet: Sheet) -> None:
    ws.append(list(sheet.columns))
    widths = [len(c) for c in sheet.columns]
    for row in sheet.rows:
        values = [safe_cell(row.get(c)) for c in sheet.columns]
        ws.append(values)
        widths = [max(w, len(_csv_text(v))) for w, v in zip(widths, values, strict=True)]
    ws.freeze_panes = "A2"
    for index, (column, width) in enumerate(zip(sheet.columns, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(width, 8) + 2, _MAX_WIDTH)
        for (cell,) in ws.iter_rows(min_col=index, max_col=index):
            _style(cell, column, wrap=width > _MAX_WIDTH)


def _style(cell: Any, column: str, *, wrap: bool) -> None:
    if cell.row == 1:
        cell.font = Font(bold=True)
    elif isinstance(cell.value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif column == "implemented_share":
        cell.number_format = "0%"
    elif wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
