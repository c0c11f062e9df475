"""Older and plainer layouts (issue 12, finding 10): lists without closing punctuation, headings in capitals,
bullets, tables set in columns, barcodes, lists of names. The PDFs are drawn here with reportlab or by hand; the
text is fictional.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hrdmap.domain.document import BlockKind, Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from hrdmap.structure.language import identify_languages, is_name_list

ABBREVIATIONS = [
    ("CSO", "Civil society organization"),
    ("HRD", "Human rights defender"),
    ("NHRI", "National human rights institution"),
    ("NGO", "Non-governmental organization"),
]
TABLE = [
    ("Courts", "2021", "2022", "2023", "Change"),
    ("Higher", "5.139", "6.242", "4.744", "-8,3 (per cent)"),
    ("District", "22.439", "13.924", "14.204", "-36,7 (per cent)"),
    ("Total", "27.578", "20.166", "18.948", "-31,3 (per cent)"),
]


def _build(data: bytes) -> Document:
    raw = PdfExtractor().extract(data, "old.pdf", Limits())
    return build_document(raw, source="old.pdf", sha256="0" * 64, size=len(data))


def _page(draw: object, *, font: str = "Times-Roman") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(font, 11)
    draw(pdf)  # type: ignore[operator]
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_list_of_abbreviations_gives_one_item_per_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Times-Bold", 11)
        pdf.drawString(200, 760, "LIST OF ABBREVIATIONS")
        pdf.setFont("Times-Roman", 11)
        for i, (short, long) in enumerate(ABBREVIATIONS, start=1):
            pdf.drawString(56, 740 - 16 * i, f"{i}. {short} {long}")
        pdf.drawString(56, 640, "5. The State reported on the protection of defenders in the period under review and")
        pdf.drawString(56, 624, "the measures taken.")

    doc = _build(_page(draw))
    items = [(b.label, b.text) for b in doc.paragraphs()]
    assert items[:4] == [(f"{i}.", f"{s} {long}") for i, (s, long) in enumerate(ABBREVIATIONS, start=1)]
    assert items[4] == (
        "5.",
        "The State reported on the protection of defenders in the period under review and the measures taken.",
    )


def test_headings_in_capitals_and_bullets_are_blocks_of_their_own() -> None:
    """An old layout sets headings in capitals at the body's size, not bold, and items after a line that does
    not end a sentence."""

    def draw(pdf: canvas.Canvas) -> None:
        lines = [
            "1. The State adopted measures to support defenders, including:",
            "\u2022 training of judges and prosecutors",
            "\u2022 support to networks of women defenders",
            "II. NORMATIVE AND INSTITUTIONAL FRAMEWORK",
            "The Constitution guarantees the freedom of association and of peaceful assembly to everyone.",
        ]
        for i, text in enumerate(lines):
            pdf.drawString(56, 760 - 15 * i, text)

    doc = _build(_page(draw))
    assert [(b.kind, b.display_text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "1. The State adopted measures to support defenders, including:"),
        (BlockKind.LIST_ITEM, "\u2022 training of judges and prosecutors"),
        (BlockKind.LIST_ITEM, "\u2022 support to networks of women defenders"),
        (BlockKind.HEADING, "II. NORMATIVE AND INSTITUTIONAL FRAMEWORK"),
        (BlockKind.PARAGRAPH, "The Constitution guarantees the freedom of association and of peaceful assembly to "
                              "everyone."),
    ]


def _table_page(*, ruled: bool, one_string: bool) -> bytes:
    """A table set in columns: each cell drawn on its own, or each row as one string padded with spaces (as
    some exporters write it); with rules or without."""
    columns = (56, 150, 230, 310, 390)

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(56, 780, "13. Court backlogs went down in the period under review.")
        pdf.drawString(56, 760, "Table 1")
        for r, row in enumerate(TABLE):
            y = 740 - 16 * r
            if one_string:
                pdf.drawString(56, y, "".join(cell.ljust(14) for cell in row).replace(" ", "\u00a0"))
            else:
                for x, cell in zip(columns, row, strict=True):
                    pdf.drawString(x, y, cell)
            if ruled:
                pdf.line(56, y - 4, 500, y - 4)
        pdf.drawString(56, 660, "14. The Constitution guarantees equal protection of rights in any proceeding.")

    return _page(draw, font="Courier" if one_string else "Times-Roman")


def test_a_table_set_in_columns_is_a_table_block_with_its_rows() -> None:
    for ruled in (False, True):
        doc = _build(_table_page(ruled=ruled, one_string=False))
        (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
        assert list(table.rows) == TABLE
        assert [b.display_text for b in doc.paragraphs()] == [
            "13. Court backlogs went down in the period under review.",
            "Table 1",
            "14. The Constitution guarantees equal protection of rights in any proceeding.",
        ]


def test_a_table_written_as_padded_rows_is_cut_into_cells() -> None:
    doc = _build(_table_page(ruled=False, one_string=True))
    (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert list(table.rows) == TABLE


def test_two_column_masthead_lines_are_not_a_table() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(56, 780, "United Nations")
        pdf.drawString(400, 780, "A/HRC/79/12")
        pdf.drawString(56, 764, "General Assembly")
        pdf.drawString(400, 764, "Distr.: General")
        pdf.drawString(400, 748, "3 May 2026")
        pdf.drawString(56, 700, "1. The Council decided.")

    doc = _build(_page(draw))
    assert not any(b.kind is BlockKind.TABLE for b in doc.blocks)
    assert doc.symbol == "A/HRC/79/12"


def _hand_made_pdf(content: bytes, fonts: dict[str, str]) -> bytes:
    """A one-page PDF written by hand, so that a font may carry any name (a barcode font's)."""
    font_refs = " ".join(f"/{key} {5 + i} 0 R" for i, key in enumerate(fonts))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {font_refs} >> >> "
        f"/Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *(f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} >>".encode() for name in fonts.values()),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_barcode_drawn_with_a_barcode_font_or_symbol_glyphs_is_dropped() -> None:
    content = (
        b"BT /F1 11 Tf 72 700 Td (1. The Council decided to act on reprisals.) Tj ET\n"
        b"BT /F2 24 Tf 72 90 Td (IJKLMNOPQRS) Tj ET\n"  # a barcode font draws bars for these letters
        b"BT /F1 11 Tf 72 400 Td (2. It requested a report.) Tj ET\n"
    )
    doc = _build(_hand_made_pdf(content, {"F1": "Helvetica", "F2": "IDAutomationHC39M"}))
    assert [b.display_text for b in doc.blocks] == [
        "1. The Council decided to act on reprisals.",
        "2. It requested a report.",
    ]


def test_glyphs_that_map_to_no_letter_and_typed_rules_are_not_text() -> None:
    from hrdmap.domain.raw import RawLine
    from hrdmap.structure.layout import blocks_from_lines

    lines = [
        RawLine("1. The Council decided.", 1, 100, 111, 56, 200, 10.0),
        RawLine("\uf02a\uf031\uf035\uf030\uf034\uf032\uf036\uf031\uf02a", 1, 700, 720, 56, 200, 18.0),
        RawLine("------", 1, 300, 311, 56, 100, 10.0),
    ]
    blocks, _ = blocks_from_lines(lines)
    assert [b.text for b in blocks] == ["1. The Council decided."]


def test_lists_of_names_take_the_documents_language() -> None:
    texts = [
        "The Council adopted the resolution by a recorded vote of 31 to 13, with 3 abstentions. The voting was as "
        "follows:",
        "The representative of the State concerned made a statement as the State concerned by the draft resolution.",
        "The Council then heard the statements of the observers for the States that had requested to speak.",
        "At the same meeting, the representatives of the States members of the Council made statements in "
        "explanation of vote before the vote, and the President of the Council announced the results of the vote, "
        "which are set out in the annex to the present report with the statements made by the observers.",
        "Algeria, Argentina, Bangladesh, Bolivia (Plurinational State of), Botswana, Brazil, China, Congo, Cuba",
        "Gabon, Ghana, Kenya, Paraguay",
        "(d) Observer for a national human rights institution: Conseil national des droits de l'homme du Maroc;",
        "\u2022 Ms. Maria Fictitia Exemplo, Journalist;",
        "D. International obligations",
        "Los Estados deben proteger a los defensores y las defensoras.",
    ]
    found, _ = identify_languages(texts, [None] * len(texts), None)
    assert found == ["en", "en", "en", "en", "en", "en", "en", "en", "en", "es"]
    assert is_name_list("Gabon, Ghana, Kenya, Paraguay")
    assert not is_name_list("The State adopted a law, which the Council welcomed, and it informed the Committee.")
