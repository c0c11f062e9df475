"""The PostgreSQL server the tests use: found through ``HRDMAP_TEST_POSTGRES_URL``; an empty store per test.

Creating a schema and running the migrations costs most of a second on a loaded two-core machine, so the
contract tests share one migrated schema and empty its tables after each test (:func:`empty_store_url`); tests
of migrations and of several processes take a schema of their own (:func:`fresh_schema_url`).

Default: ``postgresql://root@127.0.0.1:5432/test`` (the CI machine's server; ``.ci/run`` starts it when it is
down). Without a server the PostgreSQL tests skip, saying why and how to get one, unless
``HRDMAP_TEST_POSTGRES_REQUIRED=1`` (set by ``.ci/run``), which makes a missing server a failure.
"""

from __future__ import annotations

import atexit
import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

URL_VAR = "HRDMAP_TEST_POSTGRES_URL"
REQUIRED_VAR = "HRDMAP_TEST_POSTGRES_REQUIRED"
DEFAULT_URL = "postgresql://root@127.0.0.1:5432/test"


def server_url() -> str:
    """The URL of the test server's database (no schema)."""
    return os.environ.get(URL_VAR) or DEFAULT_URL


@functools.cache
def unavailable() -> str | None:
    """Why no PostgreSQL server can be used for the tests, or ``None`` when one answers."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    try:
        with psycopg.connect(server_url(), connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"no PostgreSQL server at {URL_VAR}={server_url()} ({reason}); start one "
            "(docs/scale.md: pg_ctlcluster 15 main start) or set the variable"
        )
    return None


def require_server() -> None:
    """Skip the calling test when there is no server (fail instead when the server is required)."""
    reason = unavailable()
    if reason is None:
        return
    if os.environ.get(REQUIRED_VAR) == "1":
        pytest.fail(f"{REQUIRED_VAR}=1 but {reason}")
    pytest.skip(reason)


def with_schema(url: str, schema: str) -> str:
    """``url`` with hrdmap's ``schema`` parameter added."""
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


@contextmanager
def fresh_schema_url() -> Iterator[str]:
    """The URL of an empty store in a schema of its own, dropped at the end of the block."""
    require_server()
    import psycopg
    from psycopg import sql

    schema = f"hrdmap_test_{uuid.uuid4().hex[:16]}"
    try:
        yield with_schema(server_url(), schema)
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@functools.cache
def _shared_schema() -> str | None:
    """A migrated schema the contract tests share (dropped when the tests end), or ``None`` when the role may
    not skip triggers and foreign keys to empty it (then each test gets a fresh schema)."""
    import psycopg

    from hrdmap.storage.registry import open_store

    with psycopg.connect(server_url(), autocommit=True) as conn:
        row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if not row or not row[0]:
        return None
    schema = f"hrdmap_test_{uuid.uuid4().hex[:16]}"
    open_store(with_schema(server_url(), schema)).close()
    atexit.register(_drop, schema)
    return schema


def _drop(schema: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def _empty(schema: str) -> None:
    """Delete every row of the store in ``schema`` (triggers and foreign keys skipped: a superuser's right)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url(), autocommit=True) as conn, conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> 'schema_migrations'", (schema,)
        ).fetchall()
        for (table,) in tables:
            conn.execute(sql.SQL("DELETE FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))


@contextmanager
def empty_store_url() -> Iterator[str]:
    """The URL of an empty, migrated store for one test: the shared schema, emptied after the block."""
    require_server()
    schema = _shared_schema()
    if schema is None:
        with fresh_schema_url() as url:
            yield url
        return
    try:
        yield with_schema(server_url(), schema)
    finally:
        _empty(schema)
