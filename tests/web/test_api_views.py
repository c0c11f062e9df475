"""The API answers the JSON shapes of ``hrdmap.services.views`` where a view has the shape (issue 7)."""

from __future__ import annotations

from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock
from hrdmap.services.views.calls import call_view
from hrdmap.services.views.tags import review_view
from hrdmap.web.security import CSRF_HEADER
from tests.web.conftest import csrf, sign_in


def test_a_decision_and_the_calls_answer_what_the_command_line_prints(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    first = browser.get("/api/review/queue").json()[0]["tag_id"]
    token = csrf(browser, "/review")
    answer = browser.post(f"/api/review/{first}", json={"decision": "accept"}, headers={CSRF_HEADER: token})
    assert answer.status_code == 200, answer.text
    calls = browser.get("/api/calls").json()
    assert calls
    with app.state.hrdmap.pool.workspace() as ws:
        [stored] = [r for r in ws.store.tags.reviews_for_blocks([answer.json()["block_id"]])[answer.json()["block_id"]]]
        expected_calls = [call_view(found) for c in calls if (found := ws.store.calls.call(c["key"])) is not None]
    assert answer.json() == review_view(stored) and stored.tag_id == first
    assert calls == expected_calls
