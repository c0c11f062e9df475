"""Budgets on what one file may give: pages, characters, blocks, inflated bytes; each refused with its setting."""

from __future__ import annotations

import pytest

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import OverBudget, TooLarge
from hrdmap.ingest.inflation import check_package, check_pdf_streams
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.ingest.text import TextExtractor
from hrdmap.services.parsing import parse_file
from tests.hostile.bombs import MIB, docx_bomb, pdf_bomb

TEXT = "\n\n".join(f"{n}. Defenders in region {n} were threatened." for n in range(1, 41)).encode()


def test_a_pdf_with_more_pages_than_the_budget_is_over_budget() -> None:
    data = pdf_bomb(64 * 1024, pages=6)
    with pytest.raises(OverBudget, match="6 pages, over the budget of 5 per file \\(HRDMAP_MAX_PAGES\\)"):
        PdfExtractor().extract(data, "long.pdf", Limits(max_pages=5))
    assert PdfExtractor().extract(data, "long.pdf", Limits(max_pages=6)).pages == 6


def test_a_file_with_more_blocks_or_characters_than_the_budget_is_over_budget() -> None:
    with pytest.raises(OverBudget, match="HRDMAP_MAX_BLOCKS"):
        parse_file(TEXT, "many.txt", "many.txt", "0" * 64, Limits(max_blocks=10))
    with pytest.raises(OverBudget, match="characters of text, over the budget of 100 per file"):
        TextExtractor().extract(TEXT, "many.txt", Limits(max_chars=100))
    parsed = parse_file(TEXT, "many.txt", "many.txt", "0" * 64, Limits(max_blocks=40))
    assert parsed.document is not None and len(parsed.document.blocks) == 40


def test_package_parts_are_counted_as_they_inflate_and_refused_past_the_limit() -> None:
    bomb = docx_bomb(32 * MIB)
    with pytest.raises(TooLarge, match="word/document.xml .* of 16 MiB inflated \\(HRDMAP_MAX_INFLATED_MB\\)"):
        check_package(bomb, Limits(max_inflated_bytes=16 * MIB), "DOCX")
    check_package(bomb, Limits(max_inflated_bytes=64 * MIB), "DOCX")


def test_pdf_content_streams_are_counted_and_images_are_not() -> None:
    with pytest.raises(TooLarge, match="PDF its compressed streams inflate past the limit"):
        check_pdf_streams(pdf_bomb(32 * MIB), Limits(max_inflated_bytes=16 * MIB))
    image = pdf_bomb(32 * MIB).replace(b"/Filter /FlateDecode", b"/Subtype /Image /Filter /FlateDecode")
    check_pdf_streams(image, Limits(max_inflated_bytes=16 * MIB))
