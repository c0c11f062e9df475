"""Resolve one field of a mapping against one row: column, constant or template, then translations.

A field that cannot be filled raises :class:`RowProblem` (the row is refused, with the column and the reason) or
:class:`RowSkip` (the row is left out on purpose, e.g. an event code the mapping does not translate).
"""

from __future__ import annotations

import string
from typing import Any

from hrdmap.domain.errors import HrdmapError, InvalidInput
from hrdmap.monitoring.mapping import FieldSpec

#: First characters that make a spreadsheet run a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class RowProblem(InvalidInput):
    """A row that cannot be imported: which column and why."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


class RowSkip(HrdmapError):  # noqa: N818 - a signal, not an error
    """A row the mapping leaves out on purpose (``unmatched: skip``); the importer counts it, no user sees it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _raw(spec: FieldSpec, row: dict[str, str]) -> tuple[str, str]:
    """The field's text before translation, and the column to name in errors."""
    if spec.template is not None:
        names = [name for _, name, _, _ in string.Formatter().parse(spec.template) if name]
        text = spec.template.format_map(_Blank(row)) if any(row.get(n) for n in names) else ""
        return " ".join(text.split()), "(template)"
    if spec.column is not None:
        return row.get(spec.column, ""), spec.column
    for column in spec.columns:
        if row.get(column, ""):
            return row[column], column
    return "", spec.columns[0] if spec.columns else "(value)"


def _piece(text: str, part: tuple[str, int] | None) -> str:
    if part is None or not text:
        return text
    pieces = text.split(part[0])
    index = part[1]
    return pieces[index].strip() if -len(pieces) <= index < len(pieces) else ""


def _translate(piece: str, spec: FieldSpec, column: str, target: str) -> list[Any]:
    values = spec.values or {}
    if piece in values:
        found = values[piece]
    else:
        folded = {key.casefold(): value for key, value in values.items()}
        if piece.casefold() not in folded:
            return _unmatched(piece, spec, column, target)
        found = folded[piece.casefold()]
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _unmatched(piece: str, spec: FieldSpec, column: str, target: str) -> list[Any]:
    if spec.unmatched == "keep":
        return [piece]
    if spec.unmatched == "default":
        return [spec.default]
    if spec.unmatched == "skip":
        raise RowSkip(f"{column}: {piece!r} is not translated for {target}")
    known = ", ".join(repr(k) for k in list(spec.values or {})[:8])
    raise RowProblem(column, f"{piece!r} is not one of the values the mapping translates for {target} ({known} …)")


def resolve(spec: FieldSpec, row: dict[str, str], target: str) -> tuple[list[Any], str]:
    """The values of one field in one row, and the column they came from.

    Args:
        spec: The field's mapping.
        row: The row's cells by column.
        target: The field's name ("victim.sex"), for messages.

    Returns:
        The values (none when empty and no default; several when ``split``), and the column read.

    Raises:
        RowProblem: A required field is empty, or a value has no translation (``unmatched: error``).
        RowSkip: A value has no translation and the mapping says ``unmatched: skip``.
    """
    if spec.value is not None:
        return [spec.value], "(value)"
    text, column = _raw(spec, row)
    text = _piece(text.strip(), spec.part)
    if text.casefold() in {e.casefold() for e in spec.empty}:
        text = ""
    pieces = [p.strip() for p in text.split(spec.split)] if spec.split and text else ([text] if text else [])
    pieces = [p for p in pieces if p]
    found: list[Any] = []
    for piece in pieces:
        found += _translate(piece, spec, column, target) if spec.values is not None else [piece]
    if not found and spec.default is not None:
        found = [spec.default]
    if not found and spec.required:
        raise RowProblem(column, f"empty, but {target} is required")
    return found, column


def check_text(text: str, column: str) -> str:
    """Refuse text that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+cmd``, ``@SUM``).

    Raises:
        RowProblem: The text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return.
    """
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        raise RowProblem(column, f"starts with {text[0]!r}, like a spreadsheet formula; refused ({text[:30]!r})")
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
