"""The web app: ``create_app`` builds it over a data folder; ``hrdmap serve`` runs it with uvicorn.

The interactive API pages FastAPI offers (Swagger UI, ReDoc) load scripts from a CDN, so they are off; the
schema is at ``/openapi.json``. Static files (CSS, JS, the vendored htmx) are served from the package.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hrdmap import __version__
from hrdmap.config import Settings
from hrdmap.domain.actor import Clock, SystemClock
from hrdmap.web import errors
from hrdmap.web.access import Context, GuardedRouter
from hrdmap.web.pool import WorkspacePool
from hrdmap.web.routes import admin, api, api_monitoring, auth, corpus, cycle, intake, monitoring
from hrdmap.web.security import CSRF_COOKIE, RateLimit, SecurityHeaders, new_csrf_cookie
from hrdmap.web.settings import WebSettings
from hrdmap.web.state import AppState


class CsrfCookie:
    """ASGI middleware: gives every browser a CSRF cookie (random, HttpOnly, SameSite=Strict) and puts its
    value in ``request.state.csrf_cookie`` for the forms of the page.

    Args:
        app: The application.
        secure: Mark the cookie ``Secure`` (served over TLS).
    """

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie = _cookie(scope, CSRF_COOKIE)
        fresh = cookie is None
        value = cookie or new_csrf_cookie()
        scope.setdefault("state", {})["csrf_cookie"] = value

        async def send_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                flags = "; Secure" if self.secure or scope.get("scheme") == "https" else ""
                header = f"{CSRF_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{flags}"
                message.setdefault("headers", []).append((b"set-cookie", header.encode()))
            await send(message)

        await self.app(scope, receive, send_cookie)


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name and v:
                    return str(v)
    return None


schema_router = GuardedRouter()


def create_app(settings: Settings, web: WebSettings, *, clock: Clock | None = None) -> FastAPI:
    """The web app over the data folder of ``settings``.

    Args:
        settings: The data folder and its settings.
        web: The web app's settings (secret key, TLS, limits).
        clock: What time it is (the system's unless a test fixes it).
    """
    state = AppState(
        settings, web, WorkspacePool(settings), clock or SystemClock(), RateLimit(web.login_attempts_per_minute)
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.pool.close()

    app = FastAPI(
        title="hrdmap",
        version=__version__,
        description="Map the UN's support to human rights defenders: the JSON API (docs/web.md).",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.hrdmap = state
    for module in (auth, corpus, cycle, admin, intake, monitoring):
        app.include_router(module.router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(api_monitoring.router)
    app.include_router(schema_router)
    app.mount("/static", StaticFiles(directory=str(files("hrdmap.web").joinpath("static"))), name="static")
    errors.install(app)
    app.add_middleware(CsrfCookie, secure=web.behind_tls)
    app.add_middleware(SecurityHeaders, tls=web.behind_tls)
    return app


@schema_router.get("/openapi.json", include_in_schema=False)
def openapi(ctx: Context) -> JSONResponse:
    """The API's OpenAPI schema."""
    return JSONResponse(published_schema(ctx.request.app))


def published_schema(app: FastAPI) -> dict[str, object]:
    """The OpenAPI schema with the error shape the handlers really send.

    FastAPI declares its own ``HTTPValidationError`` (a list of field errors) for 422 answers, but
    :mod:`hrdmap.web.errors` answers every refused request, 422 included, as ``{"detail": "a sentence"}``, so
    the published schema says that.
    """
    schema = app.openapi()
    components = schema.get("components", {}).get("schemas", {})
    if "HTTPValidationError" in components:
        components["HTTPValidationError"] = {
            "title": "HTTPValidationError",
            "type": "object",
            "properties": {"detail": {"title": "Detail", "type": "string"}},
            "required": ["detail"],
        }
        components.pop("ValidationError", None)
    return schema
