"""Footnotes in PDFs saved by word processors and other exporters (issue 12, finding 1).

A report in the UN template, saved as PDF, must read like the same report as a Word file: every numbered
paragraph whole, every footnote found with its label and attached to the paragraph citing it, whatever the
exporter did with the separator rule, the footnotes' size, their labels and the reference markers. The PDFs are
written here (``pdf_factory``: reportlab pages drawn as different exporters draw them; LibreOffice saving a
Word file with real footnotes), the text is fictional.
"""

from __future__ import annotations

from functools import cache

import pytest

from hrdmap.domain.document import Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.office import convert_with_libreoffice, find_libreoffice
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document

from .pdf_factory import A4, Expected, Exporter, letter, register_vera, un_report_docx, un_report_pdf

EXPORTERS = {
    "superscript markers and labels, stroked rule": Exporter(),
    "Word-like: Tf 1 sizes, a text object per word, filled rule, Letter": Exporter(
        matrix_fonts=True, word_objects=True, rule="rect", page=letter
    ),
    "plain labels, no rule, Helvetica 11/9": Exporter(
        note_label="plain", rule=None, body_font="Helvetica", body_pt=11, note_pt=9
    ),
    "notes at the body's size under a rule": Exporter(note_pt=10, note_label="plain"),
    "markers raised at the text's size, Courier": Exporter(marker="raised", body_font="Courier"),
    "markers smaller on the baseline": Exporter(marker="small"),
    "markers drawn like the text, glued to the word": Exporter(marker="inline"),
    "inline markers, plain labels, no rule": Exporter(marker="inline", rule=None, note_label="plain"),
    "markers after a space, 12/10": Exporter(space_before_marker=True, body_pt=12, note_pt=10),
    "notes half a point smaller, plain labels, no rule": Exporter(note_pt=9.5, rule=None, note_label="plain"),
}


def _build(data: bytes, name: str = "report.pdf") -> Document:
    extractor = PdfExtractor() if name.endswith(".pdf") else DocxExtractor()
    raw = extractor.extract(data, name, Limits())
    return build_document(raw, source=name, sha256="0" * 64, size=len(data))


def _read(doc: Document) -> Expected:
    """What a reader gets: the numbered paragraphs and each footnote with the number of the paragraph citing it."""
    numbers = {block.index: block.number for block in doc.blocks}
    return Expected(
        paragraphs=[block.display_text for block in doc.paragraphs() if block.number],
        footnotes=[(note.label, note.text, str(numbers.get(note.block_index))) for note in doc.footnotes],
    )


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_paragraph_and_footnote_is_read_whatever_the_exporter(name: str) -> None:
    pdf, expected = un_report_pdf(EXPORTERS[name], paragraphs=24)
    doc = _build(pdf)
    assert _read(doc) == expected
    assert doc.symbol == "A/79/123"
    assert all(note.page for note in doc.footnotes)


def test_markers_in_superscript_digits_cite_their_footnotes() -> None:
    register_vera()
    pdf, expected = un_report_pdf(Exporter(marker="unicode", page=A4), paragraphs=6)  # Vera has only ¹ ² ³
    assert _read(_build(pdf)) == expected


@cache
def _libreoffice_pdf(font: str, body_pt: float, note_pt: float, seed: int) -> tuple[bytes, bytes, Expected]:
    docx, expected = un_report_docx(font=font, body_pt=body_pt, note_pt=note_pt, seed=seed)
    return docx, convert_with_libreoffice(docx, ".docx", "pdf", 120), expected


@pytest.mark.libreoffice
@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize(
    ("font", "body_pt", "note_pt", "seed"),
    [("Times New Roman", 10, 8, 1), ("Arial", 11, 9, 2), ("DejaVu Serif", 12, 10, 3), ("Courier New", 10, 10, 4)],
)
def test_a_word_file_saved_as_pdf_reads_like_the_word_file(
    font: str, body_pt: float, note_pt: float, seed: int
) -> None:
    docx, pdf, expected = _libreoffice_pdf(font, body_pt, note_pt, seed)
    from_pdf, from_docx = _build(pdf), _build(docx, "report.docx")
    assert _read(from_docx) == expected
    assert _read(from_pdf) == expected
    assert from_pdf.symbol == from_docx.symbol == "A/79/123"
