"""Signing in and out, the second factor, the interface language, and the health check."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Form
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from hrdmap.domain.errors import InvalidInput
from hrdmap.services import signin
from hrdmap.web import i18n
from hrdmap.web.access import SESSION_COOKIE, Context, Ctx, GuardedRouter

router = GuardedRouter()


def _page(ctx: Ctx, template: str, status: int = 200, **values: object) -> HTMLResponse:
    return ctx.page(template, status, **values)


def _local(target: str | None) -> str:
    """``target`` when it is a path on this site, else the dashboard (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return "/"
    return target


def _session_cookie(ctx: Ctx, response: Response, value: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=signin.SESSION_HOURS * 3600,
        httponly=True,
        secure=ctx.state.web.behind_tls or ctx.request.url.scheme == "https",
        samesite="strict",
        path="/",
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(ctx: Context, next: str | None = None) -> HTMLResponse:  # noqa: A002 - the query's name
    """The sign-in form."""
    return _page(ctx, "login.html", next=_local(next))


@router.post("/login", response_class=HTMLResponse)
def login(
    ctx: Context,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002
) -> Response:
    """Check the password (rate-limited per client address); start a session; ask for the second factor."""
    _ = i18n.gettext(ctx.request.state.lang)
    if not ctx.state.limiter.allow(ctx.origin):
        return _page(ctx, "login.html", 429, next=_local(next), error=_("Too many attempts: wait a minute."))
    with ctx.workspace() as ws:
        try:
            started = signin.sign_in(ws, ctx.actor, name, password, origin=ctx.origin)
        except signin.SignInFailed:
            error = _("Wrong name or password, or the account is locked.")
            return _page(ctx, "login.html", 400, next=_local(next), error=error)
    target = "/mfa" if started.mfa_pending else _local(next)
    response = RedirectResponse(target, status_code=303)
    _session_cookie(ctx, response, started.secret)
    return response


@router.post("/logout")
def logout(ctx: Context) -> Response:
    """End the session."""
    secret = ctx.request.cookies.get(SESSION_COOKIE)
    if secret:
        with ctx.workspace() as ws:
            signin.sign_out(ws, ctx.actor, secret, origin=ctx.origin)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/mfa", response_class=HTMLResponse)
def mfa_page(ctx: Context) -> Response:
    """Ask for the TOTP code (or a recovery code); send to enrolment when none is set up."""
    assert ctx.session is not None  # noqa: S101 - the MFA rule lets only sessions through
    if not ctx.session.mfa_pending:
        return RedirectResponse("/", status_code=303)
    if ctx.session.user.totp_secret is None:
        return RedirectResponse("/mfa/enrol", status_code=303)
    return _page(ctx, "mfa.html")


@router.post("/mfa", response_class=HTMLResponse)
def mfa_verify(ctx: Context, code: Annotated[str, Form(max_length=40)]) -> Response:
    """Check the code; the session then counts as signed in."""
    assert ctx.session is not None  # noqa: S101
    _ = i18n.gettext(ctx.request.state.lang)
    if not ctx.state.limiter.allow(ctx.origin):
        return _page(ctx, "mfa.html", 429, error=_("Too many attempts: wait a minute."))
    with ctx.workspace() as ws:
        try:
            signin.second_factor(ws, ctx.session, code, origin=ctx.origin)
        except signin.WrongCode:
            return _page(ctx, "mfa.html", 400, error=_("That code does not match."))
    return RedirectResponse("/", status_code=303)


@router.get("/mfa/enrol", response_class=HTMLResponse)
def mfa_enrol_page(ctx: Context) -> Response:
    """A new TOTP seed to add to an authenticator app."""
    assert ctx.session is not None  # noqa: S101
    if ctx.session.user.totp_secret is not None:
        return RedirectResponse("/mfa", status_code=303)
    secret = signin.new_totp_secret()
    uri = signin.provisioning_uri(secret, ctx.session.user.name)
    return _page(ctx, "mfa_enrol.html", secret=secret, uri=uri)


@router.post("/mfa/enrol", response_class=HTMLResponse)
def mfa_enrol(
    ctx: Context, secret: Annotated[str, Form(max_length=64)], code: Annotated[str, Form(max_length=40)]
) -> Response:
    """Check a code from the new seed, store it, and show the recovery codes once."""
    assert ctx.session is not None  # noqa: S101
    with ctx.workspace() as ws:
        try:
            codes = signin.enrol(ws, ctx.session, secret, code, origin=ctx.origin)
        except InvalidInput as error:
            uri = signin.provisioning_uri(secret, ctx.session.user.name)
            return _page(ctx, "mfa_enrol.html", 400, secret=secret, uri=uri, error=error.message)
    return _page(ctx, "mfa_codes.html", codes=codes)


@router.get("/language/{code}")
def set_language(ctx: Context, code: str, next: str | None = None) -> Response:  # noqa: A002
    """Choose the interface language (kept in a cookie)."""
    response = RedirectResponse(_local(next), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(i18n.LANG_COOKIE, code, max_age=365 * 86400, httponly=True, samesite="lax", path="/")
    return response


@router.get("/health", response_class=JSONResponse)
async def health(ctx: Context) -> dict[str, str]:
    """Whether the app answers (for a reverse proxy or a supervisor); says nothing about the data. Answered on
    the event loop without reading the store (its rule does not ask who is signed in), so it never waits
    behind slow requests for a worker thread."""
    return {"status": "ok"}
