"""Incidents, indicators and warnings in the web app and the API: each persona sees what its clearance and
countries allow, officers verify and add sources (audited, CSRF-protected), the public sees public figures only,
small ones suppressed, and warnings are acknowledged from the page and leave the dashboard."""

from __future__ import annotations

import re

from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock, Role, Scope, Sensitivity
from hrdmap.services import accounts

from .conftest import PASSWORD, SETUP, client, csrf, sign_in

KILLING, DETENTION, THREAT = 1, 2, 3  # the seeded incidents (tests/web/conftest.py)
KENYA = range(4, 10)


def _audit(app: FastAPI, action: str) -> list[tuple[str | None, str, dict[str, object]]]:
    with app.state.hrdmap.pool.workspace() as ws:
        return [(e.subject, e.actor, dict(e.detail)) for e in ws.store.audit.entries(limit=100) if e.action == action]


def test_the_officer_lists_and_filters_incidents(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    page = browser.get("/incidents")
    assert page.status_code == 200
    assert {int(i) for i in re.findall(r'href="/incidents/(\d+)"', page.text)} == {KILLING, DETENTION, THREAT, *KENYA}
    honduras = browser.get("/incidents", params={"country": "hnd"}).text
    assert "Detention of a lawyer" in honduras and "Kenya" not in honduras
    assert browser.get("/incidents", params={"date_from": "not a date"}).status_code == 400
    listed = browser.get("/api/incidents", params={"act": "threats"}).json()
    assert {i["id"] for i in listed} == {THREAT, *KENYA}


def test_the_officer_reads_a_confidential_incident_and_the_read_is_audited(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    page = browser.get(f"/incidents/{DETENTION}").text
    assert "Fictional Secret Lawyer" in page and "Fictional Secret Relative" in page and "reported" in page
    detail = browser.get(f"/api/incidents/{DETENTION}").json()
    assert detail["victims"][0]["name"] == "Fictional Secret Lawyer" and detail["sources"][0]["kind"] == "person"
    browser.get(f"/incidents/{KILLING}")  # nothing confidential in it: not audited
    reads = _audit(app, "read.confidential")
    assert [r[0] for r in reads] == [f"incident:{DETENTION}"] * 2 and {r[1] for r in reads} == {"olu"}
    assert all(r[2].get("origin") for r in reads)


def test_a_reviewer_cleared_for_public_records_finds_no_restricted_incident(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    missing = browser.get("/no/such/page")
    for incident in (DETENTION, THREAT):
        refused = browser.get(f"/incidents/{incident}")
        same = missing.text.replace("/no/such/page", "")
        assert (refused.status_code, refused.text.replace(f"/incidents/{incident}", "")) == (404, same)
        assert browser.get(f"/api/incidents/{incident}").json() == browser.get("/api/incidents/9999").json()
    listed = {i["id"] for i in browser.get("/api/incidents").json()}
    assert listed == {KILLING, *KENYA}
    assert "Change the status" not in browser.get(f"/incidents/{KILLING}").text  # reviewers do not verify


def test_an_account_limited_to_a_country_sees_only_its_incidents(app: FastAPI, clock: FixedClock) -> None:
    with app.state.hrdmap.pool.workspace() as ws:
        accounts.add_user(
            ws,
            SETUP,
            "kim",
            PASSWORD,
            [Role.REVIEWER.value],
            Scope(countries=frozenset({"KEN"}), sensitivity=Sensitivity.RESTRICTED),
        )
    browser = client(app)
    browser.post("/login", data={"name": "kim", "password": PASSWORD, "csrf_token": csrf(browser)})
    assert {i["id"] for i in browser.get("/api/incidents").json()} == set(KENYA)
    assert browser.get(f"/incidents/{KILLING}").status_code == 404
    assert browser.get(f"/incidents/{KENYA[0]}").status_code == 200
    figures = browser.get("/api/indicators", params={"acts": "all", "by": "country"}).json()["figures"]
    assert {tuple(f["key"]) for f in figures} == {("KEN",)}


def test_the_officer_verifies_an_incident_once_the_rule_is_met(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    token = csrf(browser, f"/incidents/{KILLING}")
    path = f"/incidents/{KILLING}/status"
    started = browser.post(path, data={"status": "under-verification", "reason": "assigned", "csrf_token": token})
    assert started.status_code == 303
    refused = browser.post(path, data={"status": "verified", "reason": "checked", "csrf_token": token})
    assert refused.status_code == 400 and "rule" in refused.text
    assert browser.post(path, data={"status": "verified", "reason": "no token"}).status_code == 403
    added = browser.post(
        f"/incidents/{KILLING}/sources",
        data={"kind": "url", "reference": "https://news.example.org/a", "name": "news.example.org",
              "reliability": "medium", "independence": "secondary", "sensitivity": "public", "csrf_token": token},
    )  # fmt: skip
    assert added.status_code == 303
    done = browser.post(path, data={"status": "verified", "reason": "two independent sources", "csrf_token": token})
    assert done.status_code == 303
    page = browser.get(f"/incidents/{KILLING}").text
    assert '<strong id="status">verified</strong>' in page and "two independent sources" in page
    assert "news.example.org" in page
    statuses = _audit(app, "incident.status")
    assert statuses[0][:2] == (f"incident:{KILLING}", "olu") and statuses[0][2]["origin"]
    assert _audit(app, "incident.source")[0][2]["origin"]


def test_the_api_changes_a_status_with_a_token_and_refuses_other_roles(app: FastAPI, clock: FixedClock) -> None:
    officer = sign_in(app, "officer", clock)
    header = {"x-csrf-token": csrf(officer, "/")}
    answer = officer.post(
        f"/api/incidents/{THREAT}/status", json={"status": "under-verification", "reason": "x"}, headers=header
    )
    assert answer.status_code == 200 and answer.json()["status"] == "under-verification"
    reviewer = sign_in(app, "reviewer", clock)
    refused = reviewer.post(
        f"/api/incidents/{KILLING}/status",
        json={"status": "refuted", "reason": "x"},
        headers={"x-csrf-token": csrf(reviewer, "/")},
    )
    assert refused.status_code == 404


def test_the_public_sees_public_figures_only_small_ones_suppressed(app: FastAPI, clock: FixedClock) -> None:
    public = client(app).get("/indicators", params={"acts": "all", "by": "country"})
    assert public.status_code == 200 and 'id="public-note"' in public.text
    rows = dict(re.findall(r"<tr><td>([A-Z]{3})</td>\s*<td class=\"n\">([^<]+)</td>", public.text))
    assert rows == {"HND": "&lt;3", "KEN": "6"}  # the restricted threat (COL) and the confidential detention left out
    assert "/incidents/" not in public.text
    figures = client(app).get("/api/indicators", params={"acts": "all", "by": "country"}).json()
    assert figures["public"] is True and figures["min_cell"] == 3 and figures["clearance"] == "public"
    assert {tuple(f["key"]): f["victims"] for f in figures["figures"]} == {("HND",): None, ("KEN",): 6}
    assert all(f["behind"] == [] for f in figures["figures"])


def test_the_analyst_sees_every_figure_and_no_incident(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "analyst", clock)
    figures = browser.get("/api/indicators", params={"acts": "all", "by": "country"}).json()
    assert {tuple(f["key"]): f["victims"] for f in figures["figures"]} == {("COL",): 1, ("HND",): 2, ("KEN",): 6}
    assert all(f["behind"] == [] for f in figures["figures"]) and figures["min_cell"] is None
    page = browser.get("/indicators", params={"acts": "all", "by": ["region", "sex"]})
    assert page.status_code == 200 and "Africa" in page.text and "/incidents/" not in page.text
    assert browser.get(f"/incidents/{KILLING}").status_code == 404


def test_the_officer_drills_down_from_a_figure_to_its_incidents(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    page = browser.get("/indicators", params={"acts": "killing", "by": "year"}).text
    assert f'href="/incidents/{KILLING}"' in page
    assert browser.get("/indicators", params={"by": "nonsense"}).status_code == 400


def test_a_warning_is_shown_acknowledged_and_leaves_the_dashboard(app: FastAPI, clock: FixedClock) -> None:
    analyst = sign_in(app, "analyst", clock)
    page = analyst.get("/warnings").text
    assert "KEN — 2026-05" in page and "Acknowledge" not in page
    assert [w["series"] for w in analyst.get("/api/warnings").json()] == ["KEN"]
    officer = sign_in(app, "officer", clock)
    dashboard = officer.get("/").text
    assert 'id="new-warnings"' in dashboard and "KEN — 2026-05" in dashboard
    token = csrf(officer, "/warnings")
    bad = officer.post(
        "/warnings/acknowledge", data={"series": "KEN", "period": "2026-05", "intervention": "999", "csrf_token": token}
    )
    assert bad.status_code == 404
    done = officer.post("/warnings/acknowledge",
                        data={"series": "KEN", "period": "2026-05", "note": "called the field office",
                              "csrf_token": token})  # fmt: skip
    assert done.status_code == 303
    assert "called the field office" in officer.get("/warnings").text
    assert "KEN — 2026-05" not in officer.get("/").text
    assert _audit(app, "warning.acknowledged")[0][1:] == (
        "olu",
        {"note": "called the field office", "origin": "testclient"},
    )
    assert "new-warnings" not in sign_in(app, "contributor", clock).get("/").text
