"""Checks every extractor makes before and after reading a file.

They keep the messages the same across formats: an empty file, a file over the size limit and a file with no
text at all are reported alike whatever the format.
"""

from __future__ import annotations

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile, TooLarge

_MIB = 1024 * 1024


def check_input(data: bytes, limits: Limits) -> None:
    """Refuse empty input and input over ``limits.max_file_bytes``.

    Raises:
        EmptyFile: The file has no bytes.
        TooLarge: The file is over the size limit.
    """
    if not data:
        raise EmptyFile("empty file (0 bytes)")
    if len(data) > limits.max_file_bytes:
        raise TooLarge(
            f"file is {len(data) / _MIB:.1f} MiB, over the {limits.max_file_bytes / _MIB:.1f} MiB limit"
        )


def require_content(raw: RawDocument, what: str) -> RawDocument:
    """Return ``raw`` unless it holds no text, no footnote and no embedded file.

    Args:
        raw: The extractor's result.
        what: How to name the file in the message ("DOCX document", "zip archive").

    Raises:
        EmptyFile: Nothing was found to ingest.
    """
    has_text = any(block.text.strip() or block.rows for block in raw.blocks)
    if has_text or raw.footnotes or raw.children:
        return raw
    raise EmptyFile(f"{what} has no text")
