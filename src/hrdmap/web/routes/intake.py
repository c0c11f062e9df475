"""Safe intake: per-request links that let an external contributor submit files to one call, and a receipt.

A link is ``/intake/<token>``: the call, the stakeholder and the time until which it is valid (the days the
officer chose, by the server's clock), signed with the app's secret key (itsdangerous). The page shows the
call, an upload form (with the size limit) and a choice of confidentiality; the upload goes through
:func:`hrdmap.services.intake.submit`. Nothing about the browser (user agent, address) is stored with the
contribution; the audit trail names ``intake:<stakeholder>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import File, Form, UploadFile
from fastapi.responses import HTMLResponse
from itsdangerous import BadSignature, URLSafeSerializer

from hrdmap.domain.errors import NotFound
from hrdmap.services import intake
from hrdmap.web.access import Context, Ctx, GuardedRouter
from hrdmap.web.uploads import save_upload

router = GuardedRouter()
SALT = "hrdmap-intake"


def _serializer(ctx: Ctx) -> URLSafeSerializer:
    return URLSafeSerializer(ctx.state.web.secret_key, salt=SALT)


def _grant(ctx: Ctx, token: str) -> tuple[str, str]:
    """The (call, stakeholder) of a valid link; a forged or expired link is not found."""
    try:
        data = _serializer(ctx).loads(token)
        call, stakeholder = str(data["call"]), str(data["stakeholder"])
        until = dt.datetime.fromisoformat(str(data["until"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        raise NotFound("no such intake link") from None
    if ctx.actor.now() >= until:
        raise NotFound("no such intake link")
    return call, stakeholder


@router.post("/calls/{key}/intake-link", response_class=HTMLResponse)
def intake_link_create(
    ctx: Context,
    key: str,
    stakeholder: Annotated[str, Form(max_length=200)],
    days: Annotated[int, Form(ge=1, le=90)] = 30,
) -> HTMLResponse:
    """Make a link for one stakeholder to submit to this call (shown to the officer, who sends it)."""
    with ctx.workspace() as ws:
        title, stakeholder_key, name = intake.link_target(ws, ctx.actor, key, stakeholder)
    until = (ctx.actor.now() + dt.timedelta(days=days)).isoformat()
    token = _serializer(ctx).dumps({"call": key, "stakeholder": stakeholder_key, "until": until})
    url = str(ctx.request.url_for("intake_page", token=token))
    return ctx.page("intake_link.html", title=title, name=name, url=url, days=days)


@router.get("/intake/{token}", response_class=HTMLResponse)
def intake_page(ctx: Context, token: str) -> HTMLResponse:
    """The contributor's upload form for the call of the link."""
    call, stakeholder = _grant(ctx, token)
    acting = intake.contributor(stakeholder, call, ctx.actor)
    with ctx.workspace() as ws:
        title, name = intake.call_title(ws, acting, call, stakeholder)
    return ctx.page("intake.html", title=title, name=name, token=token, limit=ctx.state.web.max_upload_bytes)


@router.post("/intake/{token}", response_class=HTMLResponse)
def intake_upload(
    ctx: Context,
    token: str,
    file: Annotated[UploadFile, File()],
    confidential: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """Receive one file and give a receipt."""
    call, stakeholder = _grant(ctx, token)
    acting = intake.contributor(stakeholder, call, ctx.actor)
    path = save_upload(ctx.state.settings.home, file, ctx.state.web.max_upload_bytes)
    with ctx.workspace() as ws:
        receipt = intake.submit(ws, acting, call, stakeholder, path, confidential=confidential)
        title, name = intake.call_title(ws, acting, call, stakeholder)
    return ctx.page("intake_receipt.html", receipt=receipt, title=title, name=name, token=token)
