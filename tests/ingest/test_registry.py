"""Content sniffing: the registry picks each format by what the file holds, whatever its name says."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from hrdmap.ingest.errors import UnsupportedFormat
from hrdmap.ingest.office import OLE2_MAGIC
from hrdmap.ingest.registry import choose, extractors

from .docx_factory import DocxBuilder
from .odt_factory import make_odt


def _docx() -> bytes:
    builder = DocxBuilder()
    builder.paragraph("Text")
    return builder.build()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _email() -> bytes:
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Contribution"
    msg.set_content("Text")
    return msg.as_bytes()


SAMPLES = {
    "docx": _docx,
    "odt": lambda: make_odt("<text:p>Text</text:p>"),
    "legacy_office": lambda: OLE2_MAGIC + b"\0" * 64 + "WordDocument".encode("utf-16-le"),
    "rtf": lambda: b"{\\rtf1\\ansi Text}",
    "html": lambda: b"<!DOCTYPE html><html><body><p>Text</p></body></html>",
    "email": _email,
    "zip": lambda: _zip({"a.txt": b"Text"}),
    "text": lambda: "Plain text, déjà.".encode(),
}
EXPECTED = {"rtf": "legacy_office"}


def test_all_extractors_are_registered_by_entry_points() -> None:
    names = [extractor.name for extractor in extractors()]
    assert {"docx", "odt", "legacy_office", "html", "email", "zip", "text"} <= set(names)
    assert names.index("docx") < names.index("zip") < names.index("text") == len(names) - 1


@pytest.mark.parametrize("kind", sorted(SAMPLES))
@pytest.mark.parametrize("name", ["file.bin", "file.doc", "file.html", "file"])
def test_content_wins_over_the_name(kind: str, name: str) -> None:
    assert choose(SAMPLES[kind](), name).name == EXPECTED.get(kind, kind)


@pytest.mark.parametrize(
    "kind",
    sorted(SAMPLES),
)
def test_content_wins_over_a_txt_name(kind: str) -> None:
    assert choose(SAMPLES[kind](), "file.txt").name == EXPECTED.get(kind, kind)


def test_office_packages_that_are_not_documents_are_unsupported() -> None:
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(UnsupportedFormat, match=r"unsupported format \(.xlsx"):
        choose(xlsx, "budget.xlsx")
    excel = OLE2_MAGIC + b"\0" * 64 + "Workbook".encode("utf-16-le")
    with pytest.raises(UnsupportedFormat):
        choose(excel, "budget.xls")


@pytest.mark.shared_data
def test_real_doc_named_files_that_are_docx(shared_data: Path) -> None:
    folder = shared_data / "un-upr-slovenia-docs" / "2ndcycle"
    paths = sorted(folder.glob("AdvancedQuestionsSlovenia*.doc"))
    assert paths
    for path in paths:
        assert choose(path.read_bytes(), path.name).name == "docx"
    thematic = folder / "UPR20__Slovenia_ThematicListRecommendations_E.docx"
    assert choose(thematic.read_bytes(), thematic.name).name == "docx"


@pytest.mark.shared_data
def test_real_html_pages(shared_data: Path) -> None:
    for path in sorted((shared_data / "udhr-six-languages").glob("*.html")):
        assert choose(path.read_bytes(), path.name).name == "html"
