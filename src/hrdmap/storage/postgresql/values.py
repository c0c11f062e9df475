"""How values go to and come from PostgreSQL: timestamps in UTC, JSON written as text, naive datetimes refused."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def stamp(at: dt.datetime) -> dt.datetime:
    """A timezone-aware datetime in UTC, for a ``timestamptz`` column.

    Raises:
        ValueError: ``at`` has no timezone (a naive datetime would be ambiguous in the audit trail).
    """
    if at.tzinfo is None:
        raise ValueError(f"naive datetime {at.isoformat()}: give a timezone-aware UTC datetime")
    return at.astimezone(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """A ``timestamptz`` read back, in UTC."""
    return value.astimezone(dt.UTC)


def maybe_utc(value: dt.datetime | None) -> dt.datetime | None:
    """:func:`utc`, keeping ``None``."""
    return value.astimezone(dt.UTC) if value is not None else None


def to_json(value: Any) -> str:
    """JSON text for a ``json`` column, written as the SQLite adapter writes it (so both stores hold the same
    text, and a copy between them keeps it byte for byte)."""
    return json.dumps(value, ensure_ascii=False)
