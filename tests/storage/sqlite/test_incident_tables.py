"""What SQLite promises of the incident tables: an append-only history, personal data in tables of their own."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, StatusChange
from hrdmap.domain.monitoring.vocabulary import VerificationStatus
from hrdmap.storage.sqlite.store import SqliteStore

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_the_status_history_refuses_changes(sqlite_store: SqliteStore) -> None:
    incident = Incident("Fictional", FuzzyDate.unknown(), Location("COL"), (Act("killing"),))
    with sqlite_store.transaction():
        incident_id = sqlite_store.incidents.add(incident, at=AT)
        change = StatusChange(VerificationStatus.UNDER_VERIFICATION, AT, "a", "b")
        sqlite_store.incidents.add_status(incident_id, change)
    for statement in ("DELETE FROM incident_status", "UPDATE incident_status SET reason = 'x'"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), sqlite_store.transaction():
            sqlite_store._conn.execute(statement)


def test_victims_and_sources_have_tables_of_their_own(sqlite_store: SqliteStore) -> None:
    def columns(table: str) -> set[str]:
        return {r[1] for r in sqlite_store._conn.execute(f"PRAGMA table_info({table})")}

    assert not {"name", "victim", "evidence", "reference"} & columns("incidents")
    assert {"name", "organisation", "sensitivity"} <= columns("incident_victims")
    assert {"reference", "evidence", "sensitivity"} <= columns("incident_sources")
