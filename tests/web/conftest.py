"""The web app under test: a data folder seeded once with the fictional example call (ingested and tagged),
one user per persona, and helpers to sign in as each through the real sign-in pages (password, then TOTP).

Each test gets its own copy of the seeded folder, its own app and a fixed clock, so tests may write.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, FixedClock, Role, Scope, Sensitivity
from hrdmap.monitoring.incident_file import incidents_from_file
from hrdmap.services import accounts
from hrdmap.services.calls.importing import import_call
from hrdmap.services.monitoring import records
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace
from hrdmap.web.app import create_app
from hrdmap.web.settings import WebSettings

REPO = Path(__file__).resolve().parents[2]
AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery staple"  # noqa: S105 - a test password
#: Each persona's TOTP seed (those whose roles need MFA), fixed so tests can compute codes.
TOTP = {"ada": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "olu": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"}
#: persona → (user name, roles, scope)
PERSONAS: dict[str, tuple[str, frozenset[Role], Scope]] = {
    "administrator": ("ada", frozenset({Role.ADMINISTRATOR}), Scope()),
    "officer": ("olu", frozenset({Role.OFFICER}), Scope()),
    "reviewer": ("rui", frozenset({Role.REVIEWER}), Scope(sensitivity=Sensitivity.PUBLIC)),
    "analyst": ("ana", frozenset({Role.ANALYST}), Scope()),
    "contributor": ("cai", frozenset({Role.CONTRIBUTOR}), Scope(calls=frozenset({"hrd-assessment-2026"}))),
}
ARGON2_KIB = 8192
#: Fictional incidents: a public killing (one source), a confidential detention with a named victim and a person
#: as source, a restricted threat in another country; and a rise of threats in Kenya this month (a warning).
INCIDENTS = """
incidents:
  - title: Killing of a land defender (fictional)
    date: 2025-03-04
    country: Honduras
    place: La Esperanza
    sensitivity: public
    acts: [killing]
    victims: [{name: Fictional Defender One, sex: female, roles: [land-environment, women]}]
    sources: [{kind: organisation, name: A fictional NGO, reference: report-1, reliability: high}]
    external_id: web:1
  - title: Detention of a lawyer (fictional)
    date: 2025-04-10
    country: Honduras
    sensitivity: confidential
    acts: [arbitrary-detention]
    victims: [{name: Fictional Secret Lawyer, sex: male, roles: [lawyers], sensitivity: confidential}]
    sources: [{kind: person, name: Fictional Secret Relative, reference: "phone +000 555 0101", reliability: high,
               independence: primary, sensitivity: confidential}]
    external_id: web:2
  - title: Threats against a journalist (fictional)
    date: 2025-05-02
    country: Colombia
    sensitivity: restricted
    acts: [threats]
    victims: [{name: Fictional Journalist, sex: male, roles: [journalists]}]
    external_id: web:3
"""
SETUP = Actor("setup", frozenset({Role.ADMINISTRATOR}), clock=FixedClock(AT))


def settings_for(home: Path) -> Settings:
    """Settings of a test data folder (cheap Argon2id, still Argon2id)."""
    return Settings(home=home, argon2_memory_kib=ARGON2_KIB)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the example call imported and tagged, and one user per persona."""
    home = tmp_path_factory.mktemp("web-seed") / "home"
    with open_workspace(settings_for(home)) as ws:
        import_call(ws, SETUP, REPO / "examples" / "call.yaml")
        tag_documents(ws, SETUP, taggers=["gazetteer", "statement-kind", "framework-keywords"])
        incidents_file = home.parent / "incidents.yaml"
        incidents_file.write_text(INCIDENTS + _kenya_threats(), encoding="utf-8")
        for incident in incidents_from_file(incidents_file):
            records.add_incident(ws, SETUP, incident)
        for name, roles, scope in PERSONAS.values():
            user = accounts.add_user(ws, SETUP, name, PASSWORD, [r.value for r in roles], scope)
            if name in TOTP:
                with ws.store.transaction():
                    ws.store.accounts.save_user(replace(user, totp_secret=TOTP[name]))
    return home


def _kenya_threats() -> str:
    """One threat in Kenya a year ago, five this month (2026-05): a warning for the month of the tests' clock."""
    days = ["2025-06-12", "2026-05-01", "2026-05-02", "2026-05-02", "2026-05-03", "2026-05-04"]
    return "".join(
        f"""  - title: Threat against a defender in Kenya (fictional {n})
    date: {day}
    country: Kenya
    sensitivity: public
    acts: [threats]
    victims: [{{name: Fictional Kenyan Defender {n}, roles: [defenders]}}]
    external_id: web:ke{n}
"""
        for n, day in enumerate(days)
    )


@pytest.fixture
def home(seeded: Path, tmp_path: Path) -> Path:
    """This test's own copy of the seeded data folder."""
    target = tmp_path / "home"
    shutil.copytree(seeded, target)
    return target


@pytest.fixture
def clock() -> FixedClock:
    """The app's clock, fixed (tests move it with ``advance``)."""
    return FixedClock(AT)


@pytest.fixture
def app(home: Path, clock: FixedClock) -> Iterator[FastAPI]:
    """The app over this test's data folder."""
    built = create_app(settings_for(home), WebSettings(b"test-secret-key-" * 3, dev=True), clock=clock)
    yield built
    built.state.hrdmap.pool.close()


def client(app: FastAPI) -> TestClient:
    """A browser-like client (keeps cookies; server errors answered, not raised)."""
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


def csrf(browser: TestClient, path: str = "/login") -> str:
    """The CSRF token of the forms on ``path``."""
    page = browser.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found is not None, f"no form token on {path}: {page.status_code}"
    return found.group(1)


def sign_in(app: FastAPI, persona: str, clock: FixedClock) -> TestClient:
    """A client signed in as ``persona`` through the sign-in page and, where needed, the TOTP page."""
    browser = client(app)
    if persona == "anonymous":
        return browser
    name = PERSONAS[persona][0]
    answer = browser.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf(browser)})
    assert answer.status_code == 303, answer.text
    if answer.headers["location"] == "/mfa":
        code = pyotp.TOTP(TOTP[name]).at(clock.now())
        done = browser.post("/mfa", data={"code": code, "csrf_token": csrf(browser, "/mfa")})
        assert done.status_code == 303 and done.headers["location"] == "/", done.text
    return browser
