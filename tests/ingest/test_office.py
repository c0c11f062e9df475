"""Legacy .doc and RTF files through LibreOffice: content, sniffing, and the errors a user sees."""

from __future__ import annotations

import os

import pytest

from hrdmap.domain.raw import RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EncryptedFile, MissingTool
from hrdmap.ingest.office import OLE2_MAGIC, LegacyOfficeExtractor, convert_with_libreoffice, find_libreoffice

from .docx_factory import un_report_sample

EXTRACTOR = LegacyOfficeExtractor()
LIMITS = Limits()
NO_LIBREOFFICE = "LibreOffice (soffice) is not installed"
needs_libreoffice = pytest.mark.skipif(find_libreoffice() is None, reason=NO_LIBREOFFICE)
HAND_RTF = (
    rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}"
    rb"{\pard\f0 Defenders at risk in \u201?tat X.\par}"
    rb"{\pard Second paragraph.\par}}"
)


@pytest.fixture(scope="module")
def converted() -> dict[str, bytes]:
    """The sample report as .doc and .rtf, written by LibreOffice."""
    if find_libreoffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sample = un_report_sample()
    return {kind: convert_with_libreoffice(sample, ".docx", kind, 120) for kind in ("doc", "rtf")}


@pytest.mark.parametrize("kind", ["doc", "rtf"])
@pytest.mark.libreoffice
def test_doc_and_rtf_keep_numbering_footnotes_and_tables(converted: dict[str, bytes], kind: str) -> None:
    data = converted[kind]
    assert EXTRACTOR.sniff(data)
    raw = EXTRACTOR.extract(data, f"report.{kind}", LIMITS)
    assert raw.format == kind
    assert [(b.label, b.text) for b in raw.blocks if b.label] == [
        ("1.", "The Assembly adopted resolution 72/247."),
        ("2.", "The Secretary-General was requested:"),
        ("(a)", "to submit a report;"),
    ]
    assert raw.footnotes == [RawFootnote("1", "A/RES/72/247.")]
    assert any(b.kind is RawKind.TABLE for b in raw.blocks)


@pytest.mark.libreoffice
@needs_libreoffice
def test_hand_written_rtf() -> None:
    raw = EXTRACTOR.extract(HAND_RTF, "note.rtf", LIMITS)
    assert [b.text for b in raw.blocks] == ["Defenders at risk in État X.", "Second paragraph."]


def test_sniff_word_but_not_other_ole2_files() -> None:
    word = OLE2_MAGIC + b"\x00" * 100 + "WordDocument".encode("utf-16-le")
    excel = OLE2_MAGIC + b"\x00" * 100 + "Workbook".encode("utf-16-le")
    assert EXTRACTOR.sniff(word)
    assert EXTRACTOR.sniff(b"\n{\\rtf1 hello}")
    assert not EXTRACTOR.sniff(excel)
    assert not EXTRACTOR.sniff(b"PK\x03\x04")


def test_password_protected_word_2007_file_is_reported_encrypted() -> None:
    data = OLE2_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    assert EXTRACTOR.sniff(data)
    with pytest.raises(EncryptedFile, match="password-protected"):
        EXTRACTOR.extract(data, "secret.docx", LIMITS)


def test_missing_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", os.devnull)
    with pytest.raises(MissingTool, match="needs LibreOffice|need LibreOffice") as error:
        EXTRACTOR.extract(HAND_RTF, "note.rtf", LIMITS)
    assert "apt-get install libreoffice-writer-nogui" in str(error.value)


@pytest.mark.libreoffice
@needs_libreoffice
def test_damaged_doc_is_reported_corrupt() -> None:
    data = OLE2_MAGIC + "WordDocument".encode("utf-16-le") + b"\xff" * 600
    with pytest.raises(CorruptFile, match="LibreOffice could not convert"):
        EXTRACTOR.extract(data, "broken.doc", LIMITS)
