"""Views of the mandate registry: resolutions, the requests they make, and the documents that answer them."""

from __future__ import annotations

from collections.abc import Sequence

from hrdmap.domain.mandates import AnswerLink, DuePoint, StoredRequest, SubParagraph
from hrdmap.services.mandates import AddedFile, AddedResolution, NewLink, ResolutionView


def request_view(stored: StoredRequest) -> dict[str, object]:
    """A request of a resolution (``hrdmap mandates list --json``): its paragraph, verb, addressee, action,
    recipients, due points, recurrence, product, status, and the documents that answer it."""
    r = stored.request
    return {
        "id": stored.id,
        "resolution": stored.resolution_symbol,
        "paragraph": r.paragraph,
        "subparagraph": r.subparagraph,
        "reference": r.reference,
        "verb": r.verb,
        "addressee": r.addressee.name,
        "addressee_text": r.addressee.text,
        "action": r.action,
        "recipients": [b.value for b in r.recipients],
        "due": _due(r.due) if r.due else None,
        "due_points": [_due(d) for d in r.due_points],
        "recurrence": r.recurrence.value if r.recurrence else None,
        "product": r.product.value if r.product else None,
        "status": stored.status.value,
        "answered_by": [_answer(link) for link in stored.links],
    }


def _due(d: DuePoint) -> dict[str, object]:
    return {
        "text": d.text,
        "body": d.body.value if d.body else None,
        "session": d.session,
        "part": d.part,
        "opens": d.opens.isoformat(),
        "closes": d.closes.isoformat(),
    }


def _answer(link: AnswerLink) -> dict[str, object]:
    return {
        "document": link.document_id,
        "symbol": link.symbol,
        "title": link.title,
        "block": link.block_id,
        "cited": link.cited,
        "method": link.method,
        "evidence": link.evidence,
        "confidential": link.confidential,
    }


def resolution_view(view: ResolutionView) -> dict[str, object]:
    """A registered resolution (``hrdmap mandates show --json``): symbol, body, session, adoption, its preambular
    and operative paragraphs (sub-paragraphs nested) and its requests."""
    r = view.stored.resolution
    return {
        "symbol": r.symbol,
        "body": r.body.value,
        "kind": r.kind,
        "number": r.number,
        "title": r.title,
        "session": r.session,
        "adopted": r.adopted.isoformat() if r.adopted else None,
        "document": view.stored.document_id,
        "preamble": [{"phrase": p.phrase, "text": p.text} for p in r.preamble],
        "operative": [
            {
                "number": p.number,
                "verb": p.verb,
                "text": p.text,
                "subparagraphs": [_subparagraph(s) for s in p.subparagraphs],
            }
            for p in r.operative
        ],
        "requests": [request_view(q) for q in view.requests],
    }


def _subparagraph(sub: SubParagraph) -> dict[str, object]:
    return {"label": sub.label, "text": sub.text, "subparagraphs": [_subparagraph(c) for c in sub.children]}


def added_resolution_view(added: AddedResolution) -> dict[str, object]:
    """A resolution just added to the registry: its symbol, the stored document, whether the file was stored by
    this addition, and its requests."""
    return {
        "symbol": added.resolution.symbol,
        "document": added.document.id,
        "ingested": added.ingested,
        "requests": [request_view(r) for r in added.requests],
    }


def added_resolutions_view(added: Sequence[AddedResolution], failed: Sequence[str]) -> dict[str, object]:
    """What ``hrdmap mandates add --json`` did: the resolutions added, and why each other file was not."""
    return {"added": [added_resolution_view(a) for a in added], "failed": list(failed)}


def added_files_view(files: Sequence[AddedFile], failed: Sequence[str]) -> dict[str, object]:
    """What ``hrdmap mandates add --json`` did: the resolutions and decisions added from each file (all those of
    a compilation), those of a compilation that could not be read (``skipped``), and why each other file was
    not read (``failed``)."""
    view = added_resolutions_view([a for f in files for a in f.resolutions], failed)
    view["files"] = [
        {"path": str(f.path), "found": f.found, "added": len(f.resolutions), "skipped": list(f.skipped)}
        for f in files
    ]
    return view


def new_link_view(new: NewLink) -> dict[str, object]:
    """A link just made between a request and a document that answers it (``hrdmap mandates link --json``)."""
    return {
        "resolution": new.symbol,
        "paragraph": new.request.reference,
        "addressee": new.request.addressee.name,
        "document": new.link.document_id,
        "symbol": new.link.symbol,
        "block": new.link.block_id,
        "cited": new.link.cited,
        "method": new.link.method,
        "confidential": new.link.confidential,
    }
