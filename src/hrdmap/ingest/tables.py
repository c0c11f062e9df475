"""Tables as the Word and ODT extractors give them: cells of text, numbered paragraphs inside a cell kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hrdmap.domain.raw import RawBlock, RawKind


def cell_text(blocks: Iterable[RawBlock], refs: list[str]) -> str:
    """The text of one cell: its blocks one a line, each with its label; their footnote labels go to ``refs``."""
    lines: list[str] = []
    for block in blocks:
        refs.extend(block.footnote_refs)
        lines.append(f"{block.label} {block.text}" if block.label else block.text)
    return "\n".join(lines)


def table_block(rows: Sequence[tuple[str, ...]], refs: Sequence[str]) -> RawBlock | None:
    """A table block (cells joined by tabs, rows by newlines), or ``None`` when every cell is empty."""
    if not any(any(cells) for cells in rows):
        return None
    text = "\n".join("\t".join(cells) for cells in rows)
    return RawBlock(kind=RawKind.TABLE, text=text, rows=tuple(rows), footnote_refs=tuple(refs))
