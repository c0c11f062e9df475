"""Writers take turns (like SQLite's BEGIN IMMEDIATE), readers do not wait, threads get their own transactions."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import psycopg

from hrdmap.domain.document import StoredDocument
from hrdmap.storage.postgresql.connection import key_of
from hrdmap.storage.postgresql.store import PostgresStore
from hrdmap.storage.registry import open_store
from tests.postgres import server_url
from tests.storage.test_documents import make_document

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _waiting_for_the_write_lock(schema: str) -> bool:
    """Whether a session of the server waits for the write lock of the store in ``schema``."""
    with psycopg.connect(server_url()) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = %s::bigint::oid",
            (key_of(schema) % 2**32,),
        ).fetchone()
    return bool(row and row[0])


def _wait_until(condition: Callable[[], bool], attempts: int = 2000) -> None:
    """Poll ``condition`` (a bounded number of times) until it holds."""
    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError("the condition never held")


def test_a_writer_that_checks_before_adding_sees_what_the_writer_before_it_committed(pg_url: str) -> None:
    first, second = open_store(pg_url), open_store(pg_url)
    assert isinstance(first, PostgresStore) and isinstance(second, PostgresStore)
    seen: list[StoredDocument | None] = []

    def check_then_add() -> None:
        with second.transaction():
            known = second.documents.by_sha256("a" * 64)
            seen.append(known)
            if known is None:
                second.documents.add_version(make_document("/in/copy.pdf", "a" * 64), at=AT)

    with first.transaction():
        first.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
        worker = threading.Thread(target=check_then_add)
        worker.start()
        _wait_until(lambda: _waiting_for_the_write_lock(first.database.schema))
        assert [d.source for d in second.documents.current()] == []  # readers do not wait, nor see the uncommitted
    worker.join()
    assert seen and seen[0] is not None and seen[0].source == "/in/a.pdf"
    assert [d.source for d in first.documents.current()] == ["/in/a.pdf"]
    first.close()
    second.close()


def test_threads_sharing_one_store_each_get_their_own_transaction(pg_url: str) -> None:
    store = open_store(pg_url)
    assert isinstance(store, PostgresStore)
    inside = threading.Event()
    release = threading.Event()

    def write() -> None:
        with store.transaction():
            store.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
            inside.set()
            release.wait()

    worker = threading.Thread(target=write)
    worker.start()
    inside.wait()
    assert not store.database.in_transaction
    assert store.documents.current() == []  # this thread reads outside the other thread's transaction
    release.set()
    worker.join()
    assert [d.source for d in store.documents.current()] == ["/in/a.pdf"]
    store.close()
