"""The audit trail: entries come back newest first, and a rolled-back change leaves none."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_entries_come_back_newest_first_with_their_detail(store: Store) -> None:
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


def test_the_latest_entries_are_the_ones_a_limit_keeps(store: Store) -> None:
    with store.transaction():
        for n in range(5):
            store.audit.record("document.stored", actor="ana", at=AT, subject=f"document:{n}")
    assert [e.subject for e in store.audit.entries(limit=2)] == ["document:4", "document:3"]


def test_an_entry_written_in_a_rolled_back_transaction_is_gone(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt), store.transaction():
        store.audit.record("document.stored", actor="ana", at=AT)
        raise KeyboardInterrupt
    assert store.audit.entries() == []


def test_a_nested_transaction_joins_the_outer_one(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        with store.transaction():
            store.audit.record("batch.started", actor="ana", at=AT)
        raise RuntimeError("the outer block fails after the inner one ended")
    assert store.audit.entries() == []
