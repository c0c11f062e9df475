"""What only the PostgreSQL session does: ``COPY`` rows in, inside the calling thread's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from hrdmap.storage.postgresql.store import PostgresStore

AT = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


@pytest.fixture
def store(pg_url: str) -> Iterator[PostgresStore]:
    store = PostgresStore.from_url(pg_url)
    yield store
    store.close()


def test_copy_writes_each_row_with_its_values_converted_by_the_session(store: PostgresStore) -> None:
    session = store.session
    rows = [(session.stamp(AT), f"actor {n}", session.json({"n": str(n), "note": "défenseurs ✓"})) for n in range(3)]
    with store.transaction():
        session.copy("tag_runs", "started_at, actor, taggers", iter(rows))
    got = session.rows("SELECT * FROM tag_runs ORDER BY id")
    assert [r["actor"] for r in got] == ["actor 0", "actor 1", "actor 2"]
    assert {session.from_stamp(r["started_at"]) for r in got} == {AT}
    assert session.from_json(got[2]["taggers"]) == {"n": "2", "note": "défenseurs ✓"}


def test_copy_joins_the_transaction_and_rolls_back_with_it(store: PostgresStore) -> None:
    session = store.session
    with pytest.raises(RuntimeError, match="undone"), store.transaction():
        session.copy("tag_runs", "started_at, actor, taggers", [(session.stamp(AT), "ana", session.json({}))])
        assert session.value("SELECT count(*) FROM tag_runs") == 1
        raise RuntimeError("undone")
    assert session.value("SELECT count(*) FROM tag_runs") == 0
