"""OpenDocument text (.odt): headings, paragraphs, lists with their numbers, tables and notes, in order.

The body of ``content.xml`` is walked once so that list counters advance as LibreOffice shows them. A note
(``text:note``) sits inside the paragraph that cites it; its citation becomes the block's footnote reference
and its body a :class:`~hrdmap.domain.raw.RawFootnote`. Tables of contents are skipped (they repeat the
headings).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from lxml import etree

from hrdmap.domain.raw import RawBlock, RawDocument, RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.guards import check_input, require_content
from hrdmap.ingest.inflation import check_package
from hrdmap.ingest.inline import InlineText
from hrdmap.ingest.listlabels import NumberStyle, format_number
from hrdmap.ingest.odt_styles import STYLE, TEXT, ListLevel, OdfStyles, q
from hrdmap.ingest.tables import cell_text, table_block
from hrdmap.ingest.xmlparts import open_package, package_matches, peek_member, read_xml

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_MIMETYPES = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
_CONTAINERS = frozenset({q(TEXT, "section"), q(OFFICE, "text"), q(TEXT, "index-body")})
_ROW_GROUPS = frozenset({q(TABLE, n) for n in ("table-header-rows", "table-rows", "table-row-group")})
_SKIP_INLINE = frozenset(
    {q(OFFICE, "annotation"), q(TEXT, "bookmark-ref"), q(TEXT, "number"), q(TEXT, "tracked-changes")}
)
_MAX_REPEAT = 64
_DEPTH = 10
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_BULLET = ListLevel(bullet=True, style=NumberStyle.NONE)


@dataclass(slots=True)
class _Inline(InlineText):
    langs: Counter[str] = field(default_factory=Counter)

    def add(self, text: str | None, lang: str | None) -> None:
        self.parts.append(text or "")
        if lang and text and text.strip():
            self.langs[lang] += len(text)

    @property
    def lang(self) -> str | None:
        return self.langs.most_common(1)[0][0] if self.langs else None


class OdtExtractor:
    """Reads OpenDocument text files (LibreOffice, OpenOffice, Google Docs exports)."""

    name: ClassVar[str] = "odt"
    media_types: ClassVar[tuple[str, ...]] = ("application/vnd.oasis.opendocument.text",)
    suffixes: ClassVar[tuple[str, ...]] = (".odt", ".ott")
    priority: ClassVar[int] = 10

    def sniff(self, data: bytes) -> bool:
        """A zip package whose ``mimetype`` member names OpenDocument text."""
        return package_matches(data, lambda package: peek_member(package, "mimetype", 100).strip() in _MIMETYPES)

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read an ODT file; see the module docstring for what is kept."""
        check_input(data, limits)
        check_package(data, limits, "ODT")  # a decompression bomb is refused before it is parsed
        with open_package(data, "ODT") as package:
            content = read_xml(package, "content.xml", "ODT")
            names = set(package.namelist())
            styles = read_xml(package, "styles.xml", "ODT") if "styles.xml" in names else None
            meta = read_xml(package, "meta.xml", "ODT") if "meta.xml" in names else None
        reader = _BodyReader(OdfStyles(content, styles))
        body = content.find(f"{q(OFFICE, 'body')}/{q(OFFICE, 'text')}")
        raw = RawDocument(format="odt")
        if body is not None:
            raw.blocks = list(reader.blocks(body))
        raw.footnotes = reader.notes
        raw.headers = _header_texts(styles)
        _add_meta(raw, meta, reader.styles.default_lang)
        return require_content(raw, "ODT document")


def _header_texts(styles: etree._Element | None) -> list[str]:
    """The paragraphs of the master pages' headers and footers (styles.xml), where a symbol may be printed."""
    if styles is None:
        return []
    texts: list[str] = []
    for part in ("header", "header-first", "footer", "footer-first"):
        for area in styles.iter(q(STYLE, part)):
            for paragraph in area.iter(q(TEXT, "p"), q(TEXT, "h")):
                text = " ".join("".join(str(piece) for piece in paragraph.itertext()).split())
                if text and text not in texts:
                    texts.append(text)
    return texts


class _BodyReader:
    def __init__(self, styles: OdfStyles) -> None:
        self.styles = styles
        self.notes: list[RawFootnote] = []
        self._counters: dict[str, list[int]] = {}

    def blocks(self, container: etree._Element) -> Iterator[RawBlock]:
        for element in container:
            tag = element.tag
            if tag in _CONTAINERS:
                yield from self.blocks(element)
            elif tag in (q(TEXT, "p"), q(TEXT, "h")):
                block = self._paragraph(element, None, 0)
                if block is not None:
                    yield block
            elif tag == q(TEXT, "list"):
                yield from self._list(element, None, 0)
            elif tag == q(TABLE, "table"):
                table = self._table(element)
                if table is not None:
                    yield table

    def _paragraph(
        self, element: etree._Element, mark: tuple[ListLevel, str | None] | None, depth: int
    ) -> RawBlock | None:
        inline = _Inline()
        style_name = element.get(q(TEXT, "style-name"))
        self._inline(element, inline, self.styles.lang(style_name))
        if not inline.text:
            return None
        display = self.styles.display_name(style_name)
        kind, level, label = RawKind.PARAGRAPH, 0, None
        if mark is not None:
            list_level, label = mark
            is_list = list_level.bullet or "list" in (display or "").lower()
            kind, level = (RawKind.LIST_ITEM if is_list else RawKind.PARAGRAPH), depth
        if element.tag == q(TEXT, "h"):
            kind, level = RawKind.HEADING, int(element.get(q(TEXT, "outline-level"), "1") or 1)
        elif (display or "").lower() == "title":
            kind, level = RawKind.TITLE, 0
        return RawBlock(
            kind=kind,
            text=inline.text,
            level=level,
            label=label,
            footnote_refs=tuple(inline.refs),
            style=display,
            lang=inline.lang,
        )

    def _inline(self, element: etree._Element, inline: _Inline, lang: str | None = None) -> None:
        inline.add(element.text, lang)
        for child in element:
            tag = child.tag
            if tag == q(TEXT, "s"):
                inline.add(" " * int(child.get(q(TEXT, "c"), "1")), None)
            elif tag == q(TEXT, "tab"):
                inline.add(" ", None)
            elif tag == q(TEXT, "line-break"):
                inline.add("\n", None)
            elif tag == q(TEXT, "note"):
                inline.refs.append(self._note(child))
            elif isinstance(tag, str) and tag not in _SKIP_INLINE and not tag.startswith(f"{{{_DRAW}}}"):
                self._inline(child, inline, self.styles.span_lang(child.get(q(TEXT, "style-name"))) or lang)
            inline.add(child.tail, lang)

    def _note(self, note: etree._Element) -> str:
        citation = note.find(q(TEXT, "note-citation"))
        label = "" if citation is None else (citation.get(q(TEXT, "label")) or _text_of(citation))
        body = note.find(q(TEXT, "note-body"))
        paragraphs: list[str] = []
        for paragraph in () if body is None else body.iter(q(TEXT, "p"), q(TEXT, "h")):
            inline = _Inline()
            self._inline(paragraph, inline)
            if inline.text:
                paragraphs.append(inline.text)
        self.notes.append(RawFootnote(label.strip(), "\n".join(paragraphs)))
        return label.strip()

    def _list(self, element: etree._Element, style: str | None, depth: int) -> Iterator[RawBlock]:
        style = element.get(q(TEXT, "style-name")) or style
        key = style or ""
        continues = element.get(q(TEXT, "continue-numbering")) == "true" or element.get(
            q(TEXT, "continue-list")
        )
        if depth == 0 and (not continues or key not in self._counters):
            self._counters[key] = [0] * 11
        for item in element:
            if item.tag not in (q(TEXT, "list-item"), q(TEXT, "list-header")):
                continue
            mark = self._mark(item, key, depth) if item.tag == q(TEXT, "list-item") else None
            for child in item:
                if child.tag == q(TEXT, "list"):
                    yield from self._list(child, style, depth + 1)
                elif child.tag in (q(TEXT, "p"), q(TEXT, "h")):
                    block = self._paragraph(child, mark, depth)
                    mark = (mark[0], None) if mark is not None else None
                    if block is not None:
                        yield block

    def _mark(self, item: etree._Element, key: str, depth: int) -> tuple[ListLevel, str | None]:
        levels = self.styles.list_levels(key or None)
        level = levels.get(depth + 1, _BULLET)
        counters = self._counters.setdefault(key, [0] * _DEPTH)
        index = min(depth, _DEPTH - 1)
        start = item.get(q(TEXT, "start-value"))
        if start and start.isdigit():
            counters[index] = int(start)
        else:
            counters[index] = counters[index] + 1 if counters[index] else level.start
        counters[index + 1 :] = [0] * (_DEPTH - index - 1)
        if level.bullet:
            return level, None
        first = max(0, index - level.display_levels + 1)
        shown = ".".join(
            format_number(counters[i] or levels.get(i + 1, level).start, levels.get(i + 1, level).style)
            for i in range(first, index + 1)
        )
        return level, f"{level.prefix}{shown}{level.suffix}".strip() or None

    def _table(self, table: etree._Element) -> RawBlock | None:
        rows: list[tuple[str, ...]] = []
        refs: list[str] = []
        for row in _rows(table):
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (q(TABLE, "table-cell"), q(TABLE, "covered-table-cell")):
                    continue
                text = self._cell(cell, refs)
                repeat = min(int(cell.get(q(TABLE, "number-columns-repeated"), "1")), _MAX_REPEAT)
                cells.extend([text] * (repeat if text else 1))
            rows.append(tuple(cells))
        return table_block(rows, refs)

    def _cell(self, cell: etree._Element, refs: list[str]) -> str:
        return cell_text(self.blocks(cell), refs)


def _text_of(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == q(TABLE, "table-row"):
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _add_meta(raw: RawDocument, meta: etree._Element | None, default_lang: str | None) -> None:
    """Take the title, creation date, language and author from ``meta.xml``."""
    info = None if meta is None else meta.find(q(OFFICE, "meta"))

    def value(ns: str, name: str) -> str | None:
        found = None if info is None else info.find(q(ns, name))
        return (found.text or "").strip() or None if found is not None else None

    raw.title = value(DC, "title")
    raw.date = value(META, "creation-date") or value(DC, "date")
    raw.lang = value(DC, "language") or default_lang
    author = value(META, "initial-creator") or value(DC, "creator")
    if author:
        raw.meta["author"] = author
