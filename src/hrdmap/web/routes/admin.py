"""Administration: users, the audit trail (browse and export); and each user's own API tokens."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hrdmap.domain.actor import Permission, Role, Scope, Sensitivity
from hrdmap.services import accounts, audit_trail, signin
from hrdmap.web.access import Context, GuardedRouter
from hrdmap.web.api_models import Id

router = GuardedRouter()


def _keys(text: str) -> frozenset[str] | None:
    found = frozenset(part.strip() for part in text.replace(",", " ").split() if part.strip())
    return found or None


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(ctx: Context) -> HTMLResponse:
    """Every user, with forms to add one, disable one, or reset a second factor."""
    with ctx.workspace() as ws:
        found = accounts.list_users(ws, ctx.actor)
    return ctx.page("users.html", users=found, roles=[r.value for r in Role], levels=list(Sensitivity))


@router.post("/admin/users")
def user_create(
    ctx: Context,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    role: Annotated[list[str], Form()],
    calls: Annotated[str, Form(max_length=2000)] = "",
    countries: Annotated[str, Form(max_length=2000)] = "",
    sensitivity: Annotated[int, Form(ge=0, le=2)] = 2,
) -> Response:
    """Add a user with roles and a scope."""
    scope = Scope(_keys(calls), _keys(countries.upper()), Sensitivity(sensitivity))
    with ctx.workspace() as ws:
        accounts.add_user(ws, ctx.actor, name, password, role, scope)
    return RedirectResponse(ctx.request.url_for("users_page"), status_code=303)


@router.post("/admin/users/{name}/disable")
def user_disable(ctx: Context, name: str) -> Response:
    """Disable a user (their sessions end)."""
    with ctx.workspace() as ws:
        accounts.disable_user(ws, ctx.actor, name)
    return RedirectResponse(ctx.request.url_for("users_page"), status_code=303)


@router.post("/admin/users/{name}/reset-mfa")
def user_reset_mfa(ctx: Context, name: str) -> Response:
    """Forget a user's second factor (they enrol again)."""
    with ctx.workspace() as ws:
        accounts.reset_mfa(ws, ctx.actor, name)
    return RedirectResponse(ctx.request.url_for("users_page"), status_code=303)


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(ctx: Context, limit: int = 200) -> HTMLResponse:
    """The latest entries of the audit trail, and whether its hash chain holds."""
    with ctx.workspace() as ws:
        found = audit_trail.entries(ws, ctx.actor, limit=max(1, min(limit, 5000)))
        chain = audit_trail.verify(ws, ctx.actor)
    return ctx.page("audit.html", entries=found, chain=chain)


@router.get("/admin/audit.csv")
def audit_export(ctx: Context) -> Response:
    """The whole audit trail as CSV, with its hashes (an attachment; formula-like cells neutralised)."""
    return _export(ctx, audit_trail.AuditFormat.CSV, "text/csv; charset=utf-8")


@router.get("/admin/audit.jsonl")
def audit_export_jsonl(ctx: Context) -> Response:
    """The whole audit trail as JSON Lines, with its hashes (an attachment)."""
    return _export(ctx, audit_trail.AuditFormat.JSONL, "application/jsonl; charset=utf-8")


def _export(ctx: Context, fmt: audit_trail.AuditFormat, media_type: str) -> Response:
    out = io.StringIO()
    with ctx.workspace() as ws:
        audit_trail.export(ws, ctx.actor, out, fmt)
    headers = {"content-disposition": f'attachment; filename="hrdmap-audit.{fmt.value}"'}
    return Response(out.getvalue(), media_type=media_type, headers=headers)


@router.get("/account/tokens", response_class=HTMLResponse)
def tokens_page(ctx: Context) -> HTMLResponse:
    """The user's API tokens."""
    with ctx.workspace() as ws:
        found = signin.list_tokens(ws, ctx.actor)
    permissions = sorted(p.name for p in ctx.actor.permissions)
    return ctx.page("tokens.html", tokens=found, permissions=permissions, new=None)


@router.post("/account/tokens", response_class=HTMLResponse)
def token_create(
    ctx: Context,
    name: Annotated[str, Form(max_length=80)],
    permission: Annotated[list[str] | None, Form()] = None,
    days: Annotated[int, Form(ge=1, le=366)] = 90,
) -> HTMLResponse:
    """Make a token (shown once)."""
    wanted = frozenset(Permission[p] for p in permission if p in Permission.__members__) if permission else None
    with ctx.workspace() as ws:
        secret, _ = signin.create_token(ws, ctx.actor, name, wanted, days=days)
        found = signin.list_tokens(ws, ctx.actor)
    permissions = sorted(p.name for p in ctx.actor.permissions)
    return ctx.page("tokens.html", tokens=found, permissions=permissions, new=secret)


@router.post("/account/tokens/{token_id}/revoke")
def token_revoke(ctx: Context, token_id: Id) -> Response:
    """Revoke one of the user's tokens."""
    with ctx.workspace() as ws:
        signin.revoke_token(ws, ctx.actor, token_id)
    return RedirectResponse(ctx.request.url_for("tokens_page"), status_code=303)
