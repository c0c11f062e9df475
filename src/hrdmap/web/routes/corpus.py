"""Pages of the corpus: the dashboard, documents (read as UN documents), upload, search, review and the map."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hrdmap.domain.disclosure import file_name
from hrdmap.domain.errors import InvalidInput
from hrdmap.services import corpus, dashboard, disclosure, mapping, review
from hrdmap.services.disclosure import Audience
from hrdmap.services.ingest import ingest
from hrdmap.services.monitoring import figures
from hrdmap.web.access import Context, GuardedRouter
from hrdmap.web.api_models import Id
from hrdmap.web.uploads import save_upload

router = GuardedRouter()


@router.get("/", response_class=HTMLResponse, name="dashboard")
def dashboard_page(ctx: Context) -> HTMLResponse:
    """Open calls, overdue requests, the review queue and the corpus's size, as the user's roles allow."""
    with ctx.workspace() as ws:
        found = dashboard.overview(ws, ctx.actor)
        warnings = figures.new_warnings(ws, ctx.actor, as_of=ctx.actor.today())
    return ctx.page("dashboard.html", overview=found, today=ctx.actor.today(), warnings=warnings)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(ctx: Context) -> HTMLResponse:
    """The documents the user may see."""
    with ctx.workspace() as ws:
        found = corpus.list_documents(ws, ctx.actor)
        marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [d.id for d in found]).confidential
    return ctx.page("documents.html", documents=found, confidential=marked)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(ctx: Context, document_id: Id) -> HTMLResponse:
    """One document read as a UN document: numbered paragraphs, footnotes, and its tags with evidence."""
    with ctx.workspace() as ws:
        found = review.document_with_tags(ws, ctx.actor, str(document_id))
        marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [found.loaded.stored.id]).confidential
    ctx.audit_read(f"document:{document_id}")
    return ctx.page("document.html", loaded=found.loaded, tags=found.tags, confidential=bool(marked))


@router.get("/upload", response_class=HTMLResponse)
def upload_page(ctx: Context) -> HTMLResponse:
    """The upload form."""
    return ctx.page("upload.html", limit=ctx.state.web.max_upload_bytes)


@router.post("/upload", response_class=HTMLResponse)
def upload(ctx: Context, file: Annotated[UploadFile, File()]) -> Response:
    """Store an uploaded file in the data folder and ingest it, with the guards of ``hrdmap ingest``."""
    path = save_upload(ctx.state.settings.home, file, ctx.state.web.max_upload_bytes)
    with ctx.workspace() as ws:
        report = ingest(ws, ctx.actor, [path])
    items = [item for batch in report.batches for item in batch.items]
    return ctx.page("uploaded.html", items=items)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    ctx: Context,
    q: str = "",
    lang: Annotated[list[str] | None, None] = None,
    symbol: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> HTMLResponse:
    """Search paragraphs, with facets (language, document) over the results."""
    results: list[corpus.SearchResult] = []
    marked: frozenset[int] = frozenset()
    if q.strip():
        with ctx.workspace() as ws:
            filters = corpus.SearchFilters(
                languages=lang or [], symbols=[symbol] if symbol else [], year_from=year_from, year_to=year_to, limit=50
            )
            results = corpus.search(ws, ctx.actor, q[:500], filters)
            marked = disclosure.policy(ws, ctx.actor, Audience.INTERNAL, [r.document.id for r in results]).confidential
        ctx.audit_read(f"search:{len(results)} results")
    languages = Counter(r.block.language or "?" for r in results)
    documents = Counter(
        (r.document.id, r.document.symbol or r.document.title or file_name(r.document.source)) for r in results
    )
    return ctx.page(
        "search.html",
        q=q,
        results=results,
        languages=languages,
        documents=documents,
        chosen=lang or [],
        confidential=marked,
    )


@router.get("/review", response_class=HTMLResponse)
def review_page(ctx: Context, framework: str | None = None) -> HTMLResponse:
    """The review queue, least certain first; keys: a accept, r reject, j/k move (static/app.js)."""
    with ctx.workspace() as ws:
        queue = review.review_queue(ws, ctx.actor, framework=framework or None, limit=50)
    ctx.audit_read(f"review-queue:{len(queue)}")
    return ctx.page("review.html", queue=queue, framework=framework)


@router.post("/review/{tag_id}")
def review_decide(
    ctx: Context,
    tag_id: Id,
    decision: Annotated[str, Form(pattern="^(accept|reject|change)$")],
    label: Annotated[str, Form(max_length=120)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Accept or reject a tag, or change it (reject it and give the paragraph another label)."""
    with ctx.workspace() as ws:
        if decision == "accept":
            review.accept(ws, ctx.actor, tag_id, note or None)
        elif decision == "reject":
            review.reject(ws, ctx.actor, tag_id, note or None)
        else:
            framework, _, wanted = label.partition(":")
            if not wanted:
                raise InvalidInput("label: give the new label as framework:label")
            review.change(ws, ctx.actor, tag_id, framework, wanted, note or None)
    return RedirectResponse(ctx.request.url_for("review_page"), status_code=303)


@router.get("/map", response_class=HTMLResponse)
def map_page(ctx: Context) -> HTMLResponse:
    """Heat maps of practices and gaps: counts for every role that may read aggregates."""
    with ctx.workspace() as ws:
        data = mapping.aggregates(ws, ctx.actor)
    return ctx.page("map.html", data=data, labels=data.labels)
