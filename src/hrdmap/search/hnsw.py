"""Approximate nearest neighbours in an HNSW graph, through the ``usearch`` library.

Why usearch (measured against hnswlib and faiss on the same 384-dimensional paragraph vectors, see
docs/benchmarks.md, "Semantic search"): the same recall at the same search breadth (recall@10 at 20,000 vectors,
``ef`` 512: usearch 0.914, hnswlib 0.913, faiss 0.902), a prebuilt wheel (hnswlib compiles from source), half
the size (the vectors kept as float16 in the graph, at no cost in recall; 8-bit integers cost a tenth of it),
and a read-only *view* that memory-maps a saved graph instead of loading it, so a search opens a large graph in
milliseconds and a read-only data folder can be searched.

The graph is built with 16 links per node and a construction breadth of 128; searches explore
:data:`SEARCH_BREADTH` candidates (``ef``), which buys recall with latency (the table in docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from usearch.index import Index

from hrdmap.search.errors import SearchIndexError
from hrdmap.search.neighbours import Keys, Vectors

CONNECTIVITY = 16
BUILD_BREADTH = 128
SEARCH_BREADTH = 1024
"""Candidates explored per search (``ef``): recall and latency at each breadth are in docs/benchmarks.md."""


class HnswNeighbours:
    """An HNSW graph of float16 vectors, searched by cosine similarity.

    Example::

        graph = HnswNeighbours(dim=384)
        graph.add(np.arange(len(vectors)), vectors)
        graph.save(path)
        keys, similarities = HnswNeighbours.open(path).search(query_vector, 10)

    Args:
        dim: The vectors' dimension.
        threads: Threads used to add vectors (searches use one).
    """

    name = "hnsw"

    def __init__(self, dim: int, threads: int = 0) -> None:
        self.dim = dim
        self._threads = threads
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype="f16",
            connectivity=CONNECTIVITY,
            expansion_add=BUILD_BREADTH,
            expansion_search=SEARCH_BREADTH,
        )
        self._view = False

    @classmethod
    def open(cls, path: Path, dim: int, *, view: bool = True) -> HnswNeighbours:
        """A saved graph: memory-mapped and read-only with ``view`` (searches only), else loaded to change it.

        Raises:
            SearchIndexError: The file is missing, not a graph, or of another dimension.
        """
        try:
            index = Index.restore(str(path), view=view)
        except (ValueError, RuntimeError, OSError) as error:
            raise SearchIndexError(f"{path}: cannot open the vector graph ({error})") from None
        if index is None or index.ndim != dim:
            raise SearchIndexError(f"{path}: not a vector graph of {dim} dimensions")
        index.expansion_search = SEARCH_BREADTH  # type: ignore[misc]  # a setter the stubs miss
        out = cls.__new__(cls)
        out.dim, out._threads, out._index, out._view = dim, 0, index, view
        return out

    def add(self, keys: Keys, vectors: Vectors) -> None:
        """Add ``vectors`` under ``keys`` (in the graph's links too: the cost of an HNSW index is here)."""
        self._writable()
        if len(keys):
            self._index.add(keys.astype(np.uint64), np.ascontiguousarray(vectors, np.float32), threads=self._threads)

    def remove(self, keys: Keys) -> None:
        """Forget ``keys`` (they stay in the graph as waypoints until it is rebuilt, never as results)."""
        self._writable()
        present = [int(key) for key in keys if int(key) in self._index]
        if present:
            self._index.remove(np.asarray(present, np.uint64))

    def search(self, vector: Vectors, k: int) -> tuple[Keys, Vectors]:
        """About the ``k`` most similar (see the module docstring), most similar first."""
        if k <= 0 or not len(self._index):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        found = self._index.search(np.ascontiguousarray(vector, np.float32), k)
        keys = np.asarray(found.keys, np.int64)
        similarities = (1.0 - np.asarray(found.distances, np.float32)).astype(np.float32)
        return keys, similarities

    def save(self, path: Path) -> None:
        """Write the graph to ``path``."""
        self._index.save(str(path))

    def _writable(self) -> None:
        if self._view:
            raise SearchIndexError("a memory-mapped vector graph cannot be changed; open it with view=False")

    def __len__(self) -> int:
        return len(self._index)
