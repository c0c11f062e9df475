"""The SQLite implementation of :class:`hrdmap.storage.recommendations.RecommendationRepository`.

Tables are created by ``migrations/0005_recommendations.sql``. A record is one row of ``recommendations`` and
its terms rows of ``recommendation_terms``; status entries are rows of ``recommendation_status``, whose triggers
refuse updates and deletes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence

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
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text, to_text


class SqliteRecommendations:
    """Recommendations in the corpus database; implements the protocol of :mod:`hrdmap.storage.recommendations`.

    Args:
        conn: An open connection; group writes with the store's transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def save(self, record: RecommendationRecord, *, at: dt.datetime) -> tuple[int, Saved]:
        """Add ``record``, or merge it into the stored record with the same key (``merge_records``)."""
        row = self._conn.execute("SELECT id FROM recommendations WHERE key = ?", (record.key,)).fetchone()
        if row is None:
            values = _row_values(record)
            cursor = self._conn.execute(
                f"INSERT INTO recommendations (key, {', '.join(values)}, created_at, updated_at) "  # noqa: S608
                f"VALUES (?, {', '.join('?' * len(values))}, ?, ?)",
                (record.key, *values.values(), to_text(at), to_text(at)),
            )
            recommendation_id = int(cursor.lastrowid or 0)
            self._add_terms(recommendation_id, record)
            return recommendation_id, Saved.ADDED
        recommendation_id = int(row["id"])
        old = self._records([recommendation_id])[recommendation_id]
        merged = merge_records(old, record)
        if merged == old:
            return recommendation_id, Saved.UNCHANGED
        values = _row_values(merged)
        self._conn.execute(
            f"UPDATE recommendations SET {', '.join(f'{k} = ?' for k in values)}, updated_at = ? "  # noqa: S608
            "WHERE id = ?",
            (*values.values(), to_text(at), recommendation_id),
        )
        self._add_terms(recommendation_id, merged)
        return recommendation_id, Saved.UPDATED

    def _add_terms(self, recommendation_id: int, record: RecommendationRecord) -> None:
        for field in TERM_KIND:
            for seq, term in enumerate(getattr(record, field)):
                self._conn.execute(
                    "INSERT OR IGNORE INTO recommendation_terms (recommendation_id, kind, scheme, code, name, seq)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (recommendation_id, TERM_KIND[field], term.scheme, term.code or "", term.name, seq),
                )

    def add_status(
        self, recommendation_id: int, assessment: Assessment, *, recorded_by: str, at: dt.datetime
    ) -> StatusEntry:
        """Append an entry to the history (the table refuses updates and deletes)."""
        a = assessment
        cursor = self._conn.execute(
            "INSERT INTO recommendation_status (recommendation_id, status, status_date, evidence, document_id,"
            " block_id, assessed_by, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                recommendation_id,
                a.status.value,
                a.date.isoformat(),
                a.evidence,
                a.document_id,
                a.block_id,
                a.assessed_by,
                recorded_by,
                to_text(at),
            ),
        )
        return StatusEntry(int(cursor.lastrowid or 0), assessment, recorded_by, from_text(to_text(at)))

    def get(self, recommendation_id: int) -> TrackedRecommendation | None:
        """A recommendation with its history, or ``None``."""
        found = self._tracked("SELECT * FROM recommendations WHERE id = ?", (recommendation_id,))
        return found[0] if found else None

    def all(self) -> list[TrackedRecommendation]:
        """Every recommendation with its history, by addressee, symbol and paragraph."""
        return self._tracked(
            "SELECT * FROM recommendations ORDER BY coalesce(addressee, ''), coalesce(symbol, ''), id", ()
        )

    def _tracked(self, query: str, args: Sequence[object]) -> list[TrackedRecommendation]:
        rows = self._conn.execute(query, tuple(args)).fetchall()
        ids = [int(r["id"]) for r in rows]
        terms = self._terms(ids)
        histories = self._histories(ids)
        return [
            tracked_from_row(
                r,
                _record(r, terms.get(int(r["id"]), {})),
                histories.get(int(r["id"]), []),
                created_at=from_text(r["created_at"]),
                updated_at=from_text(r["updated_at"]),
            )
            for r in rows
        ]

    def _records(self, ids: Sequence[int]) -> dict[int, RecommendationRecord]:
        terms = self._terms(ids)
        rows = self._conn.execute(
            "SELECT * FROM recommendations WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
        )
        return {int(r["id"]): _record(r, terms.get(int(r["id"]), {})) for r in rows}

    def _terms(self, ids: Iterable[int]) -> dict[int, dict[str, list[Term]]]:
        rows = self._conn.execute(
            "SELECT * FROM recommendation_terms WHERE recommendation_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY recommendation_id, kind, seq, id",
            (json.dumps(list(ids)),),
        )
        return terms_by_record(rows)

    def _histories(self, ids: Iterable[int]) -> dict[int, list[StatusEntry]]:
        found: dict[int, list[StatusEntry]] = {}
        rows = self._conn.execute(
            "SELECT * FROM recommendation_status WHERE recommendation_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        for r in rows:
            found.setdefault(r["recommendation_id"], []).append(_entry(r))
        return found


def _row_values(record: RecommendationRecord) -> dict[str, object]:
    values = row_values(record)
    values["response_date"] = date_to_text(record.response_date)
    values["recommending_states"] = json.dumps(values["recommending_states"], ensure_ascii=False)
    return values


def _record(r: sqlite3.Row, terms: dict[str, list[Term]]) -> RecommendationRecord:
    states, day = tuple(json.loads(r["recommending_states"])), date_from_text(r["response_date"])
    return record_from_row(r, terms, recommending_states=states, response_date=day)


def _entry(r: sqlite3.Row) -> StatusEntry:
    return entry_from_row(r, date=dt.date.fromisoformat(r["status_date"]), recorded_at=from_text(r["recorded_at"]))
