from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.disclosure import Audience
from hrdmap.domain.document import Block, BlockKind, Document, Footnote
from hrdmap.monitoring.exports import safe_cell
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
    assert export_corpus(workspace, TESTER, out, ExportFormat.JSONL).rows == 2
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


def _contributed(workspace: Workspace) -> dict[str, int]:
    """A public and a confidential contribution, each one document, and a UN document no contribution brought."""
    from hrdmap.domain.calls import Call, Consent, Contribution, Stakeholder, StakeholderType

    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    store = workspace.store
    texts = {
        "/home/officer/Confidential/Witness Marta/secret.txt": '=HYPERLINK("http://x.example","Marta")',
        "/home/officer/inputs/public.txt": "@SUM(A1:A9) and +1 and -2 and \tTab",
        "/home/officer/un/resolution.txt": "The General Assembly recalls its resolution 53/144.",
    }
    ids: dict[str, int] = {}
    with store.transaction():
        for source, text in texts.items():
            document = Document(source, str(len(ids)) * 64, "text", [Block(0, BlockKind.PARAGRAPH, text)])
            ids[source.rsplit("/", 1)[-1]] = store.documents.add_version(document, at=at).id
        store.calls.save_call(Call("c", "A call", dt.date(2026, 4, 1)), at=at)
        store.calls.save_stakeholder(Stakeholder("ngo", "An NGO", StakeholderType.NGO, None, None), at=at)
        call = store.calls.call("c")
        assert call is not None
        for name, consent in (("secret.txt", Consent.CONFIDENTIAL), ("public.txt", Consent.PUBLIC)):
            cid, _ = store.calls.save_contribution(call.id, Contribution("ngo", at.date(), consent, name), at=at)
            store.calls.link_documents(cid, [ids[name]])
    return ids


def test_export_wrote_confidential_documents_with_full_paths_and_no_consent_column_and_no_longer_does(
    workspace: Workspace,
) -> None:
    _contributed(workspace)
    out = io.StringIO()
    done = export_corpus(workspace, TESTER, out, ExportFormat.JSONL)  # public by default
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (done.rows, done.withheld) == (2, 1)
    assert {r["source"] for r in rows} == {"public.txt", "resolution.txt"}
    assert {r["source"]: r["consent"] for r in rows} == {"public.txt": "public", "resolution.txt": None}
    assert "Marta" not in out.getvalue() and "/home/officer" not in out.getvalue()


def test_an_internal_export_keeps_confidential_rows_marked(workspace: Workspace) -> None:
    _contributed(workspace)
    out = io.StringIO(newline="")
    done = export_corpus(workspace, TESTER, out, ExportFormat.CSV, Audience.INTERNAL)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert (done.rows, done.withheld) == (3, 0)
    marked = {r["source"]: (r["consent"], r["confidential"]) for r in rows}
    assert marked == {
        "secret.txt": ("confidential", "true"),
        "public.txt": ("public", "false"),
        "resolution.txt": ("", "false"),
    }
    assert "/home/officer" not in out.getvalue()


def test_an_actor_not_cleared_for_confidential_data_gets_a_public_export_whatever_it_asks(
    workspace: Workspace,
) -> None:
    _contributed(workspace)
    reviewer = Actor("r", frozenset({Role.REVIEWER}))
    out = io.StringIO()
    assert export_corpus(workspace, reviewer, out, ExportFormat.JSONL, Audience.INTERNAL).withheld == 1
    assert "HYPERLINK" not in out.getvalue()


def test_csv_injection_in_export_cells_starting_with_a_formula_character_are_neutralised(
    workspace: Workspace,
) -> None:
    _contributed(workspace)
    out = io.StringIO(newline="")
    export_corpus(workspace, TESTER, out, ExportFormat.CSV, Audience.INTERNAL)
    texts = [r["text"] for r in csv.DictReader(io.StringIO(out.getvalue(), newline=""))]
    assert texts[0] == '\'=HYPERLINK("http://x.example","Marta")'
    assert texts[1] == "'@SUM(A1:A9) and +1 and -2 and \tTab"
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
    assert safe_cell("-12") == "-12"  # a number stays a number
