"""Lay out example documents as PDF with reportlab, the way UN documents look.

reportlab's platypus has no footnotes, so this module places lines itself: it breaks paragraphs into lines
(justified, breaking long words at marked soft hyphens), keeps each footnote on the page of its marker, draws
running headers and footers, and lays Arabic out right to left. Arabic is shaped with arabic-reshaper and
reordered with python-bidi, so the PDF stores presentation forms in visual order, as many real generators do.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from examples_source import BANNER, Block, Source
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SHY = "\u00ad"
PAGE_W, PAGE_H = 595.0, 842.0
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"


@dataclass(frozen=True, slots=True)
class Style:
    """Fonts and geometry of one kind of document."""

    regular: str
    bold: str
    size: float = 10.0
    leading: float = 12.0
    note_size: float = 8.0
    note_leading: float = 9.5
    left: float = 70.0
    right: float = 70.0
    top: float = 80.0
    bottom: float = 70.0
    indent: float = 28.0
    justify: bool = True
    rtl: bool = False


@dataclass(slots=True)
class _Word:
    text: str
    notes: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """What the layout did, so the generator can check the features it promises."""

    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)
    split_blocks: list[str] = field(default_factory=list)


def register_fonts() -> None:
    """Register the DejaVu fonts (for Arabic and Cyrillic text) once."""
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", _DEJAVU + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", _DEJAVU + "DejaVuSans-Bold.ttf"))


def shape_arabic(text: str) -> str:
    """Arabic in presentation forms, still in logical order (lines are reordered after breaking)."""
    import arabic_reshaper

    return str(arabic_reshaper.reshape(text))


def visual(text: str) -> str:
    """A logical-order line in visual (left-to-right drawing) order."""
    # the pure-Python algorithm mirrors brackets; the Rust one of python-bidi 0.6 does not
    from bidi.algorithm import get_display

    return str(get_display(text, base_dir="R"))


PageDecorator = Callable[[Canvas, int], None]


class Layout:
    """Places blocks on pages, footnotes at the bottom of the page that cites them."""

    def __init__(self, source: Source, style: Style, decorate: PageDecorator) -> None:
        self.src = source
        self.st = style
        self.decorate = decorate
        self.buf = io.BytesIO()
        stated: dt.date = source.meta["date"]
        epoch = dt.datetime(stated.year, stated.month, stated.day, 12, tzinfo=dt.UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
        self.c = Canvas(self.buf, pagesize=(PAGE_W, PAGE_H), invariant=True, lang=source.lang)
        self.page = 1
        self.y = PAGE_H - style.top
        self.notes: list[tuple[int, list[str]]] = []
        self.report = Report()
        self.width = PAGE_W - style.left - style.right

    # -- public -------------------------------------------------------------------------------------------
    def metadata(self, title: str, author: str, subject: str) -> None:
        """Set the PDF's document information."""
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setSubject(subject)
        self.c.setCreator("hrdmap scripts/make_examples.py (fictional example)")

    def banner(self) -> None:
        """Box the fictional-example notice at the top of the first page."""
        c, y = self.c, PAGE_H - 40
        c.setLineWidth(0.6)
        c.rect(self.st.left, y - 6, self.width, 18)
        c.setFont("Helvetica-Bold", 8.5)
        c.drawCentredString(PAGE_W / 2, y, BANNER)

    def skip(self, points: float) -> None:
        """Leave vertical space."""
        self.y -= points

    def block(self, block: Block, *, font: str | None = None, size: float | None = None) -> None:
        """Lay out one block: a heading, a (sub-)paragraph or a plain paragraph."""
        st = self.st
        font = font or (st.bold if block.kind in ("title", "heading") else st.regular)
        size = size or (12.0 if block.kind == "heading" and block.level == 1 else st.size)
        indent = {"sub": st.indent, "labelled": 0.0}.get(block.kind, 0.0)
        hang = 0.0
        if block.label:
            hang = max(st.indent, pdfmetrics.stringWidth(block.label, font, size) + 8)
        lines = self._break(self._words(block), font, size, indent, hang)
        if block.kind == "heading":
            self._keep(len(lines) + 2)
        first_page = 0
        for i, (words, last) in enumerate(lines):
            self._line(
                words,
                font,
                size,
                indent + (hang if i == 0 else 0.0),
                last,
                block.label if i == 0 else None,
                indent,
            )
            first_page = first_page or self.page
        if self.page != first_page:
            self.report.split_blocks.append(block.label or block.text[:30])
        self.y -= st.leading * (0.9 if block.kind != "heading" else 0.5)

    def finish(self) -> tuple[bytes, Report]:
        """Close the last page and return the PDF's bytes."""
        self._end_page()
        self.c.save()
        self.report.pages = self.page
        return self.buf.getvalue(), self.report

    # -- words and lines ----------------------------------------------------------------------------------
    def _words(self, block: Block) -> list[_Word]:
        words: list[_Word] = []
        for run in block.runs:
            if isinstance(run, int):
                words[-1].notes.append(run)
                continue
            text = shape_arabic(run) if self.st.rtl else run
            if text[:1] == " " or not words:
                words.extend(_Word(w) for w in text.split())
            else:
                head, *rest = text.split(" ")
                words[-1].text += head
                words.extend(_Word(w) for w in rest if w)
        return words

    def _width(self, word: _Word, font: str, size: float) -> float:
        width = pdfmetrics.stringWidth(word.text.replace(SHY, ""), font, size)
        return width + sum(self._note_width(n, size) for n in word.notes)

    def _note_width(self, note: int, size: float) -> float:
        return pdfmetrics.stringWidth(str(note), self.st.regular, size * 0.65)

    def _break(
        self, words: list[_Word], font: str, size: float, indent: float, hang: float
    ) -> list[tuple[list[_Word], bool]]:
        space = pdfmetrics.stringWidth(" ", font, size)
        lines: list[tuple[list[_Word], bool]] = []
        line: list[_Word] = []
        used = 0.0
        queue = list(words)
        while queue:
            word = queue.pop(0)
            avail = self.width - indent - (hang if not lines else 0.0)
            need = self._width(word, font, size) + (space if line else 0.0)
            if used + need <= avail or not line:
                line.append(word)
                used += need
                continue
            head, tail = self._hyphenate(word, avail - used - space, font, size)
            if head:
                line.append(head)
                queue.insert(0, tail)
                self.report.hyphenated.append(head.text)
            else:
                queue.insert(0, word)
            lines.append((line, False))
            line, used = [], 0.0
        if line:
            lines.append((line, True))
        return lines

    def _hyphenate(self, word: _Word, room: float, font: str, size: float) -> tuple[_Word | None, _Word]:
        parts = word.text.split(SHY)
        for cut in range(len(parts) - 1, 0, -1):
            head = "".join(parts[:cut]) + "-"
            if pdfmetrics.stringWidth(head, font, size) <= room:
                return _Word(head), _Word(SHY.join(parts[cut:]), word.notes)
        return None, word

    # -- placing ------------------------------------------------------------------------------------------
    def _keep(self, lines: int) -> None:
        if self.y - lines * self.st.leading < self._floor([]):
            self._new_page()

    def _floor(self, extra: list[int]) -> float:
        notes = [n for n, _ in self.notes] + extra
        if not notes:
            return self.st.bottom
        lines = sum(len(self._note_lines(n)) for n in notes)
        return self.st.bottom + lines * self.st.note_leading + 12

    def _line(
        self,
        words: list[_Word],
        font: str,
        size: float,
        x_off: float,
        last: bool,
        label: str | None,
        label_off: float,
    ) -> None:
        cited = [n for w in words for n in w.notes]
        if self.y - self.st.leading < self._floor(cited):
            self._new_page()
        self.y -= self.st.leading
        self.notes.extend((n, self._note_lines(n)) for n in cited)
        if label:
            self._draw_label(label, font, size, label_off)
        if self.st.rtl:
            self._draw_rtl(words, font, size, x_off)
        else:
            self._draw_ltr(words, font, size, x_off, last)

    def _draw_label(self, label: str, font: str, size: float, offset: float) -> None:
        self.c.setFont(font, size)
        if self.st.rtl:
            self.c.drawRightString(PAGE_W - self.st.right - offset, self.y, visual(shape_arabic(label)))
        else:
            self.c.drawString(self.st.left + offset, self.y, label)

    def _draw_ltr(self, words: list[_Word], font: str, size: float, x_off: float, last: bool) -> None:
        text = self.c.beginText(self.st.left + x_off, self.y)
        gaps = len(words) - 1
        spacing = 0.0
        if self.st.justify and not last and gaps:
            natural = sum(self._width(w, font, size) for w in words) + gaps * pdfmetrics.stringWidth(
                " ", font, size
            )
            spacing = (self.width - x_off - natural) / gaps
        text.setWordSpace(spacing)  # the text state outlives the text object: always set it
        for i, word in enumerate(words):
            text.setFont(font, size)
            text.textOut(word.text.replace(SHY, "") + ("" if i == gaps or word.notes else " "))
            for note in word.notes:
                text.setFont(self.st.regular, size * 0.65)
                text.setRise(size * 0.35)
                text.textOut(str(note))
                text.setRise(0)
            if word.notes and i != gaps:
                text.setFont(font, size)
                text.textOut(" ")
        self.c.drawText(text)

    def _draw_rtl(self, words: list[_Word], font: str, size: float, x_off: float) -> None:
        logical = " ".join(w.text.replace(SHY, "") + "".join(chr(0xE000 + n) for n in w.notes) for w in words)
        width = sum(self._width(w, font, size) for w in words)
        width += (len(words) - 1) * pdfmetrics.stringWidth(" ", font, size)
        x = PAGE_W - self.st.right - x_off - width
        for piece in _split_markers(visual(logical)):
            if isinstance(piece, int):
                self.c.setFont(self.st.regular, size * 0.65)
                self.c.drawString(x, self.y + size * 0.35, str(piece))
                x += self._note_width(piece, size)
            else:
                self.c.setFont(font, size)
                self.c.drawString(x, self.y, piece)
                x += pdfmetrics.stringWidth(piece, font, size)

    # -- footnotes and pages ------------------------------------------------------------------------------
    def _note_lines(self, note: int) -> list[str]:
        text = self.src.footnotes[note - 1]
        if self.st.rtl:
            text = shape_arabic(text)
        words = [_Word(w) for w in text.split()]
        broken = self._break(words, self.st.regular, self.st.note_size, self.st.indent, 0.0)
        return [" ".join(w.text for w in line) for line, _ in broken]

    def _draw_notes(self) -> None:
        if not self.notes:
            return
        st = self.st
        y = st.bottom + sum(len(lines) for _, lines in self.notes) * st.note_leading + 4
        x_rule = PAGE_W - st.right - 80 if st.rtl else st.left
        self.c.setLineWidth(0.5)
        self.c.line(x_rule, y + 4, x_rule + 80, y + 4)
        for note, lines in self.notes:
            for i, line in enumerate(lines):
                y -= st.note_leading
                self._note_line(note if i == 0 else None, line, y)
        self.notes = []

    def _note_line(self, note: int | None, line: str, y: float) -> None:
        st, c = self.st, self.c
        if note is not None:
            c.setFont(st.regular, st.note_size * 0.75)
            if st.rtl:
                c.drawRightString(PAGE_W - st.right, y + 3, str(note))
            else:
                c.drawRightString(st.left + st.indent - 6, y + 3, str(note))
        c.setFont(st.regular, st.note_size)
        if st.rtl:
            c.drawRightString(PAGE_W - st.right - st.indent, y, visual(line))
        else:
            c.drawString(st.left + st.indent, y, line)

    def _end_page(self) -> None:
        self._draw_notes()
        self.decorate(self.c, self.page)

    def _new_page(self) -> None:
        self._end_page()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - self.st.top


def _split_markers(text: str) -> list[str | int]:
    pieces: list[str | int] = []
    buf = ""
    for ch in text:
        if 0xE000 <= ord(ch) < 0xF000:
            if buf:
                pieces.append(buf)
            pieces.append(ord(ch) - 0xE000)
            buf = ""
        else:
            buf += ch
    if buf:
        pieces.append(buf)
    return pieces
