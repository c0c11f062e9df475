"""What only the PostgreSQL audit promises: the migration chains the entries written before it, and the triggers
refuse to rewrite or empty the trail, whoever connects."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from psycopg import sql

from hrdmap.storage import migrations
from hrdmap.storage.audit_chain import verify
from hrdmap.storage.registry import open_store
from tests.postgres import require_server, server_url
from tests.tamper import assert_old_entries_chained

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
PACKAGE = migrations.PACKAGES["postgresql"]


@pytest.fixture(autouse=True)
def server() -> None:
    require_server()


def _schema(url: str) -> str:
    return url.rsplit("schema=", 1)[1]


def test_the_migration_chains_the_entries_written_before_it(pg_url: str) -> None:
    schema = _schema(pg_url)
    with psycopg.connect(server_url(), autocommit=True) as conn, conn.transaction():
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
        for name in migrations.names(PACKAGE):
            if name >= "0011_audit_chain.sql":
                break
            conn.execute(migrations.script(PACKAGE, name).encode("utf-8"))
            conn.execute("INSERT INTO schema_migrations VALUES (%s, now())", (name,))
        for n in (1, 2, 3):
            conn.execute(
                "INSERT INTO audit (at, actor, action, subject, detail) VALUES (%s, 'ana', 'document.stored', %s, %s)",
                (AT - dt.timedelta(days=n), f"document:{n}", '{"files": 1}'),
            )
    assert_old_entries_chained(pg_url)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit SET actor = 'mallory'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "INSERT INTO audit (at, actor, action) VALUES (now(), 'm', 'x')",
    ],
)
def test_the_trail_cannot_be_rewritten_while_its_triggers_stand(pg_url: str, statement: str) -> None:
    store = open_store(pg_url)
    try:
        store.audit.record("batch.started", actor="ana", at=AT)
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(_schema(pg_url))))
            with pytest.raises(psycopg.errors.RaiseException, match="append-only|needs its hash"):
                conn.execute(statement)
        assert verify(lambda: store.audit.chain()).intact
    finally:
        store.close()
