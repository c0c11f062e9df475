from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdmap.storage.sqlite.store import SqliteStore

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_entries_come_back_newest_first_with_their_detail(tmp_path: Path) -> None:
    store = SqliteStore.open(tmp_path / "hrdmap.sqlite3")
    with store.transaction():
        store.audit.record("batch.started", actor="ana", at=AT, subject="batch:1", detail={"files": 3})
        store.audit.record(
            "document.stored", actor="ana", at=AT + dt.timedelta(seconds=1), subject="document:7"
        )
    entries = store.audit.entries()
    assert [(e.action, e.subject, dict(e.detail)) for e in entries] == [
        ("document.stored", "document:7", {}),
        ("batch.started", "batch:1", {"files": 3}),
    ]
    assert entries[1].at == AT and entries[1].actor == "ana"
    store.close()


def test_an_entry_written_in_a_rolled_back_transaction_is_gone(tmp_path: Path) -> None:
    store = SqliteStore.open(tmp_path / "hrdmap.sqlite3")
    try:
        with store.transaction():
            store.audit.record("document.stored", actor="ana", at=AT)
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert store.audit.entries() == []
    store.close()
