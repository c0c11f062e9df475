"""A Council decision is stored under its own symbol, not under the report it adopts (issue 12, finding 12).

A decision adopting a UPR outcome cites the Working Group's report by symbol ("… constituted of the report of
the Working Group on Freedonia (A/HRC/79/12) …"); filed under that symbol, it made ``show A/HRC/79/12``
ambiguous. The decision's PDF here is drawn the way the UN's print files are (fictional text): the job number
first, the body, and the masthead with the decision's own symbol last in the content stream, though at the top
of the page.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hrdmap.cli.main import cli
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from tests.ingest.docx_factory import DocxBuilder

DECISION = "A/HRC/DEC/79/101"
REPORT = "A/HRC/79/12"


def decision_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("Microsoft Word - draft decision for processing.doc")
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(72, 40, "GE.29-10101")
    y = 700.0
    pdf.setFont("Times-Bold", 10)
    for line in ("Human Rights Council", "Seventy-ninth session", "Agenda item 6", "Universal periodic review"):
        pdf.drawString(72, y, line)
        y -= 13
    pdf.setFont("Times-Bold", 14)
    for line in (
        "Decision adopted by the Human Rights Council",
        "79/101",
        "Outcome of the universal periodic review: Freedonia",
    ):
        y -= 22
        pdf.drawString(100, y, line)
    pdf.setFont("Times-Roman", 10)
    y -= 30
    body = [
        "The Human Rights Council,",
        "Having conducted the review of Freedonia on 3 May 2029 in conformity with all the relevant",
        "provisions contained in Council resolution 5/1;",
        "Adopts the outcome of the universal periodic review on Freedonia which is constituted of the report",
        f"of the Working Group on Freedonia ({REPORT}), together with the views of Freedonia concerning the",
        f"recommendations and its voluntary commitments ({REPORT}/Add.1).",
        "31st meeting",
        "9 October 2029",
        "[Adopted without a vote.]",
    ]
    for line in body:
        pdf.drawString(100, y, line)
        y -= 13
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 790, "United Nations")
    pdf.drawString(380, 790, DECISION)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, 760, "General Assembly")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(430, 770, "Distr.: General")
    pdf.drawString(430, 758, "12 October 2029")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def report_docx() -> bytes:
    builder = DocxBuilder(title="Report of the Working Group on the Universal Periodic Review")
    builder.header(REPORT)
    builder.paragraph("Report of the Working Group on the Universal Periodic Review: Freedonia")
    builder.paragraph("1. The Working Group held its review of Freedonia at its 12th meeting.")
    return builder.build()


def test_a_decision_carries_its_own_symbol_not_the_reports_it_adopts() -> None:
    data = decision_pdf()
    document = build_document(
        PdfExtractor().extract(data, "decision.pdf", Limits()), source="decision.pdf", sha256="0" * 64, size=len(data)
    )
    assert document.symbol == DECISION
    assert any(REPORT in block.text for block in document.blocks)  # the citation is still text


def test_show_of_the_adopted_report_is_not_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "decision.pdf").write_bytes(decision_pdf())
    (tmp_path / "report.docx").write_bytes(report_docx())
    home = str(tmp_path / "home")
    runner = CliRunner()
    ingested = runner.invoke(
        cli,
        ["--home", home, "ingest", str(tmp_path / "decision.pdf"), str(tmp_path / "report.docx")],
        catch_exceptions=False,
    )
    assert ingested.exit_code == 0, ingested.output
    report = runner.invoke(cli, ["--home", home, "show", REPORT], catch_exceptions=False)
    assert report.exit_code == 0, report.output
    assert "held its review of Freedonia" in report.stdout
    decision = runner.invoke(cli, ["--home", home, "show", DECISION], catch_exceptions=False)
    assert decision.exit_code == 0 and "Adopts the outcome" in decision.stdout


@pytest.mark.shared_data
def test_a_real_decision_and_the_report_it_adopts(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "un-upr-slovenia-docs" / "1stcycle"
    home = str(tmp_path / "home")
    runner = CliRunner()
    ingested = runner.invoke(
        cli,
        ["--home", home, "ingest", str(folder / "g1014611.pdf"), str(folder / "g1012049.pdf")],
        catch_exceptions=False,
    )
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(cli, ["--home", home, "documents"], catch_exceptions=False).stdout
    assert "A/HRC/DEC/14/105" in listed
    shown = runner.invoke(cli, ["--home", home, "show", "A/HRC/14/15"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    assert "Report of the Working Group on the Universal Periodic Review" in shown.stdout
