"""Search latency over a large generated corpus: Tantivy against SQLite FTS5, same paragraphs, same queries.

Paragraphs (40–80 words) are drawn from the sentences of the UN General Debate corpus when it is present
(``$HRDMAP_SHARED_DATA/ungdc-2015-2024``), else from a Zipfian synthetic vocabulary. Every 50 paragraphs make
a document with a language (en 60 %, fr 15 %, es 10 %, ar/ru/zh 5 % each: labels only, the text is English),
a year (2015–2024) and a symbol, so the filters have realistic selectivity. Queries mix frequent, medium and
rare words, two-word queries and quoted phrases, each run without a filter and with a language, a year-range
and a symbol filter. Latency is the whole ``backend.search`` call, snippets included. Every query word is
matched in all its forms (exact or stemmed, see ``docs/search.md``), as users' searches are. The load average
is printed before and after each phase, since the figures mean little on a busy machine without it.

Run::

    .venv/bin/python bench/bench_search.py --paragraphs 1000000
    nice -n 10 .venv/bin/python bench/bench_search.py --backends tantivy \\
        --checkpoints 1000000,2000000,5000000,10000000          # one index grown to 10 M, measured on the way
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hrdmap.search import open_backend
from hrdmap.search.analysis import analyse
from hrdmap.search.base import IndexedParagraph, SearchBackend, SearchQuery

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
UNGDC = SHARED / "ungdc-2015-2024" / "ungdc_sessions70-79.jsonl.gz"
PARAGRAPHS_PER_DOCUMENT = 50
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
LANGUAGE_WEIGHTS = (60, 15, 10, 5, 5, 5)
WORD = re.compile(r"[A-Za-z]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
KINDS = ("frequent", "medium", "rare", "two words", "phrase")
FILTERS = ("none", "language", "years", "symbol")


@dataclass(frozen=True)
class DocumentMeta:
    language: str
    year: int
    symbol: str


def load_speeches() -> list[list[str]]:
    """Sentences of each UNGDC speech, or of synthetic speeches when the corpus is absent."""
    if not UNGDC.is_file():
        print(f"{UNGDC} not found: using a Zipfian synthetic vocabulary")
        return synthetic_speeches(random.Random(7))
    speeches = []
    with gzip.open(UNGDC, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = " ".join(json.loads(line)["text"].split())
            sentences = [s for s in SENTENCE_END.split(text) if 5 <= len(s.split()) <= 80]
            if sentences:
                speeches.append(sentences)
    print(f"UNGDC: {len(speeches):,} speeches, {sum(map(len, speeches)):,} sentences")
    return speeches


def synthetic_speeches(rng: random.Random, speeches: int = 2000, vocabulary: int = 50_000) -> list[list[str]]:
    words = [f"w{rank}" for rank in range(1, vocabulary + 1)]
    cumulative: list[float] = []
    total = 0.0
    for rank in range(1, vocabulary + 1):
        total += 1 / rank**1.07
        cumulative.append(total)
    return [
        [" ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 30))) + "." for _ in range(80)]
        for _ in range(speeches)
    ]


def document_metas(count: int, seed: int) -> list[DocumentMeta]:
    rng = random.Random(seed)
    return [
        DocumentMeta(
            language=rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
            year=rng.randint(2015, 2024),
            symbol=f"A/HRC/{rng.randint(28, 58)}/{number}",
        )
        for number in range(count)
    ]


def paragraph_texts(speeches: list[list[str]], count: int, seed: int) -> Iterator[str]:
    """Paragraphs of 40–80 words, each from sentences of one speech (deterministic for a seed)."""
    rng = random.Random(seed)
    for _ in range(count):
        sentences = speeches[rng.randrange(len(speeches))]
        target, words, chosen = rng.randint(40, 80), 0, []
        while words < target:
            sentence = sentences[rng.randrange(len(sentences))]
            chosen.append(sentence)
            words += sentence.count(" ") + 1
        yield " ".join(chosen)


def paragraphs(
    speeches: list[list[str]], metas: list[DocumentMeta], count: int, seed: int
) -> Iterator[IndexedParagraph]:
    for block_id, text in enumerate(paragraph_texts(speeches, count, seed), start=1):
        document = (block_id - 1) // PARAGRAPHS_PER_DOCUMENT
        meta = metas[document]
        yield IndexedParagraph(
            block_id=block_id,
            version_id=document + 1,
            document_id=document + 1,
            text=text,
            language=meta.language,
            symbol=meta.symbol,
            year=meta.year,
        )


def make_queries(speeches: list[list[str]], count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` queries as (kind, text), kinds in equal shares, chosen by document frequency in a sample."""
    rng = random.Random(seed)
    sample = list(paragraph_texts(speeches, 20_000, seed + 1))
    frequency = Counter(term for text in sample for term in set(analyse(text).terms))
    content = [t for t in frequency if t.isalpha() and len(t) >= 5]
    by_kind = {
        "frequent": [t for t in content if frequency[t] >= 0.02 * len(sample)],
        "medium": [t for t in content if 0.001 * len(sample) <= frequency[t] <= 0.01 * len(sample)],
        "rare": [t for t in content if frequency[t] <= 2],
    }
    queries: list[tuple[str, str]] = [("two words", "human rights"), ("phrase", '"human rights"')]
    while len(queries) < count:
        kind = KINDS[len(queries) % len(KINDS)]
        if kind in by_kind:
            queries.append((kind, rng.choice(by_kind[kind])))
            continue
        words = WORD.findall(rng.choice(sample))
        starts = [i for i, word in enumerate(words[:-2]) if len(word) >= 4]
        if kind == "two words" and len(starts) >= 2:
            queries.append((kind, " ".join(words[i] for i in rng.sample(starts, 2))))
        elif kind == "phrase" and starts:
            start = rng.choice(starts)
            queries.append((kind, '"' + " ".join(words[start : start + rng.choice((2, 3))]) + '"'))
    return queries


def query_for(text: str, mode: str, rng: random.Random, metas: list[DocumentMeta]) -> SearchQuery:
    if mode == "language":
        return SearchQuery(text, languages=["fr"])
    if mode == "years":
        return SearchQuery(text, year_from=2018, year_to=2019)
    if mode == "symbol":
        return SearchQuery(text, symbols=[rng.choice(metas).symbol])
    return SearchQuery(text)


def build(name: str, directory: Path, rows: Iterator[IndexedParagraph], batch: int = 10_000) -> float:
    """Index ``rows``; seconds spent in the back-end (generating the paragraphs is not counted)."""
    backend = open_backend(name, directory)
    spent = 0.0
    while chunk := list(itertools.islice(rows, batch)):
        started = time.perf_counter()
        backend.add(chunk)
        spent += time.perf_counter() - started
    started = time.perf_counter()
    backend.commit()
    backend.close()  # Tantivy: waits for merges, as a long-running server would have
    return spent + time.perf_counter() - started


def grow(
    name: str,
    directory: Path,
    rows: Iterator[IndexedParagraph],
    checkpoints: list[int],
    queries: list[tuple[str, str]],
    metas: list[DocumentMeta],
    seed: int,
) -> None:
    """Index ``rows`` in one writer, committing and measuring at each checkpoint (paragraphs indexed so far).

    What a growing corpus sees: the build time so far (the back-end's time, committing and merging included),
    the index size on disk, and the search latencies at that size, printed as soon as each checkpoint is
    reached, so a run stopped part-way still has the figures of the sizes it reached.
    """
    backend = open_backend(name, directory)
    spent, done = 0.0, 0
    for checkpoint in checkpoints:
        while done < checkpoint and (chunk := list(itertools.islice(rows, min(10_000, checkpoint - done)))):
            started = time.perf_counter()
            backend.add(chunk)
            spent += time.perf_counter() - started
            done += len(chunk)
        started = time.perf_counter()
        backend.commit()
        spent += time.perf_counter() - started
        print(
            f"{name}: {done:,} paragraphs indexed in {spent:.0f} s ({done / spent:,.0f}/s), "
            f"{folder_size(directory) / 1e6:,.0f} MB on disk; {load()}",
            flush=True,
        )
        indexed = metas[: done // PARAGRAPHS_PER_DOCUMENT + 1]  # a symbol filter names an indexed document
        report({f"{name}@{done // 1000:,}k": measure(backend, queries, indexed, seed)})
        print(f"{name}: searched at {done:,}; {load()}", flush=True)
    backend.close()


def measure(
    backend: SearchBackend, queries: list[tuple[str, str]], metas: list[DocumentMeta], seed: int
) -> dict[tuple[str, str], list[float]]:
    """Milliseconds per (filter mode, kind); a warm-up pass first, as a running server would be warm."""
    for _, text in queries[:20]:
        backend.search(SearchQuery(text))
    timings: dict[tuple[str, str], list[float]] = {}
    for mode in FILTERS:
        rng = random.Random(seed)
        for kind, text in queries:
            query = query_for(text, mode, rng, metas)
            started = time.perf_counter()
            backend.search(query)
            timings.setdefault((mode, kind), []).append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def load() -> str:
    """The 1, 5 and 15-minute load averages, to judge how busy the machine was."""
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def report(results: dict[str, dict[tuple[str, str], list[float]]]) -> None:
    names = list(results)
    print(
        f"\n{'filter':<10}{'kind':<11}"
        + "".join(f"{n + ' p50':>14}{n + ' p99':>14}" for n in names)
        + ("   ratio p50   ratio p99" if len(names) == 2 else "")
    )
    for mode in FILTERS:
        for kind in (*KINDS, "all"):
            row = f"{mode:<10}{kind:<11}"
            stats = []
            for name in names:
                values = [v for (m, k), vs in results[name].items() if m == mode and kind in (k, "all") for v in vs]
                stats.append((percentile(values, 50), percentile(values, 99)))
                row += f"{stats[-1][0]:>14.2f}{stats[-1][1]:>14.2f}"
            if len(stats) == 2:
                row += f"{stats[1][0] / stats[0][0]:>12.1f}x{stats[1][1] / stats[0][1]:>11.1f}x"
            print(row)
    for name in names:
        every = [v for vs in results[name].values() for v in vs]
        print(
            f"{name}: {len(every)} searches, p50 {percentile(every, 50):.2f} ms, "
            f"p99 {percentile(every, 99):.2f} ms,"
            f" mean {statistics.fmean(every):.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300, help="queries per filter mode")
    parser.add_argument("--backends", default="tantivy,sqlite", help="comma-separated, baseline last")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--tmp", type=Path, default=None, help="where the temporary indexes go")
    parser.add_argument(
        "--checkpoints",
        default="",
        help="comma-separated sizes (e.g. 1000000,2000000,5000000,10000000): one back-end grows one index and is "
        "measured at each size, figures printed as they come",
    )
    args = parser.parse_args()

    speeches = load_speeches()
    metas = document_metas(args.paragraphs // PARAGRAPHS_PER_DOCUMENT + 1, args.seed)
    queries = make_queries(speeches, args.queries, args.seed)
    print(f"{len(queries)} queries x {len(FILTERS)} filter modes; os.cpu_count() = {os.cpu_count()}")
    results: dict[str, dict[tuple[str, str], list[float]]] = {}
    if args.checkpoints:
        checkpoints = sorted(int(size) for size in args.checkpoints.split(","))
        metas = document_metas(checkpoints[-1] // PARAGRAPHS_PER_DOCUMENT + 1, args.seed)
        with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
            for name in args.backends.split(","):
                print(f"{name}: growing to {checkpoints[-1]:,}; {load()}", flush=True)
                rows = paragraphs(speeches, metas, checkpoints[-1], args.seed)
                grow(name, Path(tmp) / name, rows, checkpoints, queries, metas, args.seed)
        return
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for name in args.backends.split(","):
            directory = Path(tmp) / name
            print(f"{name}: building; {load()}")
            seconds = build(name, directory, paragraphs(speeches, metas, args.paragraphs, args.seed))
            print(
                f"{name}: built {args.paragraphs:,} paragraphs in {seconds:.0f} s "
                f"({args.paragraphs / seconds:,.0f}/s), {folder_size(directory) / 1e6:,.0f} MB on disk; {load()}"
            )
            backend = open_backend(name, directory)
            results[name] = measure(backend, queries, metas, args.seed)
            backend.close()
            print(f"{name}: searched; {load()}")
    report(results)


if __name__ == "__main__":
    main()
