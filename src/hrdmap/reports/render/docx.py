"""Render a draft report as DOCX: UN layout, real Word footnotes, heading styles, numbered paragraphs.

Paragraph numbers are written as text ("12." and a tab) in the style "UN Numbered Paragraph", not as Word
auto-numbering: the numbers then match the HTML, the PDF and ``draft-sources.json`` exactly, survive any
conversion, and do not shift silently when an officer deletes a paragraph (renumbering is a deliberate edit).
Sections use "Heading 1" ("I." and a tab), sub-sections "Heading 2". Footnotes are real Word footnotes
(:mod:`hrdmap.reports.render.docx_notes`). The annex gives its figures as tables; its charts, which DOCX cannot take
as SVG, are given as the tables of their data.

The base document is ``reference.docx`` from the user's templates folder when there is one (its body is
cleared, its styles kept), else python-docx's default; ``docx-styles.yaml`` is applied on top. Traceability
lives in ``draft-sources.json`` beside the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree

from hrdmap.domain.report import Chart, Inline, NoteRef, Paragraph, Report, Table
from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.render.docx_notes import Footnotes
from hrdmap.reports.render.docx_styles import apply_styles

NUMBERED = "UN Numbered Paragraph"
SUB = "UN Sub-paragraph"
RTL = frozenset({"ar", "he", "fa", "ur"})


def _base(templates: Templates) -> Any:
    reference = templates.user_file("reference.docx")
    document = docx.Document(str(reference)) if reference else docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class _Writer:
    def __init__(self, report: Report, templates: Templates) -> None:
        self.report = report
        self.document = _base(templates)
        apply_styles(self.document, templates.mapping("docx-styles.yaml"))
        self.notes = Footnotes(self.document)
        self.texts = {n.number: n for n in report.footnotes}
        self.phrases = templates.phrases()

    def inline(self, paragraph: Any, content: tuple[Inline, ...]) -> None:
        for part in content:
            if isinstance(part, NoteRef):
                note = self.texts[part.number]
                self.notes.add(paragraph, note.text, note.original)
                continue
            run = paragraph.add_run(part.text)
            if part.language:
                _language(run, part.language)

    def numbered(self, p: Paragraph) -> None:
        paragraph = self.document.add_paragraph(style=NUMBERED)
        paragraph.add_run(f"{p.number}.\t")
        self.inline(paragraph, p.content)
        for item in p.items:
            sub = self.document.add_paragraph(style=SUB)
            sub.add_run(f"({item.letter})\t")
            self.inline(sub, item.content)

    def front(self) -> None:
        header = self.document.sections[0].header.paragraphs[0]
        header.text = self.report.symbol
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _page_number(self.document.sections[0].footer.paragraphs[0])
        self.document.add_paragraph(self.report.symbol, style="UN Symbol")
        self.document.add_paragraph(self.report.title, style="Title")
        self.document.add_paragraph(self.report.subtitle, style="Subtitle")
        heading = self.document.add_paragraph(self.phrases["summary_heading"], style="Heading 3")
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for p in self.report.summary:
            self.inline(self.document.add_paragraph(style="UN Summary"), p.content)

    def body(self) -> None:
        for section in self.report.sections:
            self.document.add_paragraph(f"{section.numeral}.\t{section.title}", style="Heading 1")
            for p in section.paragraphs:
                self.numbered(p)
            for sub in section.subsections:
                self.document.add_paragraph(f"{sub.letter}.\t{sub.title}", style="Heading 2")
                for p in sub.paragraphs:
                    self.numbered(p)

    def annex(self) -> None:
        annex = self.report.annex
        if annex is None:
            return
        self.document.add_page_break()
        self.document.add_paragraph("Annex", style="Heading 1")
        self.document.add_paragraph(annex.title, style="Heading 2")
        for table in (*annex.tables, *(_chart_table(c) for c in annex.charts)):
            self.table(table)

    def table(self, table: Table) -> None:
        self.document.add_paragraph(table.title, style="Heading 3")
        grid = self.document.add_table(rows=1, cols=len(table.columns))
        if "Table Grid" in [s.name for s in self.document.styles]:
            grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in table.rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = text


def _chart_table(chart: Chart) -> Table:
    columns = ("", *(s.name for s in chart.series))
    rows = tuple(
        (category, *(f"{s.values[i]:g}" for s in chart.series)) for i, category in enumerate(chart.categories)
    )
    return Table(chart.title, columns, rows)


def _language(run: Any, language: str) -> None:
    properties = run._r.get_or_add_rPr()
    if language in RTL:
        etree.SubElement(properties, qn("w:rtl"))
    lang = etree.SubElement(properties, qn("w:lang"))
    lang.set(qn("w:bidi" if language in RTL else "w:val"), language)


def _page_number(paragraph: Any) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = etree.SubElement(paragraph._p, qn("w:fldSimple"))
    field.set(qn("w:instr"), "PAGE")
    run = etree.SubElement(field, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "1"


def render_docx(report: Report, templates: Templates) -> Any:
    """The report as a python-docx Document."""
    writer = _Writer(report, templates)
    writer.front()
    writer.body()
    writer.annex()
    return writer.document


def write_docx(report: Report, path: Path, templates: Templates) -> None:
    """Write the report as DOCX at ``path``."""
    render_docx(report, templates).save(str(path))
