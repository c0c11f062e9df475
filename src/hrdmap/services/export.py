"""Export the corpus one paragraph a row, as JSON Lines or CSV, for spreadsheets and other tools.

Rows are the paragraphs and list items of every document's current version, in document and reading order,
each with its document's identity, its place in the document and the footnotes it cites. Documents are read
one at a time, so memory does not grow with the corpus.

An export is written for an audience (:mod:`hrdmap.services.disclosure`): a public one (the default of
``hrdmap export``) leaves out every document a confidential contribution brought and only counts them; an
internal one keeps them, marked in the ``confidential`` column. Every row says the ``consent`` its document came
with, and names its file without the folders it was read from. CSV cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TextIO

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.disclosure import Audience, file_name
from hrdmap.domain.document import Block, Document, Footnote, StoredDocument
from hrdmap.monitoring.exports import safe_cell
from hrdmap.services.disclosure import Policy, policy
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
        source: The file's name (without its folders; ``archive.zip!member`` names a member by its own name).
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
        consent: The consent its document came with (``public``, ``confidential``), empty for a UN document.
        confidential: Whether a confidential contribution brought its document (only in internal exports).
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
    consent: str | None = None
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: rows, and the confidential documents counted but left out (public exports)."""

    rows: int
    withheld: int


#: CSV columns, in order.
COLUMNS = tuple(ExportRow.__dataclass_fields__)


def rows(workspace: Workspace, actor: Actor, audience: Audience = Audience.PUBLIC) -> Iterator[ExportRow]:
    """The rows of every current version that ``audience`` may see, one document loaded at a time.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    yield from _Export(workspace, actor, audience).rows()


class _Export:
    def __init__(self, workspace: Workspace, actor: Actor, audience: Audience) -> None:
        actor.require(Permission.READ_CORPUS)
        self.workspace = workspace
        self.documents = list(workspace.store.documents.current())
        self.policy: Policy = policy(workspace, actor, audience, [d.id for d in self.documents])

    def rows(self) -> Iterator[ExportRow]:
        for stored in self.documents:
            if not self.policy.shows(stored.id):
                continue
            document = self.workspace.store.documents.load(stored.version_id)
            for block in document.paragraphs():
                yield _row(stored, document, block, self.policy)

    def withheld(self) -> int:
        return self.policy.withheld(d.id for d in self.documents)


def document_ids(workspace: Workspace, actor: Actor, audience: Audience = Audience.PUBLIC) -> list[int]:
    """The documents an export for ``audience`` writes (those :func:`rows` reads), by id: for the audit of
    confidential reads.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    export = _Export(workspace, actor, audience)
    return [stored.id for stored in export.documents if export.policy.shows(stored.id)]


def export_corpus(
    workspace: Workspace,
    actor: Actor,
    output: TextIO,
    fmt: ExportFormat = ExportFormat.JSONL,
    audience: Audience = Audience.PUBLIC,
) -> Exported:
    """Write every paragraph ``audience`` may see to ``output``.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    export = _Export(workspace, actor, audience)
    if fmt is ExportFormat.CSV:
        return Exported(_write_csv(export.rows(), output), export.withheld())
    count = 0
    for row in export.rows():
        output.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        count += 1
    return Exported(count, export.withheld())


def _write_csv(items: Iterator[ExportRow], output: TextIO) -> int:
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    count = 0
    for row in items:
        values = asdict(row)
        values["heading_path"] = " > ".join(row.heading_path)
        values["footnotes"] = "\n".join(f"{f['label']}: {f['text']}" for f in row.footnotes)
        values["confidential"] = "true" if row.confidential else "false"
        writer.writerow([safe_cell(values[c]) for c in COLUMNS])
        count += 1
    return count


def _row(stored: StoredDocument, document: Document, block: Block, rules: Policy) -> ExportRow:
    return ExportRow(
        document_id=stored.id,
        source=file_name(stored.source),
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
        consent=rules.consent(stored.id),
        confidential=rules.marked(stored.id),
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
