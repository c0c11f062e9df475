"""How timestamps and dates are written to and read from the database: ISO 8601 text, timestamps in UTC."""

from __future__ import annotations

import datetime as dt


def to_text(at: dt.datetime) -> str:
    """Write a timezone-aware datetime as ISO 8601 UTC text ("2026-01-31T09:30:00.000000Z").

    Raises:
        ValueError: ``at`` has no timezone (a naive datetime would be ambiguous in the audit trail).
    """
    if at.tzinfo is None:
        raise ValueError(f"naive datetime {at.isoformat()}: give a timezone-aware UTC datetime")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str) -> dt.datetime:
    """Read ISO 8601 text back as a timezone-aware UTC datetime."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def date_to_text(day: dt.date | None) -> str | None:
    """Write a date as ISO 8601 text ("2026-01-31"); no date stays ``None`` (SQL ``NULL``)."""
    return day.isoformat() if day else None


def date_from_text(text: str | None) -> dt.date | None:
    """Read a date written by :func:`date_to_text`; ``NULL`` or empty text is no date."""
    return dt.date.fromisoformat(text) if text else None
