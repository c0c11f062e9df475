"""The mandate registry: a resolution read back whole, its requests in order, links once each, citing text found.

The resolution here is fictional (``A/RES/EX/1``), written for the tests.
"""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.domain.mandates import (
    Addressee,
    AnswerLink,
    Body,
    DuePoint,
    OperativeParagraph,
    PreambularParagraph,
    ProductKind,
    Recurrence,
    Request,
    Resolution,
    SubParagraph,
)
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
RESOLUTION = Resolution(
    symbol="A/RES/EX/1",
    body=Body.GA,
    title="Fictional resolution on defenders",
    number="EX/1",
    session=80,
    adopted=dt.date(2025, 12, 18),
    preamble=(PreambularParagraph("Recalling", "Recalling its earlier resolutions,", 1),),
    operative=(
        OperativeParagraph(1, "Requests", "request", "Requests the Secretary-General to report;", block_index=2),
        OperativeParagraph(
            2,
            "Calls upon",
            "call_upon",
            "Calls upon States:",
            (SubParagraph("(a)", "to protect defenders;", (SubParagraph("(i)", "online too;"),)),),
            block_index=3,
        ),
    ),
)
DUE = DuePoint("at its eighty-first session", Body.GA, 81, dt.date(2026, 9, 8), dt.date(2027, 9, 7))
REQUESTS = (
    Request(
        1,
        None,
        "Requests",
        Addressee("Secretary-General", "the Secretary-General"),
        "report",
        (Body.GA,),
        (DUE,),
        Recurrence.ANNUAL,
        ProductKind.REPORT,
        "Requests the Secretary-General to report;",
    ),
    Request(2, "(a)", "Calls upon", Addressee("all States", "States"), "protect defenders", text="to protect"),
)


def _store_resolution(store: Store, resolution: Resolution = RESOLUTION) -> tuple[StoredDocument, int]:
    blocks = [Block(i, BlockKind.PARAGRAPH, f"Paragraph {i}.") for i in range(4)]
    with store.transaction():
        document = store.documents.add_version(Document("/in/res.pdf", "e" * 64, "pdf", blocks=blocks), at=AT)
        resolution_id = store.mandates.save(
            resolution, REQUESTS, document_id=document.id, version_id=document.version_id, at=AT
        )
    return document, resolution_id


def _answer(store: Store) -> StoredDocument:
    blocks = [
        Block(0, BlockKind.PARAGRAPH, "The present report is submitted pursuant to resolution EX/1."),
        Block(1, BlockKind.PARAGRAPH, "Nothing about mandates here."),
    ]
    footnotes = [Footnote("1", "See A/RES/EX/1, para. 1.", block_index=1)]
    document = Document("/in/report.pdf", "f" * 64, "pdf", blocks=blocks, footnotes=footnotes, symbol="A/81/1")
    with store.transaction():
        return store.documents.add_version(document, at=AT)


def test_a_resolution_comes_back_whole_whatever_the_case_of_its_symbol(store: Store) -> None:
    document, resolution_id = _store_resolution(store)
    found = store.mandates.resolution("a/res/ex/1")
    assert found is not None
    assert (found.id, found.document_id, found.version_id) == (resolution_id, document.id, document.version_id)
    assert found.resolution == RESOLUTION and found.stored_at == AT
    assert [r.resolution.symbol for r in store.mandates.resolutions()] == ["A/RES/EX/1"]
    assert store.mandates.resolution("A/RES/EX/2") is None


def test_requests_come_back_in_the_order_of_the_resolution(store: Store) -> None:
    _, resolution_id = _store_resolution(store)
    rows = store.mandates.requests(resolution_id)
    assert [(r.symbol, r.resolution_id, r.request) for r in rows] == [
        ("A/RES/EX/1", resolution_id, REQUESTS[0]),
        ("A/RES/EX/1", resolution_id, REQUESTS[1]),
    ]
    assert store.mandates.requests() == rows


def test_a_document_is_linked_to_a_request_once_and_reading_again_drops_the_links(store: Store) -> None:
    _, resolution_id = _store_resolution(store)
    answer = _answer(store)
    request_id = store.mandates.requests(resolution_id)[0].id
    link = AnswerLink(answer.id, None, None, None, "pursuant to resolution EX/1", "The present report …", "symbol")
    with store.transaction():
        assert store.mandates.add_link(request_id, link, at=AT) is True
        assert store.mandates.add_link(request_id, link, at=AT) is False
    assert store.mandates.links([request_id, 999_999]) == {
        request_id: [AnswerLink(answer.id, None, "A/81/1", None, link.cited, link.evidence, "symbol")]
    }
    _store_resolution(store)
    (again,) = store.mandates.resolutions()
    assert store.mandates.links([r.id for r in store.mandates.requests(again.id)]) == {}


def test_citing_blocks_are_paragraphs_and_footnotes_of_current_versions(store: Store) -> None:
    answer = _answer(store)
    blocks = store.documents.blocks(answer.version_id)
    found = store.mandates.citing_blocks("EX/1", "A/RES/EX/1")
    assert sorted((c.document_id, c.block_id, c.text) for c in found) == [
        (answer.id, blocks[0].id, "The present report is submitted pursuant to resolution EX/1."),
        (answer.id, blocks[1].id, "See A/RES/EX/1, para. 1."),
    ]
    assert {c.symbol for c in found} == {"A/81/1"}


def test_citing_blocks_ignore_case_take_patterns_literally_and_come_unplaced_footnotes_first(store: Store) -> None:
    blocks = [Block(0, BlockKind.PARAGRAPH, "Under resolution ex/1 and EXX1."), Block(1, BlockKind.PARAGRAPH, "No.")]
    footnotes = [Footnote("1", "a/res/ex/1, para. 2.")]
    document = Document("/in/other.pdf", "a" * 64, "pdf", blocks=blocks, footnotes=footnotes, symbol="A/81/2")
    with store.transaction():
        stored = store.documents.add_version(document, at=AT)
    first = store.documents.blocks(stored.version_id)[0]
    found = store.mandates.citing_blocks("EX/1", "A/RES/EX/1")
    assert [(c.block_id, c.text) for c in found] == [(None, "a/res/ex/1, para. 2."), (first.id, blocks[0].text)]
    assert store.mandates.citing_blocks("EX_1", "100%") == []
