"""Read recommendations from files: what an import found, the problems it met, and the CSV format.

A reader turns a file into :class:`ParsedFile`: the rows it could read (each a record and, optionally, a status
assessment) and one :class:`Problem` per row or column it could not, naming file, line and column. The service
stores the good rows and reports the problems; a file that cannot be read at all raises :class:`ImportFileError`.

**The CSV format** (UTF-8, or what Excel writes; one row per recommendation; header names in any case and order;
only ``text`` is required). It is the format ``hrdmap recommendations export --format csv`` writes, so an export
can be edited and imported again (``id``, ``document_id``, ``block_id`` and ``origin`` are then ignored):

=====================  =================================================================================
column                 value
=====================  =================================================================================
key                    your stable id for the recommendation (importing it again updates it)
text                   the recommendation (required)
source_kind            upr, treaty_body, special_procedure or other (default other)
body                   the body that made it
symbol, paragraph      the document holding it and its paragraph number ("A/HRC/28/15", "115.1")
recommending_states    States that made it, separated by ";"
addressee              who is asked to act (a State's name is normalised and given its ISO3 code)
addressee_iso3         the addressee's ISO3 code, when a State
themes, groups, sdgs   themes, affected groups, SDGs, separated by ";"
response               supported, noted, accepted, rejected or pending
response_date          YYYY-MM-DD
response_source        where the response is stated
status                 not_started, in_progress, implemented or not_implemented: adds a status entry
status_date            YYYY-MM-DD, required with status
evidence, assessed_by  the status entry's evidence and source of assessment
=====================  =================================================================================

A cell written with a leading apostrophe before ``=``, ``+``, ``-`` or ``@`` (how exports guard against formula
injection) is read without the apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from hrdmap.domain.errors import HrdmapError
from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import (
    NOT_ASSESSED,
    RECOMMENDATION_COLUMNS,
    Assessment,
    RecommendationRecord,
    Response,
    Status,
    Term,
)
from hrdmap.ingest.base import Limits
from hrdmap.ingest.decoding import decode_text
from hrdmap.readers.recommendation_records import country, symbol_key, text_key

_SEPARATOR = ";"
_GUARDED = ("'=", "'+", "'-", "'@")
_T = TypeVar("_T")


class ImportFormat(StrEnum):
    """File formats ``hrdmap recommendations import`` reads."""

    OHCHR_THEMATIC_LIST = "ohchr-thematic-list"
    CSV = "csv"


class ImportFileError(HrdmapError):
    """A file cannot be imported at all; ``str()`` is the one-line reason, naming the file."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A row or column that could not be imported.

    Attributes:
        source: The file.
        line: The line (CSV) or table row (DOCX, from 1) where it starts, or ``None`` for the whole file.
        column: The column's name, when one cell is at fault.
        reason: Why.
    """

    source: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.source]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return ": ".join([*where, self.reason])


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A recommendation read from a file, with its status assessment when the file gives one."""

    record: RecommendationRecord
    assessment: Assessment | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What a reader found in one file."""

    source: str
    rows: tuple[ParsedRow, ...]
    problems: tuple[Problem, ...] = ()


def read_bytes(path: Path, limits: Limits) -> bytes:
    """A file's bytes, refusing what is missing, empty or over the size limit.

    Raises:
        ImportFileError: The file cannot be read; the message names it.
    """
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise ImportFileError(f"{path}: {size} bytes is over the limit of {limits.max_file_bytes}")
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from None
    if not data.strip():
        raise ImportFileError(f"{path}: the file is empty")
    return data


def read_csv(path: Path, limits: Limits) -> ParsedFile:
    """Read the CSV format described in the module docstring.

    Raises:
        ImportFileError: The file cannot be read, or has no ``text`` column.
    """
    text = decode_text(read_bytes(path, limits))
    if "\x00" in text:
        raise ImportFileError(f"{path}: not a CSV file (binary content)")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if "text" not in header:
        raise ImportFileError(f"{path}: line 1: no 'text' column (columns: {', '.join(header) or 'none'})")
    problems = [
        Problem(str(path), 1, name, "unknown column, ignored")
        for name in header
        if name and name not in RECOMMENDATION_COLUMNS
    ]
    rows: list[ParsedRow] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                _read_row(dict(zip(header, cells, strict=False)), path, line, rows, problems)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(str(path), line, None, f"{error}; the rest of the file was not read"))
    return ParsedFile(str(path), tuple(rows), tuple(problems))


def _read_row(cells: Mapping[str, str], path: Path, line: int, rows: list[ParsedRow], problems: list[Problem]) -> None:
    values = {name: _unguarded(c) for name, c in cells.items() if name}
    try:
        rows.append(_csv_row(values, path, line))
    except _CellError as error:
        problems.append(Problem(str(path), line, error.column, error.reason))


class _CellError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


def _unguarded(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell.startswith(_GUARDED) else cell


def _cell(values: Mapping[str, str], column: str, parse: Callable[[str], _T]) -> _T | None:
    raw = values.get(column, "")
    if not raw:
        return None
    try:
        return parse(raw)
    except ValueError as error:
        raise _CellError(column, str(error)) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _source_kind(text: str) -> RecommendationSource:
    try:
        return RecommendationSource(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        allowed = ", ".join(s.value for s in RecommendationSource)
        raise ValueError(f"'{text}' is not a source kind ({allowed})") from None


def _list(values: Mapping[str, str], column: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in values.get(column, "").split(_SEPARATOR) if p.strip()))


def _terms(values: Mapping[str, str], column: str, scheme: str) -> tuple[Term, ...]:
    return tuple(Term(scheme, name) for name in _list(values, column))


def _csv_row(values: Mapping[str, str], path: Path, line: int) -> ParsedRow:
    text = values.get("text", "")
    if not text:
        raise _CellError("text", "empty: every row needs the recommendation's text")
    symbol = values.get("symbol") or None
    paragraph = values.get("paragraph") or None
    written = values.get("addressee") or None
    state = country(written)
    key = values.get("key") or (
        symbol_key(symbol, paragraph) if symbol and paragraph else text_key(written, symbol, text)
    )
    record = RecommendationRecord(
        key=key,
        text=text,
        source_kind=_cell(values, "source_kind", _source_kind) or RecommendationSource.OTHER,
        body=values.get("body") or None,
        symbol=symbol,
        paragraph=paragraph,
        recommending_states=_list(values, "recommending_states"),
        addressee=state[0] if state else written,
        addressee_iso3=(values.get("addressee_iso3") or "").upper() or (state[1] if state else None),
        themes=_terms(values, "themes", "free"),
        groups=_terms(values, "groups", "free"),
        sdgs=_terms(values, "sdgs", "sdg"),
        response=_cell(values, "response", Response.parse),
        response_date=_cell(values, "response_date", _date),
        response_source=values.get("response_source") or None,
        origin="csv",
        origin_ref=path.name,
    )
    return ParsedRow(record, _assessment(values), line)


def _assessment(values: Mapping[str, str]) -> Assessment | None:
    if values.get("status", "").lower().replace(" ", "_") == NOT_ASSESSED:
        return None
    status = _cell(values, "status", Status.parse)
    date = _cell(values, "status_date", _date)
    if status is None:
        return None
    if date is None:
        raise _CellError("status_date", "required when a status is given")
    return Assessment(
        status, date, evidence=values.get("evidence") or None, assessed_by=values.get("assessed_by") or None
    )
