"""Real UN PDFs end to end: pdfium extraction, layout analysis and the structure builder.

What a reader of the printed document would check: numbered paragraphs complete and in order, sub-paragraphs
as their own blocks, footnotes attached to the paragraph that cites them, and no page furniture (job numbers,
running headers, page numbers) inside the text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document

SLOVENIA = [
    "1stcycle/g0916919.pdf",
    "1stcycle/g0917008.pdf",
    "1stcycle/g0917123.pdf",
    "1stcycle/g1012049.pdf",
    "1stcycle/g1012465.pdf",
    "2ndcycle/g1409727.pdf",
    "2ndcycle/g1413493.pdf",
    "2ndcycle/g1414064.pdf",
    "2ndcycle/g1423930.pdf",
    "2ndcycle/g1504261.pdf",
]
JOB_NUMBER = re.compile(r"GE\.\d{2}-\d{5}|\b\d{2}-\d{5} \(E\)|\*\d{7}\*")
PAGE_OF = re.compile(r"\d{1,3}/\d{1,3}|Page \d{1,3}|- ?\d{1,3} ?-")


@cache
def _document(path: Path) -> Document:
    raw = PdfExtractor().extract(path.read_bytes(), path.name, Limits())
    return build_document(raw, source=str(path), sha256="0" * 64, size=path.stat().st_size)


def _numbers(blocks: list[Block]) -> list[str]:
    return [b.number for b in blocks if b.number and b.kind is not BlockKind.HEADING]


def _block(doc: Document, number: str) -> Block:
    return next(b for b in doc.blocks if b.number == number and b.kind is not BlockKind.HEADING)


def test_resolution_operative_paragraphs_are_complete_and_in_order(shared_data: Path) -> None:
    doc = _document(shared_data / "un-doc-pdfs/A_RES_80_251.pdf")
    assert doc.symbol == "A/RES/80/251"
    numbers = _numbers(doc.paragraphs())
    operative = [n for n in numbers if n.isdigit()]
    assert operative == [str(n) for n in range(1, 34)]
    # Paragraph 1's sub-paragraphs (a) to (n), each its own block, right after it.
    first = numbers.index("1")
    assert numbers[first : first + 15] == ["1", *"abcdefghijklmn"]
    assert _block(doc, "1").text.startswith("Agrees that the following principles")
    assert _block(doc, "n").text == (
        "Mandate implementation shall be regularly reviewed to assess impact and inform decisions on the future "
        "of mandates;"
    )


def test_a_paragraph_broken_by_a_page_break_is_whole(shared_data: Path) -> None:
    doc = _document(shared_data / "un-doc-pdfs/A_RES_80_251.pdf")
    # Paragraph 13 starts on page 3 and ends on page 4.
    text = _block(doc, "13").text
    assert text.startswith("Agrees to include mandate implementation review clauses")
    assert text.endswith("three to five years;")


def test_upr_recommendations_are_complete_and_in_order(shared_data: Path) -> None:
    doc = _document(shared_data / "upr-wg-reports/pdfs/kenya2010.pdf")
    numbers = _numbers(doc.paragraphs())
    recommendations = [n for n in numbers if n.startswith("101.")]
    assert recommendations == [f"101.{n}" for n in range(1, 129)]
    assert [n for n in numbers if n.startswith("102.")] == [f"102.{n}" for n in range(1, 16)]
    assert _block(doc, "101.40").text == (
        "Review its national laws so that they fully uphold the principle of non-discrimination, in particular on "
        "grounds of gender, personal status and citizenship (Czech Republic);"
    )


def test_numbered_paragraphs_of_a_working_group_report_are_complete(shared_data: Path) -> None:
    doc = _document(shared_data / "upr-wg-reports/pdfs/kenya2010.pdf")
    numbers = [n for n in _numbers(doc.paragraphs()) if n.isdigit() and int(n) <= 110]
    assert numbers == [str(n) for n in range(1, 111)]


@pytest.mark.parametrize("name", SLOVENIA)
def test_no_page_furniture_inside_any_block(shared_data: Path, name: str) -> None:
    doc = _document(shared_data / "un-upr-slovenia-docs" / name)
    assert doc.symbol
    for block in doc.blocks:
        text = block.display_text
        assert not JOB_NUMBER.search(text), text
        assert not PAGE_OF.fullmatch(text), text
        if block.page and block.page > 1:
            assert text != doc.symbol, block
            assert not re.search(re.escape(doc.symbol) + r"\s+(Page\s+)?\d{1,3}$", text), text


@pytest.mark.parametrize(
    "name",
    [
        "1stcycle/g0916919.pdf",
        "1stcycle/g0917008.pdf",
        "1stcycle/g0917123.pdf",
        "2ndcycle/g1409727.pdf",
        "2ndcycle/g1413493.pdf",
    ],
)
def test_every_footnote_is_found_and_attached(shared_data: Path, name: str) -> None:
    doc = _document(shared_data / "un-upr-slovenia-docs" / name)
    numbered = [n for n in doc.footnotes if n.label.isdigit()]
    assert [int(n.label) for n in numbered] == list(range(1, len(numbered) + 1))
    assert len(numbered) > 40
    assert all(n.block_index is not None for n in numbered)


def test_footnotes_are_attached_to_the_paragraph_that_cites_them(shared_data: Path) -> None:
    compilation = _document(shared_data / "un-upr-slovenia-docs/1stcycle/g0917123.pdf")
    notes = {n.label: n for n in compilation.footnotes}
    # "2. In 2005, the Human Rights Committee … fundamental freedoms.12"
    cited_by = compilation.blocks[notes["12"].block_index or 0]
    assert cited_by.number == "2"
    assert cited_by.text.endswith("fundamental freedoms.")
    assert notes["12"].text == "Concluding observations of the Human Rights Committee (CCPR/CO/84/SVN) para. 3."
    # "6. CRC18 and CEDAW19 noted …": markers inside the sentence.
    assert compilation.blocks[notes["18"].block_index or 0].number == "6"
    assert compilation.blocks[notes["19"].block_index or 0].number == "6"

    national_report = _document(shared_data / "un-upr-slovenia-docs/2ndcycle/g1413493.pdf")
    notes = {n.label: n for n in national_report.footnotes}
    # "10. In 2010, two new social acts were passed (the Exercise of Rights to Public Funds Act7 and …"
    assert national_report.blocks[notes["7"].block_index or 0].number == "10"
    # "… the National Programme for Higher Education 2011–202014" : a marker glued to a year.
    assert national_report.blocks[notes["14"].block_index or 0].number == "12"


def test_a_page_bottom_footnote_is_separated_from_the_text(shared_data: Path) -> None:
    doc = _document(shared_data / "upr-wg-reports/pdfs/kenya2010.pdf")
    note = next(n for n in doc.footnotes if n.label == "1")
    assert note.text.startswith("Switzerland, the Congo, Latvia")
    citing = doc.blocks[note.block_index or 0]
    assert citing.number == "28"
    assert "Switzerland, the Congo" not in citing.text
    assert "1" in citing.footnote_refs


def test_the_title_is_found(shared_data: Path) -> None:
    doc = _document(shared_data / "upr-wg-reports/pdfs/kenya2010.pdf")
    assert doc.title == "Report of the Working Group on the Universal Periodic Review"


@pytest.mark.parametrize(
    ("name", "sections"),
    [("brazil2012", {"119": 170}), ("zimbabwe2011", {"93": 81, "94": 31, "95": 65})],
)
def test_bold_upr_recommendations_are_one_paragraph_each_complete_and_in_order(
    shared_data: Path, name: str, sections: dict[str, int]
) -> None:
    """UPR reports set their recommendations in bold, with boxes shorter than the regular text's: each
    recommendation, two or three lines long, is still one paragraph, not a heading per line."""
    doc = _document(shared_data / f"upr-wg-reports/pdfs/{name}.pdf")
    numbers = [n for n in _numbers(doc.paragraphs()) if "." in n]
    for section, count in sections.items():
        assert [n for n in numbers if n.startswith(f"{section}.")] == [f"{section}.{i}" for i in range(1, count + 1)]
    recommendations = [b for b in doc.paragraphs() if b.number in set(numbers)]
    assert all(b.text.endswith((";", ".")) for b in recommendations)  # "… (Country);": whole paragraphs
    assert len([b for b in doc.blocks if b.kind is BlockKind.HEADING]) < 15


def test_a_heading_set_on_two_lines_is_one_heading(shared_data: Path) -> None:
    doc = _document(shared_data / "un-upr-slovenia-docs/1stcycle/g0916919.pdf")
    headings = [b.display_text for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert "III. PROMOTION AND PROTECTION OF HUMAN RIGHTS POLITICAL AND CIVIL RIGHTS" in headings
    assert doc.title == (
        "NATIONAL REPORT SUBMITTED IN ACCORDANCE WITH PARAGRAPH 15 (A) OF THE ANNEX TO HUMAN RIGHTS COUNCIL "
        "RESOLUTION 5/1"
    )


@pytest.mark.parametrize(
    ("name", "masthead"),
    [
        (
            "un-doc-pdfs/A_RES_80_251.pdf",
            [
                "United Nations A/RES/80/251",
                "General Assembly Distr.: General",
                "7 April 2026",
                "Eightieth session",
                "Agenda item 123",
                "Strengthening of the United Nations system",
            ],
        ),
        (
            "un-upr-slovenia-docs/1stcycle/g0917123.pdf",
            [
                "UNITED NATIONS A",
                "General Assembly Distr. GENERAL",
                "A/HRC/WG.6/7/SVN/2 19 November 2009",
                "Original: ENGLISH",
                "HUMAN RIGHTS COUNCIL",  # a line in capitals is a block of its own
                "Working Group on the Universal Periodic Review Seventh session Geneva, 8-19 February 2010",
            ],
        ),
    ],
)
def test_the_masthead_is_marked_and_left_out_of_the_paragraphs(
    shared_data: Path, name: str, masthead: list[str]
) -> None:
    doc = _document(shared_data / name)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.MASTHEAD] == masthead
    assert not any(b.text in masthead for b in doc.paragraphs())
    assert doc.symbol and doc.symbol in masthead[0] + masthead[2]
    assert doc.date is not None


def test_no_masthead_is_found_in_a_document_without_one(shared_data: Path) -> None:
    doc = _document(shared_data / "un-upr-slovenia-docs/1stcycle/Slovenia.pdf")
    assert not any(b.kind is BlockKind.MASTHEAD for b in doc.blocks)
