"""Word documents (.docx): paragraphs, headings, tables, numbering and notes, in document order.

python-docx opens the package (it finds the main part through the relationships and parses core properties);
the body, the notes, the styles and the numbering definitions are then read with lxml, because python-docx
exposes neither notes nor computed numbering. What Word shows but does not store as text is computed here:
paragraph numbers ("12.", "(a)", see :mod:`hrdmap.ingest.docx_numbering`) and note labels (see
:mod:`hrdmap.ingest.docx_notes`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from hrdmap.domain.raw import RawBlock, RawDocument, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx_notes import Notes, note_texts
from hrdmap.ingest.docx_numbering import ListMark, Numbering
from hrdmap.ingest.docx_runs import read_runs
from hrdmap.ingest.docx_styles import StyleSheet, numbering_ref, w, wval
from hrdmap.ingest.errors import CorruptFile
from hrdmap.ingest.guards import check_input, require_content
from hrdmap.ingest.inflation import check_package
from hrdmap.ingest.tables import cell_text, table_block
from hrdmap.ingest.xmlparts import SAFE_PARSER, package_matches, parse_xml, peek_member, sniff_package

_MAIN_TYPES = (
    b"wordprocessingml.document.main+xml",
    b"wordprocessingml.template.main+xml",
    b"ms-word.document.macroEnabled.main+xml",
)
_WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")})


class DocxExtractor:
    """Reads Word 2007+ documents, whatever their file name says (content decides)."""

    name: ClassVar[str] = "docx"
    media_types: ClassVar[tuple[str, ...]] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    suffixes: ClassVar[tuple[str, ...]] = (".docx", ".docm", ".dotx")
    priority: ClassVar[int] = 10

    def sniff(self, data: bytes) -> bool:
        """A zip package with ``word/document.xml`` or a Word main part in ``[Content_Types].xml``."""
        return package_matches(data, _is_word_package)

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read a Word document; see the module docstring for what is kept."""
        check_input(data, limits)
        check_package(data, limits, "DOCX")  # a decompression bomb is refused before it is parsed
        document = open_document(data)
        try:
            reader = _BodyReader(document)
            raw = reader.read()
            raw.headers = _header_texts(document)
        except (AttributeError, TypeError) as exc:  # python-docx on a part of the wrong type (found by fuzzing)
            raise CorruptFile(f"corrupt DOCX: a part does not have the structure Word writes ({exc})") from exc
        _add_properties(raw, document, reader.styles)
        return require_content(raw, "DOCX document")


def open_document(data: bytes) -> Any:
    """Open a Word package with python-docx.

    Raises:
        CorruptFile: The package is not a readable Word document; the message names the broken part.
    """
    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise _broken_part(data) or CorruptFile(f"corrupt DOCX: malformed XML ({exc})") from exc
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError) as exc:
        raise CorruptFile(f"corrupt DOCX: not a readable zip package ({exc})") from exc
    except (zlib.error, NotImplementedError, RuntimeError) as exc:
        raise CorruptFile(f"corrupt DOCX: a part cannot be unpacked ({exc})") from exc
    except KeyError as exc:
        raise CorruptFile(f"corrupt DOCX: the package lacks a required part ({exc})") from exc
    except ValueError as exc:
        raise CorruptFile(f"corrupt DOCX: {exc}") from exc
    except (AttributeError, TypeError) as exc:  # python-docx on parts of the wrong shape (found by fuzzing)
        raise CorruptFile(f"corrupt DOCX: a part does not have the structure Word writes ({exc})") from exc


def _is_word_package(package: zipfile.ZipFile) -> bool:
    """Whether a package has ``word/document.xml`` or names a Word main part in ``[Content_Types].xml``."""
    if "word/document.xml" in package.namelist():
        return True
    types = peek_member(package, "[Content_Types].xml", 65536)
    return any(main in types for main in _MAIN_TYPES)


def _broken_part(data: bytes) -> CorruptFile | None:
    """Find the first part that is not well-formed XML, to say which one is broken."""
    package = sniff_package(data)
    if package is None:
        return None
    with package:
        for member in package.namelist():
            if not member.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(package.read(member), parser=SAFE_PARSER)
            except etree.XMLSyntaxError as exc:
                return CorruptFile(f"corrupt DOCX: {member} is not well-formed XML (line {exc.lineno})")
            except (zipfile.BadZipFile, ValueError, OSError, zlib.error, NotImplementedError, RuntimeError):
                return CorruptFile(f"corrupt DOCX: {member} cannot be unpacked")
    return None


def _related_xml(document: Any, reltype: str) -> etree._Element | None:
    """The XML of a part related to the main document (numbering, notes), or ``None`` when it has none.

    python-docx parses the parts it knows (numbering) and leaves the others (notes) as bytes.
    """
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if isinstance(element, etree._Element):
                return element
            return parse_xml(part.blob, str(part.partname).lstrip("/"), "DOCX")
    return None


class _BodyReader:
    """Walks the body once, in order, so numbering counters and note numbers advance as Word's do."""

    def __init__(self, document: Any) -> None:
        self._body: etree._Element = document.element.body
        self.styles = StyleSheet(document.styles.element)
        self._numbering = Numbering(_related_xml(document, RT.NUMBERING), self.styles)
        texts = {
            "footnote": note_texts(_related_xml(document, RT.FOOTNOTES), "footnote"),
            "endnote": note_texts(_related_xml(document, RT.ENDNOTES), "endnote"),
        }
        self._notes = Notes(texts, document.settings.element, self._body.find(w("sectPr")))

    def read(self) -> RawDocument:
        blocks = list(self._blocks(self._body))
        return RawDocument(format="docx", blocks=blocks, footnotes=self._notes.found)

    def _blocks(self, container: etree._Element) -> Iterator[RawBlock]:
        for element in container:
            if element.tag in _WRAPPERS:
                yield from self._blocks(element)
            elif element.tag == w("p"):
                block = self._paragraph(element)
                if block is not None:
                    yield block
            elif element.tag == w("tbl"):
                table = self._table(element)
                if table is not None:
                    yield table

    def _paragraph(self, paragraph: etree._Element) -> RawBlock | None:
        ppr = paragraph.find(w("pPr"))
        style_id = wval(ppr, "pStyle") or self.styles.default_style
        own = numbering_ref(ppr)
        inherited = self.styles.numbering(style_id)
        mark = self._numbering.mark(own.over(inherited) if own else inherited, style_id)
        runs = read_runs(paragraph, self._notes.cite)
        if not runs.text:
            return None
        kind, level, label = self._kind(ppr, style_id, mark)
        return RawBlock(
            kind=kind,
            text=runs.text,
            level=level,
            label=label,
            footnote_refs=tuple(runs.refs),
            style=self.styles.name(style_id),
            lang=runs.lang or self.styles.lang(style_id),
        )

    def _kind(
        self, ppr: etree._Element | None, style_id: str | None, mark: ListMark | None
    ) -> tuple[RawKind, int, str | None]:
        label = mark.label if mark is not None else None
        outline = wval(ppr, "outlineLvl")
        heading = self.styles.heading(style_id)
        if outline is not None and outline.isdigit() and int(outline) < 9:
            heading = (RawKind.HEADING, int(outline) + 1)
        if heading is not None:
            return heading[0], heading[1], label
        if mark is None:
            return RawKind.PARAGRAPH, 0, None
        style_name = (self.styles.name(style_id) or "").lower()
        is_list = mark.bullet or "list" in style_name
        return (RawKind.LIST_ITEM if is_list else RawKind.PARAGRAPH), mark.ilvl, label

    def _table(self, table: etree._Element) -> RawBlock | None:
        rows: list[tuple[str, ...]] = []
        refs: list[str] = []
        for row in _children(table, "tr"):
            rows.append(tuple(self._cell(cell, refs) for cell in _children(row, "tc")))
        return table_block(rows, refs)

    def _cell(self, cell: etree._Element, refs: list[str]) -> str:
        return cell_text(self._blocks(cell), refs)


def _children(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    """Children named ``w:<name>``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == w(name):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, name)


def _header_texts(document: Any) -> list[str]:
    """The paragraphs of the page headers and footers, first page's first, in the order the package relates
    them; fields (PAGE, NUMPAGES) show their last computed value."""
    texts: list[str] = []
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        root = element if isinstance(element, etree._Element) else parse_xml(part.blob, str(part.partname), "DOCX")
        for paragraph in root.iter(w("p")):
            text = " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))).split())
            if text and text not in texts:
                texts.append(text)
    return texts


def _add_properties(raw: RawDocument, document: Any, styles: StyleSheet) -> None:
    """Title, language, date and author from the core properties; damaged properties are left out."""
    try:
        _read_properties(raw, document.core_properties, styles)
    except (AttributeError, TypeError, ValueError):  # python-docx on a core.xml of the wrong shape (fuzzing)
        raw.lang = raw.lang or styles.default_lang


def _read_properties(raw: RawDocument, core: Any, styles: StyleSheet) -> None:
    raw.title = (core.title or "").strip() or None
    raw.lang = (core.language or "").strip() or styles.default_lang
    created: datetime | None = core.created
    if created is not None:
        aware = created if created.tzinfo else created.replace(tzinfo=UTC)
        raw.date = aware.astimezone(UTC).isoformat()
    if core.author:
        raw.meta["author"] = core.author
