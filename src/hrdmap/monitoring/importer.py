"""Import a list kept by others (an NGO's, a media-monitoring feed) with a mapping file: no code per list.

:func:`import_rows` reads the file lazily and yields, for each row, the incident it stands for, the reason it
was left out, or an error naming the file, the row, the column and the reason. A mapping that reads a column the
file does not have is refused before any row is read. Ids repeated within the file are errors (or numbered, when
the mapping says the list has no id and identical rows are different people).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping as MappingOf
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.domain.framework import Framework
from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.monitoring.fields import RowProblem, RowSkip
from hrdmap.monitoring.mapping import Mapping, MappingError
from hrdmap.monitoring.readers import ReadError, open_table
from hrdmap.monitoring.rows import Vocabulary, external_id, map_row


@dataclass(frozen=True, slots=True)
class MappedRow:
    """A row that became an incident."""

    row: int
    incident: Incident


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row the mapping leaves out on purpose."""

    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class RowError:
    """A row refused: where and why. ``str()`` is ``"<file>: row <n>: <column>: <reason>"``."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}: {self.column}: {self.reason}"


RowResult = MappedRow | SkippedRow | RowError


def vocabulary_from(frameworks: MappingOf[str, Framework]) -> Vocabulary:
    """Act types from the ``attack-types`` framework, roles from ``groups-at-risk`` (a user's versions included
    when the workspace loaded them)."""
    return Vocabulary(
        act_types=frozenset(label.id for label in frameworks["attack-types"].labels),
        roles=frozenset(label.id for label in frameworks["groups-at-risk"].labels),
    )


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary of the built-in frameworks."""
    return vocabulary_from(load_frameworks(()))


def _check_columns(mapping: Mapping, columns: tuple[str, ...], path: Path) -> None:
    present = set(columns)
    for column, used_by in mapping.columns_read().items():
        if column not in present:
            shown = ", ".join(columns[:12]) + (" …" if len(columns) > 12 else "")
            raise MappingError(
                f"{mapping.source_file}: {used_by}: no column {column!r} in {path.name} (its columns: {shown})"
            )


def import_rows(
    path: Path, mapping: Mapping, vocabulary: Vocabulary | None = None, max_bytes: int | None = None
) -> Iterator[RowResult]:
    """Map every row of a list, lazily.

    Args:
        path: The list (CSV, TSV, XLSX, JSON, JSON Lines).
        mapping: Its mapping.
        vocabulary: Allowed act types and roles (default: the built-in frameworks').
        max_bytes: Refuse a larger file before reading it.

    Yields:
        One result per non-blank row, in file order.

    Raises:
        MappingError: The mapping reads a column the file does not have.
        ReadError: The file cannot be read (missing, too large, wrong format or encoding, broken CSV).
    """
    if max_bytes is not None and path.is_file() and path.stat().st_size > max_bytes:
        size = path.stat().st_size / 1_000_000
        raise ReadError(f"{path}: {size:,.0f} MB is over the import limit of {max_bytes / 1_000_000:,.0f} MB")
    words = vocabulary or default_vocabulary()
    with open_table(path, mapping.layout) as table:
        _check_columns(mapping, table.columns, path)
        seen: dict[str, int] = {}
        repeats: dict[str, int] = {}
        for number, row in table.rows:
            yield _one(mapping, row, number, path, words, seen, repeats)


def _one(
    mapping: Mapping,
    row: dict[str, str],
    number: int,
    path: Path,
    words: Vocabulary,
    seen: dict[str, int],
    repeats: dict[str, int],
) -> RowResult:
    try:
        key = external_id(mapping, row)
        if key in seen:
            if mapping.id_repeats == "error":
                columns = ", ".join(mapping.id_columns)
                return RowError(path.name, number, columns, f"same id {key!r} as row {seen[key]}")
            repeats[key] = repeats.get(key, 1) + 1
            key = f"{key}#{repeats[key]}"
        else:
            seen[key] = number
        incident = map_row(mapping, row, number, path.name, words)
    except RowProblem as problem:
        return RowError(path.name, number, problem.column, problem.reason)
    except RowSkip as skip:
        return SkippedRow(number, skip.reason)
    return MappedRow(number, _with_id(incident, key))


def _with_id(incident: Incident, key: str) -> Incident:
    from dataclasses import replace

    return replace(incident, external_ids=(key,))
