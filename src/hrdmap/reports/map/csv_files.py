"""The map as CSV: one long-format file per matrix, and one for the gaps, in a folder.

Long format (one row per non-empty cell) opens in any spreadsheet and pivots back into a table; the ids of the
paragraphs and documents behind each number are in the last columns, separated by spaces.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hrdmap.reports.map.data import Gap, MapData, Matrix

MATRIX_HEADER = (
    "row_framework",
    "row_id",
    "row_name",
    "column_framework",
    "column_id",
    "column_name",
    "paragraphs",
    "documents",
    "block_ids",
    "document_ids",
    "document_symbols",
)
GAP_HEADER = (
    "gap", "where", "where_names", "paragraphs", "documents", "block_ids", "document_ids", "detail", "incidents",
    "incident_ids",
)  # fmt: skip
ATTACK_HEADER = (
    "where", "where_name", "incidents", "incident_ids", "acts", "practice_paragraphs", "practice_block_ids",
)  # fmt: skip


def write_map_csv(data: MapData, folder: Path) -> list[Path]:
    """Write ``<matrix id>.csv`` for each matrix, ``gaps.csv``, and ``attacks.csv`` when incidents are recorded,
    into ``folder`` (created if needed).

    Returns:
        The files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [_write_matrix(data, matrix, folder / f"{matrix.id}.csv") for matrix in data.matrices]
    written.append(_write_gaps(data.gaps, folder / "gaps.csv"))
    if data.attacks:
        written.append(_write_attacks(data, folder / "attacks.csv"))
    return written


def _write_attacks(data: MapData, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ATTACK_HEADER)
        for row in data.attacks:
            writer.writerow(
                (row.where.key, _safe(row.where.name), len(row.incidents), _ids(row.incidents),
                 _safe("; ".join(row.acts)), len(row.practices), _ids(row.practices))
            )  # fmt: skip
    return path


def _write_matrix(data: MapData, matrix: Matrix, path: Path) -> Path:
    items = {i.key: i for i in (*matrix.rows, *matrix.columns)}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MATRIX_HEADER)
        for cell in matrix.cells:
            row, column = items[cell.row], items[cell.column]
            symbols = sorted({data.documents[d].symbol or "" for d in cell.documents if d in data.documents} - {""})
            writer.writerow(
                (
                    row.framework,
                    row.id,
                    _safe(row.name),
                    column.framework,
                    column.id,
                    _safe(column.name),
                    len(cell.blocks),
                    len(cell.documents),
                    _ids(cell.blocks),
                    _ids(cell.documents),
                    _safe(" ".join(symbols)),
                )
            )
    return path


def _write_gaps(gaps: tuple[Gap, ...], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(GAP_HEADER)
        for gap in gaps:
            writer.writerow(
                (
                    gap.kind,
                    " ".join(i.key for i in gap.where),
                    _safe(" / ".join(i.name for i in gap.where)),
                    len(gap.blocks),
                    len(gap.documents),
                    _ids(gap.blocks),
                    _ids(gap.documents),
                    _safe("; ".join(gap.detail)),
                    len(gap.incidents),
                    _ids(gap.incidents),
                )
            )
    return path


def _ids(ids: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in ids)


def _safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading =, +, - or @ is quoted with an apostrophe)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
