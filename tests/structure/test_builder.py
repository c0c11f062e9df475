"""build_document on hand-made raw documents: what a reader of the structured document sees."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.raw import RawBlock, RawDocument, RawFootnote, RawKind, RawLine
from hrdmap.structure.builder import build_document

P = RawKind.PARAGRAPH


def build(*blocks: RawBlock, **fields: object) -> Document:
    raw = RawDocument("docx", blocks=list(blocks), **fields)  # type: ignore[arg-type]
    return build_document(raw, source="report.docx", sha256="ab" * 32, size=1234)


def by_number(doc: Document, number: str) -> Block:
    return next(b for b in doc.blocks if b.number == number)


REPORT = (
    RawBlock(P, "United Nations A/HRC/38/18"),
    RawBlock(P, "Distr.: General 4 January 2010"),
    RawBlock(RawKind.HEADING, "Situation of human rights defenders"),
    RawBlock(P, "I. Introduction"),
    RawBlock(
        P, "1. The General Assembly, in its resolution 72/247, requested a report.", footnote_refs=("1",)
    ),
    RawBlock(P, "2. The Assembly requested the Secretary-General:", footnote_refs=("2",)),
    RawBlock(P, "(a) To submit a comprehensive assessment;"),
    RawBlock(P, "(i) Of the support of the United Nations system;"),
    RawBlock(P, "(ii) Of its gaps;"),
    RawBlock(P, "(b) To consult all States."),
    RawBlock(P, "II. Steps taken"),
    RawBlock(P, "A. Dialogue between Governments and defenders"),
    RawBlock(P, "3. The Office held consultations in many countries.", footnote_refs=("2",)),
    RawBlock(P, "B. Networks"),
    RawBlock(P, "4. Networks of defenders were supported."),
)


def test_numbered_paragraphs_and_sub_paragraphs() -> None:
    doc = build(*REPORT)
    first = by_number(doc, "1")
    assert (first.kind, first.label, first.text) == (
        BlockKind.PARAGRAPH,
        "1.",
        "The General Assembly, in its resolution 72/247, requested a report.",
    )
    assert [(b.label, b.level) for b in doc.blocks[6:10]] == [("(a)", 1), ("(i)", 2), ("(ii)", 2), ("(b)", 1)]
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


def test_headings_levels_and_paths() -> None:
    doc = build(*REPORT)
    headings = [(b.display_text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("I. Introduction", 1),
        ("II. Steps taken", 1),
        ("A. Dialogue between Governments and defenders", 2),
        ("B. Networks", 2),
    ]
    assert by_number(doc, "3").heading_path == (
        "II. Steps taken",
        "A. Dialogue between Governments and defenders",
    )
    assert by_number(doc, "4").heading_path == ("II. Steps taken", "B. Networks")
    assert by_number(doc, "B").heading_path == ("II. Steps taken",)
    assert by_number(doc, "a").heading_path == ("I. Introduction",)


def test_title_symbol_date_and_languages() -> None:
    doc = build(*REPORT, title="Microsoft Word - 1800018.docx", pages=3, meta={"producer": "Word"})
    assert doc.blocks[2].kind is BlockKind.TITLE
    assert doc.title == "Situation of human rights defenders"
    assert doc.symbol == "A/HRC/38/18"
    assert doc.date == dt.date(2010, 1, 4)
    assert doc.languages == ("en",)
    assert all(b.language == "en" for b in doc.blocks)
    assert (doc.pages, doc.size, doc.meta, doc.format) == (3, 1234, {"producer": "Word"}, "docx")


def test_footnotes_are_attached_to_the_first_citing_block() -> None:
    doc = build(
        *REPORT,
        footnotes=[
            RawFootnote("1", "See A/RES/72/247."),
            RawFootnote("2", "Input by Child Rights Connect."),
            RawFootnote("3", "Never cited."),
        ],
    )
    assert [(f.label, f.block_index) for f in doc.footnotes] == [
        ("1", by_number(doc, "1").index),
        ("2", by_number(doc, "2").index),
        ("3", None),
    ]
    assert by_number(doc, "3").footnote_refs == ("2",)


def test_footnote_blocks_in_the_body_become_footnotes() -> None:
    doc = build(
        RawBlock(P, "1. Defenders face reprisals.", footnote_refs=("4",)),
        RawBlock(RawKind.FOOTNOTE, "4 Input by ISHR.", page=2),
    )
    assert [b.text for b in doc.blocks] == ["Defenders face reprisals."]
    assert [(f.label, f.text, f.block_index, f.page) for f in doc.footnotes] == [
        ("4", "Input by ISHR.", 0, 2)
    ]


def test_a_numbered_sentence_stays_a_paragraph_and_a_run_of_short_items_is_a_list() -> None:
    doc = build(
        RawBlock(P, "1. The General Assembly adopted the Declaration in 1998."),
        RawBlock(P, "Priorities:"),
        RawBlock(P, "1. Capacity building"),
        RawBlock(P, "2. Networks"),
        RawBlock(P, "3. Protection"),
    )
    assert {b.kind for b in doc.blocks} == {BlockKind.PARAGRAPH}


def test_word_labels_levels_bullets_and_tables() -> None:
    doc = build(
        RawBlock(RawKind.HEADING, "Contribution of Norway", level=1),
        RawBlock(P, "Requests the Secretary-General to report", label="12."),
        RawBlock(RawKind.LIST_ITEM, "training", label="•", level=1),
        RawBlock(P, "• support to networks"),
        RawBlock(RawKind.TABLE, "", rows=(("Entity", "Activity"), ("OHCHR", "Train\u00addefenders"))),
        RawBlock(P, "   "),
    )
    assert doc.blocks[0].kind is BlockKind.TITLE
    assert (doc.blocks[1].label, doc.blocks[1].number, doc.blocks[1].text) == (
        "12.",
        "12",
        "Requests the Secretary-General to report",
    )
    assert [(b.kind, b.level, b.label) for b in doc.blocks[2:4]] == [
        (BlockKind.LIST_ITEM, 1, "•"),
        (BlockKind.LIST_ITEM, 1, "•"),
    ]
    table = doc.blocks[4]
    assert table.kind is BlockKind.TABLE and table.rows == (
        ("Entity", "Activity"),
        ("OHCHR", "Traindefenders"),
    )
    assert "OHCHR" in table.text
    assert len(doc.blocks) == 5  # the blank paragraph is dropped


def test_formats_heading_level_wins_and_unlabelled_subheadings_nest() -> None:
    doc = build(
        RawBlock(RawKind.TITLE, "Report"),
        RawBlock(RawKind.HEADING, "III. Steps taken", level=1),
        RawBlock(RawKind.HEADING, "Colombia"),
        RawBlock(P, "5. The Office trained defenders in Colombia."),
        RawBlock(RawKind.HEADING, "Annex"),
    )
    assert [b.level for b in doc.blocks if b.kind is BlockKind.HEADING] == [1, 2, 1]
    assert by_number(doc, "5").heading_path == ("III. Steps taken", "Colombia")


def test_pdf_lines_become_blocks() -> None:
    lines = [
        RawLine("United Nations A/C.5/78/34", page=1, top=100, bottom=110, left=50, right=300, font_size=10),
        RawLine("21 June 2024", page=1, top=150, bottom=160, left=50, right=300, font_size=10),
        RawLine(
            "1. The approved resources are shown in the annex.",
            page=1,
            top=300,
            bottom=310,
            left=50,
            right=500,
            font_size=10,
        ),
    ]
    doc = build_document(RawDocument("pdf", lines=lines, pages=4), source="x.pdf", sha256="0", size=1)
    assert doc.symbol == "A/C.5/78/34"
    assert doc.date == dt.date(2024, 6, 21)
    assert doc.blocks[-1].number == "1" and doc.blocks[-1].page == 1


def test_an_empty_document_builds() -> None:
    doc = build()
    assert (doc.blocks, doc.footnotes, doc.languages, doc.title, doc.symbol, doc.date) == (
        [],
        [],
        (),
        None,
        None,
        None,
    )


def test_the_masthead_above_the_title_is_marked_and_is_not_a_paragraph() -> None:
    doc = build(*REPORT)
    assert [(b.kind, b.text) for b in doc.blocks[:3]] == [
        (BlockKind.MASTHEAD, "United Nations A/HRC/38/18"),
        (BlockKind.MASTHEAD, "Distr.: General 4 January 2010"),
        (BlockKind.TITLE, "Situation of human rights defenders"),
    ]
    assert (doc.symbol, doc.date) == ("A/HRC/38/18", dt.date(2010, 1, 4))
    assert all(b.kind is not BlockKind.MASTHEAD for b in doc.paragraphs())


def test_a_contribution_opening_like_a_masthead_line_keeps_its_paragraphs() -> None:
    doc = build(
        RawBlock(RawKind.HEADING, "Contribution of Norway"),
        RawBlock(P, "Human Rights Council resolution 22/6 calls on States to protect defenders."),
        RawBlock(P, "21 June 2024"),
    )
    assert not any(b.kind is BlockKind.MASTHEAD for b in doc.blocks)
