"""What ODF paragraph and list styles say: display names, languages, and how list levels are numbered.

Styles are spread over ``content.xml`` (automatic styles, named P1, P2 … by LibreOffice) and ``styles.xml``
(named styles, list styles and the defaults); a paragraph style inherits from its parent, so the language of a
paragraph is looked up along the chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from hrdmap.ingest.listlabels import NumberStyle
from hrdmap.ingest.style_chain import first_said, style_chain

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_FORMATS = {
    "1": NumberStyle.DECIMAL,
    "a": NumberStyle.LOWER_LETTER,
    "A": NumberStyle.UPPER_LETTER,
    "i": NumberStyle.LOWER_ROMAN,
    "I": NumberStyle.UPPER_ROMAN,
}


def q(ns: str, name: str) -> str:
    """A Clark name: ``q(TEXT, "p")`` → ``{urn:…:text:1.0}p``."""
    return f"{{{ns}}}{name}"


@dataclass(frozen=True, slots=True)
class ListLevel:
    """How one level of a list style shows its items (``text:list-level-style-*``)."""

    bullet: bool
    style: NumberStyle
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    display_levels: int = 1


@dataclass(frozen=True, slots=True)
class _ParagraphStyle:
    display_name: str
    parent: str | None
    lang: str | None


def _lang(element: etree._Element) -> str | None:
    props = element.find(q(STYLE, "text-properties"))
    if props is None:
        return None
    language = props.get(q(FO, "language"))
    if not language or language == "zxx":
        return None
    country = props.get(q(FO, "country"))
    return f"{language}-{country}" if country and country != "none" else language


def _level(element: etree._Element) -> tuple[int, ListLevel]:
    level = int(element.get(q(TEXT, "level"), "1"))
    if element.tag != q(TEXT, "list-level-style-number"):
        return level, ListLevel(bullet=True, style=NumberStyle.NONE)
    fmt = element.get(q(STYLE, "num-format"), "")
    start = element.get(q(TEXT, "start-value"), "1")
    shown = element.get(q(TEXT, "display-levels"), "1")
    return level, ListLevel(
        bullet=False,
        style=_FORMATS.get(fmt, NumberStyle.NONE if not fmt else NumberStyle.DECIMAL),
        prefix=element.get(q(STYLE, "num-prefix"), ""),
        suffix=element.get(q(STYLE, "num-suffix"), ""),
        start=int(start) if start.isdigit() else 1,
        display_levels=int(shown) if shown.isdigit() else 1,
    )


class OdfStyles:
    """Paragraph and list styles gathered from the style containers of ``content.xml`` and ``styles.xml``."""

    def __init__(self, *roots: etree._Element | None) -> None:
        self._paragraphs: dict[str, _ParagraphStyle] = {}
        self._lists: dict[str, dict[int, ListLevel]] = {}
        self._span_langs: dict[str, str] = {}
        self.default_lang: str | None = None
        for root in roots:
            if root is not None:
                self._read(root)

    def _read(self, root: etree._Element) -> None:
        for element in root.iter(q(STYLE, "style"), q(STYLE, "default-style"), q(TEXT, "list-style")):
            if element.tag == q(TEXT, "list-style"):
                self._lists[element.get(q(STYLE, "name"), "")] = dict(
                    _level(child) for child in element if isinstance(child.tag, str)
                )
            elif element.get(q(STYLE, "family")) == "text":
                self._add_span_style(element)
            elif element.get(q(STYLE, "family")) != "paragraph":
                continue
            elif element.tag == q(STYLE, "default-style"):
                self.default_lang = self.default_lang or _lang(element)
            else:
                self._add_paragraph_style(element)

    def _add_paragraph_style(self, element: etree._Element) -> None:
        name = element.get(q(STYLE, "name"), "")
        self._paragraphs[name] = _ParagraphStyle(
            display_name=element.get(q(STYLE, "display-name")) or name.replace("_20_", " "),
            parent=element.get(q(STYLE, "parent-style-name")),
            lang=_lang(element),
        )

    def _add_span_style(self, element: etree._Element) -> None:
        lang = _lang(element)
        if lang:
            self._span_langs[element.get(q(STYLE, "name"), "")] = lang

    def span_lang(self, name: str | None) -> str | None:
        """The language a text (span) style declares, if any."""
        return self._span_langs.get(name or "")

    def display_name(self, name: str | None) -> str | None:
        """The name a user sees, skipping LibreOffice's automatic styles (P1 …) to their named parent."""
        chain = self._chain(name)
        for style_name, style in chain:
            if not (style_name[:1] == "P" and style_name[1:].isdigit()):
                return style.display_name
        return name

    def lang(self, name: str | None) -> str | None:
        """The language a paragraph style declares, looking up its parents."""
        return first_said(self._chain(name), lambda style: style.lang)

    def list_levels(self, name: str | None) -> dict[int, ListLevel]:
        """The levels of a list style (empty when unknown)."""
        return self._lists.get(name or "", {})

    def _chain(self, name: str | None) -> list[tuple[str, _ParagraphStyle]]:
        return style_chain(self._paragraphs, name, lambda style: style.parent)
