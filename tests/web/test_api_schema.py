"""Property-based tests of the API (schemathesis over /openapi.json): no server error and no answer outside its
schema, for generated requests made with a token of every permission."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from hrdmap.services import signin

from .conftest import SETUP

pytestmark = pytest.mark.slow
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def test_every_api_operation_keeps_to_its_schema(app: FastAPI) -> None:
    with app.state.hrdmap.pool.workspace() as ws:
        user = ws.store.accounts.user_by_name("ada")
        assert user is not None
        token, _ = signin.create_token(ws, signin.actor_for(user, SETUP.clock), "schemathesis")
    headers = {"authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def keeps_to_schema(case: object) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)  # type: ignore[attr-defined]

        keeps_to_schema()


def test_a_refused_request_answers_the_error_shape_the_schema_publishes(app: FastAPI) -> None:
    with app.state.hrdmap.pool.workspace() as ws:
        user = ws.store.accounts.user_by_name("ada")
        assert user is not None
        token, _ = signin.create_token(ws, signin.actor_for(user, SETUP.clock), "errors")
    browser = TestClient(app, raise_server_exceptions=False)
    answer = browser.post(
        "/api/warnings/acknowledge", json={"series": "x" * 500}, headers={"authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 422
    assert isinstance(answer.json()["detail"], str) and "series" in answer.json()["detail"]
    published = browser.get("/openapi.json").json()
    assert published["components"]["schemas"]["HTTPValidationError"]["properties"]["detail"]["type"] == "string"
