"""The PostgreSQL implementation of :class:`hrdmap.storage.recommendations.RecommendationRepository`.

Tables are created by ``migrations/0005_recommendations.sql``: the same rows as the SQLite adapter's
(:mod:`hrdmap.storage.sqlite.recommendations`); a trigger keeps ``recommendation_status`` append-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from psycopg.rows import DictRow

from hrdmap.domain.tracking import (
    Assessment,
    RecommendationRecord,
    StatusEntry,
    Term,
    TrackedRecommendation,
    merge_records,
)
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, to_json, utc
from hrdmap.storage.recommendations import (
    TERM_KIND,
    Saved,
    entry_from_row,
    record_from_row,
    row_values,
    terms_by_record,
    tracked_from_row,
)


class PostgresRecommendations:
    """Recommendations in PostgreSQL; implements the protocol of :mod:`hrdmap.storage.recommendations`.

    Args:
        db: The store's connections; group writes with the store's transaction.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, record: RecommendationRecord, *, at: dt.datetime) -> tuple[int, Saved]:
        """Add ``record``, or merge it into the stored record with the same key (``merge_records``)."""
        at = stamp(at)
        row = self._db.one("SELECT id FROM recommendations WHERE key = %s", (record.key,))
        if row is None:
            values = _row_values(record)
            recommendation_id = int(
                self._db.value(
                    f"INSERT INTO recommendations (key, {', '.join(values)}, created_at, updated_at) "  # noqa: S608
                    f"VALUES (%s, {', '.join(['%s'] * len(values))}, %s, %s) RETURNING id",
                    (record.key, *values.values(), at, at),
                )
            )
            self._add_terms(recommendation_id, record)
            return recommendation_id, Saved.ADDED
        recommendation_id = int(row["id"])
        old = self._records([recommendation_id])[recommendation_id]
        merged = merge_records(old, record)
        if merged == old:
            return recommendation_id, Saved.UNCHANGED
        values = _row_values(merged)
        self._db.execute(
            f"UPDATE recommendations SET {', '.join(f'{k} = %s' for k in values)}, updated_at = %s "  # noqa: S608
            "WHERE id = %s",
            (*values.values(), at, recommendation_id),
        )
        self._add_terms(recommendation_id, merged)
        return recommendation_id, Saved.UPDATED

    def _add_terms(self, recommendation_id: int, record: RecommendationRecord) -> None:
        rows = [
            (recommendation_id, TERM_KIND[field], term.scheme, term.code or "", term.name, seq)
            for field in TERM_KIND
            for seq, term in enumerate(getattr(record, field))
        ]
        self._db.executemany(
            "INSERT INTO recommendation_terms (recommendation_id, kind, scheme, code, name, seq)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            rows,
        )

    def add_status(
        self, recommendation_id: int, assessment: Assessment, *, recorded_by: str, at: dt.datetime
    ) -> StatusEntry:
        """Append an entry to the history (the table refuses updates and deletes)."""
        a, at = assessment, stamp(at)
        entry_id = self._db.value(
            "INSERT INTO recommendation_status (recommendation_id, status, status_date, evidence, document_id,"
            " block_id, assessed_by, recorded_by, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            (
                recommendation_id,
                a.status.value,
                a.date,
                a.evidence,
                a.document_id,
                a.block_id,
                a.assessed_by,
                recorded_by,
                at,
            ),
        )
        return StatusEntry(int(entry_id), assessment, recorded_by, at)

    def get(self, recommendation_id: int) -> TrackedRecommendation | None:
        """A recommendation with its history, or ``None``."""
        found = self._tracked("SELECT * FROM recommendations WHERE id = %s", (recommendation_id,))
        return found[0] if found else None

    def all(self) -> list[TrackedRecommendation]:
        """Every recommendation with its history, by addressee, symbol and paragraph (those without first)."""
        return self._tracked(
            "SELECT * FROM recommendations"
            " ORDER BY coalesce(addressee, '') COLLATE \"C\", coalesce(symbol, '') COLLATE \"C\", id",
            (),
        )

    def _tracked(self, query: str, args: Sequence[Any]) -> list[TrackedRecommendation]:
        rows = self._db.rows(query, args)
        ids = [int(r["id"]) for r in rows]
        terms = self._terms(ids)
        histories = self._histories(ids)
        return [
            tracked_from_row(
                r,
                _record(r, terms.get(int(r["id"]), {})),
                histories.get(int(r["id"]), []),
                created_at=utc(r["created_at"]),
                updated_at=utc(r["updated_at"]),
            )
            for r in rows
        ]

    def _records(self, ids: Sequence[int]) -> dict[int, RecommendationRecord]:
        terms = self._terms(ids)
        rows = self._db.rows("SELECT * FROM recommendations WHERE id = ANY(%s)", (list(ids),))
        return {int(r["id"]): _record(r, terms.get(int(r["id"]), {})) for r in rows}

    def _terms(self, ids: Iterable[int]) -> dict[int, dict[str, list[Term]]]:
        rows = self._db.rows(
            "SELECT * FROM recommendation_terms WHERE recommendation_id = ANY(%s)"
            ' ORDER BY recommendation_id, kind COLLATE "C", seq, id',
            (list(ids),),
        )
        return terms_by_record(rows)

    def _histories(self, ids: Iterable[int]) -> dict[int, list[StatusEntry]]:
        found: dict[int, list[StatusEntry]] = {}
        for r in self._db.rows("SELECT * FROM recommendation_status WHERE recommendation_id = ANY(%s)", (list(ids),)):
            found.setdefault(r["recommendation_id"], []).append(_entry(r))
        return found


def _row_values(record: RecommendationRecord) -> dict[str, object]:
    values = row_values(record)
    values["recommending_states"] = to_json(values["recommending_states"])
    return values


def _record(r: DictRow, terms: dict[str, list[Term]]) -> RecommendationRecord:
    return record_from_row(r, terms, recommending_states=tuple(r["recommending_states"]))


def _entry(r: DictRow) -> StatusEntry:
    return entry_from_row(r, date=r["status_date"], recorded_at=utc(r["recorded_at"]))
