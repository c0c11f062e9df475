"""Footnotes and the blocks that cite them.

UN footnotes credit sources ("Input by Child Rights Connect.") and cite documents by symbol, so each footnote
is kept with the first block that cites it. Footnotes come from two places: stored apart from the body (Word,
ODT, HTML endnotes, or a PDF's footnote area as separated by layout analysis) or as footnote blocks in the
body. A footnote nobody cites keeps ``block_index=None``. When numbering restarts (an annex numbering its
notes from 1 again), the n-th footnote with a label goes to the n-th block that cites that label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.domain.document import Block, Footnote
from hrdmap.structure.text import normalize_text

_LEADING_MARK = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z])\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class FootnoteText:
    """A footnote before it is attached: its label, text and page."""

    label: str
    text: str
    page: int | None = None


def footnote_from_block(text: str, label: str | None, page: int | None) -> FootnoteText:
    """Read a footnote printed as a body block: its label is given, or is the leading number or asterisk."""
    text = normalize_text(text)
    if label is None:
        m = _LEADING_MARK.match(text)
        if m:
            label, text = m.group(1), text[m.end() :]
    return FootnoteText((label or "").strip(), text, page)


def attach_footnotes(notes: Sequence[FootnoteText], blocks: Sequence[Block]) -> list[Footnote]:
    """Give each footnote the index of the first block citing it.

    Args:
        notes: Footnotes in document order.
        blocks: The document's blocks, with their ``footnote_refs``.

    Returns:
        The footnotes in document order, with ``block_index`` set where a citing block was found.
    """
    citations: dict[str, list[int]] = {}
    for block in blocks:
        for ref in dict.fromkeys(block.footnote_refs):
            citations.setdefault(ref.strip(), []).append(block.index)
    result = []
    for note in notes:
        cited = citations.get(note.label)
        index = cited.pop(0) if cited else None
        result.append(Footnote(note.label, note.text, index, note.page))
    return result
