"""The JSON views the edges print: every finished outcome counted, zeros kept; a failure says when and where."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hrdmap.services.views import failure_json, status_counts
from hrdmap.storage.batches import BatchItem, ItemStatus


def test_counts_name_every_finished_outcome_and_never_pending() -> None:
    counts = status_counts(Counter({ItemStatus.STORED: 2, ItemStatus.PENDING: 5}))
    assert counts == {"stored": 2, "unchanged": 0, "failed": 0, "unpacked": 0}


def test_a_failure_carries_its_batch_and_time() -> None:
    at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    item = BatchItem(7, 3, "/in/a.pdf", ItemStatus.FAILED, "broken", "corrupt", None, at)
    assert failure_json(item) == {
        "path": "/in/a.pdf",
        "status": "failed",
        "reason": "broken",
        "error_code": "corrupt",
        "version_id": None,
        "batch_id": 3,
        "at": "2026-03-01T09:30:00+00:00",
    }
