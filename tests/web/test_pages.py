"""What the pages and the API show each persona: need to know, audit of reads, headers, errors, uploads."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock
from hrdmap.web.security import CSP

from .conftest import REPO, client, csrf, sign_in

CONFIDENTIAL_DOCUMENT = 11  # the example call's confidential contribution (examples/call.yaml)


def test_every_answer_carries_the_security_headers(app: FastAPI, clock: FixedClock) -> None:
    for answer in (client(app).get("/login"), client(app).get("/static/app.css"), client(app).get("/nowhere")):
        assert answer.headers["content-security-policy"] == CSP
        assert "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "server" not in answer.headers
        assert "strict-transport-security" not in answer.headers  # plain http on loopback


def test_pages_have_no_inline_script_or_style(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    for path in ("/", "/documents", f"/documents/{CONFIDENTIAL_DOCUMENT}", "/search?q=defenders", "/review", "/map"):
        text = browser.get(path).text
        assert "<script>" not in text and "<style" not in text and " style=" not in text and " onclick" not in text


def test_a_server_error_shows_no_stack_trace(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /srv/hrdmap")

    from hrdmap.services import dashboard

    original, dashboard.overview = dashboard.overview, broken  # type: ignore[assignment]
    try:
        answer = browser.get("/")
    finally:
        dashboard.overview = original
    assert answer.status_code == 500 and "Traceback" not in answer.text and "secret internals" not in answer.text


def test_the_officer_reads_the_confidential_contribution_and_the_read_is_audited(
    app: FastAPI, clock: FixedClock
) -> None:
    browser = sign_in(app, "officer", clock)
    assert browser.get(f"/documents/{CONFIDENTIAL_DOCUMENT}").status_code == 200
    assert browser.get(f"/api/documents/{CONFIDENTIAL_DOCUMENT}").status_code == 200
    with app.state.hrdmap.pool.workspace() as ws:
        reads = [e for e in ws.store.audit.entries(limit=50) if e.action == "read.confidential"]
    assert {e.subject for e in reads} == {f"document:{CONFIDENTIAL_DOCUMENT}"}
    assert {e.actor for e in reads} == {"olu"} and all(e.detail.get("origin") for e in reads)


def test_the_officer_sees_the_confidential_contribution_marked_in_lists_pages_and_search(
    app: FastAPI, clock: FixedClock
) -> None:
    browser = sign_in(app, "officer", clock)
    page = browser.get(f"/documents/{CONFIDENTIAL_DOCUMENT}").text
    assert "[confidential]" in page
    listed = browser.get("/documents").text
    row = next(r for r in listed.split("<tr>") if f'href="/documents/{CONFIDENTIAL_DOCUMENT}"' in r)
    assert "[confidential]" in row
    public_rows = [r for r in listed.split("<tr>") if 'href="/documents/1"' in r]
    assert public_rows and "[confidential]" not in public_rows[0]


def test_a_reviewer_cleared_for_public_data_finds_no_confidential_document(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    assert browser.get(f"/documents/{CONFIDENTIAL_DOCUMENT}").status_code == 404
    assert browser.get(f"/api/documents/{CONFIDENTIAL_DOCUMENT}").json() == browser.get("/api/documents/9999").json()
    listed = {d["id"] for d in browser.get("/api/documents").json()}
    assert CONFIDENTIAL_DOCUMENT not in listed and 2 in listed
    hits = browser.get("/api/search", params={"q": "defenders", "limit": 200}).json()
    assert hits and CONFIDENTIAL_DOCUMENT not in {h["document_id"] for h in hits}


def test_the_analyst_sees_counts_and_no_paragraph(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "analyst", clock)
    matrices = browser.get("/api/map").json()
    assert matrices and any(c["paragraphs"] for m in matrices for c in m["cells"])
    assert browser.get("/map").status_code == 200
    for path in ("/documents", "/search?q=defenders", "/api/documents", "/api/search?q=defenders", "/calls"):
        assert browser.get(path).status_code == 404, path


def test_the_public_sees_the_inputs_page_without_confidential_names(app: FastAPI) -> None:
    page = client(app).get("/inputs/hrd-assessment-2026")
    assert page.status_code == 200 and "Norway" in page.text
    assert "Confidential contributions on file with the Secretariat" in page.text


def test_a_reviewer_accepts_a_tag_from_the_queue(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "reviewer", clock)
    queue = browser.get("/api/review/queue").json()
    first = queue[0]["tag_id"]
    done = browser.post(f"/review/{first}", data={"decision": "accept", "csrf_token": csrf(browser, "/review")})
    assert done.status_code == 303
    assert first not in {q["tag_id"] for q in browser.get("/api/review/queue").json()}
    with app.state.hrdmap.pool.workspace() as ws:
        assert ws.store.audit.entries(limit=5)[0].action in {"tag.accepted", "read.confidential"}


@pytest.mark.slow
def test_the_officer_uploads_a_file_and_downloads_the_draft(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    sample = REPO / "examples" / "corpus" / "digital-shield-submission.md"
    token = csrf(browser, "/upload")
    answer = browser.post(
        "/upload",
        data={"csrf_token": token},
        files={"file": ("../../evil\x1b[2J.md", sample.read_bytes() + b"\nA new paragraph.\n", "text/markdown")},
    )
    assert answer.status_code == 200 and "stored" in answer.text
    stored = list((app.state.hrdmap.settings.home / "uploads").glob("*/*"))
    assert [p.name for p in stored] == ["evil_[2J.md"]
    draft = browser.get("/calls/hrd-assessment-2026/draft.html")
    assert draft.status_code == 200
    assert draft.headers["content-disposition"].startswith("attachment")
    assert draft.headers["content-type"] == "application/octet-stream"  # never rendered as a page of the app
