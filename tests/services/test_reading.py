from __future__ import annotations

from hrdmap.ingest.errors import CorruptFile
from hrdmap.services.reading import failure
from hrdmap.storage.batches import ItemStatus


def test_an_extractor_error_keeps_its_code_without_repeating_the_file_name() -> None:
    error = CorruptFile("/in/a.pdf: corrupt PDF: cannot read the cross-reference table")
    outcome = failure("/in/a.pdf", error)
    assert (outcome.status, outcome.error_code) == (ItemStatus.FAILED, "corrupt")
    assert outcome.reason == "corrupt PDF: cannot read the cross-reference table"


def test_an_unexpected_error_becomes_a_one_line_internal_failure() -> None:
    outcome = failure("/in/a.zip!b.docx", ValueError("bad value\n  in line 3"))
    assert outcome.error_code == "internal"
    assert outcome.reason == "unexpected error: ValueError: bad value in line 3"


def test_a_file_that_cannot_be_opened_says_why() -> None:
    outcome = failure("/in/a.pdf", PermissionError(13, "Permission denied"))
    assert (outcome.error_code, outcome.reason) == ("unreadable", "cannot read the file: Permission denied")
