"""The vector index of a data folder: one embedding per paragraph, for semantic search.

A folder (``$HRDMAP_HOME/vectors/``) of plain files, never pickle::

    manifest.json   format, embedder, dimension, rows committed, the versions held, language and symbol tables,
                    the graph's rows and size; written last, by a rename: it is the commit point
    vectors.f16     one float16 row per paragraph, appended (a memory-mapped matrix)
    entries.bin     one fixed-size record per row: block, version, document, year, language and symbol codes
    live.npy        which rows are current (a replaced version's rows are dead until the next rebuild)
    graph.usearch   an HNSW graph of the live rows (:mod:`hrdmap.search.hnsw`), kept from
                    :data:`GRAPH_FROM` rows on; below that every search is exact

Rows are only ever appended, and readers use the first ``rows`` of the manifest they read, so a search running
while a writer commits sees the old state or the new one, never a mix; what a writer appended before a crash is
beyond ``rows`` and is cut off by the next writer. One writer at a time: the services hold the data folder's
ingest lock.

Searches (:meth:`VectorIndex.nearest`) take the filters of :class:`~hrdmap.search.base.SearchQuery`. With no
graph, or when the filters leave at most :data:`EXACT_UP_TO` rows, the answer is exact; otherwise the graph
gives candidates (more than asked, as many again until enough pass the filters) and their similarities are
recomputed from ``vectors.f16``, so the numbers are the same as exact search's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from hrdmap.search.base import IndexedParagraph, SearchQuery
from hrdmap.search.errors import SearchIndexError
from hrdmap.search.hnsw import HnswNeighbours
from hrdmap.search.neighbours import ExactNeighbours, Keys, Neighbours, Vectors, top_k

FORMAT = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.f16"
ENTRIES = "entries.bin"
LIVE = "live.npy"
GRAPH = "graph.usearch"
GRAPH_FROM = 50_000
"""Live rows from which a graph is kept: below, exact search is as fast (docs/benchmarks.md, "Semantic search")."""
EXACT_UP_TO = 50_000
"""A search whose filters leave at most this many rows is exact, whatever the size of the index."""
MAX_CANDIDATES = 4096
"""The most candidates asked of the graph for a filtered search before it falls back to exact search."""

ENTRY = np.dtype(
    [("block", "<i8"), ("version", "<i8"), ("document", "<i8"), ("year", "<i4"), ("language", "<i4"), ("symbol", "<i4")]
)
NO_VALUE = -1


class VectorIndexError(SearchIndexError):
    """The vector index cannot be opened or used; ``str(error)`` names the folder and what to do."""


@dataclass(frozen=True, slots=True)
class VectorHit:
    """One paragraph found by meaning.

    Attributes:
        block_id: The paragraph's ``blocks.id``.
        similarity: Cosine similarity of its vector with the query's (higher is nearer; at most 1).
    """

    block_id: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Manifest:
    """What ``manifest.json`` records (see the module docstring)."""

    embedder: str
    dim: int
    rows: int = 0
    versions: frozenset[int] = frozenset()
    languages: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    graph_rows: int | None = None
    graph_bytes: int | None = None
    format: int = FORMAT

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "embedder": self.embedder,
            "dim": self.dim,
            "rows": self.rows,
            "versions": sorted(self.versions),
            "languages": list(self.languages),
            "symbols": list(self.symbols),
            "graph_rows": self.graph_rows,
            "graph_bytes": self.graph_bytes,
        }

    @classmethod
    def from_json(cls, raw: Any) -> Manifest:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError(f"format: expected {FORMAT}")
        return cls(
            embedder=str(raw["embedder"]),
            dim=int(raw["dim"]),
            rows=int(raw["rows"]),
            versions=frozenset(int(v) for v in raw["versions"]),
            languages=tuple(map(str, raw["languages"])),
            symbols=tuple(map(str, raw["symbols"])),
            graph_rows=None if raw["graph_rows"] is None else int(raw["graph_rows"]),
            graph_bytes=None if raw["graph_bytes"] is None else int(raw["graph_bytes"]),
        )


@dataclass(slots=True)
class _Pending:
    """What :meth:`VectorIndex.add` and :meth:`VectorIndex.remove_versions` did since the last commit."""

    rows: int = 0
    added: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)


class VectorIndex:
    """Paragraph vectors in a folder, searched by cosine similarity, with the text search's filters.

    Example::

        index = VectorIndex(home / "vectors", embedder="static-e5", dim=384)
        index.add(paragraphs, embedder.embed([p.text for p in paragraphs]))
        index.commit()
        hits = index.nearest(embedder.embed(["reprisals against defenders"], kind="query")[0],
                             SearchQuery("", languages=["en"], limit=10))

    Args:
        directory: The index folder (created on the first commit).
        embedder: The name of the embedder that makes the vectors.
        dim: Its dimension.
        read_only: Never write (a data folder hrdmap cannot write): :meth:`add` and :meth:`commit` refuse.

    Raises:
        VectorIndexError: The folder holds files that cannot be read; rebuild it (``hrdmap reindex``).
    """

    def __init__(self, directory: Path, embedder: str, dim: int, *, read_only: bool = False) -> None:
        self.directory = directory
        self.read_only = read_only
        self._manifest = self._read_manifest() or Manifest(embedder=embedder, dim=dim)
        self.stale = (self._manifest.embedder, self._manifest.dim) != (embedder, dim)
        self._pending = _Pending()
        self._load()

    # -- reading ---------------------------------------------------------------------------------------------

    def _read_manifest(self) -> Manifest | None:
        path = self.directory / MANIFEST
        try:
            return Manifest.from_json(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as error:
            raise self._error(f"{path}: {error}") from None

    def _load(self) -> None:
        """Map the committed rows and read which are live; the graph opens on first use."""
        rows, dim = self._manifest.rows, self._manifest.dim
        self._graph: Neighbours | None = None
        self._exact: ExactNeighbours | None = None
        if rows == 0:
            self._vectors: NDArray[np.float16] = np.zeros((0, dim), np.float16)
            self._entries: NDArray[Any] = np.zeros(0, ENTRY)
            self._live: NDArray[np.bool_] = np.zeros(0, np.bool_)
            return
        try:
            self._vectors = np.memmap(self.directory / VECTORS, np.float16, "r", shape=(rows, dim))
            self._entries = np.memmap(self.directory / ENTRIES, ENTRY, "r", shape=(rows,))
            self._live = np.load(self.directory / LIVE, allow_pickle=False)
        except (OSError, ValueError) as error:
            raise self._error(f"{self.directory}: {error}") from None
        if self._live.shape != (rows,) or self._live.dtype != np.bool_:
            raise self._error(f"{self.directory / LIVE}: expected {rows} flags")

    def _error(self, what: str) -> VectorIndexError:
        return VectorIndexError(f"{what}: cannot read the vector index; run `hrdmap reindex` to rebuild it")

    @property
    def embedder(self) -> str:
        """The embedder whose vectors the index holds."""
        return self._manifest.embedder

    @property
    def versions(self) -> frozenset[int]:
        """The document versions the index holds (committed)."""
        return self._manifest.versions

    def __len__(self) -> int:
        """Live paragraphs (committed)."""
        return int(self._live.sum())

    # -- writing ---------------------------------------------------------------------------------------------

    def add(self, paragraphs: Sequence[IndexedParagraph], vectors: Vectors) -> None:
        """Add paragraphs with their vectors (one row each), visible after :meth:`commit`.

        A version added again replaces what the index held of it: add all of a version's paragraphs before
        committing. A version with no paragraph can be added with none, so that the index records it as held.
        """
        self._writable()
        if len(paragraphs) != len(vectors):
            raise ValueError(f"{len(paragraphs)} paragraphs but {len(vectors)} vectors")
        if not self._pending.rows and not self._pending.added:
            self._truncate()
        records = np.zeros(len(paragraphs), ENTRY)
        for row, paragraph in enumerate(paragraphs):
            records[row] = (
                paragraph.block_id,
                paragraph.version_id,
                paragraph.document_id,
                NO_VALUE if paragraph.year is None else paragraph.year,
                self._code(paragraph.language, "languages"),
                self._code(paragraph.symbol, "symbols"),
            )
        with (self.directory / VECTORS).open("ab") as stream:
            stream.write(np.ascontiguousarray(vectors, np.float16).tobytes())
        with (self.directory / ENTRIES).open("ab") as stream:
            stream.write(records.tobytes())
        self._pending.rows += len(paragraphs)
        self._pending.added.update(int(v) for v in records["version"])

    def hold(self, version_ids: Iterable[int]) -> None:
        """Record versions as held although they add no paragraph (so a sync does not try them again)."""
        self._writable()
        if not self._pending.rows and not self._pending.added:
            self._truncate()
        self._pending.added.update(version_ids)

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        """Remove every paragraph of these versions, at the next :meth:`commit`."""
        self._writable()
        self._pending.removed.update(version_ids)

    def commit(self) -> None:
        """Make additions and removals durable and visible; keep the graph in step (or build it)."""
        self._writable()
        pending, before = self._pending, self._manifest
        if not pending.rows and not pending.added and not pending.removed:
            return
        rows = before.rows + pending.rows
        entries = np.fromfile(self.directory / ENTRIES, ENTRY, count=rows) if rows else np.zeros(0, ENTRY)
        live = np.concatenate([self._live, np.ones(pending.rows, np.bool_)])
        replaced = pending.removed | (pending.added & before.versions)
        live[: before.rows] &= ~np.isin(entries["version"][: before.rows], sorted(replaced))
        live[before.rows :] &= ~np.isin(entries["version"][before.rows :], sorted(pending.removed - pending.added))
        _write_atomically(self.directory / LIVE, lambda path: _save_array(path, live))
        manifest = replace(
            before,
            rows=rows,
            versions=(before.versions - pending.removed) | pending.added,
            languages=(*before.languages, *pending.languages),
            symbols=(*before.symbols, *pending.symbols),
        )
        manifest = self._commit_graph(manifest, live)
        _write_atomically(
            self.directory / MANIFEST, lambda path: path.write_text(json.dumps(manifest.to_json()), "utf-8")
        )
        self._manifest, self._pending = manifest, _Pending()
        self._load()

    def _commit_graph(self, manifest: Manifest, live: NDArray[np.bool_]) -> Manifest:
        """Update the graph (or build it, or drop it below :data:`GRAPH_FROM` rows); the manifest records it."""
        path = self.directory / GRAPH
        if int(live.sum()) < GRAPH_FROM:
            path.unlink(missing_ok=True)
            return replace(manifest, graph_rows=None, graph_bytes=None)
        vectors = np.memmap(self.directory / VECTORS, np.float16, "r", shape=(manifest.rows, manifest.dim))
        graph = self._graph_to_update()
        start = 0 if graph is None else self._manifest.rows
        if graph is None:
            graph = HnswNeighbours(manifest.dim)
        else:
            graph.remove(np.flatnonzero(~live[:start]))
        fresh = start + np.flatnonzero(live[start:])
        for chunk in range(0, len(fresh), 50_000):
            keys = fresh[chunk : chunk + 50_000]
            graph.add(keys, np.asarray(vectors[keys], np.float32))
        _write_atomically(path, graph.save)
        return replace(manifest, graph_rows=manifest.rows, graph_bytes=path.stat().st_size)

    def _graph_to_update(self) -> HnswNeighbours | None:
        """The committed graph loaded for changes, or ``None`` when there is none in step with the rows."""
        before = self._manifest
        path = self.directory / GRAPH
        if before.graph_rows != before.rows or not path.is_file() or path.stat().st_size != before.graph_bytes:
            return None
        try:
            return HnswNeighbours.open(path, before.dim, view=False)
        except SearchIndexError:
            return None  # a damaged graph is built again from the vectors

    def _truncate(self) -> None:
        """Cut off rows a crashed writer appended after the last commit; create the folder when missing."""
        self.directory.mkdir(parents=True, exist_ok=True)
        rows, dim = self._manifest.rows, self._manifest.dim
        for name, size in ((VECTORS, rows * dim * 2), (ENTRIES, rows * ENTRY.itemsize)):
            with (self.directory / name).open("ab") as stream:
                stream.truncate(size)

    def _code(self, value: str | None, table: str) -> int:
        """The code of a language or symbol (folded), added to the pending table when new."""
        if not value:
            return NO_VALUE
        value = value.strip().casefold()
        known: tuple[str, ...] = getattr(self._manifest, table)
        pending: list[str] = getattr(self._pending, table)
        if value in known:
            return known.index(value)
        if value not in pending:
            pending.append(value)
        return len(known) + pending.index(value)

    def _writable(self) -> None:
        if self.read_only:
            raise VectorIndexError(f"{self.directory}: the vector index is read-only here")

    # -- searching -------------------------------------------------------------------------------------------

    def nearest(self, vector: Vectors, query: SearchQuery) -> list[VectorHit]:
        """The paragraphs nearest to ``vector`` that pass ``query``'s filters, nearest first (``query.text`` is
        not read: the caller embedded it)."""
        if self.stale:
            raise VectorIndexError(
                f"{self.directory}: the vector index holds vectors of the embedder {self.embedder!r}; "
                "run `hrdmap reindex` to rebuild it with the one in use"
            )
        if query.limit <= 0 or not len(self._live):
            return []
        vector = np.asarray(vector, np.float32)
        allowed = self._live & self._filter(query)
        count = int(allowed.sum())
        if not count:
            return []
        if self._manifest.graph_rows is None or count <= EXACT_UP_TO:
            keys, similarities = self._exact_search(vector, allowed, count, query.limit)
        else:
            keys, similarities = self._graph_search(vector, allowed, count, query.limit)
        blocks = self._entries["block"][keys]
        return [VectorHit(int(b), float(s)) for b, s in zip(blocks, similarities, strict=True)]

    def _exact_search(self, vector: Vectors, allowed: NDArray[np.bool_], count: int, k: int) -> tuple[Keys, Vectors]:
        if count == int(self._live.sum()):
            if self._exact is None:
                keys = np.flatnonzero(self._live)
                self._exact = ExactNeighbours.of(keys, np.asarray(self._vectors[keys], np.float32))
            return self._exact.search(vector, k)
        keys = np.flatnonzero(allowed)
        return top_k(keys, np.asarray(self._vectors[keys], np.float32) @ vector, k)

    def _graph_search(self, vector: Vectors, allowed: NDArray[np.bool_], count: int, k: int) -> tuple[Keys, Vectors]:
        """Candidates from the graph, widened until ``k`` pass the filters; exact when that takes too many."""
        graph = self._open_graph()
        wanted = max(4 * k, 40)
        while True:
            found, _ = graph.search(vector, min(wanted, MAX_CANDIDATES))
            passing = found[allowed[found]]
            if len(passing) >= k or wanted >= MAX_CANDIDATES or len(found) < wanted:
                break
            wanted *= 4
        if len(passing) < k and count > len(passing):
            return self._exact_search(vector, allowed, count, k)
        return top_k(passing, np.asarray(self._vectors[passing], np.float32) @ vector, k)

    def _open_graph(self) -> Neighbours:
        if self._graph is None:
            path = self.directory / GRAPH
            if not path.is_file() or path.stat().st_size != self._manifest.graph_bytes:
                raise self._error(f"{path}: missing or not the size recorded")
            try:
                self._graph = HnswNeighbours.open(path, self._manifest.dim, view=True)
            except SearchIndexError as error:
                raise self._error(str(error)) from None
        return self._graph

    def _filter(self, query: SearchQuery) -> NDArray[np.bool_]:
        entries = self._entries
        keep = np.ones(len(entries), np.bool_)
        if query.document_ids:
            keep &= np.isin(entries["document"], list(query.document_ids))
        if query.languages:
            keep &= np.isin(entries["language"], _codes(self._manifest.languages, query.languages))
        if query.symbols:
            keep &= np.isin(entries["symbol"], _codes(self._manifest.symbols, query.symbols))
        if query.year_from is not None or query.year_to is not None:
            years = entries["year"]
            keep &= years != NO_VALUE
            if query.year_from is not None:
                keep &= years >= query.year_from
            if query.year_to is not None:
                keep &= years <= query.year_to
        return keep

    def close(self) -> None:
        """Discard what was added and not committed (it is cut off by the next writer) and release the files."""
        self._pending = _Pending()
        self._graph = self._exact = None


def _codes(table: tuple[str, ...], values: Sequence[str]) -> list[int]:
    wanted = {value.strip().casefold() for value in values}
    return [code for code, value in enumerate(table) if value in wanted]


def _save_array(path: Path, array: NDArray[Any]) -> None:
    with path.open("wb") as stream:
        np.save(stream, array, allow_pickle=False)


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` through a temporary file and a rename, so readers see the old file or the new one."""
    temporary = path.with_name(path.name + ".tmp")
    write(temporary)
    os.replace(temporary, path)
