"""Each persona walks its flows in Debian's Chromium (Playwright, launched by path; no browser download).

Skipped, saying why, when /usr/bin/chromium is absent (``.ci/run`` installs it). Screenshots are written to the
test's folder, or to ``$HRDMAP_SCREENSHOTS`` when set (how docs/screenshots/ is made).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock

from .conftest import PASSWORD, PERSONAS, TOTP
from .live import CHROMIUM, CHROMIUM_ARGS, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go."""
    chosen = os.environ.get("HRDMAP_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def base_url(app: FastAPI) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture
def page(base_url: str) -> Iterator[object]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 860}, accept_downloads=True)
        opened = context.new_page()
        errors: list[str] = []
        opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield opened
        context.close()
        browser.close()
        assert errors == [], f"the browser reported errors (CSP?): {errors}"


def _sign_in(page: object, persona: str, clock: FixedClock) -> None:
    name = PERSONAS[persona][0]
    page.goto("/login")  # type: ignore[attr-defined]
    page.fill("#name", name)  # type: ignore[attr-defined]
    page.fill("#password", PASSWORD)  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("main button[type=submit]")  # type: ignore[attr-defined]
    if name in TOTP:
        page.fill("#code", pyotp.TOTP(TOTP[name]).at(clock.now()))  # type: ignore[attr-defined]
        with page.expect_navigation():  # type: ignore[attr-defined]
            page.click("main button[type=submit]")  # type: ignore[attr-defined]
    assert page.url.endswith("/"), page.url  # type: ignore[attr-defined]


def test_an_officer_runs_a_call_and_drafts_the_report(page: object, clock: FixedClock, shots: Path) -> None:
    p = page
    _sign_in(p, "officer", clock)
    p.screenshot(path=shots / "dashboard.png")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("nav.main >> text=Calls")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("main table a >> nth=0")  # type: ignore[attr-defined]
    assert "Contributions" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "call.png")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("text=Draft the report")  # type: ignore[attr-defined]
    with p.expect_download() as download:  # type: ignore[attr-defined]
        p.click("text=Download DOCX")  # type: ignore[attr-defined]
    saved = download.value.path()
    assert saved is not None and Path(saved).read_bytes()[:2] == b"PK"
    p.goto("/documents/2")  # type: ignore[attr-defined]
    assert p.locator("article.doc p.para").count() > 3  # type: ignore[attr-defined]
    p.screenshot(path=shots / "document.png")  # type: ignore[attr-defined]
    p.goto("/search?q=defenders")  # type: ignore[attr-defined]
    assert p.locator("ol.results li").count() > 0  # type: ignore[attr-defined]
    p.screenshot(path=shots / "search.png")  # type: ignore[attr-defined]


def test_a_reviewer_accepts_tags_with_the_keyboard(page: object, clock: FixedClock, shots: Path) -> None:
    p = page
    _sign_in(p, "reviewer", clock)
    p.goto("/review")  # type: ignore[attr-defined]
    first = p.locator(".queue li").first.get_attribute("id")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "review.png")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.keyboard.press("a")  # type: ignore[attr-defined]
    assert p.locator(f"#{first}").count() == 0  # type: ignore[attr-defined]
    p.keyboard.press("j")  # type: ignore[attr-defined]
    second = p.locator(".queue li.current").get_attribute("id")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.keyboard.press("r")  # type: ignore[attr-defined]
    assert p.locator(f"#{second}").count() == 0  # type: ignore[attr-defined]


def test_an_analyst_sees_aggregates_only(page: object, clock: FixedClock, shots: Path) -> None:
    p = page
    _sign_in(p, "analyst", clock)
    links = p.locator("nav.main a").all_inner_texts()  # type: ignore[attr-defined]
    assert "Map" in links and "Corpus" not in links and "Search" not in links
    p.goto("/map")  # type: ignore[attr-defined]
    assert p.locator("table.heat").count() > 0  # type: ignore[attr-defined]
    p.screenshot(path=shots / "map.png")  # type: ignore[attr-defined]
    assert p.request.get("/documents/2").status == 404  # type: ignore[attr-defined]


def test_the_public_sees_the_inputs_page(page: object, shots: Path) -> None:
    p = page
    assert p.goto("/inputs/hrd-assessment-2026").status == 200  # type: ignore[attr-defined]
    text = p.inner_text("main")  # type: ignore[attr-defined]
    assert "Norway" in text and "on file with the Secretariat" in text
    p.screenshot(path=shots / "inputs.png")  # type: ignore[attr-defined]
    p.goto("/documents")  # type: ignore[attr-defined]
    assert "/login" in p.url  # type: ignore[attr-defined]


def test_arabic_pages_read_right_to_left(page: object, clock: FixedClock, shots: Path) -> None:
    p = page
    _sign_in(p, "officer", clock)
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("a[hreflang=ar]")  # type: ignore[attr-defined]
    assert p.get_attribute("html", "dir") == "rtl"  # type: ignore[attr-defined]
    assert p.evaluate("getComputedStyle(document.body).direction") == "rtl"  # type: ignore[attr-defined]
    nav = p.locator("nav.main a")  # type: ignore[attr-defined]
    first, last = nav.first.bounding_box(), nav.last.bounding_box()
    assert first["x"] > last["x"], "the first menu item stands rightmost in Arabic"
    assert "لوحة المتابعة" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "dashboard-ar.png")  # type: ignore[attr-defined]


def test_a_contributor_submits_through_an_intake_link(
    page: object, clock: FixedClock, shots: Path, tmp_path: Path, base_url: str
) -> None:
    p = page
    _sign_in(p, "officer", clock)
    p.goto("/calls/hrd-assessment-2026")  # type: ignore[attr-defined]
    p.select_option("#stakeholder", "digital-shield")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("text=Make an intake link >> nth=-1")  # type: ignore[attr-defined]
    link = p.inner_text("#intake-url")  # type: ignore[attr-defined]
    contributor = p.context.browser.new_context(base_url=base_url)  # type: ignore[attr-defined]
    try:
        c = contributor.new_page()
        c.goto(link)
        assert "Digital Shield for Defenders" in c.inner_text("main")
        upload = tmp_path / "our-input.txt"
        upload.write_text("FICTIONAL. Our organisation trained 40 defenders in digital security in 2026.\n")
        c.set_input_files("#file", str(upload))
        c.check("input[name=confidential]")
        c.screenshot(path=shots / "intake.png")
        with c.expect_navigation():
            c.click("main button[type=submit]")
        assert "our-input.txt" in c.inner_text("#receipt")
        with c.expect_navigation():
            c.click("text=Your submissions")
        assert "our-input.txt" in c.inner_text("#submissions")
        c.screenshot(path=shots / "submissions.png")
        assert c.request.get("/documents").url.endswith("/login?next=/documents")
    finally:
        contributor.close()


def test_an_officer_verifies_an_incident(page: object, clock: FixedClock, shots: Path) -> None:
    p = page
    _sign_in(p, "officer", clock)
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("nav.main >> text=Incidents")  # type: ignore[attr-defined]
    assert "Detention of a lawyer" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "incidents.png")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("text=Killing of a land defender (fictional)")  # type: ignore[attr-defined]

    def change(status: str, reason: str) -> None:
        p.select_option("#new-status", status)  # type: ignore[attr-defined]
        p.fill("#reason", reason)  # type: ignore[attr-defined]
        with p.expect_navigation():  # type: ignore[attr-defined]
            p.click("form[action$='/status'] button")  # type: ignore[attr-defined]

    change("under-verification", "assigned to the field presence")  # verified would be refused: one source
    assert p.inner_text("#status") == "under-verification"  # type: ignore[attr-defined]
    p.select_option("#kind", "url")  # type: ignore[attr-defined]
    p.fill("#reference", "https://news.example.org/fictional-report")  # type: ignore[attr-defined]
    p.fill("#source-name", "news.example.org")  # type: ignore[attr-defined]
    p.select_option("#reliability", "medium")  # type: ignore[attr-defined]
    p.select_option("#source-sensitivity", "public")  # type: ignore[attr-defined]
    with p.expect_navigation():  # type: ignore[attr-defined]
        p.click("form[action$='/sources'] button")  # type: ignore[attr-defined]
    change("verified", "two independent reliable sources")
    assert p.inner_text("#status") == "verified"  # type: ignore[attr-defined]
    assert "two independent reliable sources" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "incident.png", full_page=True)  # type: ignore[attr-defined]
    p.goto("/warnings")  # type: ignore[attr-defined]
    assert "KEN" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "warnings.png")  # type: ignore[attr-defined]


def test_the_public_sees_public_indicators_only(page: object, shots: Path) -> None:
    p = page
    assert p.goto("/indicators?acts=all&by=country").status == 200  # type: ignore[attr-defined]
    rows = p.locator("#figures tbody tr").all_inner_texts()  # type: ignore[attr-defined]
    assert [r.split("\t")[:2] for r in rows] == [["HND", "<3"], ["KEN", "6"]]
    assert "Public records only" in p.inner_text("#public-note")  # type: ignore[attr-defined]
    assert p.locator("a[href^='/incidents/']").count() == 0  # type: ignore[attr-defined]
    p.goto("/indicators?acts=all&by=region&by=act")  # type: ignore[attr-defined]
    p.screenshot(path=shots / "indicators.png", full_page=True)  # type: ignore[attr-defined]
    assert p.request.get("/incidents/1").url.endswith("/login?next=/incidents/1")  # type: ignore[attr-defined]
