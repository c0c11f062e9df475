"""PDFs end to end (pdfium extraction, layout analysis, the builder): the example corpus and PDFs written here.

What a reader checks: words broken at a line end read whole, compounds keep their hyphen, the masthead is
metadata and not text, and Arabic with numbers and symbols reads exactly as it was written.
"""

from __future__ import annotations

import io
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hrdmap.domain.document import BlockKind, Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from hrdmap.structure.text import normalize_text

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
TEXTS = REPO / "scripts" / "examples_texts"
HARAKAT = re.compile("[\u064b-\u0652\u0670]")  # arabic-reshaper drops the vowel marks when it shapes


@cache
def _document(path: Path) -> Document:
    return _build(path.read_bytes(), path.name)


def _build(data: bytes, name: str = "test.pdf") -> Document:
    raw = PdfExtractor().extract(data, name, Limits())
    return build_document(raw, source=name, sha256="0" * 64, size=len(data))


def _masthead_pdf() -> bytes:
    """A page with a UN masthead laid out like the example's, and a paragraph hyphenated at its line ends."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(70, 768, "United Nations")
    pdf.setFont("Helvetica-Bold", 17)
    pdf.drawRightString(525, 768, "A/HRC/EX/2")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(130, 730, "General Assembly")
    pdf.setFont("Times-Roman", 10)
    for i, text in enumerate(("Distr.: General", "3 May 2026", "", "Original: English")):
        pdf.drawString(430, 740 - 12 * i, text)
    pdf.setFont("Times-Bold", 16)
    pdf.drawString(98, 620, "Report on the follow-up of cases")
    pdf.setFont("Times-Roman", 10)
    lines = [
        "1. The Office accom-",
        "panied 27 defenders and ensured the follow-",
        "up of their cases; accompaniment by the Office was welcomed.",
    ]
    for i, text in enumerate(lines):
        pdf.drawString(70, 580 - 12 * i, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_masthead_drawn_in_two_columns_is_marked_and_spaced() -> None:
    doc = _build(_masthead_pdf())
    masthead = [b.text for b in doc.blocks if b.kind is BlockKind.MASTHEAD]
    # "General Assembly" (20 pt) shares a row with the first two lines of the right column: their words do
    # not run together ("General3 May 2026").
    assert "General Assembly Distr.: General 3 May 2026" in masthead
    assert masthead[0] == "United Nations A/HRC/EX/2"
    assert (doc.symbol, str(doc.date), doc.title) == ("A/HRC/EX/2", "2026-05-03", "Report on the follow-up of cases")
    assert [b.display_text for b in doc.paragraphs()] == [
        "1. The Office accompanied 27 defenders and ensured the follow-up of their cases; accompaniment by the "
        "Office was welcomed."
    ]


def test_the_example_report_reads_without_line_end_hyphens_or_masthead() -> None:
    doc = _document(CORPUS / "A_HRC_EX_1_OHCHR.pdf")
    text = " ".join(b.text for b in doc.paragraphs())
    assert "accompanied 27 defenders" in text
    assert "in line with the recommendations of the special procedures" in text
    assert "accom-" not in text and "recom-" not in text
    assert "counter-terrorism legislation" in text  # a compound at a line end keeps its hyphen
    assert [b.text for b in doc.blocks if b.kind is BlockKind.MASTHEAD] == [
        "United Nations A/HRC/EX/1",
        "General Assembly Distr.: General 20 April 2026",
        "Original: English",
        "Human Rights Council",
        "Sixty-second session 15 June–10 July 2026 Agenda item 3",
        "Promotion and protection of all human rights, civil, political, economic, social and cultural rights, "
        "including the right to development",
    ]
    assert not any("Distr." in b.text for b in doc.paragraphs())
    assert (doc.symbol, str(doc.date)) == ("A/HRC/EX/1", "2026-04-20")


def test_the_arabic_example_reads_as_its_source_text() -> None:
    """The example draws Arabic in visual order (arabic-reshaper and python-bidi, as many generators do)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from examples_source import load
    finally:
        sys.path.remove(str(REPO / "scripts"))
    source = load(TEXTS / "03_forum_ar.txt")
    doc = _document(CORPUS / "regional-forum-contribution-ar.pdf")

    def written(text: str) -> str:
        return normalize_text(HARAKAT.sub("", text))

    expected = [written(f"{b.label} {b.text}" if b.label else b.text) for b in source.blocks]
    assert [b.display_text for b in doc.blocks][-len(expected) :] == expected
    assert [n.text for n in doc.footnotes] == [written(note) for note in source.footnotes]
    assert "انظر قرار الجمعية العامة A/RES/EX/1 (قرار خيالي)." in [n.text for n in doc.footnotes]
    assert doc.languages == ("ar",)


@pytest.mark.parametrize("name", ["A_HRC_EX_1_OHCHR.pdf", "regional-forum-contribution-ar.pdf"])
def test_the_example_pdfs_keep_their_titles(name: str) -> None:
    doc = _document(CORPUS / name)
    titles = [b.text for b in doc.blocks if b.kind is BlockKind.TITLE]
    assert len(titles) == 1 and doc.title
