"""Word and OpenDocument examples, with real footnotes and (in one) Word auto-numbering.

python-docx has no footnote API, so the footnotes part (``word/footnotes.xml``) and the
``w:footnoteReference`` runs are written with lxml; the numbering definitions for auto-numbered paragraphs
("1.", then "(a)") are added to the template's numbering part. Zip members get a fixed date so that
re-running gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from examples_source import BANNER, Block, Source
from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, Note, NoteBody, NoteCitation, P, Span

ZIP_DATE = (2026, 1, 1, 0, 0, 0)
NUM_ID = 90
_LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed member dates (``mimetype`` first and stored, as ODF requires)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _stamp(source: Source) -> dt.datetime:
    day: dt.date = source.meta["date"]
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC)


# -- DOCX
def render_docx(source: Source) -> bytes:
    """A Word document with footnotes, auto-numbered when the front matter says ``numbering: auto``."""
    document = docx.Document()
    _docx_properties(document, source)
    auto = source.meta.get("numbering") == "auto"
    if auto:
        _add_numbering(document)
    banner = document.add_paragraph()
    banner.add_run(BANNER).bold = True
    if "banner_local" in source.meta:
        document.add_paragraph().add_run(source.meta["banner_local"]).italic = True
    for block in source.blocks:
        _docx_block(document, block, source, auto)
    _add_footnotes(document, source.footnotes)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


def _docx_properties(document: docx.document.Document, source: Source) -> None:
    props = document.core_properties
    props.title = source.meta["doc_title"]
    props.author = props.last_modified_by = source.meta["author"]
    props.created = props.modified = _stamp(source).replace(tzinfo=None)
    props.revision = 1
    props.language = _LOCALES[source.lang]
    props.comments = BANNER
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{_LOCALES[source.lang]}"/>'))
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{source.meta['doc_title']} (fictional example)"


def _docx_block(document: docx.document.Document, block: Block, source: Source, auto: bool) -> None:
    if block.kind == "title":
        paragraph = document.add_paragraph(style="Title")
    elif block.kind == "heading" and source.meta.get("headings") == "styles":
        paragraph = document.add_paragraph(style=f"Heading {block.level}")
    elif block.kind == "heading":
        paragraph = document.add_paragraph()
        _runs(paragraph, block, bold=True)
        return
    else:
        paragraph = document.add_paragraph()
        if block.kind in ("para", "sub") and auto:
            _number(paragraph, 0 if block.kind == "para" else 1)
        elif block.label:
            paragraph.add_run(f"{block.label}\t")
        if block.kind == "sub" and not auto:
            paragraph.paragraph_format.left_indent = Pt(28)
    _runs(paragraph, block)


def _runs(paragraph: Paragraph, block: Block, *, bold: bool = False) -> None:
    for run in block.runs:
        if isinstance(run, int):
            paragraph._p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                    f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{run}"/></w:r>'
                )
            )
        else:
            paragraph.add_run(run).bold = bold or None


def _number(paragraph: Paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>')
    )


def _add_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs>'
        '<w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>')
    )


def _add_footnotes(document: docx.document.Document, notes: list[str]) -> None:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(notes, start=1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    settings.find(qn("w:compat")).addprevious(
        parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
    )
    _add_footnote_styles(document)


def _add_footnote_styles(document: docx.document.Document) -> None:
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )


# -- ODT
def render_odt(source: Source) -> bytes:
    """An OpenDocument text with ``text:note`` footnotes and outline headings."""
    document = OpenDocumentText()
    stamp = _stamp(source).strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(dc.Title(text=source.meta["doc_title"]))
    document.meta.addElement(dc.Language(text=source.lang))
    document.meta.addElement(dc.Creator(text=source.meta["author"]))
    document.meta.addElement(dc.Date(text=stamp))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(meta.InitialCreator(text=source.meta["author"]))
    styles = _odt_styles(document, source.lang)
    document.text.addElement(P(stylename=styles["notice"], text=BANNER))
    document.text.addElement(P(stylename=styles["notice"], text=source.meta["banner_local"]))
    for block in source.blocks:
        document.text.addElement(_odt_block(block, source, styles))
    out = io.BytesIO()
    document.write(out)
    return normalise_zip(out.getvalue())


def _odt_styles(document: OpenDocumentText, lang: str) -> dict[str, Style]:
    country = _LOCALES[lang].split("-")[1]
    default = Style(name="Standard", family="paragraph")
    default.addElement(
        TextProperties(fontname="Liberation Serif", fontsize="11pt", language=lang, country=country)
    )
    document.styles.addElement(default)
    made: dict[str, Style] = {}
    for key, name, size, bold, indent in (
        ("title", "Title", "16pt", True, "0cm"),
        ("heading1", "Heading 1", "13pt", True, "0cm"),
        ("heading2", "Heading 2", "11pt", True, "0cm"),
        ("text", "Text body", "11pt", False, "0cm"),
        ("sub", "Sub-paragraph", "11pt", False, "1cm"),
        ("footnote", "Footnote", "9pt", False, "0cm"),
        ("notice", "Notice", "9pt", True, "0cm"),
    ):
        style = Style(name=name, family="paragraph", parentstylename="Standard")
        style.addElement(ParagraphProperties(marginleft=indent, marginbottom="0.2cm"))
        style.addElement(TextProperties(fontsize=size, fontweight="bold" if bold else "normal"))
        document.styles.addElement(style)
        made[key] = style
    return made


def _odt_block(block: Block, source: Source, styles: dict[str, Style]) -> P | H:
    if block.kind == "title":
        element: P | H = P(stylename=styles["title"])
    elif block.kind == "heading":
        element = H(outlinelevel=block.level, stylename=styles[f"heading{block.level}"])
    else:
        element = P(stylename=styles["sub" if block.kind == "sub" else "text"])
        if block.label:
            element.addText(f"{block.label} ")
    for run in block.runs:
        if isinstance(run, int):
            element.addElement(_odt_note(run, source.footnotes[run - 1], styles["footnote"]))
        else:
            element.addElement(Span(text=run))
    return element


def _odt_note(number: int, text: str, style: Style) -> Note:
    note = Note(id=f"ftn{number}", noteclass="footnote")
    note.addElement(NoteCitation(text=str(number)))
    body = NoteBody()
    body.addElement(P(stylename=style, text=text))
    note.addElement(body)
    return note
