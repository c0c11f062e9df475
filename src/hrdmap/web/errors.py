"""Errors as the app answers them: a status, a short message, never a stack trace.

:class:`~hrdmap.domain.errors.HrdmapError` maps by kind (invalid input 400, not found 404, conflict 409,
forbidden 404 as if absent, unavailable 503); a refused rule (:class:`~hrdmap.web.access.Denied`) sends to the
sign-in page or answers 401 or 404; anything else is logged on the server and answered 500 with no detail.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from hrdmap.domain.errors import Conflict, Forbidden, HrdmapError, InvalidInput, NotFound, Unavailable
from hrdmap.web.access import Denied, signed_in_path
from hrdmap.web.render import page

LOG = logging.getLogger("hrdmap.web")


class CsrfRefused(Forbidden):
    """A state-changing request without the right CSRF token (answered 403)."""


def _api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _answer(request: Request, status: int, message: str) -> Response:
    if _api(request):
        return JSONResponse({"detail": message}, status_code=status)
    key = request.app.state.hrdmap.web.secret_key
    return page(request, "error.html", secret_key=key, status=status, status_code=status, message=message)


def _status(error: HrdmapError) -> int:
    if isinstance(error, NotFound | Forbidden):
        return 404
    if isinstance(error, InvalidInput):
        return 400
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, Unavailable):
        return 503
    return 400


def install(app: FastAPI) -> None:
    """Install the handlers on ``app``."""

    @app.exception_handler(Denied)
    async def denied(request: Request, error: Denied) -> Response:
        if error.mfa and not _api(request):
            return RedirectResponse("/mfa", status_code=303)
        if error.sign_in or error.mfa:
            if _api(request):
                return JSONResponse({"detail": "sign in first"}, status_code=401,
                                    headers={"www-authenticate": "Bearer"})
            return RedirectResponse(signed_in_path(request.url.path), status_code=303)
        return _answer(request, 404, "Not found")

    @app.exception_handler(CsrfRefused)
    async def csrf(request: Request, error: CsrfRefused) -> Response:
        return _answer(request, 403, "The form expired or came from another site: reload the page and try again.")

    @app.exception_handler(HrdmapError)
    async def hrdmap_error(request: Request, error: HrdmapError) -> Response:
        status = _status(error)
        return _answer(request, status, "Not found" if status == 404 else error.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _answer(request, error.status_code, "Not found" if error.status_code == 404 else str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in error.errors())
        return _answer(request, 422, f"invalid request: {fields}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        LOG.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "Something went wrong on the server; it was logged.")
