"""Open a SQLite database the way hrdmap needs it and bring its schema up to date.

One file, WAL journal, foreign keys on. Migrations are the numbered ``*.sql`` files in
``hrdmap/storage/sqlite/migrations``; each runs once, inside a transaction, and is recorded in ``schema_migrations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

MIGRATIONS_PACKAGE = "hrdmap.storage.sqlite.migrations"


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a database file and apply pending migrations.

    The connection is in autocommit mode; use :func:`transaction` to group writes.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 30000")
    migrate(conn)
    return conn


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """Slices of ``ids`` small enough to bind as one query's parameters (SQLite caps their number)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one transaction: all of it is committed, or none of it.

    Nested use joins the outer transaction.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migration_names() -> list[str]:
    """Names of the migration files shipped with the package, in the order they apply."""
    return sorted(p.name for p in files(MIGRATIONS_PACKAGE).iterdir() if p.name.endswith(".sql"))


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded. Returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    applied: list[str] = []
    for name in migration_names():
        if name in done:
            continue
        script = files(MIGRATIONS_PACKAGE).joinpath(name).read_text(encoding="utf-8")
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (name,),
            )
        applied.append(name)
    return applied


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` tells where one ends)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer
