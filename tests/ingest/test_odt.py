"""ODT extraction: headings, list numbering, notes, tables, languages and errors."""

from __future__ import annotations

import pytest

from hrdmap.domain.raw import RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EmptyFile
from hrdmap.ingest.odt import OdtExtractor
from hrdmap.ingest.office import convert_with_libreoffice, find_libreoffice

from .docx_factory import un_report_sample
from .odt_factory import NAMESPACES, make_odt

EXTRACTOR = OdtExtractor()
LIMITS = Limits()
NUMBERED = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
    '<text:list-level-style-number text:level="2" style:num-format="a" style:num-prefix="(" '
    'style:num-suffix=")"/></text:list-style>'
    '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
    "</text:list-style>"
    '<style:style style:name="Fr" style:family="text">'
    '<style:text-properties fo:language="fr" fo:country="FR"/></style:style>'
)


RESTART = ' text:start-value="12"'


def item(text: str, extra: str = "", attrs: str = "") -> str:
    return f"<text:list-item{attrs}><text:p>{text}</text:p>{extra}</text:list-item>"


def test_headings_paragraphs_and_title() -> None:
    body = (
        '<text:h text:outline-level="1">Introduction</text:h><text:p>The mandate.</text:p>'
        '<text:h text:outline-level="2">Method</text:h><text:p/>'
    )
    raw = EXTRACTOR.extract(make_odt(body, title="Assessment"), "a.odt", LIMITS)
    assert [(b.kind, b.level, b.text) for b in raw.blocks] == [
        (RawKind.HEADING, 1, "Introduction"),
        (RawKind.PARAGRAPH, 0, "The mandate."),
        (RawKind.HEADING, 2, "Method"),
    ]
    assert raw.title == "Assessment"


def test_numbered_list_labels_nesting_start_value_and_continuation() -> None:
    nested = f'<text:list>{item("to report;")}{item("to consult.")}</text:list>'
    body = (
        f'<text:list text:style-name="L1">{item("Stresses")}{item("Requests", nested)}</text:list>'
        "<text:p>An interruption.</text:p>"
        f'<text:list text:style-name="L1" text:continue-numbering="true">{item("Decides")}</text:list>'
        f'<text:list text:style-name="L1">{item("Restarted", attrs=RESTART)}</text:list>'
        f'<text:list text:style-name="L2">{item("A bullet")}</text:list>'
    )
    blocks = EXTRACTOR.extract(make_odt(body, NUMBERED), "a.odt", LIMITS).blocks
    numbered = [(b.label, b.level, b.text) for b in blocks if b.label]
    assert numbered == [
        ("1.", 0, "Stresses"),
        ("2.", 0, "Requests"),
        ("(a)", 1, "to report;"),
        ("(b)", 1, "to consult."),
        ("3.", 0, "Decides"),
        ("12.", 0, "Restarted"),
    ]
    assert (blocks[-1].kind, blocks[-1].label) == (RawKind.LIST_ITEM, None)


def test_footnotes_and_endnotes_are_cited_by_their_paragraph() -> None:
    body = (
        "<text:p>Recalling resolution 53/144"
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Annex.</text:p></text:note-body></text:note>, and"
        '<text:note text:note-class="endnote"><text:note-citation text:label="*">*</text:note-citation>'
        "<text:note-body><text:p>Without editing.</text:p></text:note-body></text:note>.</text:p>"
    )
    raw = EXTRACTOR.extract(make_odt(body), "a.odt", LIMITS)
    assert raw.blocks[0].text == "Recalling resolution 53/144, and."
    assert raw.blocks[0].footnote_refs == ("1", "*")
    assert raw.footnotes == [RawFootnote("1", "Annex."), RawFootnote("*", "Without editing.")]


def test_tables_spans_language_and_spaces() -> None:
    body = (
        '<text:p>Les <text:span text:style-name="Fr">défenseurs des droits</text:span>'
        '<text:s text:c="2"/>humains</text:p>'
        "<table:table><table:table-header-rows><table:table-row>"
        "<table:table-cell><text:p>Area</text:p></table:table-cell>"
        "<table:table-cell><text:p>Entity</text:p></table:table-cell></table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><text:p>B</text:p></table:table-cell>"
        "<table:table-cell><text:p>OHCHR</text:p></table:table-cell></table:table-row></table:table>"
    )
    raw = EXTRACTOR.extract(make_odt(body, NUMBERED), "a.odt", LIMITS)
    assert raw.blocks[0].text == "Les défenseurs des droits humains"
    assert raw.blocks[0].lang == "fr-FR"
    assert raw.blocks[1].rows == (("Area", "Entity"), ("B", "OHCHR"))


def test_sniff_by_mimetype_member_and_errors() -> None:
    data = make_odt("<text:p>Text</text:p>")
    assert EXTRACTOR.sniff(data)
    assert not EXTRACTOR.sniff(b"PK\x03\x04 not really a zip")
    broken = make_odt("", content='<office:document-content xmlns:office="x">\n<office:body>')
    with pytest.raises(CorruptFile, match=r"corrupt ODT: content.xml is not well-formed XML \(line 2\)"):
        EXTRACTOR.extract(broken, "a.odt", LIMITS)
    with pytest.raises(CorruptFile, match="corrupt ODT: not a readable zip package"):
        EXTRACTOR.extract(data[:40], "a.odt", LIMITS)
    with pytest.raises(EmptyFile, match="ODT document has no text"):
        EXTRACTOR.extract(make_odt("<text:p/>"), "a.odt", LIMITS)


@pytest.mark.libreoffice
@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice (soffice) is not installed")
def test_real_libreoffice_odt_keeps_numbering_notes_and_tables() -> None:
    data = convert_with_libreoffice(un_report_sample(), ".docx", "odt", 120)
    raw = EXTRACTOR.extract(data, "report.odt", LIMITS)
    labelled = [(b.label, b.text) for b in raw.blocks if b.label]
    assert labelled == [
        ("1.", "The Assembly adopted resolution 72/247."),
        ("2.", "The Secretary-General was requested:"),
        ("(a)", "to submit a report;"),
    ]
    assert raw.blocks[1].footnote_refs == ("1",)
    assert raw.footnotes == [RawFootnote("1", "A/RES/72/247.")]
    assert raw.blocks[0].kind is RawKind.HEADING
    assert any(b.kind is RawKind.TABLE and b.rows[1] == ("B", "OHCHR") for b in raw.blocks)
    assert raw.title == "Comprehensive assessment"


def test_external_entities_are_never_resolved() -> None:
    content = (
        '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY leak SYSTEM "file:///etc/passwd">]>\n'
        f"<office:document-content {NAMESPACES}><office:body><office:text>"
        "<text:p>Before &leak; after</text:p></office:text></office:body></office:document-content>"
    )
    raw = EXTRACTOR.extract(make_odt("", content=content), "a.odt", LIMITS)
    assert raw.blocks[0].text == "Before after"
