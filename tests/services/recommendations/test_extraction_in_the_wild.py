"""Extraction from a stored document tells what to check (issue 12, finding 12): an unknown recommending State is
kept and flagged, a list announced but unread is reported instead of a silent 0, glued items get keys of their
own. The document is a text file written for the test."""

from __future__ import annotations

from pathlib import Path

from hrdmap.services.ingest import ingest
from hrdmap.services.recommendations import follow_up as service
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER


def _stored(workspace: Workspace, path: Path, text: str) -> str:
    path.write_text(text, "utf-8")
    item = ingest(workspace, TESTER, [path]).batches[-1].items[0]
    assert item.version_id is not None, item.reason
    return str(path)


def test_an_unknown_state_is_kept_and_flagged(workspace: Workspace, tmp_path: Path) -> None:
    reference = _stored(
        workspace,
        tmp_path / "wg-report.txt",
        "Report of the Working Group on the Universal Periodic Review (fictional)\n\n"
        "70. The following recommendations enjoy the support of Chile:\n\n"
        "70.1. Adopt a law on the protection of defenders (Norwey);\n\n"
        "70.2. Investigate attacks on journalists (Peru); 70.3. Invite the Special Rapporteur (Ghana);\n",
    )
    (done,) = service.extract_from_corpus(workspace, TESTER, [reference])
    assert done.found == 3
    assert any("'Norwey' is no State hrdmap knows" in w for w in done.warnings)
    recs = {r.record.paragraph: r.record for r in service.list_recommendations(workspace, TESTER)}
    assert recs["70.1"].recommending_states == ("Norwey",)
    assert recs["70.3"].recommending_states == ("Ghana",) and recs["70.3"].addressee == "Chile"
    assert len({r.key for r in recs.values()}) == 3


def test_a_list_announced_and_not_read_is_reported(workspace: Workspace, tmp_path: Path) -> None:
    reference = _stored(
        workspace,
        tmp_path / "odd-list.txt",
        "80. The following recommendations enjoy the support of Chile:\n\n"
        "a) Adopt a law on defenders - proposed by Norway\n\nb) Protect journalists - proposed by Peru\n",
    )
    (done,) = service.extract_from_corpus(workspace, TESTER, [reference])
    assert done.found == 0
    assert done.warnings and "paragraph 80 announces a list of recommendations" in done.warnings[0]
