"""The web app over PostgreSQL: the same sign-in, need to know and reads as over SQLite (skips without a server)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.domain.actor import FixedClock
from hrdmap.services import accounts
from hrdmap.services.calls.importing import import_call
from hrdmap.services.workspace import open_workspace
from hrdmap.web.app import create_app
from hrdmap.web.settings import WebSettings
from tests.postgres import fresh_schema_url, require_server

from .conftest import AT, PASSWORD, REPO, SETUP, TOTP, sign_in

pytestmark = pytest.mark.slow


def test_officer_and_reviewer_work_over_postgresql(tmp_path: Path) -> None:
    require_server()
    with fresh_schema_url() as url:
        settings = Settings(home=tmp_path / "home", argon2_memory_kib=8192, database_url=url, search_backend="sqlite")
        with open_workspace(settings, create=True) as ws:
            import_call(ws, SETUP, REPO / "examples" / "call.yaml")
            accounts.add_user(ws, SETUP, "rui", PASSWORD, ["reviewer"])
            olu = accounts.add_user(ws, SETUP, "olu", PASSWORD, ["officer"])
            ws.store.accounts.save_user(replace(olu, totp_secret=TOTP["olu"]))
        clock = FixedClock(AT)
        app = create_app(settings, WebSettings(b"test-secret-key-" * 3, dev=True), clock=clock)
        try:
            officer, reviewer = sign_in(app, "officer", clock), sign_in(app, "reviewer", clock)
            everything = {d["id"] for d in officer.get("/api/documents").json()}
            cleared = {d["id"] for d in reviewer.get("/api/documents").json()}
            assert cleared and cleared < everything  # the confidential contributions are the difference
            hidden = sorted(everything - cleared)[0]
            assert officer.get(f"/documents/{hidden}").status_code == 200
            assert reviewer.get(f"/documents/{hidden}").status_code == 404
            assert reviewer.get("/api/search", params={"q": "defenders"}).status_code == 200
        finally:
            app.state.hrdmap.pool.close()
