"""The three PDF examples: a UN document, a national institution's letter and an Arabic contribution."""

from __future__ import annotations

from examples_pdf import PAGE_H, PAGE_W, Layout, Style, register_fonts, shape_arabic, visual
from examples_source import Source
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

UN = Style(regular="Times-Roman", bold="Times-Bold", left=70, right=70, top=72, bottom=72)
LETTER = Style(regular="Helvetica", bold="Helvetica-Bold", size=9.5, leading=12.5, justify=False, top=80)
ARABIC = Style(
    regular="DejaVuSans",
    bold="DejaVuSans-Bold",
    size=9.5,
    leading=15,
    note_size=7.5,
    note_leading=11,
    justify=False,
    rtl=True,
    top=80,
)


def render(source: Source) -> tuple[bytes, int]:
    """Render a source as PDF in the style its front matter names; returns the bytes and the page count."""
    style = source.meta["style"]
    if style == "un":
        return _un(source)
    if style == "letter":
        return _letter(source)
    if style == "arabic":
        return _arabic(source)
    raise ValueError(f"{source.meta['file']}: unknown PDF style {style!r}")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]


# -- a UN document
def _un(source: Source) -> tuple[bytes, int]:
    meta = source.meta
    layout = Layout(source, UN, lambda c, page: _un_page(c, page, meta))
    layout.metadata(meta["symbol"], meta["author"], meta["title"])
    layout.banner()
    layout.y = _un_masthead(layout.c, meta)
    for block in source.blocks:
        layout.block(block)
    data, report = layout.finish()
    if not report.hyphenated or not any(s[0].isdigit() for s in report.split_blocks):
        raise AssertionError(f"{meta['file']}: no hyphenated line end or no paragraph across pages: {report}")
    return data, report.pages


def _un_masthead(c: Canvas, meta: dict[str, str]) -> float:
    left, right = UN.left, PAGE_W - UN.right
    c.setFont("Helvetica", 11)
    c.drawString(left, 768, "United Nations")
    c.setFont("Helvetica-Bold", 17)
    c.drawRightString(right, 768, meta["symbol"])
    c.setLineWidth(2)
    c.line(left, 760, right, 760)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(left + 60, 730, "General Assembly")
    c.setFont("Times-Roman", 10)
    for i, text in enumerate(("Distr.: General", meta["distr_date"], "", f"Original: {meta['original']}")):
        c.drawString(430, 740 - 12 * i, text)
    c.setLineWidth(1)
    c.line(left, 688, right, 688)
    y = 670.0
    c.setFont("Times-Bold", 10)
    c.drawString(left, y, meta["body"])
    c.setFont("Times-Roman", 10)
    for text in (meta["session"], meta["session_dates"], meta["agenda"]):
        y -= 12
        c.drawString(left, y, text)
    c.setFont("Times-Bold", 10)
    for line in _wrap(meta["agenda_title"], "Times-Bold", 10, 300):
        y -= 12
        c.drawString(left, y, line)
    y -= 30
    c.setFont("Times-Bold", 16)
    for line in _wrap(meta["title"], "Times-Bold", 16, PAGE_W - UN.left - UN.right - 40):
        c.drawString(left + 28, y, line)
        y -= 19
    y -= 8
    c.setFont("Times-Bold", 12)
    for line in _wrap(meta["author"], "Times-Bold", 12, PAGE_W - UN.left - UN.right - 40):
        c.drawString(left + 28, y, line)
        y -= 15
    return y - 16


def _un_page(c: Canvas, page: int, meta: dict[str, str]) -> None:
    left, right = UN.left, PAGE_W - UN.right
    c.setFont("Times-Bold", 9)
    if page == 1:
        c.drawString(left, 40, meta["job"])
        c.setFont("Helvetica", 7)
        c.drawRightString(right, 40, "Please recycle")
        return
    even = page % 2 == 0
    y = PAGE_H - 45
    (c.drawString if even else c.drawRightString)(left if even else right, y, meta["symbol"])
    c.setLineWidth(0.5)
    c.line(left, y - 4, right, y - 4)
    c.line(left, 52, right, 52)
    (c.drawString if even else c.drawRightString)(left if even else right, 40, str(page))
    c.setFont("Times-Roman", 7)
    (c.drawRightString if even else c.drawString)(right if even else left, 40, meta["job"])


# -- a national institution's letter
def _letter(source: Source) -> tuple[bytes, int]:
    meta = source.meta
    layout = Layout(source, LETTER, lambda c, page: _letter_page(c, page, meta))
    layout.metadata(meta["doc_title"], meta["org"], meta["doc_title"])
    layout.banner()
    c = layout.c
    c.setFont("Helvetica", 8)
    c.drawCentredString(PAGE_W / 2, 782, meta["banner_local"])
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(PAGE_W / 2, 762, meta["org"])
    c.setFont("Helvetica", 8.5)
    c.drawCentredString(PAGE_W / 2, 749, meta["address"])
    c.drawRightString(PAGE_W - LETTER.right, 730, meta["place_date"])
    layout.y = 705
    for block in source.blocks:
        layout.block(block, size=13.0 if block.kind == "title" else None)
    data, report = layout.finish()
    return data, report.pages


def _letter_page(c: Canvas, page: int, meta: dict[str, str]) -> None:
    c.setFont("Helvetica", 7.5)
    if page > 1:
        c.drawString(LETTER.left, PAGE_H - 45, meta["short"])
    c.drawCentredString(PAGE_W / 2, 40, f"Page {page}")


# -- an Arabic contribution
def _arabic(source: Source) -> tuple[bytes, int]:
    register_fonts()
    meta = source.meta
    layout = Layout(source, ARABIC, lambda c, page: _arabic_page(c, page))
    layout.metadata(meta["doc_title"], meta["org"], meta["doc_title"])
    layout.banner()
    c = layout.c
    c.setFont("DejaVuSans", 8)
    c.drawRightString(PAGE_W - ARABIC.right, 782, visual(shape_arabic(meta["banner_local"])))
    c.setFont("DejaVuSans-Bold", 12)
    c.drawRightString(PAGE_W - ARABIC.right, 755, visual(shape_arabic(meta["org"])))
    c.setFont("DejaVuSans", 9)
    c.drawString(ARABIC.left, 755, visual(shape_arabic(meta["place_date"])))
    layout.y = 720
    for block in source.blocks:
        layout.block(block, size=12.0 if block.kind == "title" else None)
    data, report = layout.finish()
    return data, report.pages


def _arabic_page(c: Canvas, page: int) -> None:
    c.setFont("DejaVuSans", 8)
    c.drawCentredString(PAGE_W / 2, 40, f"- {page} -")
