"""Views of ingest runs: what became of each file, and the files that could not be read."""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.services.ingest import IngestReport
from hrdmap.storage.batches import BatchItem, ItemStatus


def batch_item_view(item: BatchItem) -> dict[str, object]:
    """One file of an ingest batch and its outcome: path, status, reason, error code, the version it gave."""
    return {
        "path": item.path,
        "status": item.status.value,
        "reason": item.reason,
        "error_code": item.error_code,
        "version_id": item.version_id,
    }


def failed_file_view(item: BatchItem) -> dict[str, object]:
    """A file whose latest ingest failed (``hrdmap documents --failed --json``): its outcome, the batch that
    tried it, and when."""
    return {
        **batch_item_view(item),
        "batch_id": item.batch_id,
        "at": item.updated_at.isoformat() if item.updated_at else None,
    }


def ingest_report_view(report: IngestReport) -> dict[str, object]:
    """What an ingest run did (``hrdmap ingest --json``): files per outcome over every batch (every finished
    outcome named, zeros kept), then each batch, resumed or new, with its files."""
    return {
        "counts": status_counts(report.counts),
        "batches": [
            {"batch_id": b.batch_id, "resumed": b.resumed, "items": [batch_item_view(i) for i in b.items]}
            for b in report.batches
        ],
    }


def status_counts(counts: Mapping[ItemStatus, int]) -> dict[str, int]:
    """Files per outcome, for every outcome a finished file can have (``stored``, ``unchanged`` …), zeros kept:
    the ``counts`` of :func:`ingest_report_view`, and what a summary line and an exit code are made from."""
    return {status.value: counts.get(status, 0) for status in ItemStatus if status is not ItemStatus.PENDING}
