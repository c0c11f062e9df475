"""Checks every extractor makes before and after reading a file.

They keep the messages the same across formats: an empty file, a file over the size limit and a file with no
text at all are reported alike whatever the format.
"""

from __future__ import annotations

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile, OverBudget, TooLarge

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


def check_chars(count: int, limits: Limits) -> None:
    """Refuse text longer than ``limits.max_chars`` (a plain-text file can be checked as soon as it is decoded).

    Raises:
        OverBudget: Over the limit.
    """
    if count > limits.max_chars:
        raise OverBudget(
            f"{count:,} characters of text, over the budget of {limits.max_chars:,} per file (HRDMAP_MAX_CHARS)"
        )


def check_budget(raw: RawDocument, limits: Limits) -> None:
    """Refuse an extractor's result with more pages, characters or blocks than one file may give.

    Checked before structure recovery, whose time grows with the text; so a file that is small on disk but
    holds a huge text (a 95 MiB text file, a DOCX bomb that got under the inflation limit) fails at once.

    Raises:
        OverBudget: Over one of ``limits.max_pages``, ``max_chars`` or ``max_blocks``; the message says which.
    """
    if raw.pages is not None and raw.pages > limits.max_pages:
        raise OverBudget(f"{raw.pages:,} pages, over the budget of {limits.max_pages:,} per file (HRDMAP_MAX_PAGES)")
    blocks = len(raw.blocks) + len(raw.footnotes)
    if blocks > limits.max_blocks:
        raise OverBudget(
            f"{blocks:,} blocks (paragraphs, headings, notes), over the budget of {limits.max_blocks:,} per file "
            "(HRDMAP_MAX_BLOCKS)"
        )
    chars = sum(len(b.text) + sum(len(c) for row in b.rows for c in row) for b in raw.blocks)
    chars += sum(len(line.text) for line in raw.lines) + sum(len(n.text) for n in raw.footnotes)
    check_chars(chars, limits)
