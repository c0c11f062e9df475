"""Signing in: Argon2id passwords, lockout, TOTP and recovery codes, session expiry, CSRF, API tokens."""

from __future__ import annotations

import datetime as dt

import pyotp
from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock
from hrdmap.services import signin
from hrdmap.services.workspace import open_workspace
from hrdmap.web.access import SESSION_COOKIE
from hrdmap.web.security import CSRF_COOKIE

from .conftest import PASSWORD, TOTP, client, csrf, settings_for, sign_in


def _login(browser: object, name: str, password: str) -> object:
    return browser.post("/login", data={"name": name, "password": password, "csrf_token": csrf(browser)})  # type: ignore[attr-defined]


def test_passwords_are_stored_as_argon2id_hashes(app: FastAPI, home: object) -> None:
    with open_workspace(settings_for(home)) as ws:  # type: ignore[arg-type]
        user = ws.store.accounts.user_by_name("rui")
    assert user is not None and user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_the_session_cookie_is_httponly_and_samesite_strict(app: FastAPI) -> None:
    browser = client(app)
    answer = _login(browser, "rui", PASSWORD)
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    stored = browser.cookies[SESSION_COOKIE]
    with app.state.hrdmap.pool.workspace() as ws:
        assert ws.store.accounts.session(stored) is None  # only its digest is stored
        assert ws.store.accounts.session(signin.digest(stored)) is not None


def test_a_wrong_password_and_an_unknown_name_answer_alike(app: FastAPI) -> None:
    browser = client(app)
    wrong, unknown = _login(browser, "rui", "not the password"), _login(browser, "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.text.replace("rui", "") == unknown.text.replace("nobody", "")


def test_five_failures_lock_the_account_until_the_lock_ends(app: FastAPI, clock: FixedClock) -> None:
    app.state.hrdmap.limiter._limit = 100  # this test is about the lockout, not the rate limit
    browser = client(app)
    for _ in range(signin.MAX_FAILURES):
        assert _login(browser, "rui", "not the password").status_code == 400
    refused = _login(browser, "rui", PASSWORD)
    assert refused.status_code == 400 and SESSION_COOKIE not in browser.cookies
    clock.advance(dt.timedelta(minutes=signin.LOCK_MINUTES, seconds=1))
    assert _login(browser, "rui", PASSWORD).status_code == 303
    with app.state.hrdmap.pool.workspace() as ws:
        actions = [e.action for e in ws.store.audit.entries(limit=20)]
    assert "user.locked" in actions and actions.count("user.sign_in_failed") >= signin.MAX_FAILURES


def test_sign_in_attempts_are_rate_limited_per_address(app: FastAPI) -> None:
    browser = client(app)
    answers = [_login(browser, f"nobody{i}", "x" * 12).status_code for i in range(12)]
    assert answers[:10] == [400] * 10 and answers[10:] == [429, 429]


def test_officers_give_a_totp_code_before_they_see_anything(app: FastAPI, clock: FixedClock) -> None:
    browser = client(app)
    assert _login(browser, "olu", PASSWORD).headers["location"] == "/mfa"
    assert browser.get("/documents").headers["location"] == "/mfa"
    assert browser.get("/api/documents").status_code == 401
    wrong = browser.post("/mfa", data={"code": "000000", "csrf_token": csrf(browser, "/mfa")})
    assert wrong.status_code == 400
    code = pyotp.TOTP(TOTP["olu"]).at(clock.now())
    assert browser.post("/mfa", data={"code": code, "csrf_token": csrf(browser, "/mfa")}).status_code == 303
    assert browser.get("/documents").status_code == 200


def test_first_sign_in_enrols_a_second_factor_and_gives_recovery_codes_once(
    app: FastAPI, clock: FixedClock
) -> None:
    with app.state.hrdmap.pool.workspace() as ws:
        from hrdmap.services import accounts

        from .conftest import SETUP

        accounts.add_user(ws, SETUP, "newo", PASSWORD, ["officer"])
    browser = client(app)
    _login(browser, "newo", PASSWORD)
    assert browser.get("/mfa").headers["location"] == "/mfa/enrol"
    page = browser.get("/mfa/enrol")
    secret = page.text.split('id="totp-secret">')[1].split("<")[0]
    code = pyotp.TOTP(secret).at(clock.now())
    done = browser.post("/mfa/enrol", data={"secret": secret, "code": code, "csrf_token": csrf(browser, "/mfa/enrol")})
    codes = [c.split("</code>")[0] for c in done.text.split('<li><code>')[1:]]
    assert len(codes) == signin.RECOVERY_CODES
    assert browser.get("/documents").status_code == 200
    again = client(app)
    _login(again, "newo", PASSWORD)
    assert again.post("/mfa", data={"code": codes[0], "csrf_token": csrf(again, "/mfa")}).status_code == 303
    third = client(app)
    _login(third, "newo", PASSWORD)
    assert third.post("/mfa", data={"code": codes[0], "csrf_token": csrf(third, "/mfa")}).status_code == 400


def test_sessions_end_when_idle_and_at_their_age_limit(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    clock.advance(dt.timedelta(minutes=signin.IDLE_MINUTES - 1))
    assert browser.get("/review").status_code == 200
    clock.advance(dt.timedelta(minutes=signin.IDLE_MINUTES + 1))
    assert browser.get("/review").status_code == 303
    busy = sign_in(app, "reviewer", clock)
    for _ in range(signin.SESSION_HOURS * 2 + 1):
        clock.advance(dt.timedelta(minutes=29))
        busy.get("/")
    assert busy.get("/review").status_code == 303


def test_a_form_without_the_csrf_token_is_refused(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "administrator", clock)
    refused = browser.post("/admin/users", data={"name": "eve", "password": PASSWORD, "role": "officer"})
    assert refused.status_code == 403
    other = browser.post(
        "/admin/users", data={"name": "eve", "password": PASSWORD, "role": "officer", "csrf_token": "0" * 64}
    )
    assert other.status_code == 403
    with app.state.hrdmap.pool.workspace() as ws:
        assert ws.store.accounts.user_by_name("eve") is None
    cookie = browser.cookies[CSRF_COOKIE]
    assert cookie and cookie not in browser.get("/admin/users").text


def test_api_tokens_act_within_their_permissions_until_revoked(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    made = browser.post(
        "/account/tokens", data={"name": "script", "permission": ["READ_CORPUS"], "csrf_token": csrf(browser, "/")}
    )
    token = made.text.split('id="new-token">')[1].split("<")[0]
    script = client(app)
    headers = {"authorization": f"Bearer {token}"}
    assert script.get("/api/me", headers=headers).json()["permissions"] == ["READ_CORPUS"]
    assert script.get("/api/documents", headers=headers).status_code == 200
    assert script.get("/api/review/queue", headers=headers).status_code == 404  # REVIEW was not given
    with app.state.hrdmap.pool.workspace() as ws:
        (record,) = signin.list_tokens(ws, signin.actor_for(ws.store.accounts.user_by_name("rui"), clock))
    browser.post(f"/account/tokens/{record.id}/revoke", data={"csrf_token": csrf(browser, "/")})
    assert script.get("/api/documents", headers=headers).status_code == 401
    assert script.get("/api/documents", headers={"authorization": "Bearer hrdmap_forged"}).status_code == 401


def test_a_disabled_user_is_signed_out_everywhere(app: FastAPI, clock: FixedClock) -> None:
    victim = sign_in(app, "reviewer", clock)
    admin = sign_in(app, "administrator", clock)
    admin.post("/admin/users/rui/disable", data={"csrf_token": csrf(admin, "/admin/users")})
    assert victim.get("/review").status_code == 303
    assert _login(client(app), "rui", PASSWORD).status_code == 400


def test_sign_in_never_sends_to_another_site(app: FastAPI) -> None:
    browser = client(app)
    answer = browser.post(
        "/login",
        data={"name": "rui", "password": PASSWORD, "next": "//evil.example/x", "csrf_token": csrf(browser)},
    )
    assert answer.headers["location"] == "/"
