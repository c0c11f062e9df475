"""The JSON API: the same reads and decisions as the pages, for scripts (bearer tokens) and the browser.

Every route answers a model of :mod:`hrdmap.web.api_models`, published at ``/openapi.json``. Where
:mod:`hrdmap.services.views` has the shape (a decision, a call), the route answers that view, so the API and
``--json`` agree; the others still build their own (see docs/web.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from hrdmap.domain.document import StoredDocument
from hrdmap.reports.tracker import TrackerView
from hrdmap.services import audit_trail, corpus, disclosure, mandates, mapping, review
from hrdmap.services.calls import manage
from hrdmap.services.disclosure import Audience
from hrdmap.services.recommendations import follow_up
from hrdmap.services.views.calls import call_view
from hrdmap.services.views.tags import review_view
from hrdmap.web import api_models as m
from hrdmap.web.access import Context, GuardedRouter
from hrdmap.web.api_models import Id

router = GuardedRouter(prefix="/api")


def _document(d: StoredDocument, confidential: frozenset[int]) -> m.DocumentOut:
    return m.DocumentOut(
        id=d.id,
        version=d.version,
        symbol=d.symbol,
        title=d.title,
        format=d.format,
        date=d.date,
        languages=list(d.languages),
        paragraphs=d.paragraphs,
        confidential=d.id in confidential,
    )


@router.get("/me")
def api_me(ctx: Context) -> m.Me:
    """Who the request acts as."""
    actor = ctx.actor
    return m.Me(name=actor.name, roles=sorted(actor.roles), permissions=sorted(p.name for p in actor.permissions))


@router.get("/documents")
def api_documents(ctx: Context) -> list[m.DocumentOut]:
    """The documents the caller may see."""
    with ctx.workspace() as ws:
        found = corpus.list_documents(ws, ctx.actor)
        marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [d.id for d in found]).confidential
    return [_document(d, marked) for d in found]


@router.get("/documents/{document_id}")
def api_document(ctx: Context, document_id: Id) -> m.DocumentDetail:
    """A document with its blocks, footnotes and effective tags."""
    with ctx.workspace() as ws:
        found = review.document_with_tags(ws, ctx.actor, str(document_id))
        marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [found.loaded.stored.id]).confidential
    ctx.audit_read(f"document:{document_id}")
    stored, document = found.loaded.stored, found.loaded.document
    blocks = []
    for b in document.blocks:
        tagged = found.tags.get(b.index)
        tags = [
            m.TagOut(
                framework=t.framework,
                label=t.label,
                name=t.name,
                score=t.score,
                evidence=[e.text for s in t.machine for e in s.tag.evidence][:5],
                reviewed=t.review.decision.value if t.review else None,
            )
            for t in (tagged.tags if tagged else ())
        ]
        blocks.append(
            m.BlockOut(
                id=tagged.block_id if tagged else 0,
                index=b.index,
                kind=b.kind.value,
                label=b.label,
                text=b.text,
                language=b.language,
                footnotes=list(b.footnote_refs),
                tags=tags,
            )
        )
    footnotes = [m.FootnoteOut(label=f.label, text=f.text) for f in document.footnotes]
    return m.DocumentDetail(**_document(stored, marked).model_dump(), blocks=blocks, footnotes=footnotes)


@router.get("/search")
def api_search(
    ctx: Context,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    lang: Annotated[list[str] | None, Query(max_length=6)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[m.HitOut]:
    """Search paragraphs of the documents the caller may see."""
    with ctx.workspace() as ws:
        hits = corpus.search(ws, ctx.actor, q, corpus.SearchFilters(languages=lang or [], limit=limit))
        marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [h.document.id for h in hits]).confidential
    ctx.audit_read(f"search:{len(hits)} results")
    return [
        m.HitOut(
            block_id=h.block_id,
            score=h.score,
            snippet=h.snippet,
            document_id=h.document.id,
            symbol=h.document.symbol,
            label=h.block.label,
            language=h.block.language,
            confidential=h.document.id in marked,
        )
        for h in hits
    ]


@router.get("/review/queue")
def api_review_queue(
    ctx: Context,
    framework: Annotated[str | None, Query(max_length=80)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[m.QueueItemOut]:
    """Tags waiting for review, least certain first."""
    with ctx.workspace() as ws:
        queue = review.review_queue(ws, ctx.actor, framework=framework, limit=limit)
    ctx.audit_read(f"review-queue:{len(queue)}")
    return [
        m.QueueItemOut(
            tag_id=q.tag.id,
            block_id=q.tag.block_id,
            document_id=q.document.id,
            framework=q.tag.tag.framework,
            label=q.tag.tag.label,
            name=q.name,
            score=q.tag.tag.score,
            threshold=q.tag.threshold,
            text=q.block.text,
            confidential=q.confidential,
        )
        for q in queue
    ]


@router.post("/review/{tag_id}")
def api_review_decide(ctx: Context, tag_id: Id, decision: m.Decision) -> m.ReviewOut:
    """Accept or reject a tag."""
    with ctx.workspace() as ws:
        decide = review.accept if decision.decision == "accept" else review.reject
        stored = decide(ws, ctx.actor, tag_id, decision.note)
    return m.ReviewOut.model_validate(review_view(stored))


@router.get("/map")
def api_map(ctx: Context) -> list[m.MatrixOut]:
    """The map's matrices as counts (no paragraph text)."""
    with ctx.workspace() as ws:
        data = mapping.aggregates(ws, ctx.actor)
    return [
        m.MatrixOut(
            id=x.id,
            title=x.title,
            cells=[
                m.CellOut(row=c.row, column=c.column, paragraphs=len(c.blocks), documents=len(c.documents))
                for c in x.cells
            ],
        )
        for x in data.matrices
    ]


@router.get("/mandates/requests")
def api_mandates(ctx: Context) -> list[m.RequestOut]:
    """Requests of the mandate registry with their status."""
    with ctx.workspace() as ws:
        found = mandates.list_requests(ws, ctx.actor)
    return [
        m.RequestOut(
            id=r.id,
            resolution=r.resolution_symbol,
            paragraph=f"{r.request.paragraph}{'(' + r.request.subparagraph + ')' if r.request.subparagraph else ''}",
            addressee=r.request.addressee.name,
            status=r.status.value,
        )
        for r in found
    ]


@router.get("/calls")
def api_calls(ctx: Context) -> list[m.CallOut]:
    """The calls in the caller's scope."""
    with ctx.workspace() as ws:
        found = manage.list_calls(ws, ctx.actor)
    return [m.CallOut.model_validate(call_view(c)) for c in found]


@router.get("/calls/{key}")
def api_call(ctx: Context, key: str) -> m.CallDetail:
    """A call, where it stands, and its contributions."""
    with ctx.workspace() as ws:
        found = manage.call_status_view(ws, ctx.actor, key)
    call, status = found.view.call, found.status
    contributions = [
        m.ContributionOut(
            stakeholder=c.stakeholder,
            received=c.received,
            consent=c.consent.value,
            language=c.language,
            documents=list(c.document_ids),
        )
        for c in found.view.contributions
    ]
    return m.CallDetail(
        key=call.key,
        title=call.title,
        deadline=call.deadline,
        fictional=call.fictional,
        asked=len(status.asked),
        answered=len(status.answered),
        late=[s.stakeholder.name for s in status.late],
        contributions=contributions,
    )


@router.get("/recommendations")
def api_recommendations(
    ctx: Context, by: Annotated[str, Query(pattern="^(addressee|theme)$")] = "addressee"
) -> list[m.TrackerGroupOut]:
    """Counts of recommendations per status, by addressee or theme."""
    with ctx.workspace() as ws:
        groups = follow_up.tracker_counts(ws, ctx.actor, TrackerView(by))
    return [m.TrackerGroupOut(name=g.name, counts=dict(g.counts), total=g.total) for g in groups]


@router.get("/audit")
def api_audit(ctx: Context, limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> list[m.AuditOut]:
    """The latest audit entries (administrators)."""
    with ctx.workspace() as ws:
        found = audit_trail.entries(ws, ctx.actor, limit=limit)
    return [
        m.AuditOut(id=e.id, at=e.at, actor=e.actor, action=e.action, subject=e.subject, detail=dict(e.detail))
        for e in found
    ]
