"""Views of the audit trail: an entry, and what verifying the chain found."""

from __future__ import annotations

from hrdmap.services.audit_trail import AuditEntry, ChainReport, entry_row


def audit_entry_view(entry: AuditEntry) -> dict[str, object]:
    """One entry of the audit trail with its hashes (the shape of ``hrdmap audit export --format jsonl``)."""
    return entry_row(entry)


def chain_report_view(report: ChainReport) -> dict[str, object]:
    """What ``hrdmap audit verify --json`` found: whether the chain holds, how many entries, the head, the first
    break (its entry id, kind and reason) and, with ``--expect-head``, whether the chain holds that head."""
    broken = report.broken
    return {
        "intact": report.intact,
        "entries": report.entries,
        "head": {"id": report.head_id, "hash": report.head},
        "broken": None if broken is None else {"id": broken.entry_id, "kind": broken.kind, "reason": broken.reason},
        "expected_head_found": report.expected_head_found,
    }
