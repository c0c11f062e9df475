"""DOCX extraction: headings, numbering labels, notes, tables, languages and errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from hrdmap.domain.raw import RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.errors import CorruptFile, EmptyFile, TooLarge

from .docx_factory import DocxBuilder, Endnote, Footnote

EXTRACTOR = DocxExtractor()
LIMITS = Limits()


def extract(data: bytes, name: str = "sample.docx"):  # noqa: ANN201 - a RawDocument
    return EXTRACTOR.extract(data, name, LIMITS)


def texts(raw) -> list[str]:  # noqa: ANN001
    return [block.text for block in raw.blocks]


def test_un_report_numbered_paragraphs_and_sub_paragraphs_get_word_labels() -> None:
    builder = DocxBuilder()
    paras = builder.numbering("paragraphs")
    builder.paragraph("Introduction", style="HChG")
    for n in range(11):
        builder.paragraph(f"Paragraph {n + 1}.", style="SingleTxtG", num=(paras, 0))
    builder.paragraph("The Council:", style="SingleTxtG", num=(paras, 0))
    builder.paragraph("Urges States;", style="SingleTxtG", num=(paras, 1))
    builder.paragraph("Requests OHCHR;", style="SingleTxtG", num=(paras, 1))
    builder.paragraph("Decides to remain seized.", style="SingleTxtG", num=(paras, 0))
    builder.paragraph("Again from (a).", style="SingleTxtG", num=(paras, 1))
    raw = extract(builder.build())
    labels = [(b.label, b.level) for b in raw.blocks[1:]]
    assert labels[11:] == [("12.", 0), ("(a)", 1), ("(b)", 1), ("13.", 0), ("(a)", 1)]
    assert labels[0] == ("1.", 0)
    assert all(b.kind is RawKind.PARAGRAPH for b in raw.blocks[1:])
    assert raw.blocks[12].text == "The Council:"  # the number is a label, not part of the text


def test_numbering_restart_and_continuation_across_instances() -> None:
    builder = DocxBuilder()
    first = builder.numbering("paragraphs")
    continued = builder.numbering("paragraphs")
    restarted = builder.numbering("paragraphs", restart_at=1)
    builder.paragraph("One", num=(first, 0))
    builder.paragraph("Two", num=(first, 0))
    builder.paragraph("Three, same list through another instance", num=(continued, 0))
    builder.paragraph("One again", num=(restarted, 0))
    builder.paragraph("Two again", num=(restarted, 0))
    assert [b.label for b in extract(builder.build()).blocks] == ["1.", "2.", "3.", "1.", "2."]


def test_empty_numbered_paragraphs_count_but_are_skipped() -> None:
    builder = DocxBuilder()
    paras = builder.numbering("paragraphs")
    builder.paragraph("First", num=(paras, 0))
    builder.paragraph("", num=(paras, 0))
    builder.paragraph("Third", num=(paras, 0))
    raw = extract(builder.build())
    assert [(b.label, b.text) for b in raw.blocks] == [("1.", "First"), ("3.", "Third")]


def test_bullets_are_list_items_and_roman_and_legal_formats_render() -> None:
    builder = DocxBuilder()
    bullets = builder.numbering("bullets")
    chapters = builder.numbering("chapters")
    legal = builder.numbering("legal")
    builder.paragraph("Introduction", style="HChG", num=(chapters, 0))
    builder.paragraph("Mandate", style="HChG", num=(chapters, 0))
    builder.paragraph("Methodology", style="H1G", num=(chapters, 1))
    builder.paragraph("A point", num=(bullets, 0))
    builder.paragraph("A sub-point", num=(bullets, 1))
    builder.paragraph("Scope", num=(legal, 0))
    builder.paragraph("Detail", num=(legal, 1))
    blocks = extract(builder.build()).blocks
    assert [(b.kind, b.level, b.label) for b in blocks[:3]] == [
        (RawKind.HEADING, 1, "I."),
        (RawKind.HEADING, 1, "II."),
        (RawKind.HEADING, 2, "A."),
    ]
    assert [(b.kind, b.level, b.label) for b in blocks[3:5]] == [
        (RawKind.LIST_ITEM, 0, None),
        (RawKind.LIST_ITEM, 1, None),
    ]
    assert [b.label for b in blocks[5:]] == ["1.", "1.1"]


def test_headings_by_builtin_and_un_styles() -> None:
    builder = DocxBuilder(title="Comprehensive assessment")
    builder.paragraph("Report of the Secretary-General", style="Title")
    builder.paragraph("Chapter", style="Heading 1")
    builder.paragraph("Section", style="Heading 3")
    for style in ("HChG", "H1G", "H23G", "H4G", "H56G"):
        builder.paragraph(f"UN {style}", style=style)
    builder.paragraph("Body text.", style="SingleTxtG")
    raw = extract(builder.build())
    got = [(b.kind, b.level) for b in raw.blocks]
    assert got == [
        (RawKind.TITLE, 0),
        (RawKind.HEADING, 1),
        (RawKind.HEADING, 3),
        *[(RawKind.HEADING, level) for level in (1, 2, 3, 4, 5)],
        (RawKind.PARAGRAPH, 0),
    ]
    assert raw.blocks[1].style == "Heading 1"
    assert raw.blocks[-1].style == "SingleTxtG"
    assert raw.title == "Comprehensive assessment"


def test_footnotes_are_numbered_in_reference_order_and_cited_by_their_block() -> None:
    builder = DocxBuilder()
    builder.paragraph(
        "Recalling resolution 53/144", Footnote("General Assembly resolution 53/144, annex."), "."
    )
    builder.paragraph("No note here.")
    builder.paragraph("Two notes", Footnote("A/73/230."), " in one", Footnote("A/HRC/38/18."), ".")
    raw = extract(builder.build())
    assert raw.blocks[0].text == "Recalling resolution 53/144."
    assert [b.footnote_refs for b in raw.blocks] == [("1",), (), ("2", "3")]
    assert raw.footnotes == [
        RawFootnote("1", "General Assembly resolution 53/144, annex."),
        RawFootnote("2", "A/73/230."),
        RawFootnote("3", "A/HRC/38/18."),
    ]


def test_custom_footnote_marks_and_endnotes_keep_their_displayed_labels() -> None:
    builder = DocxBuilder()
    builder.paragraph(
        "Starred", Footnote("Issued without formal editing.", mark="*"), " text", Footnote("Next.")
    )
    builder.paragraph("With an endnote", Endnote("An endnote."), Endnote("Another."))
    raw = extract(builder.build())
    assert raw.blocks[0].text == "Starred text"
    assert raw.blocks[0].footnote_refs == ("*", "1")
    assert raw.blocks[1].footnote_refs == ("i", "ii")  # Word's default endnote numbering is roman
    assert RawFootnote("*", "Issued without formal editing.") in raw.footnotes
    assert RawFootnote("ii", "Another.") in raw.footnotes


def test_tables_keep_rows_and_document_order() -> None:
    builder = DocxBuilder()
    builder.paragraph("Before")
    builder.table([["Recommendation", "Position"], ["115.1 Ratify OP-CAT", "Supported"]])
    builder.paragraph("After")
    raw = extract(builder.build())
    assert [b.kind for b in raw.blocks] == [RawKind.PARAGRAPH, RawKind.TABLE, RawKind.PARAGRAPH]
    assert raw.blocks[1].rows == (("Recommendation", "Position"), ("115.1 Ratify OP-CAT", "Supported"))


def test_run_language_and_document_language() -> None:
    builder = DocxBuilder(lang="fr-FR")
    builder.paragraph("Les défenseurs des droits de l'homme", lang="fr-FR")
    builder.paragraph("No language")
    raw = extract(builder.build())
    assert raw.blocks[0].lang == "fr-FR"
    assert raw.blocks[1].lang is None
    assert raw.lang == "fr-FR"


def _rewrite(data: bytes, member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else source.read(info))
    return out.getvalue()


def test_malformed_document_xml_is_reported_with_part_and_line() -> None:
    builder = DocxBuilder()
    builder.paragraph("Text")
    bad = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n<w:body>\n<w:p></w:body>'
    broken = _rewrite(builder.build(), "word/document.xml", bad)
    assert EXTRACTOR.sniff(broken)
    with pytest.raises(
        CorruptFile, match=r"corrupt DOCX: word/document.xml is not well-formed XML \(line 3\)"
    ):
        extract(broken)


def test_truncated_package_and_empty_document_and_size_limit() -> None:
    builder = DocxBuilder()
    builder.paragraph("Text")
    data = builder.build()
    with pytest.raises(CorruptFile, match="corrupt DOCX: not a readable zip package"):
        extract(data[: len(data) // 2])
    with pytest.raises(EmptyFile, match="DOCX document has no text"):
        extract(DocxBuilder().build())
    with pytest.raises(TooLarge, match="over the"):
        EXTRACTOR.extract(data, "big.docx", Limits(max_file_bytes=100))


@pytest.mark.shared_data
def test_real_upr_thematic_list_tables(shared_data: Path) -> None:
    path = shared_data / "un-upr-slovenia-docs/2ndcycle/UPR20__Slovenia_ThematicListRecommendations_E.docx"
    raw = extract(path.read_bytes(), path.name)
    tables = [b for b in raw.blocks if b.kind is RawKind.TABLE]
    assert tables, "the thematic list is a table"
    rows = tables[0].rows
    assert rows[0] == (
        "Recommendation",
        "Position",
        "Full list of themes",
        "Assessment/comments on level of implementation",
    )
    assert len(rows) > 150
    assert any(row[0].startswith("115.1 ") and row[1] == "Supported" for row in rows)


@pytest.mark.shared_data
def test_real_advance_questions_named_doc_are_docx(shared_data: Path) -> None:
    path = shared_data / "un-upr-slovenia-docs/2ndcycle/AdvancedQuestionsSlovenia.doc"
    data = path.read_bytes()
    assert EXTRACTOR.sniff(data)
    raw = extract(data, path.name)
    assert raw.blocks[0].text == "ADVANCE QUESTIONS TO SLOVENIA"
    questions = [b for b in raw.blocks if b.kind is RawKind.LIST_ITEM]
    assert len(questions) > 10  # the "UPR" style's bullets, inherited through the style
    assert "BELGIUM" in texts(raw)
