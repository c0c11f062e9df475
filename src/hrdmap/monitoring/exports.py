"""Writers of the incidents' exports: CSV, XLSX, JSON in an Events-Standard-Formats-like shape, HXL-tagged CSV.

The writers take what the services made of incidents already redacted for the reader
(:mod:`hrdmap.monitoring.access`): flat rows and events, shaped by :mod:`hrdmap.services.views.monitoring`. A
public export is one made with the ``public`` clearance, so it carries only public records. Text cells that a
spreadsheet would run as a formula are written with a leading apostrophe (OWASP), whatever the importer let through.

**Small cells** (docs/monitoring.md): a public aggregate shows a count below ``min_cell``
(:data:`DEFAULT_MIN_CELL` by default) as ``"<3"`` and gives no incident ids for it, so that a figure cannot single
out a person (:func:`hrdmap.services.views.monitoring.cell_view`, the indicators page).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from hrdmap.monitoring.fields import FORMULA_STARTS

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


def write_csv(rows: Iterable[Mapping[str, str]], path: Path, *, hxl: bool = False) -> int:
    """Write flat rows (keyed by the names of :data:`FLAT_COLUMNS`) as CSV, with an HXL hashtag row under the
    header when ``hxl``. Returns the rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in FLAT_COLUMNS])
        if hxl:
            writer.writerow([tag for _, tag in FLAT_COLUMNS])
        for row in rows:
            writer.writerow([safe_cell(row[name]) for name, _ in FLAT_COLUMNS])
            count += 1
    return count


def write_xlsx(rows: Iterable[Mapping[str, str]], path: Path) -> int:
    """Write flat rows (keyed by the names of :data:`FLAT_COLUMNS`) as an XLSX workbook of one sheet. Returns the
    rows written."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.append([name for name, _ in FLAT_COLUMNS])
    count = 0
    for row in rows:
        sheet.append([safe_cell(row[name]) for name, _ in FLAT_COLUMNS])
        count += 1
    book.save(path)
    return count


def write_json(events: Sequence[Mapping[str, Any]], path: Path) -> int:
    """Write events (incidents in the Events-Standard-Formats-like shape) as one JSON document
    ``{"format": "hrdmap-events/1", "events": [...]}``. Returns the events written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"format": "hrdmap-events/1", "events": list(events)}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    return len(events)
