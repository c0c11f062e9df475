"""Semantic search as a user meets it: paragraphs found by meaning, kept in step with the store, private files."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.errors import Forbidden
from hrdmap.search.vectors import MANIFEST, VectorIndexError
from hrdmap.services import corpus
from hrdmap.services.corpus import SearchFilters
from hrdmap.services.indexing import reindex
from hrdmap.services.ingest import ingest
from hrdmap.services.semantic import semantic_search
from hrdmap.services.workspace import Workspace
from hrdmap.storage.lock import exclusive
from tests.actors import TESTER

MakeFile = Callable[..., Path]

TEXTS = {
    "press.txt": "1. Reporters covering the protests were beaten by police and their cameras were seized.\n\n"
    "2. The ministry published the annual budget for road maintenance.\n",
    "land.txt": "1. Indigenous leaders defending their ancestral territories against mining were threatened.\n",
}


@pytest.fixture
def ingested(workspace: Workspace, tmp_path: Path) -> Workspace:
    for name, text in TEXTS.items():
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    ingest(workspace, TESTER, [tmp_path / "in"])
    return workspace


def texts(found: list[corpus.SearchResult]) -> list[str]:
    return [result.block.text for result in found]


def test_a_paragraph_is_found_by_meaning_without_sharing_the_query_words(ingested: Workspace) -> None:
    found = semantic_search(ingested, TESTER, "press freedom", SearchFilters(limit=1))
    (first,) = found.results
    assert "Reporters covering the protests" in first.block.text and 0 < first.score <= 1
    assert first.snippet.startswith("1. Reporters") and "\x02" not in first.snippet
    assert found.synced is not None and found.synced.added == 2  # the first search embedded both documents
    again = semantic_search(ingested, TESTER, "press freedom", SearchFilters(limit=1))
    assert again.synced is not None and (again.synced.added, again.synced.removed) == (0, 0)
    assert texts(again.results) == texts(found.results)


def test_filters_apply_as_for_a_word_search(ingested: Workspace) -> None:
    found = semantic_search(ingested, TESTER, "press freedom", SearchFilters(documents=["land.txt"]))
    assert len(found.results) == 1 and "Indigenous" in found.results[0].block.text
    assert semantic_search(ingested, TESTER, "journalists", SearchFilters(languages=["fr"])).results == []


def test_a_replaced_document_is_found_in_its_new_version_only(ingested: Workspace, tmp_path: Path) -> None:
    semantic_search(ingested, TESTER, "anything")
    (tmp_path / "in" / "land.txt").write_text("1. Judges were dismissed for ruling against the government.\n")
    ingest(ingested, TESTER, [tmp_path / "in" / "land.txt"])
    found = semantic_search(ingested, TESTER, "judicial independence", SearchFilters(limit=10))
    assert found.synced is not None and (found.synced.added, found.synced.removed) == (1, 1)
    assert not any("Indigenous" in text for text in texts(found.results))
    assert any("Judges" in text for text in texts(found.results))


def test_the_vector_index_files_are_private(ingested: Workspace) -> None:
    semantic_search(ingested, TESTER, "journalists")
    folder = ingested.settings.vectors_dir
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in folder.iterdir()} == {0o600}


def test_a_missing_index_is_built_again_and_a_damaged_one_is_refused_until_reindex(ingested: Workspace) -> None:
    semantic_search(ingested, TESTER, "journalists")
    folder = ingested.settings.vectors_dir
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    found = semantic_search(ingested, TESTER, "press freedom", SearchFilters(limit=1))
    assert texts(found.results)[0].startswith("Reporters")
    (folder / MANIFEST).write_text("{damaged", encoding="utf-8")
    with pytest.raises(VectorIndexError, match="run `hrdmap reindex` to rebuild it"):
        semantic_search(ingested, TESTER, "journalists")
    assert reindex(ingested, TESTER).vectors == 3
    assert len(semantic_search(ingested, TESTER, "journalists").results) == 3


def test_while_an_ingest_runs_it_answers_from_the_index_as_it_is(ingested: Workspace) -> None:
    with exclusive(ingested.settings.home / "ingest.lock"):
        with pytest.raises(VectorIndexError, match="no vector index yet"):
            semantic_search(ingested, TESTER, "journalists")
    semantic_search(ingested, TESTER, "journalists")
    with exclusive(ingested.settings.home / "ingest.lock"):
        found = semantic_search(ingested, TESTER, "press freedom", SearchFilters(limit=1))
    assert found.synced is None and "Reporters" in found.results[0].block.text


def test_an_index_made_by_another_embedder_is_rebuilt_by_the_next_search(ingested: Workspace) -> None:
    semantic_search(ingested, TESTER, "journalists")
    manifest = ingested.settings.vectors_dir / MANIFEST
    raw = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**raw, "embedder": "an-older-one"}), "utf-8")
    found = semantic_search(ingested, TESTER, "press freedom", SearchFilters(limit=1))
    assert "Reporters" in found.results[0].block.text
    assert json.loads(manifest.read_text("utf-8"))["embedder"] == "static-e5"


def test_reindex_rebuilds_the_vector_index_with_the_text_index(ingested: Workspace) -> None:
    done = reindex(ingested, TESTER)
    assert (done.paragraphs, done.vectors) == (3, 3)
    assert ingested.store.audit.entries(limit=1)[0].detail["vectors"] == 3


def test_a_contributor_who_may_not_read_the_corpus_is_refused(ingested: Workspace) -> None:
    with pytest.raises(Forbidden):
        semantic_search(ingested, Actor("contributor", frozenset({Role.CONTRIBUTOR})), "journalists")
