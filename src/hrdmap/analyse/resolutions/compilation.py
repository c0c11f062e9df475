"""Split a compilation of resolutions and decisions into one document per resolution.

A session report ("Report of the Human Rights Council on its twenty-eighth session") or a volume of resolutions
holds the texts of many resolutions and decisions one after another. Structure recovery makes the lines that
open each one headings — its symbol alone ("A/HRC/RES/28/1") and its number and title ("28/1. Composition of
staff …") — when its opening words follow (:func:`hrdmap.structure.headings.is_resolution_heading`). This
module cuts the document at those headings: each part runs from its first heading to the next resolution's, or
to a heading above it ("II. Decisions", "Part Two"), and becomes a :class:`Document` that
:func:`~hrdmap.analyse.resolutions.reader.parse_resolution` reads like a resolution of its own.

Each part's symbol is the one printed above it; else it is built from its number and the body that adopted it:
the compilation's symbol names the body ("A/HRC/28/2": the Human Rights Council), else the part's opening words
do; a part under a "Decisions" heading, or numbered as HRC decisions are (101 and above), is a decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.structure.headings import is_resolution_heading
from hrdmap.structure.metadata import SYMBOL

_NUMBER = re.compile(r"(?:^|\s)(?P<number>(?:\d{1,3}|S-\d{1,2})/\d{1,4})\b")
_DECISIONS = re.compile(r"\b(?:decisions?|décisions?|decisiones?)\b", re.IGNORECASE)
_OPENINGS = (
    ("human rights council", "A/HRC"),
    ("conseil des droits de l", "A/HRC"),
    ("consejo de derechos humanos", "A/HRC"),
    ("general assembly", "A"),
    ("assemblée générale", "A"),
    ("asamblea general", "A"),
)
_FIRST_HRC_DECISION = 101  # the Council numbers its decisions from 101 in each session


@dataclass(frozen=True, slots=True)
class Part:
    """One resolution or decision cut out of a compilation.

    Attributes:
        number: Its number as printed ("28/1", "28/101").
        symbol: Its symbol, printed or built ("A/HRC/RES/28/1", "A/HRC/DEC/28/101"), or ``None`` when the body
            that adopted it cannot be told.
        decision: Whether it is a decision.
        document: Its blocks, as a document of its own (block indices are the compilation's).
    """

    number: str
    symbol: str | None
    decision: bool
    document: Document


def split_compilation(document: Document) -> list[Part]:
    """Cut a compilation into its resolutions and decisions, in order; ``[]`` when it holds none.

    Args:
        document: The structured compilation.

    Returns:
        One part per resolution or decision whose opening lines structure recovery made headings.
    """
    blocks = document.blocks
    starts = _starts(blocks)
    parts = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else _section_end(blocks, start)
        part = _part(document, blocks[start:end])
        if part is not None:
            parts.append(part)
    return parts


def _is_opening_heading(block: Block) -> bool:
    if block.kind is not BlockKind.HEADING or block.label is not None:
        return False
    return is_resolution_heading(block.text, symbol=bool(SYMBOL.fullmatch(block.text)))


def _starts(blocks: Sequence[Block]) -> list[int]:
    """Where each part starts: its first opening heading (a symbol line and the title below it are one start)."""
    starts: list[int] = []
    for i, block in enumerate(blocks):
        if not _is_opening_heading(block):
            continue
        joined = bool(starts) and starts[-1] == i - 1 and SYMBOL.fullmatch(blocks[i - 1].text) is not None
        if not joined:
            starts.append(i)
    return starts


def _section_end(blocks: Sequence[Block], start: int) -> int:
    """The end of the last part: the first heading above the parts' level, or the document's end."""
    level = blocks[start].level
    return next(
        (i for i in range(start + 1, len(blocks)) if blocks[i].kind is BlockKind.HEADING and blocks[i].level < level),
        len(blocks),
    )


def _part(document: Document, blocks: Sequence[Block]) -> Part | None:
    heads = [b for b in blocks[:2] if _is_opening_heading(b)]
    printed = next((b.text for b in heads if SYMBOL.fullmatch(b.text)), None)
    title_line = next((b.text for b in heads if not SYMBOL.fullmatch(b.text)), None)
    number_match = _NUMBER.search(title_line or printed or "")
    if number_match is None:
        return None
    number = number_match.group("number")
    decision = _is_decision(blocks[0], printed)
    symbol = printed or _built_symbol(document, blocks, number, decision)
    title = re.sub(r"^\S*\d+/\d+\.?\s*", "", title_line or "").strip() or None
    part = replace(
        document,
        source=f"{document.source}#{number}",
        blocks=list(blocks),
        footnotes=[n for n in document.footnotes if n.block_index in {b.index for b in blocks}],
        title=title,
        symbol=symbol,
        date=None,
    )
    return Part(number, symbol, decision, part)


def _is_decision(first: Block, printed: str | None) -> bool:
    if printed is not None:
        return "/DEC/" in printed
    return any(_DECISIONS.search(heading) for heading in first.heading_path)


def _built_symbol(document: Document, blocks: Sequence[Block], number: str, decision: bool) -> str | None:
    """The symbol of a part printed without one: the body's prefix, RES or DEC, and the number."""
    prefix = _body_prefix(document.symbol, blocks)
    if prefix is None:
        return None
    if prefix == "A/HRC" and not decision:
        decision = int(number.rsplit("/", 1)[1]) >= _FIRST_HRC_DECISION
    return f"{prefix}/{'DEC' if decision else 'RES'}/{number}"


def _body_prefix(symbol: str | None, blocks: Sequence[Block]) -> str | None:
    """"A/HRC" or "A" from the compilation's symbol, else from the part's opening words."""
    if symbol:
        if symbol.startswith("A/HRC/"):
            return "A/HRC"
        if symbol.startswith("A/"):
            return "A"
    text = " ".join(b.text.lower() for b in blocks[:6])
    return next((prefix for words, prefix in _OPENINGS if words in text), None)
