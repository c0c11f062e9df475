"""Safe intake: an officer makes a per-request link; the contributor submits through it and gets a receipt."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from hrdmap.domain.actor import FixedClock

from .conftest import REPO, client, csrf, sign_in


def _link(app: FastAPI, clock: FixedClock, stakeholder: str = "digital-shield", days: int = 7) -> str:
    officer = sign_in(app, "officer", clock)
    made = officer.post(
        "/calls/hrd-assessment-2026/intake-link",
        data={"stakeholder": stakeholder, "days": str(days), "csrf_token": csrf(officer, "/calls/hrd-assessment-2026")},
    )
    assert made.status_code == 200, made.text
    found = re.search(r'id="intake-url">https?://[^/]+(/intake/[^<]+)<', made.text)
    assert found is not None
    return found.group(1)


def test_a_contributor_submits_through_the_link_and_gets_a_receipt(app: FastAPI, clock: FixedClock) -> None:
    link = _link(app, clock)
    visitor = client(app)
    page = visitor.get(link)
    assert page.status_code == 200 and "Digital Shield for Defenders" in page.text
    sample = (REPO / "examples" / "corpus" / "digital-shield-submission.md").read_bytes() + b"\nA follow-up note.\n"
    answer = visitor.post(
        link,
        data={"csrf_token": csrf(visitor, link), "confidential": "true"},
        files={"file": ("follow-up.md", sample, "text/markdown")},
        headers={"user-agent": "DeviceModel-XYZ/1.0"},
    )
    assert answer.status_code == 200 and 'id="receipt"' in answer.text and "follow-up.md" in answer.text
    with app.state.hrdmap.pool.workspace() as ws:
        stored = ws.store.calls.call("hrd-assessment-2026")
        assert stored is not None
        mine = [c for c in ws.store.calls.contributions(stored.id) if c.source.endswith("follow-up.md")]
        assert len(mine) == 1 and mine[0].consent.value == "confidential" and mine[0].stakeholder == "digital-shield"
        assert ws.store.audit.entries(limit=30)[0].actor == "intake:digital-shield"
        raw = b"".join(p.read_bytes() for p in app.state.hrdmap.settings.home.rglob("*") if p.is_file())
    assert b"DeviceModel-XYZ" not in raw


def test_a_forged_or_expired_link_is_not_found(app: FastAPI, clock: FixedClock) -> None:
    link = _link(app, clock, days=1)
    visitor = client(app)
    assert visitor.get(link[:-3] + "abc").status_code == 404
    payload, signature = link.removeprefix("/intake/").rsplit(".", 1)
    middle = len(payload) // 2
    swapped = "A" if payload[middle] != "A" else "B"
    forged = "/intake/" + payload[:middle] + swapped + payload[middle + 1 :] + "." + signature
    assert visitor.get(forged).status_code == 404
    assert visitor.get(link).status_code == 200
    clock.advance(dt.timedelta(days=1, seconds=1))
    assert visitor.get(link).status_code == 404


def _submit(browser: TestClient, link: str, name: str) -> None:
    answer = browser.post(
        link,
        data={"csrf_token": csrf(browser, link)},
        files={"file": (name, b"A short note for the call.\n\nIt has two paragraphs.\n", "text/plain")},
    )
    assert answer.status_code == 200 and 'id="receipt"' in answer.text


def test_a_revoked_link_answers_like_an_unknown_link_and_the_revocation_is_audited(
    app: FastAPI, clock: FixedClock
) -> None:
    link = _link(app, clock)
    visitor = client(app)
    assert visitor.get(link).status_code == 200
    officer = sign_in(app, "officer", clock)
    call = officer.get("/calls/hrd-assessment-2026").text
    link_id = re.search(r'action="/calls/hrd-assessment-2026/intake-links/(\d+)/revoke"', call)
    assert link_id is not None
    revoke = f"/calls/hrd-assessment-2026/intake-links/{link_id.group(1)}/revoke"
    assert officer.post(revoke).status_code == 403  # no CSRF token
    done = officer.post(revoke, data={"csrf_token": csrf(officer, "/calls/hrd-assessment-2026")})
    assert done.status_code == 303
    assert "revoked" in officer.get("/calls/hrd-assessment-2026").text
    unknown = visitor.get("/intake/no-such-link")
    for path in (link, link + "/submissions"):
        refused = visitor.get(path)
        assert (refused.status_code, refused.text.replace(path, "")) == (
            404,
            unknown.text.replace("/intake/no-such-link", ""),
        )
    assert visitor.post(link, data={"csrf_token": csrf(visitor, "/login")},
                        files={"file": ("x.txt", b"late", "text/plain")}).status_code == 404  # fmt: skip
    again = officer.post(revoke, data={"csrf_token": csrf(officer, "/calls/hrd-assessment-2026")})
    assert again.status_code == 404
    with app.state.hrdmap.pool.workspace() as ws:
        entries = [(e.action, e.actor, e.detail.get("origin")) for e in ws.store.audit.entries(limit=50)]
    assert ("intake.link.revoked", "olu", "testclient") in entries
    assert ("intake.link.created", "olu", "testclient") in entries
    assert sign_in(app, "reviewer", clock).post(revoke).status_code in {403, 404}


def test_a_link_made_before_links_were_stored_is_not_found(app: FastAPI) -> None:
    from itsdangerous import URLSafeSerializer

    key = app.state.hrdmap.web.secret_key
    old = URLSafeSerializer(key, salt="hrdmap-intake").dumps(
        {"call": "hrd-assessment-2026", "stakeholder": "digital-shield", "until": "2099-01-01T00:00:00+00:00"}
    )
    assert client(app).get(f"/intake/{old}").status_code == 404


def test_contributors_see_only_their_own_submissions(app: FastAPI, clock: FixedClock) -> None:
    shield, norway = _link(app, clock), _link(app, clock, stakeholder="norway")
    visitor = client(app)
    _submit(visitor, shield, "shield-note.txt")
    _submit(visitor, norway, "norway-note.txt")
    listed = visitor.get(shield + "/submissions")
    assert listed.status_code == 200 and "shield-note.txt" in listed.text and "norway-note.txt" not in listed.text
    assert "read" in listed.text
    contributor = sign_in(app, "contributor", clock)
    assert "Nothing submitted yet." in contributor.get("/submissions").text
    _submit(contributor, shield, "account-note.txt")
    mine = contributor.get("/submissions").text
    assert "account-note.txt" in mine and "shield-note.txt" not in mine and "norway-note.txt" not in mine
    assert 'id="my-submissions"' in contributor.get("/").text
    with app.state.hrdmap.pool.workspace() as ws:
        assert ws.store.audit.entries(limit=30)[0].actor == "cai"  # the account, not intake:digital-shield
    assert sign_in(app, "officer", clock).get("/submissions").status_code == 404
