from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hrdmap.domain.document import Block, BlockKind, Document, Footnote
from hrdmap.services.export import ExportFormat, cited_footnotes, export_corpus
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER

HEADING = ("II. Normative framework",)


def _report() -> Document:
    para = BlockKind.PARAGRAPH
    return Document(
        source="/in/a-73-230.pdf",
        sha256="e" * 64,
        format="pdf",
        title="Defenders",
        symbol="A/73/230",
        languages=("en",),
        blocks=[
            Block(0, BlockKind.HEADING, "Normative framework", label="II.", number="II", level=1),
            Block(
                1,
                para,
                "The Declaration recognises defenders.",
                label="5.",
                number="5",
                heading_path=HEADING,
                page=3,
                footnote_refs=("4", "5"),
            ),
            Block(
                2,
                para,
                "States have a duty to protect.",
                label="6.",
                number="6",
                heading_path=HEADING,
                page=3,
                footnote_refs=("4",),
            ),
        ],
        footnotes=[
            Footnote("4", "General Assembly resolution 53/144, annex.", block_index=1),
            Footnote("5", "Input by Kenya.", block_index=1),
        ],
    )


def _stored(workspace: Workspace) -> None:
    with workspace.store.transaction():
        workspace.store.documents.add_version(_report(), at=dt.datetime.now(dt.UTC))


def test_jsonl_has_one_row_per_paragraph_with_the_footnotes_it_cites(workspace: Workspace) -> None:
    _stored(workspace)
    out = io.StringIO()
    assert export_corpus(workspace, TESTER, out, ExportFormat.JSONL) == 2
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert (first["document_id"], first["symbol"], first["label"], first["page"]) == (1, "A/73/230", "5.", 3)
    assert first["heading_path"] == ["II. Normative framework"] and first["language"] == "en"
    assert [f["label"] for f in first["footnotes"]] == ["4", "5"]
    assert second["footnotes"] == [{"label": "4", "text": "General Assembly resolution 53/144, annex."}]


def test_csv_has_a_header_and_flat_cells(workspace: Workspace) -> None:
    _stored(workspace)
    out = io.StringIO(newline="")
    export_corpus(workspace, TESTER, out, ExportFormat.CSV)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [r["number"] for r in rows] == ["5", "6"]
    assert rows[0]["footnotes"] == "4: General Assembly resolution 53/144, annex.\n5: Input by Kenya."
    assert rows[0]["heading_path"] == "II. Normative framework"


def test_a_footnote_cited_twice_is_found_for_both_paragraphs() -> None:
    report = _report()
    assert [f.label for f in cited_footnotes(report, report.blocks[2])] == ["4"]
