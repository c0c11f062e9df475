"""A compilation of resolutions and decisions is cut into one document per resolution (issue 12, finding 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.analyse.resolutions.compilation import split_compilation
from hrdmap.analyse.resolutions.reader import parse_resolution
from hrdmap.domain.document import Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from tests.structure.compilation_factory import volume_docx, volume_pdf

SYMBOLS = ["A/HRC/RES/80/1", "A/HRC/RES/80/2", "A/HRC/RES/80/3", "A/HRC/DEC/80/101", "A/HRC/DEC/80/102"]


def _document(name: str) -> Document:
    data = volume_docx() if name.endswith(".docx") else volume_pdf()
    extractor = DocxExtractor() if name.endswith(".docx") else PdfExtractor()
    return build_document(extractor.extract(data, name, Limits()), source=name, sha256="0" * 64, size=len(data))


@pytest.mark.parametrize("name", ["volume.docx", "volume.pdf"])
def test_every_resolution_and_decision_is_cut_out_under_its_own_symbol(name: str) -> None:
    parts = split_compilation(_document(name))
    assert [p.symbol for p in parts] == SYMBOLS
    assert [p.decision for p in parts] == [False, False, False, True, True]
    first = parse_resolution(parts[0].document)
    assert (first.symbol, first.number) == ("A/HRC/RES/80/1", "80/1")
    assert first.title == "Protection of human rights defenders"
    assert [p.number for p in first.operative] == [1, 2]
    decision = parse_resolution(parts[4].document, require_operative=False)
    assert (decision.symbol, decision.kind, decision.operative) == ("A/HRC/DEC/80/102", "decision", ())


def test_a_document_that_is_one_resolution_reads_the_same_cut_or_not() -> None:
    from hrdmap.ingest.text import TextExtractor

    data = (
        b"A/HRC/RES/22/6\n\n22/6. Protecting human rights defenders\n\nThe Human Rights Council,\n\n"
        b"1. Urges States.\n"
    )
    document = build_document(TextExtractor().extract(data, "one.txt", Limits()), source="one.txt", sha256="0", size=1)
    (part,) = split_compilation(document)
    whole, cut = parse_resolution(document), parse_resolution(part.document)
    assert (cut.symbol, cut.title, cut.operative) == (whole.symbol, whole.title, whole.operative)


def test_a_single_un_resolution_with_its_masthead_is_not_cut(shared_data: Path) -> None:
    path = shared_data / "un-doc-pdfs/A_RES_80_251.pdf"
    raw = PdfExtractor().extract(path.read_bytes(), path.name, Limits())
    assert split_compilation(build_document(raw, source=path.name, sha256="0", size=1)) == []
