"""Build small Word documents with real numbering, footnotes and endnotes for the DOCX tests.

python-docx writes the package, the styles and the paragraphs; it cannot write notes or numbering definitions,
so those parts are written here with lxml, as Word writes them.

Example::

    builder = DocxBuilder()
    paras = builder.numbering("paragraphs")
    builder.paragraph("Defenders face risks", Footnote("See A/73/230."), style="SingleTxtG", num=(paras, 0))
    data = builder.build()
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Pt
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W}"'

# Abstract numbering definitions by name: one (numFmt, lvlText) per level, from level 0.
ABSTRACTS: dict[str, list[tuple[str, str]]] = {
    "paragraphs": [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")],
    "chapters": [("upperRoman", "%1."), ("upperLetter", "%2.")],
    "bullets": [("bullet", "\u2022"), ("bullet", "o")],
    "legal": [("decimal", "%1."), ("decimal", "%1.%2")],
}
UN_STYLES = ("HChG", "H1G", "H23G", "H4G", "H56G", "SingleTxtG")


@dataclass(frozen=True)
class Footnote:
    """A footnote reference at this point of a paragraph; ``mark`` is a custom mark (customMarkFollows)."""

    text: str
    mark: str | None = None


@dataclass(frozen=True)
class Endnote:
    """An endnote reference at this point of a paragraph."""

    text: str


@dataclass
class DocxBuilder:
    """Collects paragraphs, tables, notes and numbering, then writes a .docx."""

    title: str | None = None
    lang: str | None = None
    document: object = field(default_factory=docx.Document)
    _footnotes: list[str] = field(default_factory=list)
    _endnotes: list[str] = field(default_factory=list)
    _abstracts: list[str] = field(default_factory=list)
    _nums: list[tuple[int, int | None]] = field(default_factory=list)
    _note_styles: bool = False

    def __post_init__(self) -> None:
        for name in UN_STYLES:
            self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)

    def numbering(self, abstract: str, restart_at: int | None = None) -> int:
        """Add a numbering instance of an abstract definition in ``ABSTRACTS``; returns its numId.

        Instances of the same abstract definition continue one another unless ``restart_at`` restarts level 0.
        """
        if abstract not in self._abstracts:
            self._abstracts.append(abstract)
        self._nums.append((self._abstracts.index(abstract), restart_at))
        return len(self._nums)

    def paragraph(
        self,
        *parts: str | Footnote | Endnote,
        style: str | None = None,
        num: tuple[int, int] | None = None,
        lang: str | None = None,
    ) -> None:
        """Add a paragraph made of text runs and note references."""
        paragraph = self.document.add_paragraph(style=style)
        for part in parts:
            if isinstance(part, str):
                run = paragraph.add_run(part)
                if lang:
                    run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {NSDECL} w:val="{lang}"/>'))
            else:
                self._reference(paragraph, part)
        if num is not None:
            xml = f'<w:numPr {NSDECL}><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
            paragraph._p.get_or_add_pPr().append(parse_xml(xml))

    def un_template(self, font: str = "Times New Roman", body_pt: float = 10, note_pt: float = 8) -> None:
        """Set the fonts of a UN template: body text, and footnotes in a smaller "footnote text" style whose
        references are superscript ("footnote reference"), as Word's own styles do."""
        normal = self.document.styles["Normal"]
        normal.font.name, normal.font.size = font, Pt(body_pt)
        text = self.document.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        text.font.size = Pt(note_pt)
        text.element.set(f"{{{W}}}styleId", "FootnoteText")
        reference = self.document.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
        reference.element.set(f"{{{W}}}styleId", "FootnoteReference")
        self._note_styles = True

    def header(self, text: str) -> None:
        """Print a text in the page header of every page (a UN symbol)."""
        self.document.sections[0].header.paragraphs[0].text = text

    def footer(self, text: str, page_counter: bool = True) -> None:
        """Print a text in the page footer (a job number), with an "n/N" page counter after a tab."""
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.text = f"{text}\t\t" if page_counter else text
        if page_counter:
            for part in ('<w:fldSimple {ns} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>',
                         "<w:r {ns}><w:t>/</w:t></w:r>",
                         '<w:fldSimple {ns} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'):
                paragraph._p.append(parse_xml(part.format(ns=NSDECL)))

    def table(self, rows: list[list[str]]) -> None:
        """Add a table of plain cell texts."""
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text

    def build(self) -> bytes:
        """Write the package and return its bytes."""
        if self.title:
            self.document.core_properties.title = self.title
        if self.lang:
            self.document.core_properties.language = self.lang
        self._add_notes("footnote", self._footnotes, RT.FOOTNOTES, CT.WML_FOOTNOTES)
        self._add_notes("endnote", self._endnotes, RT.ENDNOTES, CT.WML_ENDNOTES)
        self.document.part.numbering_part._element = parse_xml(self._numbering_xml())
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _reference(self, paragraph: object, note: Footnote | Endnote) -> None:
        kind = "footnote" if isinstance(note, Footnote) else "endnote"
        notes = self._footnotes if kind == "footnote" else self._endnotes
        notes.append(note.text)
        custom = isinstance(note, Footnote) and note.mark is not None
        attr = ' w:customMarkFollows="1"' if custom else ""
        run = f'<w:{kind}Reference {NSDECL}{attr} w:id="{len(notes)}"/>'
        r = paragraph.add_run()._r
        if self._note_styles:
            r.append(parse_xml(f'<w:rPr {NSDECL}><w:rStyle w:val="FootnoteReference"/></w:rPr>'))
        r.append(parse_xml(run))
        if custom:
            r.append(parse_xml(f"<w:t {NSDECL}>{note.mark}</w:t>"))

    def _add_notes(self, kind: str, texts: list[str], reltype: str, content_type: str) -> None:
        if not texts:
            return
        root = etree.Element(f"{{{W}}}{kind}s", nsmap={"w": W})
        for note_id, note_type in ((-1, "separator"), (0, "continuationSeparator")):
            note = etree.SubElement(
                root, f"{{{W}}}{kind}", {f"{{{W}}}type": note_type, f"{{{W}}}id": str(note_id)}
            )
            run = etree.SubElement(etree.SubElement(note, f"{{{W}}}p"), f"{{{W}}}r")
            etree.SubElement(run, f"{{{W}}}{'separator' if note_id < 0 else 'continuationSeparator'}")
        for note_id, text in enumerate(texts, start=1):
            note = etree.SubElement(root, f"{{{W}}}{kind}", {f"{{{W}}}id": str(note_id)})
            p = etree.SubElement(note, f"{{{W}}}p")
            mark = etree.SubElement(p, f"{{{W}}}r")
            if self._note_styles:
                ppr = etree.SubElement(p, f"{{{W}}}pPr")
                etree.SubElement(ppr, f"{{{W}}}pStyle", {f"{{{W}}}val": "FootnoteText"})
                p.insert(0, ppr)
                rpr = etree.SubElement(mark, f"{{{W}}}rPr")
                etree.SubElement(rpr, f"{{{W}}}rStyle", {f"{{{W}}}val": "FootnoteReference"})
            etree.SubElement(mark, f"{{{W}}}{kind}Ref")
            run = etree.SubElement(p, f"{{{W}}}r")
            t = etree.SubElement(
                run, f"{{{W}}}t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
            )
            t.text = f" {text}"
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.document.part.package
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, package)
        self.document.part.relate_to(part, reltype)

    def _numbering_xml(self) -> str:
        parts = [f"<w:numbering {NSDECL}>"]
        for index, name in enumerate(self._abstracts):
            parts.append(f'<w:abstractNum w:abstractNumId="{index}">')
            for ilvl, (fmt, text) in enumerate(ABSTRACTS[name]):
                parts.append(
                    f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text}"/></w:lvl>'
                )
            parts.append("</w:abstractNum>")
        for num_id, (abstract, restart) in enumerate(self._nums, start=1):
            override = (
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart}"/></w:lvlOverride>'
                if restart is not None
                else ""
            )
            parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>')
        parts.append("</w:numbering>")
        return "".join(parts)


def un_report_sample() -> bytes:
    """A small UN-style report: a chapter heading, numbered paragraphs with a sub-paragraph, a footnote,
    a bullet, a French paragraph and a table."""
    builder = DocxBuilder(title="Comprehensive assessment")
    paras = builder.numbering("paragraphs")
    bullets = builder.numbering("bullets")
    builder.paragraph("Introduction", style="Heading 1")
    note = Footnote("A/RES/72/247.")
    builder.paragraph("The Assembly adopted resolution 72/247", note, ".", num=(paras, 0))
    builder.paragraph("The Secretary-General was requested:", num=(paras, 0))
    builder.paragraph("to submit a report;", num=(paras, 1))
    builder.paragraph("A point of practice", num=(bullets, 0))
    builder.paragraph("Les défenseurs des droits de l'homme.", lang="fr-FR")
    builder.table([["Area", "Entity"], ["B", "OHCHR"]])
    return builder.build()
