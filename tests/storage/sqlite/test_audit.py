"""What only the SQLite audit promises: the migration chains the entries written before it, and the triggers
refuse to rewrite the trail, whoever opens the file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from hrdmap.storage import migrations
from hrdmap.storage.audit_chain import verify
from hrdmap.storage.sqlite.store import SqliteStore
from tests.tamper import assert_old_entries_chained

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
PACKAGE = migrations.PACKAGES["sqlite"]


def _store_before_the_chain(path: Path) -> None:
    """A database with every migration before 0011 and three audit entries written the old way."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name in migrations.names(PACKAGE):
        if name >= "0011_audit_chain.sql":
            break
        conn.executescript(migrations.script(PACKAGE, name))
        conn.execute("INSERT INTO schema_migrations VALUES (?, '2026-01-01T00:00:00.000000Z')", (name,))
    for n in (1, 2, 3):
        conn.execute(
            "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, 'ana', 'document.stored', ?, ?)",
            (f"2026-01-0{n}T09:30:00.000000Z", f"document:{n}", '{"files": 1}'),
        )
    conn.close()


def test_the_migration_chains_the_entries_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "hrdmap.sqlite3"
    _store_before_the_chain(path)
    assert_old_entries_chained(f"sqlite:///{path.as_posix()}")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit SET actor = 'mallory'",
        "DELETE FROM audit",
        "INSERT INTO audit (at, actor, action, detail) VALUES ('2026-01-01T00:00:00.000000Z', 'm', 'x', '{}')",
    ],
)
def test_the_trail_cannot_be_rewritten_while_its_triggers_stand(
    sqlite_store: SqliteStore, tmp_path: Path, statement: str
) -> None:
    sqlite_store.audit.record("batch.started", actor="ana", at=AT)
    conn = sqlite3.connect(tmp_path / "hrdmap.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only|needs its hash"):
        conn.execute(statement)
    conn.close()
    assert verify(lambda: sqlite_store.audit.chain()).intact
