"""Tracked recommendations and their status history: the repository protocol and what it exchanges.

Saving a record is an upsert by its key that merges rather than overwrites
(:func:`hrdmap.domain.tracking.merge_records`), so extracting or importing the same recommendation again, or from
a second source, enriches one record. The status history is append-only.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from hrdmap.domain.tracking import Assessment, RecommendationRecord, StatusEntry, TrackedRecommendation


class Saved(StrEnum):
    """What saving a record did."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RecommendationRepository(Protocol):
    """Recommendations and their status history."""

    def save(self, record: RecommendationRecord, *, at: dt.datetime) -> tuple[int, Saved]:
        """Add a record, or merge it into the stored one with the same key; returns the id and what was done.

        Merging follows :func:`hrdmap.domain.tracking.merge_records`; a merge that changes nothing is
        :attr:`Saved.UNCHANGED` and leaves ``updated_at`` as it was.
        """
        ...

    def add_status(
        self, recommendation_id: int, assessment: Assessment, *, recorded_by: str, at: dt.datetime
    ) -> StatusEntry:
        """Append an entry to a recommendation's status history."""
        ...

    def get(self, recommendation_id: int) -> TrackedRecommendation | None:
        """A recommendation with its history, or ``None``."""
        ...

    def all(self) -> list[TrackedRecommendation]:
        """Every recommendation with its history: by addressee, then symbol (those without one first), then id."""
        ...
