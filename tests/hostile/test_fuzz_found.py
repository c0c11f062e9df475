"""Files the fuzzer found (bench/fuzz_ingest.py): each once failed as ``internal`` and is now read or refused well.

They are mutants of the fictional example corpus and of the harness's own DOCX, kept in tests/fixtures/fuzz/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile
from hrdmap.services.parsing import parse_file


@pytest.mark.parametrize(
    "name",
    ["rels-of-the-wrong-shape.docx", "relationship-without-target.docx", "styles-part-of-the-wrong-type.docx"],
)
def test_a_docx_whose_relationships_python_docx_cannot_follow_is_corrupt_not_internal(
    fixtures: Path, name: str
) -> None:
    data = (fixtures / "fuzz" / name).read_bytes()
    with pytest.raises(CorruptFile, match="corrupt DOCX: a part does not have the structure Word writes"):
        parse_file(data, name, name, "0" * 64, Limits())


def test_a_docx_whose_core_properties_have_the_wrong_shape_is_read_without_them(fixtures: Path) -> None:
    name = "core-properties-of-the-wrong-shape.docx"
    parsed = parse_file((fixtures / "fuzz" / name).read_bytes(), name, name, "0" * 64, Limits())
    assert parsed.document is not None and len(parsed.document.blocks) > 10


def test_a_pdf_whose_metadata_is_not_valid_utf16_is_read_without_it(fixtures: Path) -> None:
    name = "metadata-not-utf16.pdf"
    parsed = parse_file((fixtures / "fuzz" / name).read_bytes(), name, name, "0" * 64, Limits())
    assert parsed.document is not None and parsed.document.blocks
