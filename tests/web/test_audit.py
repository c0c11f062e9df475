"""The audit page: administrators see whether the hash chain holds, and the first broken entry after someone
rewrote the audit table with plain SQL (SQLite and PostgreSQL); they export the trail with its hashes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi import FastAPI

from hrdmap.config import Settings
from hrdmap.domain.actor import FixedClock
from hrdmap.services import accounts
from hrdmap.services.workspace import open_workspace
from hrdmap.web.app import create_app
from hrdmap.web.settings import WebSettings
from tests.tamper import ADAPTERS, Attacker, delete, store_url

from .conftest import AT, PASSWORD, SETUP, TOTP, sign_in

Served = tuple[FastAPI, FixedClock, str]


@pytest.fixture(params=ADAPTERS)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """The app over a store of each adapter holding an administrator (and the audit entries of adding them)."""
    with store_url(request.param, tmp_path / "store") as url:
        settings = Settings(home=tmp_path / "home", argon2_memory_kib=8192, database_url=url, search_backend="sqlite")
        with open_workspace(settings, create=True) as ws:
            ada = accounts.add_user(ws, SETUP, "ada", PASSWORD, ["administrator"])
            for name in ("bea", "cem", "dan", "eve"):  # five entries at least
                accounts.add_user(ws, SETUP, name, PASSWORD, ["reviewer"])
            with ws.store.transaction():
                ws.store.accounts.save_user(replace(ada, totp_secret=TOTP["ada"]))
        clock = FixedClock(AT)
        app = create_app(settings, WebSettings(b"test-secret-key-" * 3, dev=True), clock=clock)
        try:
            yield app, clock, url
        finally:
            app.state.hrdmap.pool.close()


def test_the_audit_page_says_the_chain_holds(served: Served) -> None:
    app, clock, _ = served
    page = sign_in(app, "administrator", clock).get("/admin/audit")
    assert page.status_code == 200
    assert 'class="chain-intact"' in page.text and "chain-broken" not in page.text


def test_the_audit_page_names_the_first_entry_rewritten_with_plain_sql(served: Served) -> None:
    app, clock, url = served
    admin = sign_in(app, "administrator", clock)
    attacker = Attacker(url)
    attacker.drop_triggers()
    delete(attacker)  # entry 3
    page = admin.get("/admin/audit").text
    assert 'class="chain-broken"' in page and "broken at entry 4</strong> (deleted)" in page


def test_administrators_export_the_trail_with_its_hashes(served: Served) -> None:
    app, clock, _ = served
    admin = sign_in(app, "administrator", clock)
    lines = admin.get("/admin/audit.jsonl").text.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["id"] for e in entries] == list(range(1, len(entries) + 1))
    assert all(b["previous_hash"] == a["hash"] for a, b in zip(entries, entries[1:], strict=False))
    rows = list(csv.DictReader(io.StringIO(admin.get("/admin/audit.csv").text)))
    assert [r["hash"] for r in rows] == [e["hash"] for e in entries]
