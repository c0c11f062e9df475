"""Who may use which route: the one table of rules, and the request context every handler receives.

Every route of the app is named, and every name has a :class:`Rule` in :data:`RULES`; a route registered
without one fails at import (:class:`GuardedRouter`), and the role × route test walks the app's route table.
A handler declares ``ctx: Ctx`` (:func:`context`), which has already:

1. found who is signed in, from the session cookie or an API bearer token (never a header or parameter that
   names a user), and built the :class:`~hrdmap.domain.actor.Actor` from the stored account;
2. applied the route's rule: a visitor not signed in is sent to the sign-in page (pages) or answered 401
   (API); a signed-in user whose roles lack the rule's permission gets 404, as if the route did not exist;
   a session whose second factor is still due sees only the MFA pages;
3. checked the CSRF token of a state-changing request made with a cookie.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute

from hrdmap.domain.actor import Actor, Permission, Role
from hrdmap.domain.errors import NotFound
from hrdmap.services import signin
from hrdmap.services.signin import SessionView
from hrdmap.services.workspace import Workspace
from hrdmap.web import i18n
from hrdmap.web.render import page
from hrdmap.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, csrf_ok, csrf_token
from hrdmap.web.state import AppState

SESSION_COOKIE = "hrdmap_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Audience(StrEnum):
    """Who may reach a route before its permission is checked."""

    ANYONE = "anyone"  # the sign-in page, the public inputs page, the API schema
    MFA = "mfa"  # a session whose second factor is still due (the MFA pages)
    SIGNED_IN = "signed-in"  # any signed-in user with the second factor done


@dataclass(frozen=True, slots=True)
class Rule:
    """What a route requires.

    Attributes:
        audience: Who may reach it at all.
        permission: The permission the actor's roles must hold, if any.
        roles: Roles of which the actor must hold one (a contributor's own pages), if any.
        confidential: Its reads of protected data are recorded in the audit trail.
        who: The route needs to know who asks (``False``: the health check, answered to anyone without reading
            the store, so it never waits behind slow requests).
    """

    audience: Audience
    permission: Permission | None = None
    roles: frozenset[Role] | None = None
    confidential: bool = False
    who: bool = True

    def allows(self, actor: Actor) -> bool:
        """Whether a signed-in ``actor`` passes the permission and role checks."""
        if self.permission is not None and not actor.can(self.permission):
            return False
        return self.roles is None or bool(self.roles & actor.roles)


ANYONE = Rule(Audience.ANYONE)
SIGNED_IN = Rule(Audience.SIGNED_IN)
MFA = Rule(Audience.MFA)


def needs(permission: Permission, *, confidential: bool = False) -> Rule:
    """The rule of a route that needs ``permission``."""
    return Rule(Audience.SIGNED_IN, permission, confidential=confidential)


P = Permission
#: route name → rule. A route without an entry cannot be registered.
RULES: dict[str, Rule] = {
    # sign-in, language, public pages
    "login_page": ANYONE,
    "login": ANYONE,
    "logout": ANYONE,
    "set_language": ANYONE,
    "inputs_page": ANYONE,
    "openapi": ANYONE,
    "health": Rule(Audience.ANYONE, who=False),
    "intake_page": ANYONE,  # the signed link is the credential (hrdmap.web.routes.intake)
    "intake_upload": ANYONE,
    "intake_submissions": ANYONE,  # the link is the credential: what was submitted through it, nothing else
    "my_submissions": Rule(Audience.SIGNED_IN, roles=frozenset({Role.CONTRIBUTOR})),
    "mfa_page": MFA,
    "mfa_verify": MFA,
    "mfa_enrol_page": MFA,
    "mfa_enrol": MFA,
    # pages
    "dashboard": SIGNED_IN,
    "documents_page": needs(P.READ_CORPUS),
    "document_page": needs(P.READ_CORPUS, confidential=True),
    "upload_page": needs(P.INGEST),
    "upload": needs(P.INGEST),
    "search_page": needs(P.READ_CORPUS, confidential=True),
    "review_page": needs(P.REVIEW, confidential=True),
    "review_decide": needs(P.REVIEW),
    "map_page": needs(P.READ_AGGREGATES),
    "mandates_page": needs(P.READ_CORPUS),
    "calls_page": needs(P.READ_CORPUS),
    "call_page": needs(P.READ_CORPUS),
    "call_contacts_page": needs(P.READ_CONFIDENTIAL, confidential=True),
    "intake_link_create": needs(P.MANAGE_CALLS),
    "intake_link_revoke": needs(P.MANAGE_CALLS),
    "draft_page": needs(P.DRAFT),
    "draft_download": needs(P.DRAFT, confidential=True),
    "recommendations_page": needs(P.READ_AGGREGATES),
    "tokens_page": SIGNED_IN,
    "token_create": SIGNED_IN,
    "token_revoke": SIGNED_IN,
    "users_page": needs(P.ADMINISTER),
    "user_create": needs(P.ADMINISTER),
    "user_disable": needs(P.ADMINISTER),
    "user_reset_mfa": needs(P.ADMINISTER),
    "audit_page": needs(P.ADMINISTER),
    "audit_export": needs(P.ADMINISTER),
    "audit_export_jsonl": needs(P.ADMINISTER),
    # API
    "api_me": SIGNED_IN,
    "api_documents": needs(P.READ_CORPUS),
    "api_document": needs(P.READ_CORPUS, confidential=True),
    "api_search": needs(P.READ_CORPUS, confidential=True),
    "api_review_queue": needs(P.REVIEW, confidential=True),
    "api_review_decide": needs(P.REVIEW),
    "api_map": needs(P.READ_AGGREGATES),
    "api_mandates": needs(P.READ_CORPUS),
    "api_calls": needs(P.READ_CORPUS),
    "api_call": needs(P.READ_CORPUS),
    "api_recommendations": needs(P.READ_AGGREGATES),
    "api_audit": needs(P.ADMINISTER),
    # monitoring: incidents, indicators, warnings (hrdmap.web.routes.monitoring, api_monitoring)
    "incidents_page": needs(P.READ_CORPUS),
    "incident_page": needs(P.READ_CORPUS, confidential=True),  # audited when confidential data are shown
    "incident_status": needs(P.MANAGE_INCIDENTS),
    "incident_source_add": needs(P.MANAGE_INCIDENTS),
    "indicators_page": ANYONE,  # without "read aggregates": public records only, small figures suppressed
    "warnings_page": needs(P.READ_AGGREGATES),
    "warning_acknowledge": needs(P.MANAGE_INCIDENTS),
    "api_incidents": needs(P.READ_CORPUS),
    "api_incident": needs(P.READ_CORPUS, confidential=True),
    "api_incident_status": needs(P.MANAGE_INCIDENTS),
    "api_incident_source": needs(P.MANAGE_INCIDENTS),
    "api_indicators": ANYONE,
    "api_warnings": needs(P.READ_AGGREGATES),
    "api_warning_acknowledge": needs(P.MANAGE_INCIDENTS),
}


def route_table(routes: Sequence[BaseRoute]) -> list[APIRoute]:
    """Every API route under ``routes`` (an app's ``routes``), included routers walked into."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        inner = getattr(route, "original_router", None)  # FastAPI ≥ 0.16x includes routers lazily
        if inner is not None:
            found.extend(route_table(inner.routes))
    return found


class GuardedRouter(APIRouter):
    """A router that refuses a route whose name has no rule in :data:`RULES`."""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        name = kwargs.get("name") or endpoint.__name__
        if name not in RULES:
            raise LookupError(f"route {name} ({path}) has no rule in hrdmap.web.access.RULES")
        kwargs["name"] = name
        super().add_api_route(path, endpoint, **kwargs)


@dataclass
class Ctx:
    """What a handler works with: the app's state, the actor, the session, and the request's language.

    Attributes:
        request: The request.
        state: The app's state (settings, pool of workspaces, clock).
        actor: Who acts (the public visitor when no one is signed in).
        session: The browser's session, when signed in with a cookie.
        rule: The route's rule.
        origin: The client's address, for the audit trail.
        api: Whether the route is part of the JSON API.
    """

    request: Request
    state: AppState
    actor: Actor
    session: SessionView | None
    rule: Rule
    origin: str
    api: bool
    extra: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """Borrow a workspace for the block."""
        with self.state.pool.workspace() as found:
            yield found

    def page(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """Render a page for this request."""
        shown = self.actor if self.signed_in else None  # no menu while the second factor is due
        return page(self.request, template, actor=shown, secret_key=self.state.web.secret_key, status=status, **values)

    @property
    def lang(self) -> str:
        """The request's interface language."""
        return str(self.request.state.lang)

    @property
    def csrf(self) -> str:
        """The CSRF token for this browser's forms."""
        return csrf_token(self.state.web.secret_key, self.request.state.csrf_cookie)

    @property
    def signed_in(self) -> bool:
        """Whether someone is signed in (with the second factor done)."""
        return bool(self.session is not None and not self.session.mfa_pending) or bool(self.request.state.bearer)

    def audit_read(self, subject: str | None = None) -> None:
        """Record a read of confidential data by this route (its rule says whether it reads any)."""
        if self.rule.confidential:
            from hrdmap.services import audit_trail

            with self.workspace() as ws:
                what = self.request.scope["route"].name
                audit_trail.record_read(ws, self.actor, what, subject=subject, origin=self.origin)


class Denied(NotFound):
    """The route answers as if it did not exist (404), or sends the visitor to sign in.

    Attributes:
        sign_in: Send to the sign-in page (pages) or answer 401 (API), rather than 404.
        mfa: Send to the second-factor page.
    """

    def __init__(self, *, sign_in: bool = False, mfa: bool = False) -> None:
        super().__init__("denied")
        self.sign_in = sign_in
        self.mfa = mfa


def client_address(request: Request) -> str:
    """The client's address as the server saw it (behind a proxy, uvicorn's ``--proxy-headers`` sets it)."""
    return request.client.host if request.client else "unknown"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def context(request: Request) -> Ctx:
    """The context of a request, after its route's rule and its CSRF token were checked.

    Raises:
        Denied: The rule refuses the visitor.
    """
    state: AppState = request.app.state.hrdmap
    request.state.lang = i18n.negotiate(request.cookies.get(i18n.LANG_COOKIE), request.headers.get("accept-language"))
    name = request.scope["route"].name
    rule = RULES[name]
    api = request.url.path.startswith("/api/")
    actor, view = signin.anonymous(state.clock), None
    bearer = _bearer(request) if rule.who else None
    secret = request.cookies.get(SESSION_COOKIE) if rule.who else None
    request.state.bearer = bearer is not None
    if bearer is not None or secret is not None:  # the store is read in a worker thread, off the event loop
        actor, view = await run_in_threadpool(_signed_in, state, bearer, secret)
    ctx = Ctx(request, state, actor, view, rule, client_address(request), api)
    _check(ctx)
    if request.method not in SAFE_METHODS and not request.state.bearer:
        await _check_csrf(ctx)
    return ctx


def _signed_in(state: AppState, bearer: str | None, secret: str | None) -> tuple[Actor, SessionView | None]:
    """Who a bearer token or a session cookie names (the token first), read from the store.

    Raises:
        Denied: The token is unknown, revoked or expired (a script is told so; a stale cookie is not).
    """
    with state.pool.workspace() as ws:
        if bearer is not None:
            found = signin.token_actor(ws, state.clock, bearer)
            if found is None:
                raise Denied(sign_in=True)
            return found, None
        view = signin.session_for(ws, state.clock, secret) if secret is not None else None
    return (view.actor, view) if view is not None else (signin.anonymous(state.clock), None)


def _check(ctx: Ctx) -> None:
    rule, view = ctx.rule, ctx.session
    if rule.audience is Audience.ANYONE:
        return
    if rule.audience is Audience.MFA:
        if view is None:
            raise Denied(sign_in=True)
        return
    if not ctx.request.state.bearer:
        if view is None:
            raise Denied(sign_in=True)
        if view.mfa_pending:
            raise Denied(mfa=True)
    if not rule.allows(ctx.actor):
        raise Denied()


async def _check_csrf(ctx: Ctx) -> None:
    request = ctx.request
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form(max_part_size=ctx.state.web.max_upload_bytes)
        value = form.get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not csrf_ok(ctx.state.web.secret_key, request.cookies.get(CSRF_COOKIE), token):
        from hrdmap.web.errors import CsrfRefused

        raise CsrfRefused()


def signed_in_path(path: str) -> str:
    """The sign-in page's URL that comes back to ``path``."""
    return "/login?next=" + quote(path, safe="/")


Context = Annotated[Ctx, Depends(context)]
