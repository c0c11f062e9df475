"""Compilations of resolutions and decisions (issue 12, finding 11, structure side).

A session report or a volume of resolutions holds the texts of many resolutions and decisions one after another.
Structure recovery must keep each one's symbol line and its number and title as headings, so that a reader can
split the volume by them, and must never make a contents entry ("……… 12") a heading or the title. The volume
is written here twice, as a Word file typed in the Normal style and as a PDF; its text is fictional.
"""

from __future__ import annotations

import pytest

from hrdmap.domain.document import BlockKind, Document
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from tests.ingest.docx_factory import DocxBuilder
from tests.structure.compilation_factory import DECISIONS, RESOLUTIONS, TITLE, volume_docx, volume_pdf


def _build(data: bytes, name: str) -> Document:
    extractor = PdfExtractor() if name.endswith(".pdf") else DocxExtractor()
    raw = extractor.extract(data, name, Limits())
    return build_document(raw, source=name, sha256="0" * 64, size=len(data))


@pytest.mark.parametrize("name", ["volume.docx", "volume.pdf"])
def test_each_resolution_opens_with_its_symbol_and_title_as_headings(name: str) -> None:
    doc = _build(volume_docx() if name.endswith(".docx") else volume_pdf(), name)
    assert doc.title == TITLE
    expected = [line for symbol, title, _ in [*RESOLUTIONS, *DECISIONS] for line in (symbol, title) if line]
    headings = [b for b in doc.blocks if b.kind is BlockKind.HEADING and b.text in expected]
    assert [b.text for b in headings] == expected
    assert len({b.level for b in headings}) == 1  # siblings, one level below "I. Resolutions"
    assert headings[0].heading_path == ("I. Resolutions",)
    # Every operative paragraph of a resolution has the resolution's title in its heading path.
    calls = [b for b in doc.paragraphs() if b.text.startswith("Calls upon all States")]
    cited = [title for _, title, opening in [*RESOLUTIONS, *DECISIONS] if opening.startswith("The")]
    assert [b.heading_path[-1] for b in calls] == cited


@pytest.mark.parametrize("name", ["volume.docx", "volume.pdf"])
def test_contents_entries_are_never_headings_or_the_title(name: str) -> None:
    doc = _build(volume_docx() if name.endswith(".docx") else volume_pdf(), name)
    assert not any("....." in b.text for b in doc.blocks if b.kind in (BlockKind.HEADING, BlockKind.TITLE))
    assert doc.title and "..." not in doc.title


def test_a_list_of_resolutions_is_not_taken_for_their_texts() -> None:
    """Entries of a list ("80/1 Protection of human rights defenders 2 May 2026") have no opening words below
    them: they stay paragraphs."""
    builder = DocxBuilder()
    builder.paragraph(TITLE, style="Title")
    for _, title, _ in RESOLUTIONS:
        builder.paragraph(title.replace(".", "", 1) + " 2 May 2026")
    doc = _build(builder.build(), "list.docx")
    assert not any(b.kind is BlockKind.HEADING for b in doc.blocks)
