"""The barcode of a UN document's job number is not a paragraph (issue 12, finding 12)."""

from __future__ import annotations

import pytest

from hrdmap.domain.raw import RawBlock, RawDocument, RawKind
from hrdmap.structure.builder import build_document, is_barcode


@pytest.mark.parametrize(
    ("text", "barcode"),
    [
        ("\uf02a\uf031\uf034\uf032\uf033\uf039\uf033\uf030\uf02a", True),  # "*1423930*" in the symbol font
        ("*1012049*", True),
        ("* 1 0 1 2 0 4 9 *", True),
        ("The review of Slovenia was held at the 14th meeting.", False),
        ("*", False),
        ("28/111.", False),
    ],
)
def test_barcodes_are_recognised(text: str, barcode: bool) -> None:
    assert is_barcode(text) is barcode


def test_a_barcode_block_leaves_no_paragraph() -> None:
    raw = RawDocument(
        format="pdf",
        blocks=[
            RawBlock(RawKind.PARAGRAPH, "1. The Council adopted the outcome of the review of Slovenia."),
            RawBlock(RawKind.PARAGRAPH, "\uf02a\uf031\uf035\uf031\uf030\uf037\uf032\uf032\uf02a"),
        ],
    )
    document = build_document(raw, source="decision.pdf", sha256="0" * 64, size=10)
    assert [b.text for b in document.blocks] == ["The Council adopted the outcome of the review of Slovenia."]
