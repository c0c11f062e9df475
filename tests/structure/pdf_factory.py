"""Write UN-template report pages with reportlab, the way different PDF exporters draw them (fictional text).

A word processor saving a UN report as PDF prints the symbol in the page header, the job number and an "n/N"
page counter in the footer, numbered paragraphs in the body, and footnotes at the page foot, usually under a
short rule and in a smaller font, cited by superscript markers. Exporters differ in how they draw each of
these: fonts and sizes, whether a marker is raised, smaller or both, whether the footnote's own label is raised
or plain, whether the rule is a stroked line, a filled rectangle or absent, whether sizes are set in the font
or in the text matrix (Word sets ``Tf 1``), whether each word is a text object of its own. :class:`Exporter`
names one such way; :func:`un_report_pdf` lays out a report with it and returns the PDF and what a reader
sees (the paragraphs and footnotes), so tests compare the two without hard-coding either.

Example::

    pdf, expected = un_report_pdf(Exporter(body_font="Helvetica", body_pt=11, note_pt=9), paragraphs=20)
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from tests.ingest.docx_factory import DocxBuilder, Footnote

WORDS = (
    "the defenders rights council States protection mechanisms national reprisals civil society organizations "
    "report cooperation with United Nations entities programmes measures support dialogue networks training "
    "women journalists lawyers environmental indigenous communities investigation remedies threats"
).split()

Marker = Literal["superscript", "raised", "small", "unicode", "inline"]
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Exporter:
    """How a PDF exporter draws a UN report page.

    Attributes:
        body_font: Font of the body text (a standard PDF font name).
        body_pt: Body text size.
        note_pt: Footnote text size.
        page: Page size in points.
        marker: How a footnote reference is drawn: "superscript" (smaller and raised), "raised" (body size,
            raised), "small" (smaller, on the baseline, glued to the word) or "unicode" (superscript digits).
        note_label: How a footnote's own label is drawn: "superscript" or "plain" (the note's size, a tab after).
        rule: The separator above the footnotes: "line" (stroked), "rect" (filled) or ``None``.
        matrix_fonts: Whether sizes are set in the text matrix with ``Tf 1`` (as Word does).
        word_objects: Whether each word is a text object of its own.
        space_before_marker: Whether a space separates a marker from the word it follows.
    """

    body_font: str = "Times-Roman"
    body_pt: float = 10.0
    note_pt: float = 8.0
    page: tuple[float, float] = A4
    marker: Marker = "superscript"
    note_label: Literal["superscript", "plain"] = "superscript"
    rule: Literal["line", "rect"] | None = "line"
    matrix_fonts: bool = False
    word_objects: bool = False
    space_before_marker: bool = False


@dataclass
class Expected:
    """What a reader of the report sees: numbered paragraphs and footnotes, each note with the paragraph citing
    it."""

    paragraphs: list[str] = field(default_factory=list)
    footnotes: list[tuple[str, str, str]] = field(default_factory=list)  # label, text, number of citing paragraph


@dataclass
class _Piece:
    text: str
    marker: str | None = None  # a footnote label drawn after the text


@dataclass
class _Line:
    pieces: list[_Piece]
    notes: list[int]  # footnotes cited on this line


def un_report_pdf(
    exporter: Exporter, *, paragraphs: int = 24, note_every: int = 2, seed: int = 1, symbol: str = "A/79/123"
) -> tuple[bytes, Expected]:
    """Lay out a fictional UN report and draw it as ``exporter`` would.

    Args:
        exporter: How the PDF is drawn.
        paragraphs: Number of numbered paragraphs.
        note_every: Every n-th paragraph cites a footnote in its middle.
        seed: Seed of the word choice, so that a test is reproducible.
        symbol: The document symbol in the page header.

    Returns:
        The PDF's bytes and what its reader should get.
    """
    rng = random.Random(seed)
    expected = Expected()
    texts: list[tuple[str, list[str], list[str]]] = []  # label, words, note text per word (or "")
    for number in range(1, paragraphs + 1):
        words = [rng.choice(WORDS) for _ in range(rng.randint(30, 80))]
        words[0] = words[0].capitalize()
        words[-1] += "."
        notes = [""] * len(words)
        if number % note_every == 0:
            label = str(len(expected.footnotes) + 1)
            note = (
                f"See A/HRC/{40 + number}/{number}, para. {number * 3}; and the report of the Special Rapporteur "
                f"on the situation of human rights defenders ({2000 + number})."
            )
            notes[len(words) // 2] = note
            expected.footnotes.append((label, note, str(number)))
        texts.append((f"{number}.", words, notes))
        expected.paragraphs.append(f"{number}. " + " ".join(words))
    return _Drawer(exporter).draw(texts, symbol), expected


class _Drawer:
    def __init__(self, exporter: Exporter) -> None:
        self.x = exporter
        self.width, self.height = exporter.page
        self.left, self.right = 72.0, self.width - 72.0
        self.leading = exporter.body_pt * 1.25
        self.note_leading = exporter.note_pt * 1.2
        self.bold = {"Times-Roman": "Times-Bold", "Helvetica": "Helvetica-Bold", "Courier": "Courier-Bold"}.get(
            exporter.body_font, exporter.body_font
        )

    # --- layout ------------------------------------------------------------------------------------------
    def _lines(self, label: str, words: list[str], notes: list[str], counter: list[int]) -> list[_Line]:
        size, font = self.x.body_pt, self.x.body_font
        lines: list[_Line] = []
        current: list[_Piece] = [_Piece(label)]
        cited: list[int] = []
        used = stringWidth(label + " ", font, size)
        indent = 0.0
        for word, note in zip(words, notes, strict=True):
            marker = None
            if note:
                counter[0] += 1
                marker = str(counter[0])
            width = stringWidth(" " + word, font, size) + (stringWidth(marker, font, size * 0.6) if marker else 0)
            if used + width > self.right - self.left - indent and len(current) > 0:
                lines.append(_Line(current, cited))
                current, cited, used = [], [], 0.0
            current.append(_Piece(word, marker))
            if marker:
                cited.append(counter[0] - 1)
            used += width
        lines.append(_Line(current, cited))
        return lines

    def _note_lines(self, label: str, text: str) -> list[str]:
        words, lines, line = text.split(), [], ""
        room = self.right - self.left - 12
        for word in words:
            trial = f"{line} {word}".strip()
            if stringWidth(trial, self.x.body_font, self.x.note_pt) > room and line:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        return lines

    def draw(self, texts: list[tuple[str, list[str], list[str]]], symbol: str) -> bytes:
        counter = [0]
        notes_text: list[str] = []
        pages: list[list[tuple[str, object]]] = [[]]
        page_notes: list[list[int]] = [[]]
        y = self.height - 96.0  # baseline of the next body line, from the bottom
        bottom = 72.0
        heading_done = False
        for label, words, notes in texts:
            if not heading_done:
                pages[-1].append(("heading", y))
                y -= 2 * self.leading
                heading_done = True
            for note in notes:
                if note:
                    notes_text.append(note)
            for line in self._lines(label, words, notes, counter):
                needed = sum(len(self._note_lines("", notes_text[i])) for i in [*page_notes[-1], *line.notes])
                area = needed * self.note_leading + (12 if needed else 0)
                if y - self.leading < bottom + area:
                    pages.append([])
                    page_notes.append([])
                    y = self.height - 96.0
                pages[-1].append(("line", (y, line, label if line.pieces and line.pieces[0].text == label else None)))
                page_notes[-1].extend(line.notes)
                y -= self.leading
            y -= 0.6 * self.leading
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=self.x.page)
        pdf.setTitle("untitled")
        for number, (items, cited) in enumerate(zip(pages, page_notes, strict=True), start=1):
            self._furniture(pdf, number, len(pages), symbol)
            for kind, item in items:
                if kind == "heading":
                    self._text(pdf, self.left, float(item), "I. Introduction", self.bold, self.x.body_pt + 2)  # type: ignore[arg-type]
                else:
                    base, line, _ = item  # type: ignore[misc]
                    self._body_line(pdf, base, line)
            self._notes(pdf, [(str(i + 1), notes_text[i]) for i in cited])
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()

    # --- drawing -----------------------------------------------------------------------------------------
    def _furniture(self, pdf: canvas.Canvas, number: int, pages: int, symbol: str) -> None:
        self._text(pdf, self.right - stringWidth(symbol, self.bold, 10), self.height - 40, symbol, self.bold, 10)
        self._text(pdf, self.left, 36, "24-01234", self.x.body_font, 8)
        counter = f"{number}/{pages}"
        self._text(pdf, self.right - stringWidth(counter, self.bold, 9), 36, counter, self.bold, 9)

    def _body_line(self, pdf: canvas.Canvas, base: float, line: _Line) -> None:
        size, font = self.x.body_pt, self.x.body_font
        x = self.left
        for i, piece in enumerate(line.pieces):
            if i:
                x += stringWidth(" ", font, size)
            self._text(pdf, x, base, piece.text, font, size)
            x += stringWidth(piece.text, font, size)
            if piece.marker:
                if self.x.space_before_marker:
                    x += stringWidth(" ", font, size)
                x += self._marker(pdf, x, base, piece.marker, size)

    def _marker(self, pdf: canvas.Canvas, x: float, base: float, label: str, size: float) -> float:
        font, kind = self.x.body_font, self.x.marker
        if kind == "unicode":
            text = label.translate(SUPERSCRIPT_DIGITS)
            self._text(pdf, x, base, text, "Vera", size)
            return stringWidth(text, "Vera", size)
        small, rise = {"superscript": (0.58, 0.33), "raised": (1.0, 0.38), "small": (0.62, 0.0), "inline": (1.0, 0.0)}[
            kind
        ]
        self._text(pdf, x, base + rise * size, label, font, small * size)
        return stringWidth(label, font, small * size)

    def _notes(self, pdf: canvas.Canvas, notes: list[tuple[str, str]]) -> None:
        if not notes:
            return
        lines = [(label, i, text) for label, note in notes for i, text in enumerate(self._note_lines(label, note))]
        y = 72.0 + len(lines) * self.note_leading
        if self.x.rule == "line":
            pdf.setLineWidth(0.5)
            pdf.line(self.left, y + 4, self.left + 110, y + 4)
        elif self.x.rule == "rect":
            pdf.rect(self.left, y + 4, 144, 0.6, stroke=0, fill=1)
        size, font = self.x.note_pt, self.x.body_font
        for label, i, text in lines:
            y -= self.note_leading
            if i == 0:
                if self.x.note_label == "superscript":
                    self._text(pdf, self.left + 4, y + 0.33 * size, label, font, 0.58 * size)
                else:
                    self._text(pdf, self.left + 4, y, label, font, size)
            self._text(pdf, self.left + 16, y, text, font, size)

    def _text(self, pdf: canvas.Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
        parts = text.split(" ") if self.x.word_objects else [text]
        for part in parts:
            obj = pdf.beginText()
            if self.x.matrix_fonts:
                obj.setFont(font, 1)
                obj.setTextTransform(size, 0, 0, size, x, y)
            else:
                obj.setFont(font, size)
                obj.setTextOrigin(x, y)
            obj.textOut(part)
            pdf.drawText(obj)
            x += stringWidth(part + " ", font, size)


def register_vera() -> None:
    """Register reportlab's bundled Vera font (it has the superscript digits the "unicode" marker needs)."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(folder, "Vera.ttf")))


__all__ = ["A4", "Exporter", "Expected", "letter", "register_vera", "un_report_pdf"]


def un_report_docx(
    *, font: str = "Times New Roman", body_pt: float = 10, note_pt: float = 8, paragraphs: int = 30, seed: int = 1
) -> tuple[bytes, Expected]:
    """A fictional UN report as a Word file with real footnotes, in the UN template's fonts, the symbol in the
    page header and the job number with an "n/N" page counter in the footer (saved as PDF by LibreOffice in the
    tests). Every other note's reference follows a space, so that LibreOffice may wrap it to a line's start."""
    rng = random.Random(seed)
    builder = DocxBuilder(title="ADVANCE QUESTIONS TO A FICTIONAL STATE")
    builder.un_template(font, body_pt, note_pt)
    builder.header("A/79/123")
    builder.footer("24-01234")
    builder.paragraph("Situation of human rights defenders", style="Heading 1")
    expected = Expected()
    for number in range(1, paragraphs + 1):
        words = [rng.choice(WORDS) for _ in range(rng.randint(30, 80))]
        words[0] = words[0].capitalize()
        first, second = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
        expected.paragraphs.append(f"{number}. {first} {second}.")
        if number % 3:
            builder.paragraph(f"{number}.\t{first} {second}.")
            continue
        label = str(len(expected.footnotes) + 1)
        note = (
            f"See A/HRC/{40 + number}/{number}, para. {number}; and the report of the Special Rapporteur "
            f"({2000 + number})."
        )
        expected.footnotes.append((label, note, str(number)))
        gap = " " if number % 2 else ""
        builder.paragraph(f"{number}.\t{first}{gap}", Footnote(note), f" {second}.")
    return builder.build(), expected
