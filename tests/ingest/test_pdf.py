"""The PDF extractor on real UN documents, on PDFs written here with reportlab, and on broken files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import psutil
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.ingest.registry import choose

EXTRACTOR = PdfExtractor()


def make_pdf(pages: list[list[str]] | None = None, *, encrypt: str | None = None, title: str | None = None) -> bytes:
    """A small A4 PDF: each page's lines in 10 pt Times, with a 6 pt raised "1" after lines ending in "^1"."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    for lines in pages if pages is not None else [["1. The Council decides."]]:
        y = 780.0
        for line in lines:
            text = line.removesuffix("^1")
            pdf.setFont("Times-Roman", 10)
            pdf.drawString(72, y, text)
            if line.endswith("^1"):
                pdf.setFont("Times-Roman", 6)
                pdf.drawString(72 + pdf.stringWidth(text, "Times-Roman", 10), y + 4, "1")
            y -= 12
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A 'scan': a page with drawing but no text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(72, 500, 300, 200, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def extract(data: bytes, limits: Limits | None = None) -> RawDocument:
    return EXTRACTOR.extract(data, "test.pdf", limits or Limits())


def test_sniff_accepts_a_pdf_header_within_the_first_kilobyte() -> None:
    assert EXTRACTOR.sniff(make_pdf())
    assert EXTRACTOR.sniff(b"\x00" * 500 + b"%PDF-1.7\n")
    assert not EXTRACTOR.sniff(b"\x00" * 1100 + b"%PDF-1.7\n")
    assert not EXTRACTOR.sniff(b"PK\x03\x04 not a pdf")


def test_the_registry_chooses_the_pdf_extractor_by_content() -> None:
    assert choose(make_pdf(), "contribution.bin").name == "pdf"


def test_lines_carry_page_position_and_font() -> None:
    raw = extract(make_pdf([["1. The Council decides.", "2. Requests the Secretary-General."], ["3. Decides."]]))
    assert raw.format == "pdf"
    assert raw.pages == 2
    assert [(line.text, line.page) for line in raw.lines] == [
        ("1. The Council decides.", 1),
        ("2. Requests the Secretary-General.", 1),
        ("3. Decides.", 2),
    ]
    first, second = raw.lines[0], raw.lines[1]
    assert first.left == pytest.approx(72, abs=1)
    assert first.top < first.bottom < second.top  # y grows down the page
    assert first.font_size == pytest.approx(10, abs=0.1)
    assert (first.page_width, first.page_height) == pytest.approx(A4)


def test_a_superscript_marker_stays_a_small_raised_run() -> None:
    raw = extract(make_pdf([["The Committee welcomed the Act.^1", "Next line."]]))
    text, marker = raw.lines[0], raw.lines[1]
    assert text.text == "The Committee welcomed the Act."
    assert marker.text == "1"
    assert marker.font_size == pytest.approx(6, abs=0.1)
    assert marker.bottom < text.bottom - 2  # raised above the baseline


def test_a_meaningful_metadata_title_is_kept_and_a_file_name_is_not() -> None:
    assert extract(make_pdf(title="Report of the Special Rapporteur")).title == "Report of the Special Rapporteur"
    assert extract(make_pdf(title="Microsoft Word - A_HRC_14_15.doc")).title is None


def test_producer_is_kept_in_meta() -> None:
    assert "reportlab" in extract(make_pdf()).meta["producer"].lower()


def test_a_truncated_pdf_is_corrupt_with_a_reason() -> None:
    data = make_pdf([["Some text."]] * 3)
    with pytest.raises(CorruptFile, match="corrupt PDF: cannot read the cross-reference table"):
        extract(data[: len(data) // 2])


def test_random_bytes_after_a_pdf_header_are_corrupt() -> None:
    with pytest.raises(CorruptFile, match="corrupt PDF"):
        extract(b"%PDF-1.4\n" + os.urandom(4000))


def test_a_password_protected_pdf_is_reported_as_encrypted() -> None:
    with pytest.raises(EncryptedFile, match="password"):
        extract(make_pdf(encrypt="secret"))


def test_an_image_only_pdf_has_no_text_layer() -> None:
    with pytest.raises(EmptyFile, match=r"no text layer \(a scanned PDF\? run OCR first\)"):
        extract(image_only_pdf())


def test_an_empty_file_and_a_file_over_the_limit_are_refused() -> None:
    with pytest.raises(EmptyFile):
        extract(b"")
    with pytest.raises(TooLarge):
        extract(make_pdf(), Limits(max_file_bytes=100))


def test_a_thousand_files_do_not_leak_memory() -> None:
    data = make_pdf([["1. The Council decides.^1", "2. Requests the Secretary-General."]])
    process = psutil.Process()
    for _ in range(100):  # warm up allocators and caches
        extract(data)
    before = process.memory_info().rss
    for _ in range(1000):
        extract(data)
    assert process.memory_info().rss - before < 20 * 1024 * 1024


# --- Real UN documents ----------------------------------------------------------------------------------------


def _real(shared_data: Path, relative: str) -> RawDocument:
    path = shared_data / relative
    return EXTRACTOR.extract(path.read_bytes(), path.name, Limits())


def test_a_general_assembly_resolution_is_read_page_by_page(shared_data: Path) -> None:
    raw = _real(shared_data, "un-doc-pdfs/A_RES_80_251.pdf")
    assert raw.pages == 6
    assert {line.page for line in raw.lines} == set(range(1, 7))
    texts = [line.text for line in raw.lines]
    # The masthead's two columns are two runs (set apart, like a table's cells), and the symbol's digits are
    # not cut into "markers".
    assert {"United Nations", "A/RES/80/251"} <= set(texts)
    assert not any(line.marker for line in raw.lines if line.page == 1 and line.top < 100)
    assert any(t.startswith("1. Agrees that the following principles") for t in texts)


def test_superscript_markers_in_a_real_report_are_separate_small_runs(shared_data: Path) -> None:
    raw = _real(shared_data, "un-upr-slovenia-docs/2ndcycle/g1413493.pdf")
    page_3 = [line for line in raw.lines if line.page == 3]
    act = next(i for i, line in enumerate(page_3) if line.text == "Social Protection Benefits Act")
    marker = page_3[act + 1]
    assert marker.text == "9"
    assert marker.font_size < 0.7 * page_3[act].font_size
    assert marker.bottom < page_3[act].bottom


def test_line_end_hyphens_come_back_as_hyphens(shared_data: Path) -> None:
    raw = _real(shared_data, "upr-wg-reports/pdfs/kenya2010.pdf")
    assert any(line.text.endswith("non-") for line in raw.lines)
    assert not any("\ufffe" in line.text for line in raw.lines)


def test_the_pdf_with_a_broken_cross_reference_table_is_read_by_pdfium(shared_data: Path) -> None:
    """Poppler cannot open g0917123.pdf (its xref table is broken); pdfium rebuilds the table and reads it."""
    raw = _real(shared_data, "un-upr-slovenia-docs/1stcycle/g0917123.pdf")
    assert raw.pages == 17
    assert any("COMPILATION PREPARED BY THE OFFICE" in line.text for line in raw.lines)


def test_every_real_pdf_is_read(shared_data: Path) -> None:
    paths = sorted(shared_data.glob("un-upr-slovenia-docs/*/*.pdf")) + sorted(shared_data.glob("un-doc-pdfs/*.pdf"))
    for path in paths:
        raw = EXTRACTOR.extract(path.read_bytes(), path.name, Limits())
        assert raw.lines, path.name
        assert raw.pages is not None and max(line.page for line in raw.lines) <= raw.pages


# --- Right-to-left text stored in visual order -----------------------------------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ARABIC_LINES = [
    "انظر قرار الجمعية العامة A/RES/EX/1 (قرار خيالي).",
    "دعوة المفوضية المؤرخة 2 آذار/مارس 2026.",
    "(أ) أن تعتمد الدول 40 قانونا؛",
]


def arabic_pdf(lines: list[str]) -> bytes:
    """Arabic shaped into presentation forms and drawn in visual order, as many generators do."""
    import arabic_reshaper
    from bidi.algorithm import get_display
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("DejaVuSans", 10)
    for i, line in enumerate(lines):
        pdf.drawRightString(520, 780 - 14 * i, get_display(arabic_reshaper.reshape(line), base_dir="R"))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu fonts (fonts-dejavu-core)")
def test_arabic_lines_come_out_in_reading_order_with_numbers_and_symbols_left_to_right() -> None:
    from hrdmap.structure.text import normalize_text

    raw = extract(arabic_pdf(ARABIC_LINES))
    assert [normalize_text(line.text) for line in raw.lines] == ARABIC_LINES
    line = raw.lines[0]
    assert line.right == pytest.approx(520, abs=1)  # measured glyph by glyph, not from pdfium's order
    assert line.left < line.right - 150
