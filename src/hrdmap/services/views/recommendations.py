"""Views of recommendation follow-up: recommendations with their status history, tracker groups, extraction
from the corpus and imports of lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hrdmap.domain.tracking import StatusEntry, TrackedRecommendation
from hrdmap.reports.tracker import TrackerGroup, reference
from hrdmap.services.recommendations.follow_up import Extraction, ImportReport
from hrdmap.storage.recommendations import Saved


def recommendation_view(rec: TrackedRecommendation, *, confidential: bool | None = None) -> dict[str, object]:
    """A tracked recommendation (``hrdmap recommendations show --json``): how it is cited, its source, text,
    recommending States, addressee, themes, groups and SDGs, the response, its current status and the history;
    ``confidential`` (when looked up) marks one read from a confidential contribution."""
    r = rec.record
    marked = {} if confidential is None else {"confidential": confidential}
    return {
        **marked,
        "id": rec.id,
        "key": r.key,
        "reference": reference(rec),
        "source_kind": r.source_kind.value,
        "body": r.body,
        "symbol": r.symbol,
        "paragraph": r.paragraph,
        "text": r.text,
        "recommending_states": list(r.recommending_states),
        "addressee": r.addressee,
        "addressee_iso3": r.addressee_iso3,
        "themes": [{"scheme": t.scheme, "code": t.code, "name": t.name} for t in r.themes],
        "groups": [{"scheme": t.scheme, "code": t.code, "name": t.name} for t in r.groups],
        "sdgs": [{"code": t.code, "name": t.name} for t in r.sdgs],
        "response": r.response.value if r.response else None,
        "response_date": r.response_date.isoformat() if r.response_date else None,
        "response_source": r.response_source,
        "document": r.document_id,
        "block": r.block_id,
        "origin": r.origin,
        "status": rec.status,
        "history": [_entry(e) for e in rec.history],
    }


def _entry(entry: StatusEntry) -> dict[str, object]:
    a = entry.assessment
    return {
        "id": entry.id,
        "status": a.status.value,
        "date": a.date.isoformat(),
        "evidence": a.evidence,
        "document": a.document_id,
        "block": a.block_id,
        "assessed_by": a.assessed_by,
        "recorded_by": entry.recorded_by,
        "recorded_at": entry.recorded_at.isoformat(),
    }


def tracker_group_view(group: TrackerGroup) -> dict[str, object]:
    """A line of the tracker (``hrdmap recommendations tracker --json``): an addressee or theme, its
    recommendations per current status, the share implemented, and its recommendations."""
    return {
        "name": group.name,
        "total": group.total,
        "counts": dict(group.counts),
        "implemented_share": round(group.implemented_share, 4),
        "recommendations": [{"id": r.id, "reference": reference(r), "status": r.status} for r in group.recommendations],
    }


def extraction_view(extraction: Extraction) -> dict[str, object]:
    """Recommendations found in one stored document (``hrdmap recommendations extract --json``), how many were
    new, updated or unchanged, and what to look at (lists that could not be read …)."""
    e = extraction
    found = {"document": e.document.id, "symbol": e.document.symbol, "found": e.found}
    return found | _saved(e.saved) | {"warnings": list(e.warnings)}


def recommendation_import_view(report: ImportReport) -> dict[str, object]:
    """One list imported: the file, its status entries, and its recommendations per outcome."""
    return {"file": report.source, "statuses": report.statuses} | _saved(report.saved)


def recommendation_imports_view(reports: Sequence[ImportReport], failed: Sequence[str]) -> dict[str, object]:
    """What ``hrdmap recommendations import --json`` did: each list imported, the rows not imported (file, row
    and reason), and the files refused."""
    return {
        "imported": [recommendation_import_view(r) for r in reports],
        "problems": [str(p) for r in reports for p in r.problems],
        "failed": list(failed),
    }


def _saved(saved: Mapping[Saved, int]) -> dict[str, object]:
    return {s.value: saved.get(s, 0) for s in Saved}
