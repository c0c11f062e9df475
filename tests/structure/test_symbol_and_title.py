"""The document's symbol and title come from the document itself (issue 12, finding 2).

A Word file prints the UN symbol in its page header; a PDF's first page holds its title above its first heading;
a file's declared title is often stale, copied from the document the author started from. The files are made
here, with fictional text.
"""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hrdmap.cli.main import cli
from hrdmap.domain.document import BlockKind, Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.odt import OdtExtractor
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from tests.ingest.docx_factory import DocxBuilder
from tests.ingest.odt_factory import NAMESPACES

STALE = "ADVANCE QUESTIONS TO A FICTIONAL STATE"


def _build(data: bytes, extractor: DocxExtractor | OdtExtractor | PdfExtractor, name: str) -> Document:
    raw = extractor.extract(data, name, Limits())
    return build_document(raw, source=name, sha256="0" * 64, size=len(data))


def _report_docx(first_line: str | None = None) -> bytes:
    builder = DocxBuilder(title=STALE)
    builder.header("A/79/123")
    builder.footer("24-01234")
    if first_line:
        builder.paragraph(first_line)
    builder.paragraph("1. The Council adopted resolution 22/6 on the protection of defenders.")
    builder.paragraph("2. The Office reported on its follow-up.")
    return builder.build()


def test_the_symbol_printed_in_a_word_page_header_is_the_documents() -> None:
    doc = _build(_report_docx(), DocxExtractor(), "report.docx")
    assert doc.symbol == "A/79/123"
    assert not any("24-01234" in b.text for b in doc.blocks)  # the footer is not text of the document


def test_the_symbol_printed_in_an_odt_page_header_is_the_documents() -> None:
    import zipfile

    styles = (
        f'<office:document-styles {NAMESPACES}><office:master-styles><style:master-page style:name="Standard">'
        "<style:header><text:p>A/HRC/79/12</text:p></style:header>"
        "<style:footer><text:p>GE.24-01234</text:p></style:footer>"
        "</style:master-page></office:master-styles></office:document-styles>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES}><office:body><office:text>'
        "<text:p>1. The Council adopted resolution 22/6.</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        package.writestr("styles.xml", styles)
    assert _build(out.getvalue(), OdtExtractor(), "report.odt").symbol == "A/HRC/79/12"


def test_show_finds_a_word_file_by_the_symbol_in_its_page_header(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_report_docx())
    home = str(tmp_path / "home")
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", home, "ingest", str(path)], catch_exceptions=False).exit_code == 0
    shown = runner.invoke(cli, ["--home", home, "show", "A/79/123"], catch_exceptions=False)
    assert shown.exit_code == 0 and "1. The Council adopted resolution 22/6" in shown.stdout


def test_a_first_line_in_capitals_is_the_title_not_the_stale_declared_one() -> None:
    doc = _build(_report_docx("ADVANCE QUESTIONS TO SLOVENIA"), DocxExtractor(), "questions.docx")
    assert doc.title == "ADVANCE QUESTIONS TO SLOVENIA"
    assert [b.kind for b in doc.blocks][:1] == [BlockKind.TITLE]


def test_without_a_title_line_the_declared_title_is_kept() -> None:
    assert _build(_report_docx(), DocxExtractor(), "report.docx").title == STALE


def _pdf_without_masthead(title: str | None, declared: str) -> bytes:
    """A report saved by a word processor: the title at the top of page 1 (no masthead), "I. Introduction" set
    larger below it, numbered paragraphs."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(declared)
    y = 790.0
    if title:
        pdf.setFont("Times-Bold", 14)
        pdf.drawString(72, y, title)
        y -= 40
    pdf.setFont("Times-Bold", 16)
    pdf.drawString(72, y, "I. Introduction")
    pdf.setFont("Times-Roman", 10)
    for number in range(1, 4):
        y -= 30
        pdf.drawString(72, y, f"{number}. The Council welcomed the report of the Special Rapporteur on defenders.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_pdfs_title_is_on_its_first_page_above_its_first_heading() -> None:
    doc = _build(_pdf_without_masthead("Situation of human rights defenders", STALE), PdfExtractor(), "r.pdf")
    assert doc.title == "Situation of human rights defenders"
    heading = next(b for b in doc.blocks if b.kind is BlockKind.HEADING)
    assert (heading.label, heading.text, heading.level) == ("I.", "Introduction", 1)


def test_a_section_heading_is_never_the_title() -> None:
    doc = _build(_pdf_without_masthead(None, "I. Introduction"), PdfExtractor(), "r.pdf")
    assert doc.title is None
    assert not any(b.kind is BlockKind.TITLE for b in doc.blocks)
