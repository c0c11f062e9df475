"""How a paragraph is cited: "para. 12", "para. 12 (a)", "para. 98.12", never "para. (a)" nor "para. •".

UN documents cite a sub-paragraph with the number of the paragraph it belongs to ("para. 12 (a)"), and a
bulleted item by the paragraph that holds the list, since a bullet has no number. :func:`paragraph_citation`
finds that chain from the blocks of a document in reading order: the parent of a block is the nearest block
before it with a smaller nesting level, or, when structure recovery left a sub-paragraph at the level of its
parent, the nearest numbered paragraph ("12.", "98.12.") before it. The walk stops at a heading: a
sub-paragraph never belongs to a paragraph of another section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hrdmap.domain.document import Block, BlockKind

_MAIN = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")
_TEXT = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


def _own(block: Block) -> str | None:
    """The block's own part of a citation: "12", "98.12", "(a)"; ``None`` for a bullet or no label."""
    if block.number is None or not block.label:
        return None
    label = block.label.strip()
    if label.startswith("(") or label.endswith(")") or not _MAIN.match(block.number):
        return f"({block.number})"
    return block.number


def _is_main(block: Block) -> bool:
    return block.number is not None and bool(_MAIN.match(block.number)) and not (block.label or "").startswith("(")


def standalone_citation(block: Block) -> str | None:
    """The citation of a numbered paragraph ("12", "98.12"), which needs no other block; ``None`` for any other
    block (whose citation :func:`paragraph_citation` finds from the blocks before it)."""
    return block.number if _is_main(block) else None


def paragraph_citation(blocks: Sequence[Block], position: int) -> str | None:
    """The citation of ``blocks[position]`` without "para.": "12", "12 (a)", "12 (a) (i)", or ``None``.

    Args:
        blocks: A document's blocks in reading order.
        position: The index in ``blocks`` of the block to cite.

    Returns:
        The numbers from the outermost paragraph down; ``None`` when neither the block nor a paragraph holding
        it is numbered (an unnumbered paragraph, a bullet under one).
    """
    block = blocks[position]
    if _is_main(block):
        return block.number  # "12", "98.12": a paragraph number is a whole citation
    parts = [p for p in (_own(block),) if p]
    level = block.level
    needs_main = True
    for earlier in reversed(blocks[:position]):
        if earlier.kind is BlockKind.HEADING or level <= 0 and not needs_main:
            break
        if earlier.kind not in _TEXT:
            continue
        if earlier.level < level or (needs_main and _is_main(earlier) and earlier.level <= level):
            own = _own(earlier)
            if own:
                parts.insert(0, own)
            level = earlier.level
            needs_main = not _is_main(earlier)
            if not needs_main and level <= 0:
                break
    return " ".join(parts) if parts and _MAIN.match(parts[0]) else None


def cite(citation: str | None) -> str:
    """ "para. 12 (a)" for a citation, "" for none."""
    return f"para. {citation}" if citation else ""
