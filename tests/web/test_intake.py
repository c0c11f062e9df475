"""Safe intake: an officer makes a per-request link; the contributor submits through it and gets a receipt."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import FastAPI

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
