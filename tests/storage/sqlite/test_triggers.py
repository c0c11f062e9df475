"""What the SQLite schema itself refuses, whoever writes to the file: the status history is append-only."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from hrdmap.domain.tracking import Assessment, RecommendationRecord, Status
from hrdmap.storage.sqlite.store import SqliteStore

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE recommendation_status SET status = 'implemented'", "DELETE FROM recommendation_status"],
)
def test_the_status_history_cannot_be_rewritten(sqlite_store: SqliteStore, tmp_path: Path, statement: str) -> None:
    record = RecommendationRecord(key="A/HRC/28/15|115.1", text="Ratify the Optional Protocol (fictional example)")
    with sqlite_store.transaction():
        rec_id, _ = sqlite_store.recommendations.save(record, at=AT)
        assessment = Assessment(Status.NOT_STARTED, dt.date(2020, 1, 1))
        sqlite_store.recommendations.add_status(rec_id, assessment, recorded_by="a", at=AT)
    conn = sqlite3.connect(tmp_path / "hrdmap.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement)
    conn.close()
    found = sqlite_store.recommendations.get(rec_id)
    assert found is not None and found.status == "not_started"
