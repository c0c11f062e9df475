"""Ingest and tag throughput: local against the distributed engine with 1 and 2 workers, on the same files.

Each configuration ingests the files into a fresh data folder, then tags that folder with the default taggers:

- **local**: as ``hrdmap ingest`` / ``hrdmap tag`` without an engine (parsing in this process's sandboxed worker);
- **engine ×1**, **engine ×2**: a real ``dask scheduler`` and 1 or 2 ``dask worker`` processes on loopback
  (:class:`hrdmap.engine.loopback.LoopbackCluster`), ``executor=`` its address.

Each run starts warm: the cluster is up, every worker has started its sandboxed parser and loaded the embedder,
and one small file has gone through the cluster (and through the local sandbox) before the clock starts; the
cluster's start is printed apart. Printed: files, pages, paragraphs, seconds, pages/s and paragraphs/s, and each
engine run's ratio to local (above 1: faster than local). Configurations run in turn, ``--rounds`` times (the
order rotated), and the medians are printed too.

On a machine with as many cores as workers plus one, two workers parse twice what one does; on a two-core machine
shared with other work, the engine's overhead (a scheduler, worker processes, bytes sent over TCP, results
pickled back) shows instead: record it as it is, with the load average.

Rerun: ``nice .venv/bin/python bench/bench_engine.py [--rounds 1] [--files DIR ...]`` (default: the real UN PDFs
and reports of ``../shared/data/un-upr-slovenia-docs``, ``un-doc-pdfs`` and ``upr-wg-reports/pdfs``, else the fictional
``examples/corpus``). Figures: docs/benchmarks.md, "The distributed engine".
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.engine import LOCAL
from hrdmap.engine.loopback import LoopbackCluster
from hrdmap.services.ingest import ingest
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace

BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT = (SHARED / "un-upr-slovenia-docs", SHARED / "un-doc-pdfs", SHARED / "upr-wg-reports" / "pdfs")


@dataclass(frozen=True)
class Figures:
    """One configuration's run."""

    files: int
    pages: int
    paragraphs: int
    ingest_seconds: float
    tag_seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.ingest_seconds

    @property
    def paragraphs_per_second(self) -> float:
        return self.paragraphs / self.tag_seconds


def run(folders: Sequence[Path], executor: str, scratch: Path) -> Figures:
    """Ingest ``folders`` into a fresh data folder, then tag it, on ``executor``."""
    with tempfile.TemporaryDirectory(dir=scratch) as home, open_workspace(Settings(home=Path(home))) as ws:
        started = time.perf_counter()
        report = ingest(ws, BENCH, folders, executor=executor)
        ingested = time.perf_counter() - started
        if report.failures:
            print(f"  {len(report.failures)} failures: {report.failures[0].path}: {report.failures[0].reason}")
        pages = sum(d.pages or 0 for d in ws.store.documents.current())
        started = time.perf_counter()
        tagged = tag_documents(ws, BENCH, executor=executor)
        return Figures(len(report.batches[0].items), pages, tagged.paragraphs, ingested, time.perf_counter() - started)


def warm_worker() -> str:
    """On a worker: start its sandboxed parser and load the default embedder (what a first task would pay)."""
    from hrdmap.analyse.classifier.embedders import get_embedder
    from hrdmap.ingest.base import Limits
    from hrdmap.services.parsing import on_worker

    on_worker(b"Warm.\n", "warm.txt", "warm.txt", "0" * 64, Limits())
    get_embedder().embed(["warm"])
    return "warm"


def warm_workers(address: str) -> None:
    """Every worker of the cluster at ``address`` warm (:func:`warm_worker`)."""
    from distributed import Client

    with Client(address, timeout=120, set_as_default=False) as client:  # type: ignore[no-untyped-call, unused-ignore]
        client.run(warm_worker)


def warm_up(executor: str, scratch: Path) -> None:
    """One small file through the parser and the taggers, so that no run pays their start."""
    if executor != LOCAL:
        warm_workers(executor)
    folder = scratch / "warm"
    folder.mkdir(exist_ok=True)
    (folder / "warm.txt").write_text("The Special Rapporteur on human rights defenders visited Ruritania.\n" * 3)
    run([folder], executor, scratch)


def line(name: str, figures: Figures, local: Figures | None) -> str:
    ratio = ""
    if local is not None:
        ratio = (
            f"  × local: ingest {figures.pages_per_second / local.pages_per_second:.2f}, "
            f"tag {figures.paragraphs_per_second / local.paragraphs_per_second:.2f}"
        )
    return (
        f"{name:<10} {figures.files} files {figures.pages} pages {figures.paragraphs} paragraphs: ingest "
        f"{figures.ingest_seconds:.1f} s ({figures.pages_per_second:.2f} pages/s), tag {figures.tag_seconds:.1f} s "
        f"({figures.paragraphs_per_second:,.0f} paragraphs/s){ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--files", type=Path, nargs="*", default=[p for p in DEFAULT if p.is_dir()])
    args = parser.parse_args()
    folders = args.files or [ROOT / "examples" / "corpus"]
    print(f"files: {', '.join(str(f) for f in folders)}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    results: dict[str, list[Figures]] = defaultdict(list)
    names = ["local", "engine ×1", "engine ×2"]
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        for round_ in range(args.rounds):
            order = names[round_ % 3 :] + names[: round_ % 3]
            for name in order:
                results[name].append(configuration(name, folders, scratch))
                print(f"round {round_ + 1} {line(name, results[name][-1], None)}, load {os.getloadavg()[0]:.1f}")
    medians = {name: median(results[name]) for name in names}
    print("medians:")
    for name in names:
        print(line(name, medians[name], None if name == "local" else medians["local"]))


def configuration(name: str, folders: Sequence[Path], scratch: Path) -> Figures:
    if name == "local":
        warm_up(LOCAL, scratch)
        return run(folders, LOCAL, scratch)
    workers = int(name[-1])
    started = time.perf_counter()
    with LoopbackCluster(workers=workers) as cluster:
        print(f"  cluster of {workers} up in {time.perf_counter() - started:.1f} s")
        warm_up(cluster.address, scratch)
        return run(folders, cluster.address, scratch)


def median(runs: Sequence[Figures]) -> Figures:
    return Figures(
        runs[0].files,
        runs[0].pages,
        runs[0].paragraphs,
        statistics.median(r.ingest_seconds for r in runs),
        statistics.median(r.tag_seconds for r in runs),
    )


if __name__ == "__main__":
    main()
