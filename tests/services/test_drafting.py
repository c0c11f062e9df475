"""Drafting the example call: the three formats, continuous numbering, credits, confidentiality, traceability."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import lxml.html
import pypdfium2
import pytest

from hrdmap.config import Settings
from hrdmap.services import drafting
from hrdmap.services.calls.importing import import_call
from hrdmap.services.calls.manage import CallError
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace
from tests.actors import TESTER

REPO = Path(__file__).resolve().parents[2]
CALL = "hrd-assessment-2026"
CONFIDENTIAL = ("Digital Shield", "Tierra Viva")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data folder with the example call imported and tagged by the rule taggers."""
    settings = Settings(home=tmp_path_factory.mktemp("home"))
    with open_workspace(settings) as workspace:
        import_call(workspace, TESTER, REPO / "examples" / "call.yaml")
        tag_documents(workspace, TESTER, taggers=("statement-kind", "framework-keywords", "gazetteer"))
    return settings


@pytest.fixture(scope="module")
def result(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> drafting.DraftResult:
    with open_workspace(settings) as workspace:
        return drafting.draft(workspace, TESTER, CALL, tmp_path_factory.mktemp("draft"))


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode() for n in ("word/document.xml", "word/footnotes.xml"))


def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_the_three_formats_and_the_sidecar_are_written(result: drafting.DraftResult) -> None:
    assert set(result.files) == {"docx", "pdf", "html", "sources"}
    assert all(path.stat().st_size > 0 for path in result.files.values())


def test_paragraphs_are_numbered_continuously_in_every_format(result: drafting.DraftResult) -> None:
    expected = list(range(1, sum(1 for _ in result.report.numbered()) + 1))
    document = docx.Document(str(result.files["docx"]))
    in_docx = [int(p.text.split(".")[0]) for p in document.paragraphs if p.style.name == "UN Numbered Paragraph"]
    page = lxml.html.parse(str(result.files["html"])).getroot()
    in_html = [int(a.text_content().rstrip(".")) for a in page.xpath("//div[@class='para']/p[1]/*[1]")]
    # An Arabic paragraph's first line reads right to left: pdfium gives its number at the end ("… 25.").
    numbers = re.findall(r"^(\d{1,3})\.\s|^(?=.*[\u0600-\u06ff]).*\s(\d{1,3})\.\s*$", _pdf_text(result.files["pdf"]),
                         flags=re.MULTILINE)
    in_pdf = [int(left or right) for left, right in numbers]
    assert in_docx == in_html == expected
    assert in_pdf == expected


def test_footnotes_credit_the_contributors(result: drafting.DraftResult) -> None:
    notes = {n.text for n in result.report.footnotes}
    assert "Input by Norway." in notes
    assert "Input by the United Nations Development Programme." in notes
    assert "Confidential input on file with the Secretariat." in notes
    assert "Input by Norway." in _pdf_text(result.files["pdf"])


def test_confidential_contributors_are_named_nowhere(result: drafting.DraftResult) -> None:
    outputs = {
        "docx": _docx_text(result.files["docx"]),
        "html": result.files["html"].read_text("utf-8"),
        "pdf": _pdf_text(result.files["pdf"]),
        "sources": result.files["sources"].read_text("utf-8"),
    }
    for kind, text in outputs.items():
        for name in CONFIDENTIAL:
            assert name not in text, f"{name} named in the {kind}"
    assert "Confidential input on file with the Secretariat." in outputs["pdf"]


def test_the_sidecar_maps_every_drafted_paragraph_to_stored_blocks(
    result: drafting.DraftResult, settings: Settings
) -> None:
    mapped = json.loads(result.files["sources"].read_text("utf-8"))
    assert set(mapped["paragraphs"]) == {str(p.number) for p in result.report.numbered()}
    blocks = {s["block"]: s for p in mapped["paragraphs"].values() for s in p["sources"]}
    blocks |= {s["block"]: s for p in mapped["paragraphs"].values() for i in p["items"].values() for s in i}
    with open_workspace(settings) as workspace:
        located = {b.id: b for b in workspace.store.documents.locate(sorted(blocks))}
    assert len(blocks) > 20
    assert set(located) == set(blocks)
    assert all(located[b].document.id == s["document"] for b, s in blocks.items())
    assert mapped["words"]["limit"] == 10_700
    assert mapped["words"]["body"] == result.report.body_words()


def test_the_introduction_cites_the_mandate_and_the_notes_verbales(result: drafting.DraftResult) -> None:
    intro = [p.text for p in result.report.sections[0].paragraphs]
    assert intro[0].startswith("In its resolution 80/EX/1, the General Assembly requested the Secretary-General to")
    assert intro[0].endswith("(paras. 16 and 17).")
    assert intro[1].startswith("On 2 March 2026, OHCHR sent a note verbale to Member States and observer States")
    assert "Costa Rica, Côte d'Ivoire and Norway" in result.report.summary[0].text


def test_the_mandate_sentence_keeps_the_sub_paragraphs_its_colon_introduces(result: drafting.DraftResult) -> None:
    mandate = result.report.sections[0].paragraphs[0].text
    resolution = " ".join((REPO / "examples" / "resolution.txt").read_text(encoding="utf-8").split())
    assert "specialized agencies, and to undertake" not in mandate
    assert (
        "specialized agencies: (a) give due consideration to the Declaration on Human Rights Defenders;"
        " (b) take into account the reports of the Special Rapporteur on the situation of human rights defenders"
        " in their work; and (c) assist States in strengthening the role and security of human rights defenders."
        " It also requested the Secretary-General to undertake the assessment referred to in paragraph 16 above"
    ) in mandate
    for label, item in re.findall(r"(\([a-c]\)) (.+?)(?:;|\.)", mandate):
        assert f"{label} {item[0].upper()}{item[1:]}" in resolution


def test_pdf_pages_are_not_blank(result: drafting.DraftResult) -> None:
    pdf = pypdfium2.PdfDocument(str(result.files["pdf"]))
    for i in range(len(pdf)):
        low, high = pdf[i].render(scale=0.4).to_pil().convert("L").getextrema()
        assert high - low > 100, f"page {i + 1} looks blank"


def test_an_unknown_call_is_refused(settings: Settings, tmp_path: Path) -> None:
    with open_workspace(settings) as workspace, pytest.raises(CallError):
        drafting.draft(workspace, TESTER, "no-such-call", tmp_path)



def test_the_example_draft_body_is_english_with_originals_in_footnotes(result: drafting.DraftResult) -> None:
    """Issue 12, finding 8: the example corpus has French, Spanish, Russian and Arabic contributions."""
    report = result.report
    body = [span for p in report.numbered() for span in (*p.content, *(i for it in p.items for i in it.content))]
    assert all(getattr(span, "language", None) is None for span in body)
    originals = [n.original for n in report.footnotes if n.original]
    assert originals and {o.language for o in originals} >= {"fr", "es"}
    sources = json.loads(result.files["sources"].read_text("utf-8"))
    assert sources["originals"]
    labels = {s["label"] for p in sources["paragraphs"].values() for s in p["sources"]}
    labels |= {s["label"] for p in sources["paragraphs"].values() for item in p["items"].values() for s in item}
    assert not {label for label in labels if label and label.startswith(("(", "•", "-"))}
    assert not {label for label in labels if label and label.endswith(".")}


def test_candidates_carry_the_citation_of_their_paragraph(settings: Settings) -> None:
    with open_workspace(settings) as workspace:
        data = drafting.gather(workspace, TESTER, CALL)
    subs = [c for c in data.candidates if c.label and c.label.strip().startswith("(")]
    assert subs and all(c.citation is None or re.fullmatch(r"\d+(?:\.\d+)* \(\w+\)(?: \(\w+\))*", c.citation)
                        for c in subs)
    assert any(c.citation for c in subs)


def test_an_internal_draft_says_so_under_its_title_and_marks_its_confidential_sources(
    result: drafting.DraftResult,
) -> None:
    assert "Internal draft" in result.report.subtitle
    assert result.report.meta["audience"] == "internal"
    assert "Internal draft" in result.files["html"].read_text("utf-8")


def test_a_public_draft_uses_nothing_of_a_confidential_contribution_but_counts(
    settings: Settings, tmp_path: Path
) -> None:
    with open_workspace(settings) as workspace:
        public = drafting.draft(
            workspace, TESTER, CALL, tmp_path, formats=[drafting.DraftFormat.HTML], audience=drafting.Audience.PUBLIC
        )
    report = public.report
    assert not [s for p in report.numbered() for s in p.all_sources() if s.confidential]
    assert "Internal draft" not in report.subtitle
    notes = {n.text for n in report.footnotes}
    assert not any("onfidential input" in n for n in notes)
    assert "contributions were submitted on a confidential basis" in public.files["html"].read_text("utf-8")
