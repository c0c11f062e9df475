"""Every route × every role, generated from the app's route table: the rule of each route is enforced, a route
without a rule cannot exist, and a refusal looks exactly like a page that does not exist."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from hrdmap.domain.actor import Actor, Permission, Role
from hrdmap.web.access import RULES, Audience, Ctx, GuardedRouter, context, route_table

from .conftest import PERSONAS, csrf, sign_in

ROLES = ["anonymous", *PERSONAS]
#: A value for each path parameter of the routes: things that exist in the seeded data folder.
SAMPLES = {
    "document_id": "2",
    "key": "hrd-assessment-2026",
    "tag_id": "1",
    "name": "nobody",
    "token_id": "999",
    "fmt": "html",
    "code": "fr",
    "token": "not-a-valid-link",
    "incident_id": "2",  # the seeded confidential incident
    "link_id": "1",
}
LAST = {"logout"}  # routes that end the session: run after the others


def _routes(app: FastAPI) -> list[APIRoute]:
    found = route_table(app.routes)
    assert found, "no route found in the app's table"
    return sorted(found, key=lambda r: (r.name in LAST, r.name))


def _path(route: APIRoute) -> str:
    return route.path.format(**SAMPLES)


def _actor(role: str) -> Actor | None:
    return None if role == "anonymous" else Actor(PERSONAS[role][0], PERSONAS[role][1])


def _expected(rule_name: str, role: str) -> bool:
    rule, actor = RULES[rule_name], _actor(role)
    if rule.audience is Audience.ANYONE:
        return True
    return actor is not None and rule.allows(actor)


def test_every_route_has_a_rule_and_every_rule_a_route(app: FastAPI) -> None:
    names = {r.name for r in _routes(app)}
    assert names - set(RULES) == set()
    assert set(RULES) - names == set(), "rules for routes that do not exist"


def test_a_route_without_a_rule_cannot_be_registered() -> None:
    router = GuardedRouter()
    with pytest.raises(LookupError, match="no rule"):

        @router.get("/new")
        def brand_new_page() -> None: ...


def _request(browser: TestClient, route: APIRoute, token: str) -> tuple[int, str]:
    method = sorted(route.methods - {"HEAD"})[0]
    path = _path(route)
    if method == "GET":
        answer = browser.get(path)
    else:
        answer = browser.request(method, path, data={"csrf_token": token})
    return answer.status_code, answer.text


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_routes_its_rules_allow(app: FastAPI, clock: object, role: str) -> None:
    passed: list[str] = []

    async def recording(request: Request) -> Ctx:
        found = await context(request)
        passed.append(request.scope["route"].name)
        return found

    app.dependency_overrides[context] = recording
    browser = sign_in(app, role, clock)  # type: ignore[arg-type]
    token = csrf(browser, "/login")
    wrong: list[str] = []
    for route in _routes(app):
        before = len(passed)
        status, body = _request(browser, route, token)
        let_through = len(passed) > before
        expected = _expected(route.name, role)
        if let_through != expected:
            wrong.append(f"{route.name}: {'let through' if let_through else 'refused'} ({status})")
            continue
        if expected:
            if status >= 500:
                wrong.append(f"{route.name}: server error {status}")
            continue
        if role == "anonymous":
            api = route.path.startswith("/api/")
            if (api and status != 401) or (not api and (status != 303)):
                wrong.append(f"{route.name}: anonymous answered {status}")
            continue
        missing = "/api/no-such-thing" if route.path.startswith("/api/") else "/no/such/page"
        same = browser.get(missing)  # in the same state (language, session) as the refused request
        if (status, body.replace(_path(route), "")) != (same.status_code, same.text.replace(missing, "")):
            wrong.append(f"{route.name}: refusal differs from what a missing path answers ({status})")
    assert wrong == [], "\n".join(wrong)


def test_the_policy_keeps_confidential_routes_from_those_without_a_need_to_know() -> None:
    confidential = {name for name, rule in RULES.items() if rule.confidential}
    assert {"document_page", "search_page", "call_contacts_page", "api_document", "api_search"} <= confidential
    assert {"incident_page", "api_incident"} <= confidential
    for role in (Role.ANALYST, Role.CONTRIBUTOR, Role.PUBLIC):
        actor = Actor("x", frozenset({role}))
        assert [n for n in confidential if RULES[n].allows(actor)] == [], role
    administer = {n for n, r in RULES.items() if r.permission is Permission.ADMINISTER}
    assert administer >= {"users_page", "audit_page", "audit_export", "api_audit"}
    for role in set(Role) - {Role.ADMINISTRATOR}:
        assert not any(RULES[n].allows(Actor("x", frozenset({role}))) for n in administer), role
