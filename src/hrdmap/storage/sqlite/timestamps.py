"""How timestamps are read from the database, and dates written and read: ISO 8601 text, timestamps in UTC
(written by :func:`hrdmap.storage.utc.utc_text`)."""

from __future__ import annotations

import datetime as dt


def from_text(text: str) -> dt.datetime:
    """Read ISO 8601 text (as :func:`hrdmap.storage.utc.utc_text` writes it) back as a timezone-aware UTC
    datetime."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def date_to_text(day: dt.date | None) -> str | None:
    """Write a date as ISO 8601 text ("2026-01-31"); no date stays ``None`` (SQL ``NULL``)."""
    return day.isoformat() if day else None


def date_from_text(text: str | None) -> dt.date | None:
    """Read a date written by :func:`date_to_text`; ``NULL`` or empty text is no date."""
    return dt.date.fromisoformat(text) if text else None
