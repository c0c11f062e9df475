"""The audit trail: entries come back newest first, a rolled-back change leaves none, and every entry is chained
to the one before it, the same way in every store, whoever writes at the same time."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from hrdmap.storage.audit_chain import GENESIS, verify
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
#: The head of the two entries of the canonical-serialisation test: pinned, so a change of the serialisation
#: (which would break every stored chain) fails here first.
HEAD_OF_TWO = "6d2394de8559c44bef2cac76f5aaec33e17f3fe81bac8c76dc741b8ee0a37490"


def test_entries_come_back_newest_first_with_their_detail(store: Store) -> None:
    with store.transaction():
        store.audit.record("batch.started", actor="ana", at=AT, subject="batch:1", detail={"files": 3})
        store.audit.record("document.stored", actor="ana", at=AT + dt.timedelta(seconds=1), subject="document:7")
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


def test_each_entry_names_the_hash_of_the_one_before_and_the_chain_verifies(store: Store) -> None:
    with store.transaction():
        for n in range(3):
            store.audit.record("document.stored", actor="ana", at=AT, subject=f"document:{n}", detail={"n": n})
    chain = list(store.audit.chain())
    assert [e.id for e in chain] == [1, 2, 3]
    assert chain[0].previous_hash == GENESIS
    assert [e.previous_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    report = verify(lambda: store.audit.chain(), expect_head=chain[-1].hash)
    assert report.intact and report.entries == 3 and report.head == chain[-1].hash and report.expected_head_found


def test_the_same_entries_give_the_same_head_in_every_store(store: Store) -> None:
    """The hash is over a canonical serialisation, so a store copied into another adapter keeps its chain."""
    store.audit.record("batch.started", actor="ana", at=AT, subject="batch:1", detail={"files": 3, "é": 1.5})
    store.audit.record("batch.finished", actor="ana", at=AT + dt.timedelta(microseconds=7), detail={})
    assert store.audit.entries(limit=1)[0].hash == HEAD_OF_TWO


def test_writers_on_connections_of_their_own_never_fork_the_chain(store: Store, store_url: str) -> None:
    def write(n: int) -> None:
        own = open_store(store_url)
        try:
            for k in range(10):
                with own.transaction():
                    own.audit.record("document.stored", actor=f"writer-{n}", at=AT, subject=f"document:{k}")
        finally:
            own.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    report = verify(lambda: store.audit.chain())
    assert report.intact and report.entries == 40 and report.head_id == 40


def test_the_chain_is_read_a_page_at_a_time_from_any_entry(store: Store) -> None:
    with store.transaction():
        for n in range(1005):
            store.audit.record("document.stored", actor="ana", at=AT, subject=f"document:{n}")
    assert [e.id for e in store.audit.chain(after=1000)] == [1001, 1002, 1003, 1004, 1005]
    assert verify(lambda: store.audit.chain()).entries == 1005
