"""The bundled fictional example corpus: complete, declared fictional, registered in call.yaml, ingestible.

The corpus is what the README's first command ingests, so these tests guard what a new user sees first: the
formats and languages promised in examples/README.md, the fictional-example notice at the top of every file, a
call.yaml whose contributions cover every file, and (through the real extractors and structure recovery) that
every file reads without error.
"""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from email.message import Message
from pathlib import Path

import pytest
import yaml

from hrdmap.ingest.base import Limits

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "corpus"
NOTICE = "FICTIONAL EXAMPLE written for the hrdmap project, not a real submission."
STAKEHOLDER_TYPES = {
    "member_state",
    "observer_state",
    "un_entity",
    "nhri",
    "regional_organisation",
    "ngo",
    "academic",
}
FILES = sorted(p.name for p in CORPUS.iterdir())


@pytest.fixture(scope="module")
def call() -> dict:
    return yaml.safe_load((EXAMPLES / "call.yaml").read_text(encoding="utf-8"))


def _attachment(message: Message) -> tuple[str, bytes]:
    part = next(p for p in message.walk() if p.get_filename())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(part.get_filename()), payload


def _docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _top_text(path: Path) -> str:
    """The first characters a reader sees, read with libraries independent of hrdmap's extractors."""
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".pdf":
        import pypdfium2

        return str(pypdfium2.PdfDocument(data)[0].get_textpage().get_text_range())[:400]
    if suffix == ".docx":
        return _docx_text(data)[:400]
    if suffix == ".odt":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("content.xml").decode("utf-8").split("<office:text>", 1)[1][:600]
    if suffix == ".eml":
        message = email.message_from_bytes(data)
        body = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(
            decode=True
        )
        return body.decode("utf-8")[:400] + "\n" + _docx_text(_attachment(message)[1])[:400]
    text = data.decode("utf-8")
    return text[text.find("<main>") :][:600] if suffix == ".html" else text[:400]


def test_corpus_has_the_promised_formats() -> None:
    suffixes = Counter(Path(name).suffix for name in FILES)
    assert 10 <= len(FILES) <= 12
    assert suffixes == {".pdf": 3, ".docx": 2, ".odt": 1, ".html": 2, ".txt": 1, ".md": 1, ".eml": 1}


def test_corpus_is_small() -> None:
    total = sum(p.stat().st_size for p in EXAMPLES.rglob("*") if p.is_file())
    assert total < 1_000_000


@pytest.mark.parametrize("name", FILES)
def test_every_file_says_it_is_fictional_at_the_top(name: str) -> None:
    assert NOTICE in _top_text(CORPUS / name)


def test_resolution_and_call_say_they_are_fictional(call: dict) -> None:
    assert (EXAMPLES / "resolution.txt").read_text(encoding="utf-8").startswith(NOTICE)
    assert call["call"]["fictional"] is True


def test_every_file_is_one_contribution_by_a_known_stakeholder(call: dict) -> None:
    contributions = call["contributions"]
    assert sorted(Path(c["file"]).name for c in contributions) == FILES
    known = {s["id"] for s in call["stakeholders"]}
    assert len(known) == len(call["stakeholders"])
    for contribution in contributions:
        assert (EXAMPLES / contribution["file"]).is_file()
        assert contribution["stakeholder"] in known
        assert contribution["consent"] in ("public", "confidential")
        assert isinstance(contribution["received"], dt.date)


def test_languages_cover_the_required_ones(call: dict) -> None:
    languages = {c["language"] for c in call["contributions"]}
    assert {"en", "fr", "es", "ar"} <= languages
    assert languages <= set(call["call"]["languages"])


def test_stakeholder_registry_is_regular(call: dict) -> None:
    for stakeholder in call["stakeholders"]:
        assert stakeholder["type"] in STAKEHOLDER_TYPES, stakeholder["id"]
        assert stakeholder["contact"].endswith("example.org"), stakeholder["id"]
        assert "country" in stakeholder, stakeholder["id"]
        if stakeholder["type"] == "nhri":
            assert stakeholder["accreditation"] in ("A", "B"), stakeholder["id"]
    types = Counter(s["type"] for s in call["stakeholders"])
    assert {"member_state", "un_entity", "nhri", "regional_organisation", "ngo"} <= set(types)


def test_requests_precede_contributions_and_some_went_unanswered(call: dict) -> None:
    asked: dict[str, dt.date] = {}
    for request in call["requests"]:
        assert request["channel"] in ("note_verbale", "letter", "email")
        asked.setdefault(request["stakeholder"], request["date"])
    answered = {c["stakeholder"] for c in call["contributions"]}
    for contribution in call["contributions"]:
        assert asked[contribution["stakeholder"]] <= contribution["received"]
    assert len(set(asked) - answered) >= 2
    assert Counter(c["consent"] for c in call["contributions"])["confidential"] >= 1


def test_mandate_paragraphs_are_in_the_resolution(call: dict) -> None:
    text = (EXAMPLES / "resolution.txt").read_text(encoding="utf-8")
    mandate = call["call"]["mandate"]
    assert mandate["symbol"] in text
    for number in mandate["paragraphs"]:
        assert f"     {number}.  " in text
    assert "Requests the Secretary-General" in text and "eighty-second session" in text


def test_the_un_document_has_its_page_furniture() -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(CORPUS / "A_HRC_EX_1_OHCHR.pdf")
    pages = [str(page.get_textpage().get_text_range()) for page in pdf]
    assert len(pages) >= 3
    assert "GE.26-00001(E)" in pages[0]
    assert all("A/HRC/EX/1" in page.splitlines() for page in (p.replace("\r", "") for p in pages[1:]))
    assert all(str(number) in page for number, page in enumerate(pages[1:], start=2))
    # a hyphenated line end: pdfium reports a hyphen that ends a line as U+FFFE and joins the lines
    assert "accom\ufffepanied" in "".join(pages) or "accom-\r\npanied" in "".join(pages)


def test_word_files_have_real_footnotes_and_one_has_auto_numbering() -> None:
    parts = {}
    for name in ("norway-contribution-en.docx", "cote-d-ivoire-contribution-fr.docx"):
        with zipfile.ZipFile(CORPUS / name) as archive:
            parts[name] = {
                n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
            }
    for files in parts.values():
        assert "<w:footnoteReference" in files["word/document.xml"]
        assert 'w:id="1"' in files["word/footnotes.xml"]
    assert "<w:numPr>" in parts["norway-contribution-en.docx"]["word/document.xml"]
    assert "<w:numPr>" not in parts["cote-d-ivoire-contribution-fr.docx"]["word/document.xml"]


def test_email_attachment_is_the_registered_docx(call: dict) -> None:
    entry = next(c for c in call["contributions"] if c["file"].endswith(".eml"))
    message = email.message_from_bytes((EXAMPLES / entry["file"]).read_bytes())
    name, data = _attachment(message)
    assert [name] == entry["attachments"]
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml")


def test_generator_is_deterministic_and_committed_text_files_are_current(tmp_path: Path) -> None:
    for module in ("reportlab", "odf", "arabic_reshaper", "bidi"):
        pytest.importorskip(module)
    script = REPO / "scripts" / "make_examples.py"
    runs = [tmp_path / "one", tmp_path / "two"]
    for out in runs:
        subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    assert sorted(p.name for p in runs[0].iterdir()) == FILES
    for name in FILES:
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name
        if Path(name).suffix in (".html", ".txt", ".md"):
            assert (runs[0] / name).read_bytes() == (CORPUS / name).read_bytes(), f"{name} is stale: rerun"


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_opens_the_office_files(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import pypdfium2

    names = [n for n in FILES if n.endswith((".docx", ".odt"))]
    for name in names:
        shutil.copy(CORPUS / name, tmp_path / name)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *[str(tmp_path / n) for n in names],
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in names:
        pdf = pypdfium2.PdfDocument(tmp_path / "pdf" / f"{Path(name).stem}.pdf")
        text = "\n".join(str(page.get_textpage().get_text_range()) for page in pdf)
        assert NOTICE in " ".join(text.split()), name
    norway = tmp_path / "pdf" / "norway-contribution-en.pdf"
    text = str(pypdfium2.PdfDocument(norway)[0].get_textpage().get_text_range())
    assert "See, inter alia, Human Rights Council resolution 22/6" in text  # the footnote is laid out
    assert "(a)" in text  # Word numbering is applied


def _ingest(name: str, data: bytes) -> list[object]:
    """Extract and structure one file and the files inside it, as ingestion does."""
    from hrdmap.ingest.registry import choose
    from hrdmap.structure.builder import build_document

    raw = choose(data, name).extract(data, name, Limits())
    document = build_document(raw, source=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    children = [d for child in raw.children for d in _ingest(f"{name}!{child.name}", child.data)]
    return [document, *children]


@pytest.mark.parametrize("name", FILES)
def test_every_file_extracts_and_structures(name: str) -> None:
    try:
        documents = _ingest(name, (CORPUS / name).read_bytes())
    except (NotImplementedError, ModuleNotFoundError) as exc:
        pytest.skip(f"the ingest pipeline for {name} has not landed yet ({exc})")
    assert all(d.paragraphs() for d in documents)  # type: ignore[attr-defined]
    if name.endswith(".eml"):
        assert len(documents) == 2


def test_the_example_framework_loads_from_its_folder_and_is_not_built_in() -> None:
    from hrdmap.analyse.frameworks.loader import load_frameworks

    assert "upr-info-themes" not in load_frameworks(())
    themes = load_frameworks([EXAMPLES / "frameworks"])["upr-info-themes"]
    assert len(themes.labels) == 10 and themes.source.endswith("upr-info-themes.yaml")
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "`frameworks/` (not fictional)" in readme and "upr-info-themes.yaml" in readme
