"""Pages of the reporting cycle: mandates and requests, calls and contributions, the draft, recommendations,
and the public inputs page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi.responses import HTMLResponse, Response

from hrdmap.domain.actor import Permission
from hrdmap.domain.errors import NotFound
from hrdmap.reports.tracker import TrackerView
from hrdmap.services import drafting, intake, mandates
from hrdmap.services.calls import manage, page
from hrdmap.services.recommendations import follow_up
from hrdmap.web.access import Context, GuardedRouter

router = GuardedRouter()

#: What each draft format is sent as: always an attachment, never rendered by the browser as a page of the app.
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "application/octet-stream",
}


@router.get("/mandates", response_class=HTMLResponse)
def mandates_page(ctx: Context) -> HTMLResponse:
    """Requests of the mandate registry with their status (open, answered, overdue)."""
    with ctx.workspace() as ws:
        found = mandates.list_requests(ws, ctx.actor)
    return ctx.page("mandates.html", requests=found)


@router.get("/calls", response_class=HTMLResponse)
def calls_page(ctx: Context) -> HTMLResponse:
    """The calls for inputs in the user's scope."""
    with ctx.workspace() as ws:
        found = manage.list_calls(ws, ctx.actor)
    return ctx.page("calls.html", calls=found, today=ctx.actor.today())


@router.get("/calls/{key}", response_class=HTMLResponse)
def call_page(ctx: Context, key: str) -> HTMLResponse:
    """A call: stakeholders asked, answered, late; its contributions and their status."""
    with ctx.workspace() as ws:
        found = manage.call_status_view(ws, ctx.actor, key)
        links = intake.links(ws, ctx.actor, key) if ctx.actor.can(Permission.MANAGE_CALLS) else []
    return ctx.page("call.html", view=found, call_status=found.status, key=key, links=links)


@router.get("/calls/{key}/contacts", response_class=HTMLResponse)
def call_contacts_page(ctx: Context, key: str) -> HTMLResponse:
    """The contacts of the call's stakeholders: confidential; the read is audited."""
    with ctx.workspace() as ws:
        view = manage.get_call(ws, ctx.actor, key)
        contacts = manage.stakeholder_contacts(ws, ctx.actor, sorted(view.stakeholders))
    ctx.audit_read(f"call:{key}")
    return ctx.page("contacts.html", key=key, stakeholders=view.stakeholders, contacts=contacts)


@router.get("/calls/{key}/draft", response_class=HTMLResponse)
def draft_page(ctx: Context, key: str) -> HTMLResponse:
    """Generate the draft report of a call and download it."""
    with ctx.workspace() as ws:
        found = manage.get_call(ws, ctx.actor, key)
    return ctx.page("draft.html", key=key, call=found.call, formats=list(MEDIA))


@router.get("/calls/{key}/draft.{fmt}")
def draft_download(ctx: Context, key: str, fmt: str) -> Response:
    """The draft report in one format, as a download (drafting writes an audit row)."""
    if fmt not in MEDIA:
        raise NotFound(f"no format {fmt}")
    with tempfile.TemporaryDirectory(prefix="hrdmap-draft-") as folder, ctx.workspace() as ws:
        result = drafting.draft(ws, ctx.actor, key, Path(folder), formats=[drafting.DraftFormat(fmt)])
        data = result.files[fmt].read_bytes()
    name = f"draft-{key}.{fmt}".replace('"', "")
    return Response(data, media_type=MEDIA[fmt], headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/recommendations", response_class=HTMLResponse)
def recommendations_page(ctx: Context, by: str = "addressee") -> HTMLResponse:
    """The recommendations tracker: counts per status, by addressee or theme."""
    view = TrackerView.THEME if by == "theme" else TrackerView.ADDRESSEE
    with ctx.workspace() as ws:
        groups = follow_up.tracker_counts(ws, ctx.actor, view)
    return ctx.page("recommendations.html", groups=groups, by=view.value)


@router.get("/inputs/{key}", response_class=HTMLResponse)
def inputs_page(ctx: Context, key: str) -> HTMLResponse:
    """The public inputs page of a call: public contributions named, confidential ones counted."""
    with ctx.workspace() as ws:
        found = page.public_inputs(ws, ctx.actor, key)
    return ctx.page("inputs.html", inputs=found)
