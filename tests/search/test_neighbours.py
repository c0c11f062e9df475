"""The nearest-neighbour contract, for the exact back-end and the HNSW graph alike."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from hrdmap.search.hnsw import HnswNeighbours
from hrdmap.search.neighbours import ExactNeighbours, Neighbours, Vectors, top_k

DIM = 24
Make = Callable[[], Neighbours]
BACKENDS: dict[str, Make] = {"exact": lambda: ExactNeighbours(DIM), "hnsw": lambda: HnswNeighbours(DIM, threads=1)}


def unit_vectors(count: int, seed: int = 0) -> Vectors:
    rng = np.random.default_rng(seed)
    out = rng.normal(size=(count, DIM)).astype(np.float32)
    normalised: Vectors = out / np.linalg.norm(out, axis=1, keepdims=True)
    return normalised


@pytest.fixture(params=sorted(BACKENDS))
def make(request: pytest.FixtureRequest) -> Make:
    return BACKENDS[request.param]


def test_each_back_end_implements_the_protocol(make: Make) -> None:
    assert isinstance(make(), Neighbours)


def test_a_vector_finds_itself_first_with_similarity_one(make: Make) -> None:
    vectors = unit_vectors(300)
    found = make()
    found.add(np.arange(100, 400), vectors)
    keys, similarities = found.search(vectors[42], 5)
    assert keys[0] == 142 and similarities[0] == pytest.approx(1.0, abs=1e-3)
    assert list(similarities) == sorted(similarities, reverse=True) and len(found) == 300


def test_on_a_small_collection_the_graph_returns_exactly_what_exact_search_returns() -> None:
    """Where exact and approximate agree (a few hundred vectors), results are identical, order included."""
    vectors, queries = unit_vectors(500), unit_vectors(30, seed=1)
    exact, graph = ExactNeighbours(DIM), HnswNeighbours(DIM, threads=1)
    for found in (exact, graph):
        found.add(np.arange(500), vectors)
    for query in queries:
        exact_keys, exact_similarities = exact.search(query, 10)
        graph_keys, graph_similarities = graph.search(query, 10)
        assert list(graph_keys) == list(exact_keys)
        np.testing.assert_allclose(graph_similarities, exact_similarities, atol=2e-3)  # float16 in the graph


def test_removed_keys_are_never_returned(make: Make) -> None:
    vectors = unit_vectors(200)
    found = make()
    found.add(np.arange(200), vectors)
    found.remove(np.array([7, 8, 9999]))
    keys, _ = found.search(vectors[7], 200)
    assert 7 not in keys and 8 not in keys and len(found) == 198


def test_asking_for_more_than_it_holds_or_for_none(make: Make) -> None:
    found = make()
    assert [len(a) for a in found.search(unit_vectors(1)[0], 5)] == [0, 0]
    found.add(np.arange(3), unit_vectors(3))
    assert len(found.search(unit_vectors(1, seed=5)[0], 10)[0]) == 3
    assert len(found.search(unit_vectors(1, seed=5)[0], 0)[0]) == 0


def test_top_k_breaks_ties_by_position() -> None:
    keys, similarities = top_k(np.array([5, 6, 7, 8]), np.array([0.5, 0.9, 0.5, 0.9], np.float32), 3)
    assert list(keys) == [6, 8, 5] and list(similarities) == pytest.approx([0.9, 0.9, 0.5])
