"""Tracked recommendations and their status history: the repository protocol and what it exchanges.

Saving a record is an upsert by its key that merges rather than overwrites
(:func:`hrdmap.domain.tracking.merge_records`), so extracting or importing the same recommendation again, or from
a second source, enriches one record. The status history is append-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, Protocol

from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import (
    Assessment,
    RecommendationRecord,
    Response,
    Status,
    StatusEntry,
    Term,
    TrackedRecommendation,
    history_order,
)
from hrdmap.storage.rows import Row, from_row


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


# Rows, as both adapters store them: ``recommendations`` holds a record's scalars, ``recommendation_terms`` its
# themes, groups and SDGs (one row a term, ``kind`` naming the field), ``recommendation_status`` its history.

#: A record's fields of terms → their ``recommendation_terms.kind``.
TERM_KIND = {"themes": "theme", "groups": "group", "sdgs": "sdg"}
#: ``recommendation_terms.kind`` → the record's field.
TERM_FIELD = {kind: field for field, kind in TERM_KIND.items()}
_SCALARS = (
    "text",
    "body",
    "symbol",
    "paragraph",
    "addressee",
    "addressee_iso3",
    "response_date",
    "response_source",
    "document_id",
    "version_id",
    "block_id",
    "origin",
    "origin_ref",
)


def terms_by_record(rows: Iterable[Row]) -> dict[int, dict[str, list[Term]]]:
    """Rows of ``recommendation_terms``, in their order, as each recommendation's terms by field."""
    found: dict[int, dict[str, list[Term]]] = {}
    for r in rows:
        term = Term(r["scheme"], r["name"], r["code"] or None)
        found.setdefault(r["recommendation_id"], {}).setdefault(TERM_FIELD[r["kind"]], []).append(term)
    return found


def tracked_from_row(
    row: Row, record: RecommendationRecord, history: Iterable[StatusEntry], **times: dt.datetime
) -> TrackedRecommendation:
    """A tracked recommendation from its row, its record, its history in any order and ``created_at`` and
    ``updated_at`` as the adapter reads them."""
    return TrackedRecommendation(int(row["id"]), record, tuple(sorted(history, key=history_order)), **times)


def row_values(record: RecommendationRecord) -> dict[str, object]:
    """The columns of ``recommendations`` for a record (key and timestamps excepted), enums by value; the adapter
    converts ``recommending_states`` (JSON) and ``response_date`` as it stores them."""
    values: dict[str, object] = {name: getattr(record, name) for name in _SCALARS}
    values["source_kind"] = record.source_kind.value
    values["response"] = record.response.value if record.response else None
    values["recommending_states"] = list(record.recommending_states)
    return values


def record_from_row(row: Row, terms: Mapping[str, Sequence[Term]], **converted: Any) -> RecommendationRecord:
    """A record from its row of ``recommendations`` and its terms by field; ``converted``: the fields the adapter
    reads its own way (``recommending_states``, ``response_date``)."""
    return from_row(
        RecommendationRecord,
        row,
        source_kind=RecommendationSource(row["source_kind"]),
        response=Response(row["response"]) if row["response"] else None,
        **{field: tuple(terms.get(field, ())) for field in TERM_KIND},
        **converted,
    )


def entry_from_row(row: Row, *, date: dt.date, recorded_at: dt.datetime) -> StatusEntry:
    """An entry of the status history from its row of ``recommendation_status``, its date and time read by the
    adapter."""
    assessment = from_row(Assessment, row, status=Status(row["status"]), date=date)
    return StatusEntry(int(row["id"]), assessment, row["recorded_by"], recorded_at)
