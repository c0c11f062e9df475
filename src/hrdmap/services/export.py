"""Export the corpus one paragraph a row, as JSON Lines or CSV, for spreadsheets and other tools.

Rows are the paragraphs and list items of every document's current version, in document and reading order,
each with its document's identity, its place in the document and the footnotes it cites. Documents are read
one at a time, so memory does not grow with the corpus.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TextIO

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import Block, Document, Footnote, StoredDocument
from hrdmap.services.workspace import Workspace


class ExportFormat(StrEnum):
    """Formats :func:`export_corpus` writes."""

    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One paragraph, as exported.

    Attributes:
        document_id: The document's id.
        source: Where the file came from.
        symbol: UN symbol, when known.
        title: The document's title.
        version: Version number of the document.
        block_index: The paragraph's position in the document, from 0.
        kind: ``paragraph`` or ``list_item``.
        label: The label as printed ("12.", "(a)").
        number: The label normalised ("12", "a").
        heading_path: Headings above the paragraph, outermost first.
        page: Page where it starts.
        language: Its language.
        text: Its text, without the label.
        footnotes: The footnotes it cites, as ``{"label": …, "text": …}``.
    """

    document_id: int
    source: str
    symbol: str | None
    title: str | None
    version: int
    block_index: int
    kind: str
    label: str | None
    number: str | None
    heading_path: list[str]
    page: int | None
    language: str | None
    text: str
    footnotes: list[dict[str, str]]


#: CSV columns, in order.
COLUMNS = tuple(ExportRow.__dataclass_fields__)


def rows(workspace: Workspace, actor: Actor) -> Iterator[ExportRow]:
    """The rows of every current version, one document loaded at a time.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    actor.require(Permission.READ_CORPUS)
    for stored in workspace.store.documents.current():
        document = workspace.store.documents.load(stored.version_id)
        for block in document.paragraphs():
            yield _row(stored, document, block)


def export_corpus(
    workspace: Workspace, actor: Actor, output: TextIO, fmt: ExportFormat = ExportFormat.JSONL
) -> int:
    """Write every paragraph to ``output``; returns the number of rows written.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    if fmt is ExportFormat.CSV:
        return _write_csv(rows(workspace, actor), output)
    count = 0
    for row in rows(workspace, actor):
        output.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(items: Iterator[ExportRow], output: TextIO) -> int:
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    count = 0
    for row in items:
        values = asdict(row)
        values["heading_path"] = " > ".join(row.heading_path)
        values["footnotes"] = "\n".join(f"{f['label']}: {f['text']}" for f in row.footnotes)
        writer.writerow(["" if values[c] is None else values[c] for c in COLUMNS])
        count += 1
    return count


def _row(stored: StoredDocument, document: Document, block: Block) -> ExportRow:
    return ExportRow(
        document_id=stored.id,
        source=stored.source,
        symbol=stored.symbol,
        title=stored.title,
        version=stored.version,
        block_index=block.index,
        kind=block.kind.value,
        label=block.label,
        number=block.number,
        heading_path=list(block.heading_path),
        page=block.page,
        language=block.language or document.language,
        text=block.text,
        footnotes=[{"label": f.label, "text": f.text} for f in cited_footnotes(document, block)],
    )


def cited_footnotes(document: Document, block: Block) -> list[Footnote]:
    """The footnotes a block cites, in the order it cites them.

    A label is looked up among the footnotes attached to this block first, then among all of them (a footnote
    cited twice is attached to the first citing block only).
    """
    attached = {f.label: f for f in document.footnotes if f.block_index == block.index}
    anywhere: dict[str, Footnote] = {}
    for footnote in document.footnotes:
        anywhere.setdefault(footnote.label, footnote)
    found = (attached.get(label) or anywhere.get(label) for label in block.footnote_refs)
    return [f for f in found if f is not None]
