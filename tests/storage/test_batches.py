from __future__ import annotations

import datetime as dt

from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_a_batch_starts_with_every_file_pending_and_unfinished(store: Store) -> None:
    with store.transaction():
        batch = store.batches.start(["/in/a.pdf", "/in/b.docx"], actor="ana", at=AT)
    assert [(i.path, i.status) for i in store.batches.items(batch.id)] == [
        ("/in/a.pdf", ItemStatus.PENDING),
        ("/in/b.docx", ItemStatus.PENDING),
    ]
    assert store.batches.unfinished() == [batch]
    store.batches.finish(batch.id, at=AT)
    assert store.batches.unfinished() == []


def test_setting_an_item_updates_it_and_adds_members_of_containers(store: Store) -> None:
    with store.transaction():
        batch = store.batches.start(["/in/a.zip"], actor="ana", at=AT)
        store.batches.set_item(batch.id, "/in/a.zip", ItemStatus.UNPACKED, at=AT)
        member = store.batches.set_item(
            batch.id,
            "/in/a.zip!bad.pdf",
            ItemStatus.FAILED,
            at=AT,
            reason="broken cross-reference table",
            error_code="corrupt",
        )
    assert [i.status for i in store.batches.items(batch.id)] == [ItemStatus.UNPACKED, ItemStatus.FAILED]
    assert (member.reason, member.error_code, member.updated_at) == (
        "broken cross-reference table",
        "corrupt",
        AT,
    )


def test_latest_failures_forget_files_that_were_read_later(store: Store) -> None:
    with store.transaction():
        first = store.batches.start(["/in/a.pdf", "/in/b.pdf"], actor="ana", at=AT)
        store.batches.set_item(
            first.id, "/in/a.pdf", ItemStatus.FAILED, at=AT, reason="x", error_code="corrupt"
        )
        store.batches.set_item(
            first.id, "/in/b.pdf", ItemStatus.FAILED, at=AT, reason="y", error_code="corrupt"
        )
        second = store.batches.start(["/in/a.pdf", "/in/b.pdf"], actor="ana", at=AT)
        store.batches.set_item(second.id, "/in/a.pdf", ItemStatus.STORED, at=AT)
    assert [(f.path, f.batch_id) for f in store.batches.latest_failures()] == [("/in/b.pdf", first.id)]
