"""The PostgreSQL schema: migrations applied once, the append-only history, read-only servers, UTC."""

from __future__ import annotations

import datetime as dt
import threading

import psycopg
import pytest

from hrdmap.domain.tracking import Assessment, RecommendationRecord, Status
from hrdmap.storage import migrations
from hrdmap.storage.postgresql.store import PostgresStore
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import ReadOnlyStore
from tests.postgres import require_server, server_url

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)

pytestmark = pytest.mark.usefixtures("server")


@pytest.fixture
def server() -> None:
    require_server()


def _applied(store: PostgresStore) -> list[str]:
    return [r["name"] for r in store.database.rows("SELECT name FROM schema_migrations ORDER BY name")]


def test_a_new_schema_gets_every_migration_once_even_when_two_processes_open_it_at_once(pg_url: str) -> None:
    opened: list[PostgresStore] = []

    def open_one() -> None:
        store = open_store(pg_url)
        assert isinstance(store, PostgresStore)
        opened.append(store)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 2
    assert _applied(opened[0]) == migrations.names(migrations.PACKAGES["postgresql"])
    assert opened[0].check() == []
    for store in opened:
        store.close()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE recommendation_status SET status = 'implemented'", "DELETE FROM recommendation_status"],
)
def test_the_status_history_cannot_be_rewritten(pg_url: str, statement: str) -> None:
    store = open_store(pg_url)
    record = RecommendationRecord(key="A/HRC/28/15|115.1", text="Ratify the Optional Protocol (fictional example)")
    with store.transaction():
        rec_id, _ = store.recommendations.save(record, at=AT)
        store.recommendations.add_status(
            rec_id, Assessment(Status.NOT_STARTED, dt.date(2020, 1, 1)), recorded_by="a", at=AT
        )
    assert isinstance(store, PostgresStore)
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        store.database.execute(statement)
    found = store.recommendations.get(rec_id)
    assert found is not None and found.status == "not_started"
    store.close()


def test_a_read_only_session_gives_a_read_only_store_that_still_reads(pg_url: str) -> None:
    open_store(pg_url).close()  # created and migrated by a session that can write
    read_only = open_store(f"{pg_url}&options=-c%20default_transaction_read_only%3Don")
    assert read_only.read_only
    assert read_only.documents.current() == []
    with pytest.raises(ReadOnlyStore, match="read-only"), read_only.transaction():
        pass
    read_only.close()


def test_a_read_only_session_refuses_a_store_that_needs_migrations(pg_url: str) -> None:
    with pytest.raises(ReadOnlyStore, match="needs 0001_corpus.sql"):
        open_store(f"{pg_url}&options=-c%20default_transaction_read_only%3Don")


def test_timestamps_come_back_in_utc_whatever_the_servers_time_zone(pg_url: str) -> None:
    store = open_store(f"{pg_url}&options=-c%20TimeZone%3DAsia/Tokyo")
    with store.transaction():
        store.audit.record("test", actor="ana", at=AT.astimezone(dt.timezone(dt.timedelta(hours=-5))))
    (entry,) = store.audit.entries()
    assert entry.at == AT and entry.at.utcoffset() == dt.timedelta(0)
    store.close()


def test_the_store_lives_in_its_own_schema(pg_url: str) -> None:
    store = open_store(pg_url)
    schema = pg_url.rpartition("schema=")[2]
    with psycopg.connect(server_url()) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))}
    assert {"documents", "blocks", "tags", "calls", "recommendations", "schema_migrations"} <= tables
    store.close()
