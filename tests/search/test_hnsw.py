"""The HNSW back-end's own files: a saved graph opens as a read-only view; a damaged one is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hrdmap.search.errors import SearchIndexError
from hrdmap.search.hnsw import HnswNeighbours
from tests.search.test_neighbours import DIM, unit_vectors


def test_a_saved_graph_opens_as_a_read_only_view_with_the_same_answers(tmp_path: Path) -> None:
    vectors = unit_vectors(400)
    graph = HnswNeighbours(DIM, threads=1)
    graph.add(np.arange(400), vectors)
    graph.save(tmp_path / "graph.usearch")
    view = HnswNeighbours.open(tmp_path / "graph.usearch", DIM)
    assert list(view.search(vectors[3], 10)[0]) == list(graph.search(vectors[3], 10)[0])
    with pytest.raises(Exception, match="cannot be changed"):
        view.add(np.array([999]), vectors[:1])


def test_a_damaged_or_mismatched_graph_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "graph.usearch"
    path.write_bytes(b"not a graph" * 100)
    with pytest.raises(SearchIndexError, match="graph.usearch"):
        HnswNeighbours.open(path, DIM)
    graph = HnswNeighbours(DIM, threads=1)
    graph.add(np.arange(10), unit_vectors(10))
    graph.save(path)
    with pytest.raises(SearchIndexError, match="not a vector graph of 32 dimensions"):
        HnswNeighbours.open(path, 32)
    with pytest.raises(SearchIndexError, match="missing.usearch"):
        HnswNeighbours.open(tmp_path / "missing.usearch", DIM)
