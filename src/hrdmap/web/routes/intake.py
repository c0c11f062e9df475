"""Safe intake: per-request links that let an external contributor submit files to one call, and a receipt.

A link is ``/intake/<token>``: the id of the stored link, its call and stakeholder, signed with the app's secret
key (itsdangerous); the store keeps until when it is valid (the days the officer chose) and whether it was
revoked, so a revoked, expired, forged or unknown link answers the same 404. The page shows the call, an upload
form (with the size limit) and a choice of confidentiality; the upload goes through
:func:`hrdmap.services.intake.submit`, which keeps the receipt; ``/intake/<token>/submissions`` lists what was
submitted through the link, and ``/submissions`` what a signed-in contributor's account submitted. Nothing about
the browser (user agent, address) is stored with the contribution; the audit trail names ``intake:<stakeholder>``
(or the contributor's account).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeSerializer

from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.errors import NotFound
from hrdmap.services import intake
from hrdmap.storage.accounts import IntakeLinkRecord
from hrdmap.web.access import Context, Ctx, GuardedRouter
from hrdmap.web.api_models import Id
from hrdmap.web.uploads import save_upload

router = GuardedRouter()
SALT = "hrdmap-intake"


def _serializer(ctx: Ctx) -> URLSafeSerializer:
    return URLSafeSerializer(ctx.state.web.secret_key, salt=SALT)


def _grant(ctx: Ctx, token: str) -> IntakeLinkRecord:
    """The stored link a token names, while it works; a forged, unknown, expired or revoked link is not found."""
    try:
        data = _serializer(ctx).loads(token)
        link_id, call, stakeholder = int(data["link"]), str(data["call"]), str(data["stakeholder"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise NotFound("no such intake link") from None
    with ctx.workspace() as ws:
        return intake.granted(ws, ctx.actor, link_id, call, stakeholder)


def _acting(ctx: Ctx, link: IntakeLinkRecord) -> Actor:
    """Who submits: the contributor's own account when one is signed in, else ``intake:<stakeholder>``."""
    account = ctx.actor.name if ctx.signed_in and Role.CONTRIBUTOR in ctx.actor.roles else None
    return intake.contributor(link.stakeholder, link.call_key, ctx.actor, account=account)


@router.post("/calls/{key}/intake-link", response_class=HTMLResponse)
def intake_link_create(
    ctx: Context,
    key: str,
    stakeholder: Annotated[str, Form(max_length=200)],
    days: Annotated[int, Form(ge=1, le=90)] = 30,
) -> HTMLResponse:
    """Make a link for one stakeholder to submit to this call (shown to the officer, who sends it); audited."""
    with ctx.workspace() as ws:
        link, title, name = intake.make_link(ws, ctx.actor, key, stakeholder, days=days, origin=ctx.origin)
    token = _serializer(ctx).dumps({"link": link.id, "call": key, "stakeholder": link.stakeholder})
    url = str(ctx.request.url_for("intake_page", token=token))
    return ctx.page("intake_link.html", title=title, name=name, url=url, days=days)


@router.post("/calls/{key}/intake-links/{link_id}/revoke")
def intake_link_revoke(ctx: Context, key: str, link_id: Id) -> Response:
    """Revoke one intake link of the call: it then answers like an unknown link; audited."""
    with ctx.workspace() as ws:
        intake.revoke_link(ws, ctx.actor, key, link_id, origin=ctx.origin)
    return RedirectResponse(ctx.request.url_for("call_page", key=key), status_code=303)


@router.get("/intake/{token}", response_class=HTMLResponse)
def intake_page(ctx: Context, token: str) -> HTMLResponse:
    """The contributor's upload form for the call of the link."""
    link = _grant(ctx, token)
    acting = _acting(ctx, link)
    with ctx.workspace() as ws:
        title, name = intake.call_title(ws, acting, link.call_key, link.stakeholder)
    return ctx.page("intake.html", title=title, name=name, token=token, limit=ctx.state.web.max_upload_bytes)


@router.post("/intake/{token}", response_class=HTMLResponse)
def intake_upload(
    ctx: Context,
    token: str,
    file: Annotated[UploadFile, File()],
    confidential: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """Receive one file and give a receipt (kept, so it is listed with the link's submissions)."""
    link = _grant(ctx, token)
    acting = _acting(ctx, link)
    path = save_upload(ctx.state.settings.home, file, ctx.state.web.max_upload_bytes)
    with ctx.workspace() as ws:
        receipt = intake.submit(
            ws, acting, link.call_key, link.stakeholder, path, confidential=confidential, link_id=link.id
        )
        title, name = intake.call_title(ws, acting, link.call_key, link.stakeholder)
    return ctx.page("intake_receipt.html", receipt=receipt, title=title, name=name, token=token)


@router.get("/intake/{token}/submissions", response_class=HTMLResponse)
def intake_submissions(ctx: Context, token: str) -> HTMLResponse:
    """What was submitted through this link, with the receipts and their status: nothing else."""
    link = _grant(ctx, token)
    acting = _acting(ctx, link)
    with ctx.workspace() as ws:
        found = intake.submissions(ws, acting, link_id=link.id)
        title, name = intake.call_title(ws, acting, link.call_key, link.stakeholder)
    return ctx.page("submissions.html", receipts=found, title=title, name=name, token=token)


@router.get("/submissions", response_class=HTMLResponse)
def my_submissions(ctx: Context) -> HTMLResponse:
    """A signed-in contributor's own submissions, with the receipts and their status."""
    with ctx.workspace() as ws:
        found = intake.submissions(ws, ctx.actor)
    return ctx.page("submissions.html", receipts=found, title=None, name=ctx.actor.name, token=None)
