"""Timestamps as every store takes them: timezone-aware and in UTC (a naive datetime is refused), and as text in
one portable form, the SQLite adapter's, which a copy between stores and the audit chain's hashes use too."""

from __future__ import annotations

import datetime as dt

#: ISO 8601 UTC with microseconds ("2026-01-31T09:30:00.000000Z").
TEXT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def in_utc(at: dt.datetime) -> dt.datetime:
    """A timezone-aware datetime in UTC.

    Raises:
        ValueError: ``at`` has no timezone (a naive datetime would be ambiguous in the audit trail).
    """
    if at.tzinfo is None:
        raise ValueError(f"naive datetime {at.isoformat()}: give a timezone-aware UTC datetime")
    return at.astimezone(dt.UTC)


def utc_text(at: dt.datetime) -> str:
    """A timezone-aware datetime as ISO 8601 UTC text with microseconds ("2026-01-31T09:30:00.000000Z").

    Raises:
        ValueError: ``at`` has no timezone.
    """
    return in_utc(at).strftime(TEXT_FORMAT)
