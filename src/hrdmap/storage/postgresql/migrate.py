"""Create a store's schema and bring it up to date with the PostgreSQL migrations.

The scripts are ``hrdmap/storage/postgresql/migrations/NNNN_*.sql``, twins of the SQLite ones
(:mod:`hrdmap.storage.migrations`). All pending ones run in one transaction (PostgreSQL's DDL is transactional)
behind an advisory lock, so two processes opening a new store at once migrate it once.
"""

from __future__ import annotations

from psycopg import sql

from hrdmap.storage import migrations
from hrdmap.storage.postgresql.audit import chain_existing
from hrdmap.storage.postgresql.connection import Connection, migrate_lock_key

PACKAGE = migrations.PACKAGES["postgresql"]
_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"


def migrate(conn: Connection, schema: str) -> list[str]:
    """Create ``schema`` when missing and apply the migrations it lacks. Returns the names applied."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", migrate_lock_key(schema))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        conn.execute(_TABLE)
        applied = pending(conn)
        for name in applied:
            conn.execute(migrations.script(PACKAGE, name).encode("utf-8"))
            _after(conn, name)
            conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (%s, now())", (name,))
    return applied


def _after(conn: Connection, name: str) -> None:
    """The step of migration ``name`` that SQL cannot do, in its transaction: chaining the audit trail (SHA-256)."""
    if name == "0011_audit_chain.sql":
        chain_existing(conn)


def pending(conn: Connection) -> list[str]:
    """Migrations the store (the first schema on the search path) has not had; all when it has none."""
    row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").fetchone()
    if row is None or not row["present"]:
        return migrations.names(PACKAGE)
    done = {r["name"] for r in conn.execute("SELECT name FROM schema_migrations")}
    return [name for name in migrations.names(PACKAGE) if name not in done]
