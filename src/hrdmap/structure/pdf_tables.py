"""Layout analysis, step 3b: simple tables in a PDF's body, from rows whose cells stand in aligned columns.

A PDF draws a table as text set in columns, with or without rules. The extractor cuts a row spread wider than
text is set ("Higher   5.139   6.242 …") into one run per cell, and runs that pdfium reads as separate lines
of one row stay apart; so a table row is a row of two or more *cells*: runs at least an em apart. Consecutive
rows of two or more cells on one page, close to one another, are a table when their cells fall into two or more
columns: the columns are the spans where cells of the table's fullest rows overlap horizontally (left-, right-
or centre-aligned alike); every cell joins the column its middle falls in. A table needs two such rows or more,
and the masthead's two-column lines ("United Nations   A/HRC/15/8") are never table rows.

Known limits: a row with a single cell (a total on its own, a title spanning the table) ends the table, but a
cell's further lines (up to three) between two table rows join their cell, and a header set on two lines gives
two rows; columns closer than an em, and a spanning header cell, join into one; rules are not used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.structure.masthead import is_masthead_line
from hrdmap.structure.rows import Row

_CELL_GAP = 1.0  # ems between two runs of a row that are two cells
_WRAPPED_LINES = 3  # further lines of a cell that may sit between two table rows
_ROW_PITCH = 3.0  # ems from one table row's bottom to the next one's, at most


@dataclass(frozen=True, slots=True)
class Table:
    """A table found among the body rows: rows ``start`` to ``end`` (exclusive), cut into cells."""

    start: int
    end: int
    cells: tuple[tuple[str, ...], ...]


def find_tables(rows: Sequence[Row]) -> list[Table]:
    """Find the simple tables among a document's body rows, in order.

    Args:
        rows: The body rows, in reading order.

    Returns:
        The tables, each with the range of rows it replaces and its cells row by row.
    """
    cells = [_cells(row) for row in rows]
    tables: list[Table] = []
    i = 0
    while i < len(rows):
        if len(cells[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < len(rows) and _close(rows[j - 1], rows[j]):
            if len(cells[j]) >= 2:
                j += 1
                continue
            # A cell's further lines (up to three), when a table row follows them.
            k = j
            while k < len(rows) and k - j < _WRAPPED_LINES and len(cells[k]) < 2 and _close(rows[k - 1], rows[k]):
                k += 1
            if k >= len(rows) or len(cells[k]) < 2 or not _close(rows[k - 1], rows[k]):
                break
            for wrapped in range(j, k):
                cells[wrapped] = [(rows[wrapped].left, rows[wrapped].right, rows[wrapped].text)]
            j = k
        table = _table(i, j, cells[i:j]) if j - i >= 2 else None
        if table is not None:
            tables.append(table)
        i = j
    return tables


def _cells(row: Row) -> list[tuple[float, float, str]]:
    """A row's cells as (left, right, text): its runs, joined where they are less than an em apart."""
    if len(row.runs) < 2:
        return []
    cells: list[tuple[float, float, str]] = []
    gap = _CELL_GAP * row.size
    for run in row.runs:
        if cells and run.left - cells[-1][1] < gap:
            left, _, before = cells[-1]
            cells[-1] = (left, run.right, f"{before} {run.text}")
        else:
            cells.append((run.left, run.right, run.text))
    if len(cells) < 2 or is_masthead_line(row.text):
        return []
    return [(left, right, " ".join(text.split())) for left, right, text in cells]


def _close(above: Row, row: Row) -> bool:
    return row.page == above.page and row.bottom - above.bottom <= _ROW_PITCH * max(row.size, 1.0)


def _table(start: int, end: int, rows: Sequence[list[tuple[float, float, str]]]) -> Table | None:
    """The table of rows ``start`` to ``end`` when their cells fall into two or more columns."""
    columns = _columns(rows)
    if len(columns) < 2:
        return None
    table_rows: list[list[str]] = []
    for cells in rows:
        continuation = len(cells) == 1 and bool(table_rows)  # a cell's second line goes to that cell
        texts = table_rows[-1] if continuation else [""] * len(columns)
        for left, right, text in cells:
            middle = (left + right) / 2
            at = min(range(len(columns)), key=lambda k: _distance(columns[k], middle))
            texts[at] = f"{texts[at]} {text}".strip()
        if not continuation:
            table_rows.append(texts)
    if sum(1 for texts in table_rows if sum(1 for text in texts if text) >= 2) < 2:
        return None
    return Table(start, end, tuple(tuple(texts) for texts in table_rows))


def _columns(rows: Sequence[list[tuple[float, float, str]]]) -> list[tuple[float, float]]:
    """Column spans: where the cells of the rows with the most cells overlap horizontally, left to right."""
    most = max(len(cells) for cells in rows)
    if most < 2:
        return []
    spans = sorted((left, right) for cells in rows if len(cells) >= most - 1 for left, right, _ in cells)
    columns: list[tuple[float, float]] = []
    for left, right in spans:
        if columns and left <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], right))
        else:
            columns.append((left, right))
    return columns


def _distance(column: tuple[float, float], x: float) -> float:
    left, right = column
    return 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
