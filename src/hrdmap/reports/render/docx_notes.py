"""Real Word footnotes for python-docx, which has no API for them.

A Word footnote lives in the ``word/footnotes.xml`` part (content type
``application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml``), related to the main document
part by the ``…/relationships/footnotes`` relationship. The part opens with two special notes, the separator
(id -1) and the continuation separator (id 0); each real note has an id from 1 and starts with a
``w:footnoteRef`` run (which Word and LibreOffice print as the note's number). In the text, a run holding
``w:footnoteReference w:id="N"`` calls note N. Styles ``FootnoteText`` and ``FootnoteReference`` format them.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from hrdmap.domain.report import Span

#: Languages written right to left.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})

PARTNAME = "/word/footnotes.xml"
_SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


class Footnotes:
    """The footnotes part of one document: add notes, and call them from runs of the body.

    Args:
        document: A python-docx ``Document``; a footnotes part is created when it has none (a reference
            document that has one keeps its separators, and new notes are numbered after its own).
    """

    def __init__(self, document: Any) -> None:
        self._document = document
        self._element = self._part().element
        ids = [int(n.get(qn("w:id"))) for n in self._element.findall(qn("w:footnote"))]
        self._next = max([0, *ids]) + 1

    def _part(self) -> XmlPart:
        main = self._document.part
        for rel in main.rels.values():
            if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external:
                part: XmlPart = rel.target_part
                if not isinstance(part, XmlPart):
                    part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                    main.rels[rel.rId]._target = part
                return part
        part = XmlPart(PackURI(PARTNAME), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(_SEPARATORS), main.package)
        main.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        return part

    def add(self, paragraph: Any, text: str, original: Span | None = None) -> int:
        """Add a note with ``text`` (and a quoted ``original``, marked with its language) and call it at the end
        of ``paragraph`` (a python-docx Paragraph); its id."""
        note_id = self._next
        self._next += 1
        self._element.append(_note(note_id, text, original))
        run = paragraph.add_run()
        run.style = "Footnote Reference"
        reference = etree.SubElement(run._r, qn("w:footnoteReference"))
        reference.set(qn("w:id"), str(note_id))
        return note_id


def _note(note_id: int, text: str, original: Span | None = None) -> Any:
    note = parse_xml(
        f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
    )
    body = etree.SubElement(note[0], qn("w:r"))
    etree.SubElement(body, qn("w:t")).text = text
    if original is not None:
        quoted = etree.SubElement(note[0], qn("w:r"))
        properties = etree.SubElement(quoted, qn("w:rPr"))
        if original.language in RTL_LANGUAGES:
            etree.SubElement(properties, qn("w:rtl"))
        lang = etree.SubElement(properties, qn("w:lang"))
        lang.set(qn("w:bidi" if original.language in RTL_LANGUAGES else "w:val"), original.language or "")
        text_element = etree.SubElement(quoted, qn("w:t"))
        text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text_element.text = " " + original.text
    return note
