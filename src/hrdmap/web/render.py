"""Server-rendered pages: one Jinja2 environment (autoescaped) and the values every template receives."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from hrdmap.domain.actor import Actor, Permission
from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START
from hrdmap.web import i18n
from hrdmap.web.security import CSRF_COOKIE, csrf_token

#: The navigation: (route name, label, permission or None for every signed-in user).
NAVIGATION: tuple[tuple[str, str, Permission | None], ...] = (
    ("dashboard", "Dashboard", None),
    ("documents_page", "Corpus", Permission.READ_CORPUS),
    ("search_page", "Search", Permission.READ_CORPUS),
    ("review_page", "Review", Permission.REVIEW),
    ("map_page", "Map", Permission.READ_AGGREGATES),
    ("mandates_page", "Mandates", Permission.READ_CORPUS),
    ("calls_page", "Calls", Permission.READ_CORPUS),
    ("recommendations_page", "Recommendations", Permission.READ_AGGREGATES),
    ("incidents_page", "Incidents", Permission.READ_CORPUS),
    ("indicators_page", "Indicators", None),
    ("warnings_page", "Warnings", Permission.READ_AGGREGATES),
    ("users_page", "Users", Permission.ADMINISTER),
    ("audit_page", "Audit", Permission.ADMINISTER),
)


def snippet(text: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, is a match) parts, for the template to mark without trusting any HTML."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(text.split(HIGHLIGHT_START)):
        if i == 0:
            parts.append((piece, False))
            continue
        marked, _, rest = piece.partition(HIGHLIGHT_END)
        parts += [(marked, True), (rest, False)]
    return [p for p in parts if p[0]]


@functools.cache
def environment() -> Environment:
    """The templates of ``hrdmap/web/templates``, every value escaped."""
    return Environment(
        loader=PackageLoader("hrdmap.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def language(request: Request) -> str:
    """The request's language (cookie, then the browser's)."""
    return i18n.negotiate(request.cookies.get(i18n.LANG_COOKIE), request.headers.get("accept-language"))


def page(
    request: Request,
    template: str,
    *,
    actor: Actor | None = None,
    secret_key: bytes = b"",
    status: int = 200,
    **values: Any,
) -> HTMLResponse:
    """Render ``template`` with the values every page needs, in the request's language."""
    lang = language(request)
    _ = i18n.gettext(lang)
    signed_in = actor is not None and actor.name != "anonymous"
    navigation = [
        (request.url_for(name), _(label), name)
        for name, label, permission in NAVIGATION
        if signed_in and actor is not None and (permission is None or actor.can(permission))
    ]
    cookie = getattr(request.state, "csrf_cookie", "")
    html = environment().get_template(template).render(
        _=_,
        lang=lang,
        dir=i18n.direction(lang),
        ui_languages=i18n.LANGUAGES,
        date=lambda v: i18n.date_text(v, lang),
        number=lambda v: i18n.number_text(v, lang),
        actor=actor if signed_in else None,
        navigation=navigation,
        csrf=csrf_token(secret_key, cookie) if cookie else "",
        csrf_cookie_name=CSRF_COOKIE,
        url_for=request.url_for,
        snippet=snippet,
        path=request.url.path,
        **values,
    )
    return HTMLResponse(html, status_code=status)
