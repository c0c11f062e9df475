"""Read the rows of a list (CSV, TSV, XLSX, JSON, JSON Lines) as numbered dicts of text, streaming.

Row numbers are those a person sees in a spreadsheet: the header is row 1, the first record row 2 (for JSON, the
record's position from 1). Cells become text: spreadsheet dates as ISO dates, whole numbers without ``.0``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrdmap.domain.errors import InvalidInput
from hrdmap.monitoring.mapping import FileLayout

#: The largest cell accepted in a CSV file; a longer one is a bad row, not a crash.
MAX_CELL_CHARS = 1_000_000
#: Key set on a row that has more non-empty cells than the header has columns (the row is refused).
EXTRA_CELLS = "\x00extra-cells"
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl"}


class ReadError(InvalidInput):
    """The file cannot be read as the mapping says; the message names the file and, if known, the row."""


@dataclass(frozen=True, slots=True)
class Table:
    """A list's column names and its rows, read lazily.

    Attributes:
        columns: The column names, in file order.
        rows: ``(row number, {column: text})`` pairs; blank rows are left out.
    """

    columns: tuple[str, ...]
    rows: Iterator[tuple[int, dict[str, str]]]


def file_format(path: Path, layout: FileLayout) -> str:
    """The format named by the mapping, else by the file's suffix.

    Raises:
        ReadError: Neither says.
    """
    found = layout.format or _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise ReadError(f"{path}: unknown file type {path.suffix!r}; set file.format in the mapping")
    return found


def cell_text(value: Any) -> str:
    """A cell's value as text: dates as ISO, whole floats without ``.0``, ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _columns(names: list[str], path: Path) -> tuple[str, ...]:
    cleaned = [name.strip() or f"column {i + 1}" for i, name in enumerate(names)]
    seen: set[str] = set()
    for name in cleaned:
        if name in seen:
            raise ReadError(f"{path}: row 1: column {name!r} appears twice in the header")
        seen.add(name)
    return tuple(cleaned)


def _csv_rows(reader: Any, columns: tuple[str, ...], first: int, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    number = first - 1
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError(f"{path}: row {number}: not valid CSV ({exc}); rows before it were read") from None
        if not any(v.strip() for v in values):
            continue
        row = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(columns)}
        if any(v.strip() for v in values[len(columns) :]):
            row[EXTRA_CELLS] = f"{len(values)} cells, but the header has {len(columns)}"
        yield number, row


@contextmanager
def _csv_table(path: Path, layout: FileLayout, delimiter: str) -> Iterator[Table]:
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        handle = path.open(encoding=layout.encoding, newline="")
    except OSError as exc:
        raise ReadError(f"{path}: cannot be opened ({exc.strerror})") from None
    with handle:
        reader = csv.reader(handle, delimiter=layout.delimiter or delimiter)
        try:
            if layout.header:
                header = next(reader, None)
                if header is None:
                    raise ReadError(f"{path}: the file is empty")
                columns = _columns(header, path)
            else:
                columns = layout.columns
        except UnicodeDecodeError as exc:
            raise ReadError(f"{path}: not {layout.encoding} text ({exc.reason}); set file.encoding") from None
        yield Table(columns, _decoding(_csv_rows(reader, columns, 2 if layout.header else 1, path), path, layout))


def _decoding(
    rows: Iterator[tuple[int, dict[str, str]]], path: Path, layout: FileLayout
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        yield from rows
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not {layout.encoding} text ({exc.reason}); set file.encoding") from None


@contextmanager
def _xlsx_table(path: Path, layout: FileLayout) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        raise ReadError(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        if layout.sheet and layout.sheet not in book.sheetnames:
            raise ReadError(f"{path}: no sheet {layout.sheet!r} (sheets: {', '.join(book.sheetnames)})")
        sheet = book[layout.sheet] if layout.sheet else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        columns = _columns([cell_text(v) for v in next(rows, ())], path) if layout.header else layout.columns

        def records() -> Iterator[tuple[int, dict[str, str]]]:
            for number, values in enumerate(rows, start=2 if layout.header else 1):
                texts = [cell_text(v) for v in values]
                if any(texts):
                    yield number, {name: (texts[i] if i < len(texts) else "") for i, name in enumerate(columns)}

        yield Table(columns, records())
    finally:
        book.close()


def _json_records(path: Path, layout: FileLayout) -> list[Any]:
    try:
        text = path.read_text(layout.encoding)
        if file_format(path, layout) == "jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"{path}: not readable JSON ({exc})") from None
    for key in (layout.records or "").split("."):
        if key:
            if not isinstance(data, dict) or key not in data:
                raise ReadError(f"{path}: no {key!r} in the JSON (file.records: {layout.records})")
            data = data[key]
    if not isinstance(data, list):
        raise ReadError(f"{path}: the records are not a JSON list (set file.records)")
    return data


@contextmanager
def _json_table(path: Path, layout: FileLayout) -> Iterator[Table]:
    records = _json_records(path, layout)
    columns: dict[str, None] = {}
    for record in records:
        if isinstance(record, dict):
            columns.update(dict.fromkeys(str(k) for k in record))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise ReadError(f"{path}: record {number}: not a JSON object")
            yield number, {name: _json_text(record.get(name)) for name in columns}

    yield Table(tuple(columns), rows())


def _json_text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(cell_text(v) for v in value)
    return cell_text(value)


@contextmanager
def open_table(path: Path, layout: FileLayout) -> Iterator[Table]:
    """Open a list for reading as the mapping's ``file`` section says.

    Raises:
        ReadError: The file is missing, of an unknown type, or not of the stated format or encoding.
    """
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    kind = file_format(path, layout)
    if kind in ("csv", "tsv"):
        with _csv_table(path, layout, "\t" if kind == "tsv" else ",") as table:
            yield table
    elif kind == "xlsx":
        with _xlsx_table(path, layout) as table:
            yield table
    else:
        with _json_table(path, layout) as table:
            yield table
