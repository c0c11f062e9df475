from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.services import corpus
from hrdmap.services.corpus import SearchFilters
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER

MakeFile = Callable[..., Path]


def _store(workspace: Workspace, source: str, symbol: str | None, language: str = "en") -> int:
    document = Document(
        source=source,
        sha256=source.encode().hex().ljust(64, "0")[:64],
        format="pdf",
        symbol=symbol,
        languages=(language,),
        blocks=[Block(0, BlockKind.PARAGRAPH, "Text.", label="1.", number="1")],
    )
    with workspace.store.transaction():
        return workspace.store.documents.add_version(document, at=dt.datetime.now(dt.UTC)).id


def test_a_document_is_found_by_id_source_relative_path_or_symbol(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = str(tmp_path / "in" / "report.pdf")
    doc_id = _store(workspace, source, "A/HRC/38/18")
    assert corpus.resolve(workspace, TESTER, str(doc_id)).id == doc_id
    assert corpus.resolve(workspace, TESTER, source).id == doc_id
    assert corpus.resolve(workspace, TESTER, "a/hrc/38/18").id == doc_id
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert corpus.resolve(workspace, TESTER, "in/report.pdf").id == doc_id
    finally:
        os.chdir(cwd)


def test_an_unknown_or_shared_reference_is_refused_with_a_reason(workspace: Workspace) -> None:
    _store(workspace, "/in/a-73-230-en.pdf", "A/73/230")
    _store(workspace, "/in/a-73-230-fr.pdf", "A/73/230", "fr")
    with pytest.raises(corpus.UnknownDocument, match="no document 'A/73/999'"):
        corpus.resolve(workspace, TESTER, "A/73/999")
    with pytest.raises(corpus.AmbiguousDocument, match="'A/73/230' matches documents 1, 2: give an id"):
        corpus.resolve(workspace, TESTER, "A/73/230")


def test_search_joins_hits_to_their_paragraph_and_document(workspace: Workspace, make_file: MakeFile) -> None:
    make_file("in/kenya.docx", topic="land defenders")
    make_file("in/brazil.docx", topic="protection programmes")
    ingest(workspace, TESTER, [workspace.settings.home.parent / "in"])
    results = corpus.search(workspace, TESTER, "programmes")
    assert results and {Path(r.document.source).name for r in results} == {"brazil.docx"}
    assert all(r.block.label in {"1.", "2.", "3."} and "programmes" in r.block.text for r in results)
    only_kenya = corpus.search(
        workspace, TESTER, "defenders", SearchFilters(documents=[str(workspace.settings.home.parent / "in/kenya.docx")])
    )
    assert only_kenya and {Path(r.document.source).name for r in only_kenya} == {"kenya.docx"}
    assert corpus.search(workspace, TESTER, "defenders", SearchFilters(languages=["fr"])) == []


def test_loading_a_document_gives_its_blocks(workspace: Workspace) -> None:
    doc_id = _store(workspace, "/in/report.pdf", "A/HRC/38/18")
    loaded = corpus.load(workspace, TESTER, str(doc_id))
    assert loaded.stored.symbol == "A/HRC/38/18"
    assert [b.display_text for b in loaded.document.blocks] == ["1. Text."]
