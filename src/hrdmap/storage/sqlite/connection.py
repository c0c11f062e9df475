"""Open a SQLite database the way hrdmap needs it and bring its schema up to date.

One file, WAL journal, foreign keys on. Migrations are the numbered ``*.sql`` files in
``hrdmap/storage/sqlite/migrations``; each runs once, inside a transaction, and is recorded in ``schema_migrations``.

A database in a folder hrdmap cannot write (a backup on a read-only disk) is opened read-only
(:func:`connect_read_only`): reads work, a write is refused, and a database that needs a migration is refused
with a message that asks for write access once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from hrdmap.storage.repository import ReadOnlyStore

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


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a database for reading only, without writing anything beside it.

    SQLite reads a WAL database read-only when its ``-wal`` and ``-shm`` files exist (after a crash) or can be
    created; in a folder it cannot write, a database closed cleanly has neither, so it is opened as
    ``immutable`` (no locks, no shared memory): right for a folder that cannot change while it is read.

    Raises:
        ReadOnlyStore: There is no database, or its schema needs migrations, which need write access.
    """
    if not path.is_file():
        raise ReadOnlyStore(f"the data folder {path.parent} is read-only and holds no database ({path.name})")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = _open_uri(uri)
    except sqlite3.OperationalError:
        conn = _open_uri(uri + "&immutable=1")
    pending = _pending(conn)
    if pending:
        conn.close()
        raise ReadOnlyStore(
            f"the data folder {path.parent} is read-only and its database needs upgrading "
            f"({', '.join(pending)}): run hrdmap once with write access to the folder"
        )
    return conn


def _open_uri(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here when it cannot be read
    return conn


def _pending(conn: sqlite3.Connection) -> list[str]:
    """Migrations the database has not had (all of them when it has no schema at all)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone() is None:
        return migration_names()
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    return [name for name in migration_names() if name not in done]


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
            _after(conn, name)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (name,),
            )
        applied.append(name)
    return applied


def _after(conn: sqlite3.Connection, name: str) -> None:
    """The step of migration ``name`` that SQL cannot do, in its transaction: chaining the audit trail (SHA-256)."""
    if name == "0011_audit_chain.sql":
        from hrdmap.storage.sqlite.audit import chain_existing  # here: that module imports this one

        chain_existing(conn)


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
