"""Published copies of contributions: no author, "last modified by", comments, tracked changes, custom properties
or scripts reach the inputs page. Every name here is fictional."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from lxml import html

from hrdmap.config import Settings
from hrdmap.reports.published_copy import NotScrubbable, scrub
from hrdmap.services.calls.importing import import_call
from hrdmap.services.calls.page import publish_inputs_page
from hrdmap.services.workspace import open_workspace
from tests.actors import TESTER
from tests.ingest.odt_factory import make_odt

from .canaries import found, readable

SECRETS = ("Marisol", "Quintero", "Kestrelorchid", "Okafor", "Lindqvist", "deleted sentence")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Witness">'
    "<vt:lpwstr>Tobias Okafor-Lindqvist</vt:lpwstr></property></Properties>"
)


def hostile_docx() -> bytes:
    """A Word file with its author, a comment, tracked changes, revision ids and a custom property."""
    document = docx.Document()
    paragraph = document.add_paragraph("Defenders were protected by the national mechanism in 2025.")
    document.add_comment(paragraph.runs, text="Kestrelorchid: check with Okafor", author="Marisol Quintero-Vance")
    body = document.element.body
    body.append(
        docx.oxml.parse_xml(
            f'<w:p {W_NS} w:rsidR="00A1B2C3"><w:ins w:id="1" w:author="M. Quintero" w:date="2026-04-01T00:00:00Z">'
            "<w:r><w:t>An inserted sentence stays.</w:t></w:r></w:ins>"
            '<w:del w:id="2" w:author="M. Quintero" w:date="2026-04-01T00:00:00Z"><w:r>'
            "<w:delText>A deleted sentence naming Lindqvist.</w:delText></w:r></w:del></w:p>"
        )
    )
    props = document.core_properties
    props.author, props.last_modified_by, props.comments = "Marisol Quintero-Vance", "M. Quintero", "Kestrelorchid"
    props.title = "Contribution on defenders"
    out = io.BytesIO()
    document.save(out)
    return _with_custom_properties(out.getvalue())


def _with_custom_properties(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
                )
            if info.filename == "_rels/.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
                )
            target.writestr(info, content)
        target.writestr("docProps/custom.xml", CUSTOM)
    return out.getvalue()


def hostile_odt() -> bytes:
    body = (
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion><office:change-info>"
        "<dc:creator>Marisol Quintero-Vance</dc:creator></office:change-info>"
        "<text:p>A deleted sentence naming Lindqvist.</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Defenders were protected in 2025.<office:annotation><dc:creator>M. Quintero</dc:creator>"
        "<text:p>Kestrelorchid: check with Okafor</text:p></office:annotation><text:change text:change-id='c1'/>"
        " The mechanism works.</text:p>"
    )
    data = make_odt(body, title="Contribution on defenders")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "meta.xml":
                content = content.replace(
                    b"</office:meta>",
                    b"<meta:initial-creator>Marisol Quintero-Vance</meta:initial-creator><dc:creator>M. Quintero"
                    b"</dc:creator><meta:user-defined meta:name='Witness'>Okafor-Lindqvist</meta:user-defined>"
                    b"</office:meta>",
                )
            target.writestr(info, content)
    return out.getvalue()


def hostile_pdf() -> bytes:
    """A one-page PDF with an author in its information dictionary, XMP metadata, a text note and a script."""
    from reportlab.pdfgen import canvas  # noqa: PLC0415 - a test dependency

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setAuthor("Marisol Quintero-Vance")
    page.setSubject("Kestrelorchid")
    page.setKeywords("Okafor-Lindqvist")
    page.drawString(72, 720, "Defenders were protected in 2025.")
    page.textAnnotation("Kestrelorchid: check with Okafor", Rect=(72, 600, 200, 650))
    page.showPage()
    page.save()
    data = out.getvalue()
    return data.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", 1)


HOSTILE_HTML = b"""<!DOCTYPE html><html><head><meta name="author" content="Marisol Quintero-Vance">
<meta http-equiv="refresh" content="0; url=http://tracker.example/"><script>alert('Okafor')</script>
<link rel="stylesheet" href="http://tracker.example/s.css"><base href="http://tracker.example/"></head>
<body onload="steal()"><p>Defenders were protected in 2025.</p>
<a href="javascript:steal()">link</a><a href="https://www.ohchr.org/">OHCHR</a>
<img src="http://tracker.example/pixel.gif" onerror="steal()"><iframe src="http://tracker.example/"></iframe>
<form action="http://tracker.example/"><input name="q"></form><!-- Kestrelorchid --></body></html>"""


def test_published_copies_kept_document_metadata_comments_and_tracked_changes_and_no_longer_do() -> None:
    for data, suffix, kept in (
        (hostile_docx(), ".docx", "An inserted sentence stays."),
        (hostile_odt(), ".odt", "The mechanism works."),
    ):
        assert found(_zip_text(data), SECRETS), "the sample must hold the secrets"
        copy = scrub(data, suffix)
        text = _zip_text(copy)
        assert found(text, SECRETS) == [], suffix
        assert "Defenders were protected" in text and kept in text
        assert "Contribution on defenders" in text  # the title stays


def test_a_scrubbed_word_file_still_opens_with_its_text() -> None:
    copy = docx.Document(io.BytesIO(scrub(hostile_docx(), ".docx")))
    assert [p.text for p in copy.paragraphs] == [
        "Defenders were protected by the national mechanism in 2025.",
        "An inserted sentence stays.",
    ]
    assert copy.core_properties.author == "" and copy.core_properties.title == "Contribution on defenders"


def test_a_published_pdf_copy_has_no_author_annotations_or_script() -> None:
    original = hostile_pdf()
    assert found(original.decode("latin-1"), SECRETS)
    copy = scrub(original, ".pdf")
    raw = copy.decode("latin-1")
    assert found(raw, SECRETS) == [] and "JavaScript" not in raw and "OpenAction" not in raw
    pdf = pypdfium2.PdfDocument(copy)
    assert pdf[0].get_textpage().get_text_range().strip() == "Defenders were protected in 2025."
    assert pdfium_c.FPDFPage_GetAnnotCount(pdf[0].raw) == 0


def test_an_html_contribution_was_republished_with_its_live_script_and_no_longer_is() -> None:
    copy = scrub(HOSTILE_HTML, ".html")
    tree = html.fromstring(copy)
    dropped = "//script|//iframe|//form|//base|//link|//meta[@name='author']|//meta[@http-equiv='refresh']"
    assert tree.xpath(dropped) == []
    assert not [e for e in tree.iter() if any(a.lower().startswith("on") for a in e.attrib)]
    assert [a.get("href") for a in tree.iter("a")] == [None, "https://www.ohchr.org/"]
    assert b"tracker.example" not in copy and found(copy.decode(), SECRETS) == []
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0].startswith("default-src 'none'")
    assert "Defenders were protected in 2025." in tree.text_content()


@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".png", ""])
def test_formats_that_cannot_be_scrubbed_are_not_published(suffix: str) -> None:
    with pytest.raises(NotScrubbable):
        scrub(b"{\\rtf1 {\\info {\\author Marisol}}}", suffix)


def test_calls_page_publishes_the_scrubbed_copy(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ngo.docx").write_bytes(hostile_docx())
    (folder / "note.rtf").write_text("{\\rtf1 {\\info {\\author Marisol Quintero}} Text.}", encoding="utf-8")
    (folder / "call.yaml").write_text(
        "# FICTIONAL\nversion: 1\ncall:\n  id: c\n  title: A call (fictional)\n  fictional: true\n"
        "  deadline: 2026-04-30\nstakeholders:\n  - id: ngo\n    name: An NGO (fictional)\n    type: ngo\n"
        "contributions:\n  - file: ngo.docx\n    stakeholder: ngo\n    received: 2026-04-01\n    consent: public\n",
        encoding="utf-8",
    )
    with open_workspace(Settings(home=tmp_path / "home")) as workspace:
        import_call(workspace, TESTER, folder / "call.yaml")
        published = publish_inputs_page(workspace, TESTER, "c", tmp_path / "site" / "inputs.html")
    copies = list(published.written[1:])
    assert [p.name for p in copies] == ["ngo-1.docx"]
    assert found(readable(copies[0]), SECRETS) == []


def _zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())
