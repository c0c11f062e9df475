"""Turn a :class:`RawDocument` into a structured :class:`Document`.

This module's public function is the contract between extraction and everything after it. It is written by the
structure-recovery work; until then it raises ``NotImplementedError``.
"""

from __future__ import annotations

from hrdmap.domain.document import Document
from hrdmap.domain.raw import RawDocument


def build_document(raw: RawDocument, *, source: str, sha256: str, size: int) -> Document:
    """Recover the structure of a raw document.

    Args:
        raw: What an extractor read.
        source: Where the file came from (path, or ``parent!member``).
        sha256: Hex digest of the file's bytes.
        size: Size of the file in bytes.

    Returns:
        The document with blocks in reading order, labels parsed, headings' paths, footnotes attached to the
        blocks that cite them, languages detected and metadata (title, symbol, date) filled where found.
    """
    raise NotImplementedError
