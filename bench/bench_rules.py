"""Throughput of rules-only tagging (gazetteer + statement kinds), in paragraphs per second.

Texts: the 27,510 UPR recommendations of ``../shared/data/upr-recommendations`` (short real paragraphs, ~170
characters). Baseline, measured in the same run over the same texts: a bare keyword scan, ``str.lower()`` and
``in`` for each English country name (the cheapest thing that could pass for a gazetteer, with none of its
rules).
Also measured: the same tagging split over two worker processes (the target machine has 2 cores).

Run: ``.venv/bin/python -m bench.bench_rules [--limit N]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.gazetteer import GazetteerTagger
from hrdmap.analyse.taggers.statements import StatementKindTagger

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))


def load_texts(limit: int | None) -> list[str]:
    path = SHARED / "upr-recommendations" / "upr_recommendations_sessions01-15.csv"
    with path.open(encoding="utf-8") as fh:
        texts = [row["Text"] for row in csv.DictReader(fh) if row["Text"].strip()]
    return texts[:limit] if limit else texts


def baseline(texts: list[str]) -> int:
    names = [c.names["en"].lower() for c in gazetteer_data.countries() if "en" in c.names]
    found = 0
    for text in texts:
        low = text.lower()
        found += sum(1 for name in names if name in low)
    return found


def rules(texts: list[str]) -> int:
    gazetteer, statements = GazetteerTagger(), StatementKindTagger()
    passages = [Passage(i, t) for i, t in enumerate(texts)]
    tags = gazetteer.tag(passages)
    kinds = statements.tag(passages)
    return sum(len(a) + len(b) for a, b in zip(tags, kinds, strict=True))


def timed(label: str, func: Callable[[list[str]], int], texts: list[str]) -> float:
    start = time.perf_counter()
    func(texts)
    seconds = time.perf_counter() - start
    rate = len(texts) / seconds
    print(f"{label:<44} {seconds:7.2f} s  {rate:10,.0f} paragraphs/s")
    return rate


def two_workers(texts: list[str]) -> int:
    half = len(texts) // 2
    with ProcessPoolExecutor(2) as pool:
        return sum(pool.map(rules, [texts[:half], texts[half:]]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    texts = load_texts(parser.parse_args().limit)
    print(f"{len(texts)} UPR recommendation texts, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    start = time.perf_counter()
    rules(texts[:1])  # build the automaton once, outside the timings
    print(f"{'automaton build (first use)':<44} {time.perf_counter() - start:7.2f} s")
    base = timed("baseline: lower() + 'in' over country names", baseline, texts)
    one = timed("rules: gazetteer + statement kinds, 1 process", rules, texts)
    two = timed("rules: gazetteer + statement kinds, 2 processes", two_workers, texts)
    print(f"ratio rules/baseline (1 process): {one / base:.2f}; 2 processes: {two / base:.2f}")


if __name__ == "__main__":
    main()
