"""Views of calls for inputs: the call, its status, an import of ``call.yaml`` and the stakeholder registry."""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.calls import CallRequest, Contribution, Stakeholder
from hrdmap.services.calls.importing import ImportReport
from hrdmap.services.calls.manage import CallView, StatusView
from hrdmap.storage.calls import StoredCall


def call_view(stored: StoredCall) -> dict[str, object]:
    """A call for inputs (``hrdmap calls list --json``): key, title, issuer, deadline, notes verbales, the
    mandate (with the registry's resolution id when the resolution is stored), the report, languages, questions."""
    call, mandate = stored.call, stored.call.mandate
    return {
        "key": call.key,
        "title": call.title,
        "issued_by": call.issued_by,
        "deadline": call.deadline.isoformat(),
        "notes_verbales_sent": call.notes_verbales_sent.isoformat() if call.notes_verbales_sent else None,
        "mandate": {
            "symbol": mandate.symbol,
            "paragraphs": list(mandate.paragraphs),
            "citation": mandate.citation,
            "resolution_id": stored.resolution_id,
        }
        if mandate
        else None,
        "report": {"addressee": call.report_addressee, "due": call.report_due},
        "languages": list(call.languages),
        "questions": [{"id": q.id, "text": q.text} for q in call.questions],
    }


def call_status_view(found: StatusView) -> dict[str, object]:
    """Where a call stands on a day (``hrdmap calls status --json``): who was asked, answered, is late or is
    awaited, what came after the deadline or unasked, the requests sent, the contributions received, answers by
    type of stakeholder, and the sentence a report uses for who contributed."""
    status, view = found.status, found.view
    return {
        "call": call_view(view.stored),
        "as_of": status.as_of.isoformat(),
        "asked": [s.key for s in status.asked],
        "answered": [s.key for s in status.answered],
        "late": [
            {"stakeholder": late.stakeholder.key, "name": late.stakeholder.name, "reminded": late.reminded}
            for late in status.late
        ],
        "awaiting": [s.key for s in status.awaiting],
        "after_deadline": [c.id for c in status.after_deadline],
        "unsolicited": [s.key for s in status.unsolicited],
        "requests": [_sent(r) for r in view.requests],
        "contributions": [_contribution(c, view) for c in status.contributions],
        "answered_by_type": {t.value: n for t, n in sorted(status.answered_by_type.items())},
        "sentence": found.sentence,
    }


def _sent(request: CallRequest) -> dict[str, object]:
    return {
        "stakeholder": request.stakeholder,
        "date": request.date.isoformat(),
        "channel": request.channel.value,
        "reminder": request.reminder,
    }


def _contribution(c: Contribution, view: CallView) -> dict[str, object]:
    stakeholder = view.stakeholders[c.stakeholder]
    return {
        "id": c.id,
        "stakeholder": c.stakeholder,
        "name": stakeholder.name,
        "type": stakeholder.type.value,
        "received": c.received.isoformat(),
        "language": c.language,
        "consent": c.consent.value,
        "file": c.file_name,
        "documents": list(c.document_ids),
    }


def call_import_view(report: ImportReport) -> dict[str, object]:
    """What importing a ``call.yaml`` did (``hrdmap calls import --json``): the call's change, stakeholders and
    contributions per change, requests recorded, what became of each contribution file, and the warnings."""
    return {
        "call": report.call_key,
        "change": report.call.value,
        "stakeholders": {k.value: n for k, n in report.stakeholders.items()},
        "requests_recorded": report.requests,
        "contributions": {k.value: n for k, n in report.contributions.items()},
        "files": [
            {"file": str(f.path), "status": f.status.value, "reason": f.reason, "documents": list(f.document_ids)}
            for f in report.files
        ],
        "warnings": list(report.warnings),
    }


def stakeholder_view(stakeholder: Stakeholder, contacts: Mapping[str, str] | None = None) -> dict[str, object]:
    """A stakeholder of the registry (``hrdmap stakeholders list --json``): key, published name, type, country
    and accreditation; with ``contacts`` (read through the audited service), also its contact address."""
    s = stakeholder
    view: dict[str, object] = {
        "key": s.key,
        "name": s.name,
        "type": s.type.value,
        "country": s.country,
        "country_code": s.country_code,
        "accreditation": s.accreditation.value if s.accreditation else None,
    }
    return view | ({"contact": contacts.get(s.key)} if contacts is not None else {})
