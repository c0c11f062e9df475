"""A stored document as a person reads it.

Headings are indented by level, paragraphs keep their numbers, sub-paragraphs sit deeper, and each footnote is
printed under the paragraph that cites it. Text from the document is made safe for the terminal
(:func:`~hrdmap.cli.output.terminal_safe`) before the outline's own styles are added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import click

from hrdmap.cli.output import terminal_safe
from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.services.corpus import LoadedDocument
from hrdmap.services.export import cited_footnotes

INDENT = "  "
SUB_INDENT = "    "


def outline(loaded: LoadedDocument, notes: Mapping[int, Sequence[str]] | None = None) -> Iterator[str]:
    """The lines of the outline, styled with ANSI codes (``click.echo`` drops them when piped).

    Args:
        loaded: The document.
        notes: Lines to print under blocks, by block index (a paragraph's tags and their evidence).
    """
    yield from _header(loaded.stored)
    document, depth, shown = loaded.document, 0, set[Footnote]()
    for block in document.blocks:
        if block.kind is BlockKind.MASTHEAD or (block.kind is BlockKind.TITLE and block.text == loaded.stored.title):
            continue
        if block.kind in (BlockKind.HEADING, BlockKind.TITLE):
            depth = block.level if block.kind is BlockKind.HEADING else 0
            yield ""
            yield click.style(INDENT * max(depth - 1, 0) + _safe(block.display_text), bold=True)
            continue
        indent = INDENT * depth + SUB_INDENT * block.level
        yield from _body(document, block, indent, shown)
        for line in (notes or {}).get(block.index, ()):
            yield click.style(f"{indent}{SUB_INDENT}{_safe(line)}", fg="cyan")
    uncited = [f for f in document.footnotes if f not in shown]
    if uncited:
        yield ""
        yield click.style("Footnotes", bold=True)
        yield from (click.style(_safe(f"[{f.label}] {f.text}"), dim=True) for f in uncited)


def _header(stored: StoredDocument) -> Iterator[str]:
    title = stored.title or stored.source.rsplit("/", 1)[-1]
    yield click.style(_safe(f"{stored.symbol}  {title}" if stored.symbol else title), bold=True)
    facts = [f"document {stored.id}", f"version {stored.version}", stored.format]
    facts += [", ".join(stored.languages)] if stored.languages else []
    facts += [f"{stored.pages} pages"] if stored.pages else []
    facts += [stored.date.isoformat()] if stored.date else []
    facts += [f"{stored.paragraphs} paragraphs"]
    yield " · ".join(facts)
    yield f"source: {_safe(stored.source)}"


def _body(document: Document, block: Block, indent: str, shown: set[Footnote]) -> Iterator[str]:
    if block.kind is BlockKind.TABLE and block.rows:
        yield from (indent + _safe(" | ".join(row)) for row in block.rows)
    else:
        markers = "".join(f" [{label}]" for label in block.footnote_refs)
        yield indent + _safe(block.display_text + markers)
    for footnote in cited_footnotes(document, block):
        if footnote not in shown:
            shown.add(footnote)
            yield click.style(f"{indent}{SUB_INDENT}{_safe(f'[{footnote.label}] {footnote.text}')}", dim=True)


def _safe(text: str) -> str:
    """Document text made safe for the terminal, on one line."""
    return terminal_safe(text, one_line=True)
