"""Nearest neighbours of a vector among many, behind one small protocol: exact (numpy) or approximate (HNSW).

The vectors are L2-normalised (an embedder's output), so the inner product is the cosine similarity, and
"nearest" means "most similar". Keys are the caller's integers (the row of each vector in the vector index).

Two back-ends implement :class:`Neighbours`:

- :class:`ExactNeighbours`: one matrix-vector product and a partial sort, in memory. Always right; its cost
  grows with the collection (docs/benchmarks.md, "Semantic search": a median of 26 ms for 20,000 vectors and
  500 ms for 200,000, on one core of a shared machine under a load average of 15).
- :class:`~hrdmap.search.hnsw.HnswNeighbours`: a hierarchical navigable small-world graph (the ``usearch``
  library), approximate: it finds most of the exact nearest (recall@10 measured in docs/benchmarks.md) in a few
  milliseconds at any size, and costs a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]
Keys = NDArray[np.int64]


@runtime_checkable
class Neighbours(Protocol):
    """A collection of keyed vectors that answers "which are nearest to this one?".

    Example::

        found = ExactNeighbours(dim=384)
        found.add(np.arange(len(vectors)), vectors)
        keys, similarities = found.search(query_vector, 10)
    """

    name: str

    def add(self, keys: Keys, vectors: Vectors) -> None:
        """Add ``vectors`` (one row each) under ``keys`` (distinct, not already present)."""
        ...

    def remove(self, keys: Keys) -> None:
        """Forget the vectors of ``keys`` (keys not present are ignored)."""
        ...

    def search(self, vector: Vectors, k: int) -> tuple[Keys, Vectors]:
        """The keys of the ``k`` most similar vectors and their cosine similarities, most similar first."""
        ...

    def save(self, path: Path) -> None:
        """Write the collection to ``path`` (a back-end without files of its own writes nothing)."""
        ...

    def __len__(self) -> int:
        """How many vectors it holds."""
        ...


class ExactNeighbours:
    """Exact search: every vector is compared with the query.

    Args:
        dim: The vectors' dimension.
    """

    name = "exact"

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._keys: Keys = np.zeros(0, np.int64)
        self._vectors: Vectors = np.zeros((0, dim), np.float32)

    @classmethod
    def of(cls, keys: Keys, vectors: Vectors) -> ExactNeighbours:
        """A collection holding ``vectors`` under ``keys`` (the arrays are used as they are, not copied)."""
        out = cls(vectors.shape[1])
        out._keys, out._vectors = keys, vectors
        return out

    def add(self, keys: Keys, vectors: Vectors) -> None:
        """Add ``vectors`` under ``keys``."""
        self._keys = np.concatenate([self._keys, keys.astype(np.int64)])
        self._vectors = np.vstack([self._vectors, vectors.astype(np.float32)])

    def remove(self, keys: Keys) -> None:
        """Forget the vectors of ``keys``."""
        keep = ~np.isin(self._keys, keys)
        self._keys, self._vectors = self._keys[keep], self._vectors[keep]

    def search(self, vector: Vectors, k: int) -> tuple[Keys, Vectors]:
        """The ``k`` most similar, by one matrix-vector product; ties keep the order of the keys."""
        return top_k(self._keys, self._vectors @ vector.astype(np.float32), k)

    def save(self, path: Path) -> None:
        """Nothing to write: the vector index's own files hold the vectors."""

    def __len__(self) -> int:
        return len(self._keys)


def top_k(keys: Keys, similarities: Vectors, k: int) -> tuple[Keys, Vectors]:
    """The ``k`` keys of highest similarity, most similar first (ties: lower position first)."""
    if k <= 0 or not len(keys):
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    if k < len(keys):
        part = np.argpartition(-similarities, k - 1)[:k]
    else:
        part = np.arange(len(keys))
    order = part[np.lexsort((part, -similarities[part]))]
    return keys[order], similarities[order].astype(np.float32)
