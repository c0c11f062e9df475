"""Plain text and Markdown: decoding, paragraphs, Markdown structure and footnotes."""

from __future__ import annotations

import pytest

from hrdmap.domain.raw import RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile
from hrdmap.ingest.text import TextExtractor

EXTRACTOR = TextExtractor()
LIMITS = Limits()
PLAIN = (
    "Submission of Norway\n\nThe Government has\nadopted a plan.\n\n"
    "12. Defenders are protected.\n- a bullet\n"
)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"], ids=["utf8", "utf8-bom", "utf16-bom", "cp1252"]
)
def test_decodings_and_hard_wrapped_paragraphs(encoding: str) -> None:
    data = (PLAIN + "Les défenseurs.\n").encode(encoding)
    assert EXTRACTOR.sniff(data)
    raw = EXTRACTOR.extract(data, "submission.txt", LIMITS)
    assert [(b.kind, b.text) for b in raw.blocks] == [
        (RawKind.PARAGRAPH, "Submission of Norway"),
        (RawKind.PARAGRAPH, "The Government has adopted a plan."),
        (RawKind.PARAGRAPH, "12. Defenders are protected."),
        (RawKind.LIST_ITEM, "a bullet Les défenseurs."),
    ]


def test_markdown_headings_lists_tables_and_footnotes() -> None:
    text = (
        "# Contribution of OHCHR\n\nIntro that is\nwrapped[^1] with **bold** and [a link](https://ohchr.org).\n\n"
        "## Practices\n\n1. Training\n2. Monitoring\n   - rapid response\n\n"
        "| Area | Entity |\n|---|---|\n| H | UNDP |\n\n[^1]: A/73/230,\n    para. 4.\n"
    )
    raw = EXTRACTOR.extract(text.encode(), "contribution.md", LIMITS)
    got = [(b.kind, b.level, b.label, b.text) for b in raw.blocks]
    assert got[:6] == [
        (RawKind.HEADING, 1, None, "Contribution of OHCHR"),
        (RawKind.PARAGRAPH, 0, None, "Intro that is wrapped with bold and a link."),
        (RawKind.HEADING, 2, None, "Practices"),
        (RawKind.LIST_ITEM, 0, "1.", "Training"),
        (RawKind.LIST_ITEM, 0, "2.", "Monitoring"),
        (RawKind.LIST_ITEM, 1, None, "rapid response"),
    ]
    assert raw.blocks[1].footnote_refs == ("1",)
    assert raw.blocks[6].rows == (("Area", "Entity"), ("H", "UNDP"))
    assert raw.footnotes == [RawFootnote("1", "A/73/230, para. 4.")]
    assert raw.format == "markdown"


def test_binary_is_not_text_and_blank_text_is_empty() -> None:
    assert not EXTRACTOR.sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not EXTRACTOR.sniff(bytes(range(1, 32)) * 100)
    with pytest.raises(EmptyFile, match="text file has no text"):
        EXTRACTOR.extract(b" \n\n\t\n", "blank.txt", LIMITS)
