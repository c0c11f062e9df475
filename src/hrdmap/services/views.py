"""JSON views of what the services return: the one place a stored record becomes plain data for an edge.

The edges (the command line today, a web API later) print these dictionaries as they are, or read their fields
to write lines of text; they never name a storage record, so the storage layer can change behind them. Keys and
values are stable: scripts read the ``--json`` output.
"""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.tags import Evidence
from hrdmap.storage.batches import BatchItem, ItemStatus
from hrdmap.storage.tags import Review, StoredTag


def evidence_json(evidence: Evidence) -> dict[str, object]:
    """Evidence of a tag: its kind, text, span and details."""
    return {
        "kind": evidence.kind.value,
        "text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "detail": dict(evidence.detail),
    }


def stored_tag_json(stored: StoredTag) -> dict[str, object]:
    """A machine tag: ids, label, score against its threshold, tagger and evidence."""
    return {
        "tag_id": stored.id,
        "block_id": stored.block_id,
        "framework": stored.tag.framework,
        "label": stored.tag.label,
        "score": stored.tag.score,
        "threshold": stored.threshold,
        "tagger": stored.tag.tagger,
        "evidence": [evidence_json(e) for e in stored.tag.evidence],
    }


def review_json(review: Review) -> dict[str, object]:
    """A reviewer's decision: what was decided on which label of which paragraph, by whom and when."""
    return {
        "review_id": review.id,
        "block_id": review.block_id,
        "framework": review.framework,
        "label": review.label,
        "decision": review.decision.value,
        "reviewer": review.reviewer,
        "at": review.at.isoformat(),
        "note": review.note,
        "tag_id": review.tag_id,
    }


def batch_item_json(item: BatchItem) -> dict[str, object]:
    """One file of an ingest batch and its outcome."""
    return {
        "path": item.path,
        "status": item.status.value,
        "reason": item.reason,
        "error_code": item.error_code,
        "version_id": item.version_id,
    }


def failure_json(item: BatchItem) -> dict[str, object]:
    """A file whose latest ingest failed: its outcome, the batch that tried it, and when."""
    return {
        **batch_item_json(item),
        "batch_id": item.batch_id,
        "at": item.updated_at.isoformat() if item.updated_at else None,
    }


def status_counts(counts: Mapping[ItemStatus, int]) -> dict[str, int]:
    """Files per outcome, for every outcome a finished file can have (``stored``, ``unchanged`` …), zeros kept."""
    return {status.value: counts.get(status, 0) for status in ItemStatus if status is not ItemStatus.PENDING}
