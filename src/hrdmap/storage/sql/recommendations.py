"""Tracked recommendations in either database: :class:`SqlRecommendations`, written once for both.

Tables are created by ``migrations/0005_recommendations.sql`` of each adapter. A record is one row of
``recommendations`` and its terms rows of ``recommendation_terms``; status entries are rows of
``recommendation_status``, which each database keeps append-only (triggers refuse updates and deletes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from hrdmap.domain.tracking import (
    Assessment,
    RecommendationRecord,
    StatusEntry,
    Term,
    TrackedRecommendation,
    merge_records,
)
from hrdmap.storage.recommendations import (
    TERM_KIND,
    Saved,
    entry_from_row,
    record_from_row,
    row_values,
    terms_by_record,
    tracked_from_row,
)
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row


class SqlRecommendations(SqlRepository):
    """Recommendations and their status history (``store.recommendations``); implements the protocol of
    :mod:`hrdmap.storage.recommendations`."""

    def save(self, record: RecommendationRecord, *, at: dt.datetime) -> tuple[int, Saved]:
        """Add ``record``, or merge it into the stored record with the same key (``merge_records``)."""
        s, stamp = self._session, self._session.stamp(at)
        found = s.value("SELECT id FROM recommendations WHERE key = ?", (record.key,))
        if found is None:
            values = self._row_values(record)
            recommendation_id = s.insert(
                f"INSERT INTO recommendations (key, {', '.join(values)}, created_at, updated_at) "  # noqa: S608
                f"VALUES (?, {', '.join('?' * len(values))}, ?, ?)",
                (record.key, *values.values(), stamp, stamp),
            )
            self._add_terms(recommendation_id, record)
            return recommendation_id, Saved.ADDED
        recommendation_id = int(found)
        old = self._records([recommendation_id])[recommendation_id]
        merged = merge_records(old, record)
        if merged == old:
            return recommendation_id, Saved.UNCHANGED
        values = self._row_values(merged)
        s.execute(
            f"UPDATE recommendations SET {', '.join(f'{k} = ?' for k in values)}, updated_at = ? "  # noqa: S608
            "WHERE id = ?",
            (*values.values(), stamp, recommendation_id),
        )
        self._add_terms(recommendation_id, merged)
        return recommendation_id, Saved.UPDATED

    def _add_terms(self, recommendation_id: int, record: RecommendationRecord) -> None:
        rows = [
            (recommendation_id, TERM_KIND[field], term.scheme, term.code or "", term.name, seq)
            for field in TERM_KIND
            for seq, term in enumerate(getattr(record, field))
        ]
        self._session.executemany(
            "INSERT INTO recommendation_terms (recommendation_id, kind, scheme, code, name, seq)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )

    def add_status(
        self, recommendation_id: int, assessment: Assessment, *, recorded_by: str, at: dt.datetime
    ) -> StatusEntry:
        """Append an entry to the history (the table refuses updates and deletes)."""
        a, s = assessment, self._session
        stamp = s.stamp(at)
        entry_id = s.insert(
            "INSERT INTO recommendation_status (recommendation_id, status, status_date, evidence, document_id,"
            " block_id, assessed_by, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                recommendation_id,
                a.status.value,
                s.day(a.date),
                a.evidence,
                a.document_id,
                a.block_id,
                a.assessed_by,
                recorded_by,
                stamp,
            ),
        )
        return StatusEntry(entry_id, assessment, recorded_by, s.from_stamp(stamp))

    def get(self, recommendation_id: int) -> TrackedRecommendation | None:
        """A recommendation with its history, or ``None``."""
        found = self._tracked(self._session.rows("SELECT * FROM recommendations WHERE id = ?", (recommendation_id,)))
        return found[0] if found else None

    def all(self) -> list[TrackedRecommendation]:
        """Every recommendation with its history, by addressee, symbol and paragraph (those without first)."""
        return self._tracked(
            self._session.rows(
                "SELECT * FROM recommendations ORDER BY coalesce(addressee, '') COLLATE BINARY,"
                " coalesce(symbol, '') COLLATE BINARY, id"
            )
        )

    def _tracked(self, rows: Sequence[Row]) -> list[TrackedRecommendation]:
        ids = [int(r["id"]) for r in rows]
        terms = self._terms(ids)
        histories = self._histories(ids)
        s = self._session
        return [
            tracked_from_row(
                r,
                self._record(r, terms.get(int(r["id"]), {})),
                histories.get(int(r["id"]), []),
                created_at=s.from_stamp(r["created_at"]),
                updated_at=s.from_stamp(r["updated_at"]),
            )
            for r in rows
        ]

    def _records(self, ids: Sequence[int]) -> dict[int, RecommendationRecord]:
        terms = self._terms(ids)
        rows = self._session.rows_in("SELECT * FROM recommendations WHERE id {ids}", ids)
        return {int(r["id"]): self._record(r, terms.get(int(r["id"]), {})) for r in rows}

    def _terms(self, ids: Sequence[int]) -> dict[int, dict[str, list[Term]]]:
        """Each recommendation's terms by field, in order (a recommendation's rows all come in one slice)."""
        rows = self._session.rows_in(
            "SELECT * FROM recommendation_terms WHERE recommendation_id {ids}"
            " ORDER BY recommendation_id, kind COLLATE BINARY, seq, id",
            ids,
        )
        return terms_by_record(rows)

    def _histories(self, ids: Sequence[int]) -> dict[int, list[StatusEntry]]:
        found: dict[int, list[StatusEntry]] = {}
        for r in self._session.rows_in("SELECT * FROM recommendation_status WHERE recommendation_id {ids}", ids):
            found.setdefault(r["recommendation_id"], []).append(self._entry(r))
        return found

    def _row_values(self, record: RecommendationRecord) -> dict[str, object]:
        values = row_values(record)
        values["response_date"] = self._session.day(record.response_date)
        values["recommending_states"] = self._session.json(values["recommending_states"])
        return values

    def _record(self, r: Row, terms: dict[str, list[Term]]) -> RecommendationRecord:
        s = self._session
        states, day = tuple(s.from_json(r["recommending_states"])), s.from_day(r["response_date"])
        return record_from_row(r, terms, recommending_states=states, response_date=day)

    def _entry(self, r: Row) -> StatusEntry:
        s = self._session
        day = cast(dt.date, s.from_day(r["status_date"]))  # NOT NULL
        return entry_from_row(r, date=day, recorded_at=s.from_stamp(r["recorded_at"]))
