"""HTML pages: headings, paragraphs, numbered lists, quotations, tables and footnotes, in reading order.

Chrome is dropped (scripts, styles, navigation, forms, templates); ``<header>``, ``<article>``, ``<aside>``
and ``<footer>`` are kept, since documents put real text there (the UDHR pages keep the preamble in
``<header>``). ``lang`` is inherited down to every block, so a French quotation inside an English page keeps
its language; the page's ``dir`` goes to ``meta["dir"]``. Ordered-list items get the label a browser shows
("3.", "c.", "iv."), honouring ``start``, ``type``, ``reversed`` and ``value``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

from lxml import etree
from lxml import html as lxml_html

from hrdmap.domain.raw import RawBlock, RawDocument, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.decoding import bom_encoding, decode_text
from hrdmap.ingest.errors import EmptyFile
from hrdmap.ingest.guards import check_input, require_content
from hrdmap.ingest.html_notes import HtmlNotes, find_notes
from hrdmap.ingest.inline import InlineText
from hrdmap.ingest.listlabels import NumberStyle, format_number

_DROP = (
    "script", "style", "nav", "noscript", "template", "form", "svg", "iframe", "object", "embed",
    "button", "select", "textarea", "canvas", "map", "dialog",
)  # fmt: skip
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "body", "blockquote", "pre"}
    | {"figure", "figcaption", "address", "details", "summary", "center", "dl", "dt", "dd", "hr", "fieldset"}
    | {"ul", "ol", "li", "table", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "menu", "legend"}
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_OL_TYPES = {
    "1": NumberStyle.DECIMAL,
    "a": NumberStyle.LOWER_LETTER,
    "A": NumberStyle.UPPER_LETTER,
    "i": NumberStyle.LOWER_ROMAN,
    "I": NumberStyle.UPPER_ROMAN,
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_Mark = tuple[RawKind, str | None] | None
"""The kind and label the first paragraph of a list item takes."""
_LOOKS_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]")


@dataclass(frozen=True, slots=True)
class _Context:
    lang: str | None = None
    depth: int = 0
    """How many lists enclose the element."""
    style: str | None = None


class HtmlExtractor:
    """Reads HTML and XHTML pages (saved web pages, Word "web page" exports, HTML e-mail bodies)."""

    name: ClassVar[str] = "html"
    media_types: ClassVar[tuple[str, ...]] = ("text/html", "application/xhtml+xml")
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")
    priority: ClassVar[int] = 50

    def sniff(self, data: bytes) -> bool:
        """Markup that opens like an HTML page (a doctype, or an ``html``/``head``/``body`` tag)."""
        encoding = bom_encoding(data)
        head = data[:4096].decode(encoding or "latin-1", errors="ignore").lstrip("\ufeff \t\r\n").lower()
        return head.startswith("<") and _LOOKS_HTML.search(head[:2048]) is not None

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read an HTML page; see the module docstring for what is kept."""
        check_input(data, limits)
        declared = _META_CHARSET.search(data[:4096])
        text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
        return require_content(read_html(text), "HTML page")


def read_html(text: str) -> RawDocument:
    """Read HTML already decoded to text (also used for HTML e-mail bodies).

    Raises:
        EmptyFile: There is no markup at all.
    """
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise EmptyFile("HTML page has no content") from exc
    for element in list(root.iter(*_DROP)):
        if isinstance(element, lxml_html.HtmlElement):
            element.drop_tree()
    notes = find_notes(root)
    body = root.find("body")
    reader = _Reader(notes)
    raw = RawDocument(format="html", footnotes=notes.footnotes)
    raw.blocks = list(reader.container(body if body is not None else root, _Context(lang=_lang(root))))
    title = root.findtext(".//title")
    raw.title = " ".join(title.split()) or None if title else None
    raw.lang = _lang(root)
    if root.get("dir"):
        raw.meta["dir"] = root.get("dir", "")
    return raw


def _lang(element: lxml_html.HtmlElement) -> str | None:
    return element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang") or None


class _Reader:
    def __init__(self, notes: HtmlNotes) -> None:
        self._notes = notes

    def container(
        self,
        element: lxml_html.HtmlElement,
        context: _Context,
        mark: tuple[RawKind, str | None] | None = None,
    ) -> Iterator[RawBlock]:
        """Blocks of an element whose children mix text with blocks; ``mark`` labels its first paragraph."""
        if element in self._notes.bodies:
            return
        context = replace(context, lang=_lang(element) or context.lang)
        inline = InlineText(parts=[element.text or ""])
        for child in element:
            if child in self._notes.bodies:
                pass
            elif isinstance(child.tag, str) and child.tag in _BLOCKS:
                for block in self._flush(inline, context, mark):
                    mark = None
                    yield block
                inline = InlineText()
                for block in self._block(child, context, mark):
                    mark = None
                    yield block
            else:
                self._inline(child, inline)
            inline.parts.append(child.tail or "")
        yield from self._flush(inline, context, mark)

    def _flush(self, inline: InlineText, context: _Context, mark: _Mark) -> Iterator[RawBlock]:
        if not inline.text:
            return
        kind, label = mark if mark is not None else (RawKind.PARAGRAPH, None)
        level = max(context.depth - 1, 0) if kind is RawKind.LIST_ITEM else 0
        yield RawBlock(
            kind=kind,
            text=inline.text,
            level=level,
            label=label,
            footnote_refs=tuple(inline.refs),
            style=context.style,
            lang=context.lang,
        )

    def _block(
        self, element: lxml_html.HtmlElement, context: _Context, mark: _Mark = None
    ) -> Iterator[RawBlock]:
        tag = element.tag
        if tag in _HEADINGS:
            inline = InlineText()
            self._inline(element, inline)
            if inline.text:
                lang = _lang(element) or context.lang
                yield RawBlock(
                    RawKind.HEADING,
                    inline.text,
                    level=_HEADINGS[tag],
                    footnote_refs=tuple(inline.refs),
                    lang=lang,
                )
        elif tag in ("ul", "ol", "menu"):
            yield from self._list(element, context)
        elif tag == "table":
            table = self._table(element, replace(context, lang=_lang(element) or context.lang))
            if table is not None:
                yield table
        elif tag in ("blockquote", "pre"):
            yield from self.container(element, replace(context, style=tag), mark)
        elif tag != "hr":
            yield from self.container(element, context, mark)

    def _list(self, element: lxml_html.HtmlElement, context: _Context) -> Iterator[RawBlock]:
        items = [child for child in element if child.tag == "li"]
        ordered = element.tag == "ol"
        style = _OL_TYPES.get(element.get("type", "1"), NumberStyle.DECIMAL)
        step = -1 if element.get("reversed") is not None else 1
        value = _int(element.get("start"), len(items) if step < 0 else 1)
        inner = replace(context, lang=_lang(element) or context.lang, depth=context.depth + 1)
        for child in element:
            if child.tag != "li":
                if isinstance(child.tag, str) and child.tag in _BLOCKS:
                    yield from self._block(child, inner)
                continue
            value = _int(child.get("value"), value)
            label = f"{format_number(value, style)}." if ordered else None
            yield from self.container(child, inner, (RawKind.LIST_ITEM, label))
            value += step

    def _inline(self, element: lxml_html.HtmlElement, inline: InlineText) -> None:
        if not isinstance(element.tag, str):
            return
        if element in self._notes.refs:
            inline.refs.append(self._notes.refs[element])
            return
        if element.tag == "br":
            inline.parts.append("\n")
            return
        inline.parts.append(element.text or "")
        for child in element:
            if child not in self._notes.bodies:
                self._inline(child, inline)
            inline.parts.append(child.tail or "")

    def _table(self, table: lxml_html.HtmlElement, context: _Context) -> RawBlock | None:
        rows: list[tuple[str, ...]] = []
        refs: list[str] = []
        for row in _rows(table):
            cells: list[str] = []
            for cell in row:
                if cell.tag in ("td", "th"):
                    blocks = list(self.container(cell, context))
                    refs.extend(ref for block in blocks for ref in block.footnote_refs)
                    cells.append("\n".join(_flat(block) for block in blocks))
            rows.append(tuple(cells))
        if not any(any(cells) for cells in rows):
            return None
        text = "\n".join("\t".join(cells) for cells in rows)
        return RawBlock(RawKind.TABLE, text, rows=tuple(rows), footnote_refs=tuple(refs), lang=context.lang)


def _flat(block: RawBlock) -> str:
    return f"{block.label} {block.text}" if block.label else block.text


def _rows(table: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
