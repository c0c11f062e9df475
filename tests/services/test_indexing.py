from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hrdmap.services import corpus
from hrdmap.services.corpus import SearchFilters
from hrdmap.services.indexing import paragraphs, sync_index
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER

MakeFile = Callable[..., Path]


def test_a_crash_after_the_index_commit_does_not_index_paragraphs_twice(
    workspace: Workspace, make_file: MakeFile
) -> None:
    path = make_file("in/a.txt", topic="judicial harassment")
    ingest(workspace, TESTER, [path])
    (document,) = corpus.list_documents(workspace, TESTER)
    with workspace.store.transaction():  # as if the run died before recording that the index holds it
        workspace.store.documents.mark_indexed([document.version_id], False)
    assert sync_index(workspace.store, workspace.search_backend()).added == 1
    hits = corpus.search(workspace, TESTER, "harassment", SearchFilters(limit=50))
    assert len(hits) == len({h.block_id for h in hits}) == document.paragraphs


def test_a_replaced_version_left_in_the_index_is_removed(workspace: Workspace, make_file: MakeFile) -> None:
    path = make_file("in/a.txt", topic="smear campaigns")
    ingest(workspace, TESTER, [path])
    (first,) = corpus.list_documents(workspace, TESTER)
    make_file("in/a.txt", topic="travel bans")
    ingest(workspace, TESTER, [path])
    with workspace.store.transaction():  # as if the run died before the index dropped version 1
        workspace.store.documents.mark_indexed([first.version_id], True)
    backend = workspace.search_backend()
    backend.add(paragraphs(workspace.store, first.version_id))
    backend.commit()
    assert corpus.search(workspace, TESTER, "smear")
    assert sync_index(workspace.store, backend).removed == 1
    assert corpus.search(workspace, TESTER, "smear") == []
    assert workspace.store.documents.stale_indexed() == []


def test_a_word_file_made_of_a_table_is_searchable(workspace: Workspace, tmp_path: Path) -> None:
    """An OHCHR thematic list is one table: its cells are indexed, so a search finds the row (fictional)."""
    from tests.ingest.docx_factory import DocxBuilder

    builder = DocxBuilder()
    builder.table([["Recommendation", "Position"], ["Protect journalists from reprisals (Ruritania)", "Supported"]])
    path = tmp_path / "thematic-list.docx"
    path.write_bytes(builder.build())
    ingest(workspace, TESTER, [path])
    (hit,) = corpus.search(workspace, TESTER, "reprisals", SearchFilters(limit=5))
    assert hit.block.kind.value == "table" and "Ruritania" in hit.block.text
