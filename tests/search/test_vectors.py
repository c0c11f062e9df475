"""The vector index of a data folder: commits, filters, replaced versions, the graph, damage and read-only use."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from hrdmap.search import vectors as vector_module
from hrdmap.search.base import IndexedParagraph, SearchQuery
from hrdmap.search.vectors import GRAPH, MANIFEST, VECTORS, VectorIndex, VectorIndexError
from tests.search.test_neighbours import DIM, unit_vectors


def paragraph(
    block_id: int,
    *,
    version: int | None = None,
    language: str = "en",
    year: int | None = 2020,
    symbol: str | None = None,
) -> IndexedParagraph:
    version = version if version is not None else block_id // 10 + 1
    return IndexedParagraph(block_id, version, version, f"text {block_id}", language, symbol, year)


def filled(folder: Path, count: int = 300) -> tuple[VectorIndex, np.ndarray]:
    vectors = unit_vectors(count)
    index = VectorIndex(folder, "test", DIM)
    languages = ("en", "fr", "es")
    index.add(
        [paragraph(i, language=languages[i % 3], year=2010 + i % 10, symbol=f"A/HRC/{i // 10}") for i in range(count)],
        vectors,
    )
    index.commit()
    return index, vectors


def blocks(index: VectorIndex, vector: np.ndarray, **filters: object) -> list[int]:
    return [hit.block_id for hit in index.nearest(vector, SearchQuery("", **filters))]  # type: ignore[arg-type]


def scores(index: VectorIndex, vector: np.ndarray, **filters: object) -> dict[int, float]:
    return {hit.block_id: hit.similarity for hit in index.nearest(vector, SearchQuery("", **filters))}  # type: ignore[arg-type]


def _similarity(index: VectorIndex, block: int, vector: np.ndarray) -> float:
    return next(h.similarity for h in index.nearest(vector, SearchQuery("", limit=10_000)) if h.block_id == block)


def test_committed_vectors_are_found_after_reopening_and_uncommitted_ones_are_not(tmp_path: Path) -> None:
    index, vectors = filled(tmp_path / "vectors")
    index.add([paragraph(9000, version=900)], unit_vectors(1, seed=9))
    reopened = VectorIndex(tmp_path / "vectors", "test", DIM)
    assert len(reopened) == 300 and 900 not in reopened.versions
    (hit, *_) = reopened.nearest(vectors[17], SearchQuery("", limit=3))
    assert hit.block_id == 17 and hit.similarity == pytest.approx(1.0, abs=1e-3)


def test_filters_narrow_the_hits_as_text_search_does(tmp_path: Path) -> None:
    index, vectors = filled(tmp_path / "vectors")
    assert all(b % 3 == 1 for b in blocks(index, vectors[0], languages=["FR"]))
    assert set(blocks(index, vectors[0], symbols=["a/hrc/4"], limit=50)) == set(range(40, 50))
    assert all(2012 <= 2010 + b % 10 <= 2013 for b in blocks(index, vectors[0], year_from=2012, year_to=2013))
    assert set(blocks(index, vectors[0], document_ids=[3], limit=50)) == set(range(20, 30))
    assert blocks(index, vectors[0], languages=["zh"]) == [] and blocks(index, vectors[0], limit=0) == []


def test_a_version_added_again_or_removed_leaves_no_old_paragraph(tmp_path: Path) -> None:
    index, vectors = filled(tmp_path / "vectors")
    index.add([paragraph(5000, version=1)], vectors[3:4])  # version 1 (blocks 0–9) indexed again: one paragraph
    index.remove_versions([2])  # blocks 10–19
    index.commit()
    found = blocks(index, vectors[3], limit=300)
    assert found[0] == 5000 and 3 not in found and not set(range(10, 20)) & set(found)
    assert len(index) == 300 - 20 + 1 and 2 not in index.versions and 1 in index.versions


def test_rows_a_crashed_writer_appended_are_cut_off_by_the_next(tmp_path: Path) -> None:
    index, vectors = filled(tmp_path / "vectors", 50)
    index.add([paragraph(7000, version=70)], vectors[:1])  # appended, never committed: the process died
    size = (tmp_path / "vectors" / VECTORS).stat().st_size
    writer = VectorIndex(tmp_path / "vectors", "test", DIM)
    writer.add([paragraph(8000, version=80)], vectors[1:2])
    writer.commit()
    assert (tmp_path / "vectors" / VECTORS).stat().st_size == size  # 50 + 1 rows, not 50 + 2
    assert 7000 not in blocks(writer, vectors[0], limit=100) and 80 in writer.versions


def test_above_the_threshold_the_graph_answers_and_agrees_with_exact_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact, vectors = filled(tmp_path / "exact", 400)
    monkeypatch.setattr(vector_module, "GRAPH_FROM", 100)
    monkeypatch.setattr(vector_module, "EXACT_UP_TO", 50)
    graph, _ = filled(tmp_path / "graph", 400)
    assert (tmp_path / "graph" / GRAPH).is_file() and not (tmp_path / "exact" / GRAPH).exists()
    # The graph is approximate (and built on several threads, so not the same graph each run): it may miss a
    # neighbour, but what it returns carries exact similarities, passes the filters, and nearly all are found.
    found = wanted = 0
    for query in unit_vectors(20, seed=3):
        for filters in ({"limit": 10}, {"languages": ["fr"]}):  # 400 and 133 rows: both answered by the graph
            truth = scores(exact, query, **filters)
            answer = scores(graph, query, **filters)
            assert len(answer) == len(truth)
            assert all(answer[b] == pytest.approx(truth.get(b, _similarity(exact, b, query)), abs=1e-6) for b in answer)
            assert list(answer.values()) == sorted(answer.values(), reverse=True)
            found, wanted = found + len(answer.keys() & truth.keys()), wanted + len(truth)
        assert blocks(graph, query, symbols=["A/HRC/7"]) == blocks(exact, query, symbols=["A/HRC/7"])  # exact
    assert found / wanted >= 0.9
    graph.remove_versions([1])  # the graph follows removals
    graph.commit()
    assert not set(range(10)) & set(blocks(graph, vectors[2], limit=50))


def test_a_damaged_graph_is_rebuilt_by_the_next_writer_and_refused_by_a_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_module, "GRAPH_FROM", 100)
    monkeypatch.setattr(vector_module, "EXACT_UP_TO", 10)
    _, vectors = filled(tmp_path / "vectors", 200)
    (tmp_path / "vectors" / GRAPH).write_bytes(b"damaged")
    reader = VectorIndex(tmp_path / "vectors", "test", DIM)
    with pytest.raises(VectorIndexError, match="run `hrdmap reindex`"):
        reader.nearest(vectors[0], SearchQuery(""))
    writer = VectorIndex(tmp_path / "vectors", "test", DIM)
    writer.add([paragraph(900, version=90)], vectors[5:6])
    writer.commit()
    assert blocks(writer, vectors[5], limit=2) in ([5, 900], [900, 5])


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / MANIFEST).write_text("{not json", encoding="utf-8"),
        lambda folder: (folder / MANIFEST).write_text(json.dumps({"format": 99}), encoding="utf-8"),
        lambda folder: (folder / VECTORS).unlink(),
        lambda folder: (folder / "live.npy").write_bytes(b"\x93NUMPY broken"),
    ],
    ids=["manifest not JSON", "another format", "vectors missing", "live flags damaged"],
)
def test_a_damaged_index_is_refused_with_the_way_to_rebuild_it(tmp_path: Path, damage: object) -> None:
    filled(tmp_path / "vectors", 20)
    damage(tmp_path / "vectors")  # type: ignore[operator]
    with pytest.raises(VectorIndexError, match="run `hrdmap reindex` to rebuild it"):
        VectorIndex(tmp_path / "vectors", "test", DIM)


def test_an_index_of_another_embedder_is_stale_and_refuses_to_answer(tmp_path: Path) -> None:
    _, vectors = filled(tmp_path / "vectors", 20)
    other = VectorIndex(tmp_path / "vectors", "another-embedder", DIM)
    assert other.stale
    with pytest.raises(VectorIndexError, match="'test'.*run `hrdmap reindex`"):
        other.nearest(vectors[0], SearchQuery(""))


def test_a_read_only_index_answers_and_refuses_changes(tmp_path: Path) -> None:
    _, vectors = filled(tmp_path / "vectors", 20)
    reader = VectorIndex(tmp_path / "vectors", "test", DIM, read_only=True)
    assert blocks(reader, vectors[4], limit=1) == [4]
    with pytest.raises(VectorIndexError, match="read-only"):
        reader.add([paragraph(1)], vectors[:1])
    assert len(VectorIndex(tmp_path / "absent", "test", DIM, read_only=True)) == 0
    assert not (tmp_path / "absent").exists()
