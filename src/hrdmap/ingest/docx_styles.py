"""What a Word paragraph style says about its paragraphs: heading level, numbering, language.

Styles inherit through ``w:basedOn``, so each question walks up the chain. Headings are recognised by the
built-in names (Title, heading 1–9), by an outline level, and by the UN's own Word styles (``HChG`` for a
chapter, ``H1G`` … ``H56G`` below it), which the UN editorial templates use instead of the built-in ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from hrdmap.domain.raw import RawKind
from hrdmap.ingest.style_chain import first_said, style_chain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# UN editorial styles, keyed by the style id (or the name without punctuation: "_ H _Ch_G" → "HChG").
_UN_HEADINGS: dict[str, tuple[RawKind, int]] = {
    "hmg": (RawKind.TITLE, 0),
    "hchg": (RawKind.HEADING, 1),
    "h1g": (RawKind.HEADING, 2),
    "h23g": (RawKind.HEADING, 3),
    "h4g": (RawKind.HEADING, 4),
    "h56g": (RawKind.HEADING, 5),
}
_BUILTIN_HEADING = re.compile(r"^heading\s*([1-9])$")


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("p")`` → ``{…main}p``."""
    return f"{{{W}}}{name}"


def wval(element: etree._Element | None, child: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``w:<child>``, or ``None``."""
    if element is None:
        return None
    found = element.find(w(child))
    return None if found is None else found.get(w("val"))


@dataclass(frozen=True, slots=True)
class NumberingRef:
    """A paragraph's or style's reference to a numbering definition (``w:numPr``).

    Either part may be missing: a paragraph can set only the level of its style's numbering, and a style
    usually sets only the numbering, leaving the level to the ``w:pStyle`` of the numbering's levels.
    """

    num_id: str | None
    ilvl: int | None

    def over(self, base: NumberingRef | None) -> NumberingRef:
        """This reference with the parts it lacks taken from ``base`` (the style's)."""
        if base is None:
            return self
        return NumberingRef(
            self.num_id if self.num_id is not None else base.num_id,
            self.ilvl if self.ilvl is not None else base.ilvl,
        )


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbering: NumberingRef | None
    lang: str | None


def numbering_ref(ppr: etree._Element | None) -> NumberingRef | None:
    """Read ``w:numPr`` from a paragraph's or style's properties; ``None`` when absent."""
    numpr = None if ppr is None else ppr.find(w("numPr"))
    if numpr is None:
        return None
    ilvl = wval(numpr, "ilvl")
    return NumberingRef(wval(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


class StyleSheet:
    """The paragraph styles of a document (``word/styles.xml``)."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        self.default_lang: str | None = None
        if styles is None:
            return
        lang = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        self.default_lang = None if lang is None else lang.get(w("val"))
        for element in styles.iterfind(w("style")):
            if element.get(w("type")) != "paragraph":
                continue
            style_id = element.get(w("styleId")) or ""
            self._styles[style_id] = _read_style(element, style_id)
            if element.get(w("default")) in ("1", "true"):
                self.default_style = style_id

    def name(self, style_id: str | None) -> str | None:
        """The style's name as Word shows it, or ``None`` for no style."""
        style = self._styles.get(style_id or "")
        if style is None:
            return style_id
        return style.name[:1].upper() + style.name[1:] if _BUILTIN_HEADING.match(style.name) else style.name

    def heading(self, style_id: str | None) -> tuple[RawKind, int] | None:
        """``(TITLE, 0)`` or ``(HEADING, level)`` when paragraphs of this style are titles or headings."""
        for style_id_, style in self._chain(style_id):
            for key in (_squash(style_id_), _squash(style.name)):
                if key in _UN_HEADINGS:
                    return _UN_HEADINGS[key]
            if style.name.lower() == "title":
                return RawKind.TITLE, 0
            match = _BUILTIN_HEADING.match(style.name.lower())
            if match:
                return RawKind.HEADING, int(match.group(1))
            if style.outline_level is not None and style.outline_level < 9:
                return RawKind.HEADING, style.outline_level + 1
        return None

    def numbering(self, style_id: str | None) -> NumberingRef | None:
        """The numbering a style applies to its paragraphs, if any."""
        return first_said(self._chain(style_id), lambda style: style.numbering)

    def lang(self, style_id: str | None) -> str | None:
        """The language a style declares (``w:lang``), if any."""
        return first_said(self._chain(style_id), lambda style: style.lang)

    def _chain(self, style_id: str | None) -> list[tuple[str, _Style]]:
        start = style_id if style_id is not None else self.default_style
        return style_chain(self._styles, start, lambda style: style.based_on)


def _read_style(element: etree._Element, style_id: str) -> _Style:
    ppr = element.find(w("pPr"))
    outline = wval(ppr, "outlineLvl")
    lang = element.find(f"{w('rPr')}/{w('lang')}")
    return _Style(
        name=wval(element, "name") or style_id,
        based_on=wval(element, "basedOn"),
        outline_level=int(outline) if outline and outline.isdigit() else None,
        numbering=numbering_ref(ppr),
        lang=None if lang is None else lang.get(w("val")),
    )
