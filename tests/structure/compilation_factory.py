"""A fictional compilation of resolutions and decisions, as a Word file typed in the Normal style and as a PDF.

Like a session report of the Human Rights Council: a title, contents with dot leaders, "I. Resolutions" with
three resolutions (each with its symbol line, number and title, opening words, a preambular and two operative
paragraphs, the meeting and the adoption), "II. Decisions" with two decisions (one without operative
paragraphs, as "At its 40th meeting, …" decisions are).
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.ingest.docx_factory import DocxBuilder

TITLE = "Report of the Fictional Council on its eightieth session"
RESOLUTIONS = [
    ("A/HRC/RES/80/1", "80/1. Protection of human rights defenders", "The Human Rights Council,"),
    ("A/HRC/RES/80/2", "80/2. Civil society space", "The Human Rights Council,"),
    ("A/HRC/RES/80/3", "80/3. Cooperation with the United Nations", "The Human Rights Council,"),
]
DECISIONS = [
    (None, "80/101. Outcome of the universal periodic review: Ruritania", "The Human Rights Council,"),
    (None, "80/102. Outcome of the universal periodic review: Freedonia", "At its 40th meeting, on 2 May 2026,"),
]


def volume_lines() -> list[tuple[str, str]]:
    """The volume as (kind, text) lines: "title", "heading", "toc" or "text"."""
    lines = [("title", TITLE), ("heading", "Contents")]
    lines += [("toc", "I. Resolutions ........................................................ 3"),
              ("toc", "II. Decisions ......................................................... 7")]
    lines.append(("heading", "I. Resolutions"))
    for part, items in (("I", RESOLUTIONS), ("II", DECISIONS)):
        if part == "II":
            lines.append(("heading", "II. Decisions"))
        for symbol, title, opening in items:
            if symbol:
                lines.append(("text", symbol))
            lines.append(("text", title))
            lines.append(("text", opening))
            if opening.startswith("The"):
                lines.append(("text", "Recalling its resolution 22/6 of 21 March 2013,"))
                lines.append(("text", "1. Calls upon all States to protect defenders;"))
                lines.append(("text", "2. Requests the High Commissioner to report to it at its next session."))
            else:
                lines.append(("text", "the Council adopted the outcome of the review of the State."))
            lines.append(("text", "40th meeting"))
            lines.append(("text", "[Adopted without a vote.]"))
    return lines


def volume_docx(symbol: str | None = "A/HRC/80/2") -> bytes:
    """The volume as a Word file, its symbol in the page header."""
    builder = DocxBuilder()
    if symbol:
        builder.header(symbol)
    for kind, text in volume_lines():
        builder.paragraph(text, style="Title" if kind == "title" else None)
    return builder.build()


def volume_pdf() -> bytes:
    """The volume as a PDF drawn with reportlab (one line per paragraph, headings in bold)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 780.0
    for kind, text in volume_lines():
        if y < 80:
            pdf.showPage()
            y = 780.0
        bold = kind in ("title", "heading") or text[:3] == "80/"
        pdf.setFont("Times-Bold" if bold else "Times-Roman", 14 if kind == "title" else 10)
        y -= 24 if kind in ("title", "heading") or text.startswith(("A/HRC", "80/")) else 18  # paragraphs apart
        pdf.drawString(56, y, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
