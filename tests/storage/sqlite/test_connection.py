"""What only the SQLite adapter promises: a WAL file with foreign keys, migrations applied once, integrity checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdmap.storage.sqlite.connection import connect, migration_names, transaction
from hrdmap.storage.sqlite.store import SqliteStore


def test_new_database_is_wal_with_foreign_keys_and_every_migration(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db" / "hrdmap.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert applied == migration_names()


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "hrdmap.sqlite3"
    connect(path).close()
    conn = connect(path)
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(migration_names())


def test_failed_transaction_leaves_nothing_half_written(tmp_path: Path) -> None:
    conn = connect(tmp_path / "hrdmap.sqlite3")
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):
        conn.execute("INSERT INTO documents (source, created_at) VALUES ('a.pdf', '2026-01-01T00:00:00Z')")
        conn.execute("INSERT INTO documents (source, created_at) VALUES ('a.pdf', '2026-01-01T00:00:00Z')")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_the_integrity_check_reports_a_row_whose_parent_is_gone(sqlite_store: SqliteStore, tmp_path: Path) -> None:
    assert sqlite_store.check() == []
    conn = sqlite3.connect(tmp_path / "hrdmap.sqlite3")  # foreign keys are off by default in a bare connection
    conn.execute(
        "INSERT INTO footnotes (version_id, seq, label, text) VALUES (999, 0, '1', 'orphan (fictional)')"
    )
    conn.commit()
    conn.close()
    assert [p for p in sqlite_store.check() if p.startswith("foreign key: ('footnotes'")]
