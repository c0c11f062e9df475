"""Apply the DOCX style definition (``docx-styles.yaml``) to a document: fonts, sizes, spacing, indents.

Each entry names a style (created when the document lacks it, as a paragraph style based on Normal unless
``type: character``) and sets only the properties it lists. Theme fonts are cleared where a font is set, so the
font named is the font shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def apply_styles(document: Any, spec: Mapping[str, Any]) -> None:
    """Create or update the styles of ``spec`` in ``document`` (a python-docx Document)."""
    font = spec.get("font")
    for name, settings in (spec.get("styles") or {}).items():
        style = _style(document, str(name), settings or {})
        _font(style, settings or {}, font)
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            _paragraph(style, settings or {})


def _style(document: Any, name: str, settings: Mapping[str, Any]) -> Any:
    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        kind = WD_STYLE_TYPE.CHARACTER if settings.get("type") == "character" else WD_STYLE_TYPE.PARAGRAPH
        style = styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = styles["Normal"]
        style.quick_style = True
        return style


def _font(style: Any, settings: Mapping[str, Any], family: str | None) -> None:
    font = style.font
    if family:
        font.name = family
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:cs"), family)
    if "size" in settings:
        font.size = Pt(float(settings["size"]))
    for flag in ("bold", "italic", "superscript"):
        if flag in settings:
            setattr(font, flag, bool(settings[flag]))
    if "color" in settings:
        font.color.rgb = RGBColor.from_string(str(settings["color"]))


def _paragraph(style: Any, settings: Mapping[str, Any]) -> None:
    fmt = style.paragraph_format
    if settings.get("justify"):
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if "align" in settings:
        fmt.alignment = _ALIGN[str(settings["align"])]
    for key, attribute in (("space_before", "space_before"), ("space_after", "space_after")):
        if key in settings:
            setattr(fmt, attribute, Pt(float(settings[key])))
    for key in ("left_indent", "right_indent", "first_line_indent"):
        if key in settings:
            setattr(fmt, key, Cm(float(settings[key])))
    if "keep_with_next" in settings:
        fmt.keep_with_next = bool(settings["keep_with_next"])
    if "tab" in settings:
        fmt.tab_stops.add_tab_stop(Cm(float(settings["tab"])))
