"""Nearest-neighbour search over paragraph vectors: exact (numpy) against approximate (HNSW) indexes.

The vectors are real: paragraphs of 40–80 words made of UN General Debate sentences (the generator of
``bench_search.py``, same seed, so the same corpus), embedded by the default embedder (``static-e5``, 384
dimensions); the queries are short passages of other speeches (8–16 words) embedded as e5 "queries", as
``hrdmap search --semantic`` embeds what a user types. The vectors are kept in ``--cache`` (float32 ``.npy``)
and reused.

For each library and size it prints recall@10 against exact search (the share of the exact ten nearest that the
index returns; and the share of the returned ten at least as similar as the exact tenth, less 0.001, since many
paragraphs of the generated corpus share sentences and tie), query latency p50/p99 (one query at a time, as a
user searches), build time, index size on disk and the process's resident memory after loading the index.
Exact search is the baseline of the same run. The load average is printed with every figure, since the machine
may be shared.

Run::

    .venv/bin/python bench/bench_ann.py --sizes 100000,1000000 --libraries exact,usearch,hnswlib,faiss
    .venv/bin/python bench/bench_ann.py --sizes 20000 --libraries exact,usearch      # a quick look

``hnswlib`` and ``faiss`` (``faiss-cpu``) are not hrdmap dependencies: install them to compare.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psutil
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import load_speeches, paragraph_texts  # noqa: E402

from hrdmap.analyse.classifier.embedders import get_embedder  # noqa: E402

K = 10
TIE = 1e-3
"""A result this close to the exact 10th nearest's similarity counts as "as near" (float16 keeps ~3 digits)."""
Vectors = NDArray[np.float32]


def load() -> str:
    """The 1, 5 and 15-minute load averages."""
    return "load " + "/".join(f"{value:.1f}" for value in os.getloadavg())


def paragraph_sentences(speeches: list[list[str]], count: int, seed: int) -> Iterator[tuple[int, list[int]]]:
    """The speech and sentences of each paragraph of ``bench_search.paragraph_texts`` (same draws, same seed)."""
    rng = random.Random(seed)
    for _ in range(count):
        speech = rng.randrange(len(speeches))
        sentences = speeches[speech]
        target, words, chosen = rng.randint(40, 80), 0, []
        while words < target:
            index = rng.randrange(len(sentences))
            chosen.append(index)
            words += sentences[index].count(" ") + 1
        yield speech, chosen


def embed_paragraphs(cache: Path, count: int, seed: int) -> Vectors:
    """``count`` paragraph vectors of ``bench_search``'s corpus, from ``cache`` when it holds enough.

    The default embedder's vector of a text is the normalised sum of its words' weighted piece vectors
    (:mod:`hrdmap.analyse.classifier.static_e5`), so a paragraph's vector is the normalised sum of its sentences'
    sums: each of the 165,059 sentences is embedded once, and a million paragraphs cost a million small sums
    instead of a million embeddings (the same vectors to float rounding; checked on the first 2,000).
    """
    if cache.is_file() and len(have := np.load(cache, mmap_mode="r")) >= count:
        return np.asarray(have[:count])
    embedder: Any = get_embedder("static-e5").inner
    speeches = load_speeches()
    offsets = np.cumsum([0, *(len(s) for s in speeches)])
    flat = [sentence for sentences in speeches for sentence in sentences]
    started = time.perf_counter()
    sums = np.zeros((len(flat), embedder.dim), np.float32)
    for start in range(0, len(flat), 256):
        sums[start : start + 256] = embedder._weighted_sums(flat[start : start + 256])
    print(f"  {len(flat):,} sentences embedded in {time.perf_counter() - started:.0f} s ({load()})", flush=True)
    out = np.zeros((count, embedder.dim), np.float32)
    for row, (speech, chosen) in enumerate(paragraph_sentences(speeches, count, seed)):
        out[row] = sums[offsets[speech] + np.asarray(chosen)].sum(axis=0)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    check = embedder.embed(list(itertools.islice(paragraph_texts(speeches, count, seed), 2000)))
    print(f"  largest difference from embedding the first 2,000 whole: {np.abs(check - out[:2000]).max():.2e}")
    np.save(cache, out)
    return out


def query_vectors(count: int, seed: int) -> Vectors:
    """Short passages of speeches, embedded as e5 queries."""
    rng = random.Random(seed)
    speeches = load_speeches()
    texts = []
    for _ in range(count):
        words = " ".join(rng.choice(rng.choice(speeches)) for _ in range(2)).split()
        start = rng.randrange(max(1, len(words) - 16))
        texts.append(" ".join(words[start : start + rng.randint(8, 16)]))
    return get_embedder("static-e5").inner.embed(texts, kind="query")


def exact_top(vectors: Vectors, queries: Vectors, k: int = K, block: int = 200_000) -> NDArray[np.int64]:
    """The exact ``k`` nearest (by cosine: the vectors are normalised) of each query, best first."""
    best = np.zeros((len(queries), 0), np.int64)
    scores = np.zeros((len(queries), 0), np.float32)
    for start in range(0, len(vectors), block):
        part = queries @ vectors[start : start + block].T
        top = np.argpartition(-part, min(k, part.shape[1] - 1), axis=1)[:, :k]
        best = np.hstack([best, top + start])
        scores = np.hstack([scores, np.take_along_axis(part, top, axis=1)])
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    found: NDArray[np.int64] = np.take_along_axis(best, order, axis=1)
    return found


@dataclass
class Built:
    """An index ready to query: how to search one vector, its build seconds and its files."""

    search: Callable[[Vectors], NDArray[np.int64]]
    seconds: float
    tune: Callable[[int], None]
    path: Path
    settings: str


def build_exact(vectors: Vectors, folder: Path) -> Built:
    path = folder / "vectors.npy"
    started = time.perf_counter()
    np.save(path, vectors)
    seconds = time.perf_counter() - started
    held = np.load(path)

    def search(query: Vectors) -> NDArray[np.int64]:
        scores = held @ query
        top = np.argpartition(-scores, K)[:K]
        found: NDArray[np.int64] = top[np.argsort(-scores[top], kind="stable")]
        return found

    return Built(search, seconds, lambda ef: None, path, "float32 matrix, one matrix-vector product")


def build_usearch(vectors: Vectors, folder: Path, dtype: str = "f16") -> Built:
    from usearch.index import Index

    path = folder / f"usearch-{dtype}.bin"
    index = Index(ndim=vectors.shape[1], metric="cos", dtype=dtype, connectivity=16, expansion_add=128)
    started = time.perf_counter()
    for start in range(0, len(vectors), 100_000):
        part = np.ascontiguousarray(vectors[start : start + 100_000])
        index.add(np.arange(start, start + len(part), dtype=np.uint64), part, threads=2)
    index.save(str(path))
    seconds = time.perf_counter() - started
    del index
    view = Index.restore(str(path), view=True)
    assert view is not None

    def tune(ef: int) -> None:
        view.expansion_search = ef  # type: ignore[misc]  # a setter the stubs miss

    def search(query: Vectors) -> NDArray[np.int64]:
        found: NDArray[np.int64] = np.asarray(view.search(query, K).keys, np.int64)
        return found

    return Built(search, seconds, tune, path, f"M=16, ef_add=128, {dtype}, memory-mapped view")


def build_hnswlib(vectors: Vectors, folder: Path) -> Built:
    import hnswlib  # type: ignore[import-untyped, unused-ignore]

    path = folder / "hnswlib.bin"
    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=len(vectors), M=16, ef_construction=128)
    index.set_num_threads(2)
    started = time.perf_counter()
    for start in range(0, len(vectors), 100_000):
        part = np.ascontiguousarray(vectors[start : start + 100_000])
        index.add_items(part, np.arange(start, start + len(part)))
    index.save_index(str(path))
    seconds = time.perf_counter() - started
    del index
    loaded = hnswlib.Index(space="ip", dim=vectors.shape[1])
    loaded.load_index(str(path))
    loaded.set_num_threads(1)

    def search(query: Vectors) -> NDArray[np.int64]:
        labels, _ = loaded.knn_query(query, k=K)
        found: NDArray[np.int64] = np.asarray(labels[0], np.int64)
        return found

    return Built(search, seconds, loaded.set_ef, path, "M=16, ef_construction=128, float32")


def build_faiss(vectors: Vectors, folder: Path) -> Built:
    import faiss

    path = folder / "faiss.bin"
    faiss.omp_set_num_threads(2)
    index = faiss.IndexHNSWFlat(vectors.shape[1], 16, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 128
    started = time.perf_counter()
    for start in range(0, len(vectors), 100_000):
        index.add(np.ascontiguousarray(vectors[start : start + 100_000]))
    faiss.write_index(index, str(path))
    seconds = time.perf_counter() - started
    del index
    loaded: Any = faiss.read_index(str(path), faiss.IO_FLAG_MMAP)
    faiss.omp_set_num_threads(1)

    def tune(ef: int) -> None:
        loaded.hnsw.efSearch = ef

    def search(query: Vectors) -> NDArray[np.int64]:
        _, labels = loaded.search(query[None, :], K)
        found: NDArray[np.int64] = np.asarray(labels[0], np.int64)
        return found

    return Built(search, seconds, tune, path, "IndexHNSWFlat M=16, efConstruction=128, float32")


BUILDERS: dict[str, Callable[[Vectors, Path], Built]] = {
    "exact": build_exact,
    "usearch": build_usearch,
    "usearch-i8": lambda v, f: build_usearch(v, f, "i8"),
    "usearch-f32": lambda v, f: build_usearch(v, f, "f32"),
    "hnswlib": build_hnswlib,
    "faiss": build_faiss,
}


def timed(search: Callable[[Vectors], NDArray[np.int64]], queries: Vectors) -> Iterator[tuple[float, Any]]:
    for query in queries[:20]:
        search(query)  # warm-up: pages of a memory-mapped index come in
    for query in queries:
        started = time.perf_counter()
        found = search(query)
        yield (time.perf_counter() - started) * 1000, found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(name: str, vectors: Vectors, queries: Vectors, truth: NDArray[np.int64], tmp: Path, efs: list[int]) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp, prefix=name))
    before = psutil.Process().memory_info().rss
    built = BUILDERS[name](vectors, folder)
    size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    print(
        f"{name:<12}{len(vectors):>10,}  build {built.seconds:7.1f} s "
        f"({len(vectors) / max(built.seconds, 1e-9):,.0f}/s)"
        f"  disk {size:,.0f} MB  [{built.settings}]  {load()}",
        flush=True,
    )
    for ef in efs if name != "exact" else [0]:
        built.tune(ef)
        latencies, hits, near = [], 0, 0
        for (ms, found), expected, query in zip(timed(built.search, queries), truth, queries, strict=True):
            latencies.append(ms)
            hits += len(set(int(i) for i in found) & set(int(i) for i in expected))
            tenth = float(vectors[expected[-1]] @ query)
            near += int(np.sum(vectors[np.asarray(found, np.int64)] @ query >= tenth - TIE))
        resident = (psutil.Process().memory_info().rss - before) / 1e6
        print(
            f"{name:<12}{len(vectors):>10,}  ef {ef:>4}  recall@10 {hits / (K * len(queries)):.3f}  "
            f"as near as the 10th {near / (K * len(queries)):.3f}  "
            f"p50 {percentile(latencies, 50):7.2f} ms  p99 {percentile(latencies, 99):7.2f} ms  "
            f"rss +{resident:,.0f} MB  {load()}",
            flush=True,
        )
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated vector counts")
    parser.add_argument("--libraries", default="exact,usearch,hnswlib,faiss", help=", ".join(BUILDERS))
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--vectors", type=int, default=0, help="vectors made and cached (default: the largest size)")
    parser.add_argument("--ef", default="64,128,256,512", help="search breadths tried on each ANN index")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "hrdmap-ann-vectors.npy")
    parser.add_argument("--tmp", type=Path, default=None, help="where the indexes are built")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"os.cpu_count() = {os.cpu_count()}; {load()}")
    vectors = embed_paragraphs(args.cache, max(*sizes, args.vectors), args.seed)
    queries = query_vectors(args.queries, args.seed + 1)
    for size in sizes:
        subset = np.ascontiguousarray(vectors[:size])
        started = time.perf_counter()
        truth = exact_top(subset, queries)
        print(f"{size:,} vectors: exact truth for {len(queries)} queries in {time.perf_counter() - started:.1f} s")
        for name in args.libraries.split(","):
            efs = [int(ef) for ef in args.ef.split(",")]
            measure(name, subset, queries, truth, args.tmp or Path(tempfile.gettempdir()), efs)


if __name__ == "__main__":
    main()
