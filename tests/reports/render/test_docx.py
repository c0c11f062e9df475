"""The DOCX draft: real Word footnotes, heading styles, literal continuous numbering, annex tables."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.render.docx import NUMBERED, write_docx

from ..draft_factory import small_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "draft.docx"
    write_docx(small_report(), path, Templates())
    return path


def test_paragraphs_are_numbered_continuously_in_their_style(written: Path) -> None:
    document = docx.Document(str(written))
    numbered = [p.text for p in document.paragraphs if p.style.name == NUMBERED]
    numbers = [int(re.match(r"(\d+)\.\t", t).group(1)) for t in numbered]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(numbers) + 1))


def test_sections_use_heading_styles(written: Path) -> None:
    document = docx.Document(str(written))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "I.\tIntroduction") in headings
    assert ("Heading 2", "A.\tDialogue between Governments and defenders") in headings


def test_footnotes_are_real_word_footnotes(written: Path) -> None:
    with zipfile.ZipFile(written) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
    assert "wordprocessingml.footnotes+xml" in types
    assert "relationships/footnotes" in rels
    kinds = [n.get(f"{W}type") for n in notes.findall(f"{W}footnote")]
    assert kinds[:2] == ["separator", "continuationSeparator"]
    called = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    real = {int(n.get(f"{W}id")): "".join(n.itertext()).strip() for n in notes if n.get(f"{W}type") is None}
    assert called == sorted(real) == list(range(1, len(real) + 1))
    assert "Input by the United Nations Development Programme." in real.values()
    assert not any("Digital Shield" in text for text in real.values())


def test_the_annex_has_tables(written: Path) -> None:
    document = docx.Document(str(written))
    assert len(document.tables) == 4
    assert document.tables[0].rows[0].cells[0].text == "Type of stakeholder"


def test_a_reference_docx_gives_the_base_styles(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Arial"
    reference.add_paragraph("Body of the reference, to be cleared.")
    reference.save(str(tmp_path / "reference.docx"))
    (tmp_path / "docx-styles.yaml").write_text("font: Arial\nstyles: {}\n")
    out = tmp_path / "out.docx"
    write_docx(small_report(), out, Templates(tmp_path))
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Arial"
    assert "Body of the reference" not in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.libreoffice
def test_libreoffice_converts_the_docx_to_pdf(written: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(written)],
        capture_output=True, timeout=180, check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=False).stdout.decode()
    assert "Input by Norway." in text
