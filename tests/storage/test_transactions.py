"""What every store promises about transactions and named locks (``Store.transaction``, ``Store.lock``)."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.storage.lock import Busy
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store

from .test_documents import make_document

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_a_nested_transaction_joins_the_outer_one_without_a_savepoint(store: Store) -> None:
    with store.transaction():
        store.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
        try:
            with store.transaction():
                store.documents.add_version(make_document("/in/b.pdf", "b" * 64), at=AT)
                raise RuntimeError("caught inside the outer block")
        except RuntimeError:
            pass
    assert [d.source for d in store.documents.current()] == ["/in/a.pdf", "/in/b.pdf"]


def test_an_error_in_a_nested_block_that_escapes_rolls_back_the_whole_transaction(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt), store.transaction():
        store.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
        with store.transaction():
            store.documents.add_version(make_document("/in/b.pdf", "b" * 64), at=AT)
            raise KeyboardInterrupt
    assert store.documents.current() == []
    with store.transaction():
        store.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
    assert len(store.documents.current()) == 1


def test_a_named_lock_is_held_by_one_holder_at_a_time_and_freed_after_the_block(store: Store) -> None:
    with store.lock("ingest"):
        with pytest.raises(Busy), store.lock("ingest"):
            pass
        with store.lock("reindex"):
            pass
    with store.lock("ingest"):
        pass


def test_another_connection_to_the_same_store_sees_its_lock(store: Store, store_url: str) -> None:
    other = open_store(store_url)
    try:
        with store.lock("ingest"), pytest.raises(Busy), other.lock("ingest"):
            pass
        with other.lock("ingest"):
            pass
    finally:
        other.close()
