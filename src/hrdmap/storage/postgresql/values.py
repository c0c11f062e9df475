"""How values go to and come from PostgreSQL: timestamps in UTC (written by :func:`hrdmap.storage.utc.in_utc`,
which refuses naive datetimes), JSON written as text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


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
